//! Compiles `catalog/*.toml` into static tables (`$OUT_DIR/catalog.rs`); an invalid catalog fails the build with
//! one line per problem, naming file and entry.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../catalog");
    println!("cargo:rerun-if-changed={}", dir.display());
    for name in ["koupleless.toml", "blobstore.toml"] {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
    }
    let catalog = errcat_codegen::load(&dir).unwrap_or_else(|problems| {
        for p in &problems {
            eprintln!("error: {p}");
        }
        panic!(
            "invalid catalog: {} problem(s), listed above",
            problems.len()
        );
    });
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::write(out, errcat_codegen::rust_source(&catalog)).unwrap();
}
