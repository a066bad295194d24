//! The bodies of errcat's fuzz targets, one module per target, each with `pub fn run(data: &[u8])` that panics
//! when an invariant fails.
//!
//! Two callers run exactly this code: the libFuzzer harnesses in `fuzz_targets/` (nightly, `make fuzz`), and the
//! replay test `audit/tests/fuzz_replay.rs` (stable, `cargo test`), which includes this file by path and feeds
//! every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` to [`TARGETS`]. So a body may use only
//! `errcat`, `errcat_audit`, `flate2`, `serde_json` and `std` (the dependencies the replay test has too), and
//! reaches the shared helpers as `super::support`.
//!
//! Adding a target: see `fuzz/README.md`.

pub mod support;

/// Declares the target modules and the table of them, from one list.
macro_rules! targets {
    ($($name:ident),* $(,)?) => {
        $(pub mod $name;)*

        /// Every target: its name (the cargo-fuzz target, the directory of its corpus and regressions) and its
        /// body.
        pub const TARGETS: &[(&str, fn(&[u8]))] = &[$((stringify!($name), $name::run)),*];
    };
}

targets! {
    code,
    status,
    terminal_safe,
    audit_line,
    audit_json,
    audit_stream,
    audit_gzip,
    api_label,
    trace_log,
    classify,
    partial,
}
