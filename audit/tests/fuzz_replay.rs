//! Replays every committed fuzz input through the same target bodies libFuzzer runs (`fuzz/src/`, included by
//! path): the seed corpora `fuzz/corpus/<target>/` and every crash ever found, `fuzz/regressions/<target>/`. On the
//! stable toolchain, in `cargo test`, in a few seconds. A failure names the target and the file; reproduce it with
//! `cargo test -p errcat-audit --test fuzz_replay` or, under libFuzzer, `make fuzz-repro FILE=<path>`.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod errcat_fuzz;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files under `dir` (recursively), sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("a readable directory").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Runs `target` on every input of `fuzz/<kind>/<target>/`; returns how many there were.
fn replay(kind: &str, target: &str, run: fn(&[u8])) -> usize {
    let inputs = files(&fuzz_dir().join(kind).join(target));
    for path in &inputs {
        let data = std::fs::read(path).expect("a readable input");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(
            outcome.is_ok(),
            "fuzz target {target} fails on {} ({} bytes)",
            path.display(),
            data.len()
        );
    }
    inputs.len()
}

#[test]
fn every_corpus_input_passes() {
    for (target, run) in errcat_fuzz::TARGETS {
        let n = replay("corpus", target, *run);
        assert!(n > 0, "fuzz/corpus/{target}/ has no seed");
    }
}

#[test]
fn every_regression_input_passes() {
    for (target, run) in errcat_fuzz::TARGETS {
        replay("regressions", target, *run);
    }
}

/// Every target in the table has its libFuzzer harness and `[[bin]]`, and every directory of inputs belongs to
/// a target, so that an input never goes unreplayed.
#[test]
fn targets_harnesses_and_inputs_match() {
    let dir = fuzz_dir();
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let names: Vec<&str> = errcat_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    for name in &names {
        assert!(
            manifest.contains(&format!(
                "name = \"{name}\"\npath = \"fuzz_targets/{name}.rs\""
            )),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
        let harness = std::fs::read_to_string(dir.join(format!("fuzz_targets/{name}.rs")))
            .unwrap_or_else(|_| panic!("fuzz/fuzz_targets/{name}.rs is missing"));
        assert!(
            harness.contains(&format!("errcat_fuzz::{name}::run(data)")),
            "fuzz/fuzz_targets/{name}.rs does not run errcat_fuzz::{name}::run"
        );
    }
    assert_eq!(
        manifest.matches("[[bin]]").count(),
        names.len(),
        "a [[bin]] in fuzz/Cargo.toml is not in TARGETS (fuzz/src/lib.rs)"
    );
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(dir.join(kind)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("a readable directory");
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                assert!(
                    names.contains(&name.as_str()),
                    "fuzz/{kind}/{name}/ belongs to no target"
                );
            }
        }
    }
}
