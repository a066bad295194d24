//! Paths shared by the integration tests: the repo root and `../shared/reference`.

#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/reference/<name>` beside the repository; panics loudly when it is missing.
pub fn reference(name: &str) -> String {
    let path = repo().join("../shared/reference").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the truth tests need ../shared/reference beside the repo; cannot read {}: {e}",
            path.display()
        )
    })
}
