//! Writes the static tables of the C API (`OUT_DIR/data.rs`, by errcat-codegen from catalog/ and the core's answer
//! table), and gives liberrcat.so the soname `liberrcat.so.0` (`make install`'s name), which `-lerrcat` records.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../catalog");
    println!("cargo:rerun-if-changed={}", dir.display());
    let catalog = errcat_codegen::load(&dir).unwrap_or_else(|problems| {
        panic!("invalid catalog:\n{}", problems.join("\n"));
    });
    let data = errcat_codegen::c_data_source(&catalog, errcat_core::boundary::answer_table());
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("data.rs"), data).unwrap();
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liberrcat.so.0");
    }
}
