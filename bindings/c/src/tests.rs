//! The header's drift. The C API itself is tested from C (bindings/c/tests, under valgrind: `answers.c` checks every
//! answer of the static tables against the core) and from Go, against the built library.

/// The committed header is what cbindgen generates now. `ERRCAT_BLESS_HEADER=1` rewrites it.
#[test]
fn header_has_not_drifted() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let path = dir.join("../../include/errcat.h");
    if std::env::var_os("ERRCAT_BLESS_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/errcat.h differs from what cbindgen generates from bindings/c: run `make c-header` and commit it"
    );
}
