//! The committed Kotlin and Swift bindings are what uniffi-bindgen generates from this crate's interface.
//!
//! Generates both into a scratch directory from the cdylib cargo built for this test run and compares them with
//! `kotlin/src/generated/` and `swift/`. `ERRCAT_BLESS_BINDINGS=1` writes them instead (`make uniffi-bindings`).

use std::fs;
use std::path::{Path, PathBuf};

use camino::Utf8PathBuf;
use uniffi::{GenerateOptions, TargetLanguage};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The cdylib of this crate as built for this test run: cargo writes it beside the test binary
/// (`target/<profile>/deps/`), and only `cargo build` copies it up to `target/<profile>/`, so that copy may be stale.
fn cdylib() -> Utf8PathBuf {
    let exe = std::env::current_exe().unwrap();
    let lib = exe.parent().unwrap().join(format!(
        "{}errcat_uniffi{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    assert!(lib.exists(), "{} was not built", lib.display());
    Utf8PathBuf::from_path_buf(lib).unwrap()
}

/// (generated file, committed copy), relative to the scratch directory and to the repo root.
const FILES: [(&str, &str); 4] = [
    (
        "io/errcat/kotlin/errcat.kt",
        "kotlin/src/generated/kotlin/io/errcat/kotlin/errcat.kt",
    ),
    ("Errcat.swift", "swift/Errcat.swift"),
    ("ErrcatFFI.h", "swift/ErrcatFFI.h"),
    ("ErrcatFFI.modulemap", "swift/ErrcatFFI.modulemap"),
];

#[test]
fn bindings_have_not_drifted() {
    let scratch = std::env::temp_dir().join(format!("errcat-uniffi-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    let config = repo().join("bindings/uniffi/bindgen.toml");
    uniffi::generate(GenerateOptions {
        languages: vec![TargetLanguage::Kotlin, TargetLanguage::Swift],
        source: cdylib(),
        out_dir: Utf8PathBuf::from_path_buf(scratch.clone()).unwrap(),
        config_override: Some(Utf8PathBuf::from_path_buf(config).unwrap()),
        format: false,
        crate_filter: None,
        metadata_no_deps: true,
    })
    .expect("uniffi-bindgen failed");

    let bless = std::env::var_os("ERRCAT_BLESS_BINDINGS").is_some();
    let mut drifted = Vec::new();
    for (generated, committed) in FILES {
        let fresh = fs::read_to_string(scratch.join(generated)).unwrap();
        let path = repo().join(committed);
        if bless {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &fresh).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            drifted.push(committed);
        }
    }
    let _ = fs::remove_dir_all(&scratch);
    assert!(
        drifted.is_empty(),
        "generated bindings differ from the interface: {drifted:?}; run `make uniffi-bindings` and commit them"
    );
}
