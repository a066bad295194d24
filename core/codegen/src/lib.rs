//! Build-time compiler of errcat's catalog: reads `catalog/koupleless.toml` and `catalog/blobstore.toml`, rejects an
//! invalid catalog with messages that name the file and the entry, and emits the static tables `core` compiles in.
//! `catalog/koupleless-wire.toml` (the classification rules) is validated against the Koupleless catalog and
//! compiled into the same tables (see [`wire`]).

mod emit;
pub mod model;
mod raw;
#[path = "../../src/syntax.rs"]
#[allow(dead_code)]
pub(crate) mod syntax;
mod validate;
pub mod wire;

use std::path::Path;

pub use model::Catalog;

/// Validates the two catalog files given as `(file name, contents)`; every problem found, not just the first.
pub fn validate(koupleless: (&str, &str), blobstore: (&str, &str)) -> Result<Catalog, Vec<String>> {
    let k = validate::koupleless(koupleless.0, koupleless.1);
    let b = validate::blobstore(blobstore.0, blobstore.1);
    match (k, b) {
        (Ok(koupleless), Ok(blobstore)) => Ok(Catalog {
            koupleless,
            blobstore,
            wire: wire::WireRules::default(),
        }),
        (k, b) => Err(k.err().into_iter().chain(b.err()).flatten().collect()),
    }
}

/// Validates the classification rules (`koupleless-wire.toml`, named `file` in messages) against a validated
/// catalog and stores them in it.
pub fn validate_wire(catalog: &mut Catalog, file: &str, source: &str) -> Result<(), Vec<String>> {
    catalog.wire = wire::validate(file, source, &catalog.koupleless)?;
    Ok(())
}

/// Reads and validates `dir/koupleless.toml`, `dir/blobstore.toml` and `dir/koupleless-wire.toml`, naming them
/// `catalog/<file>` in messages.
pub fn load(dir: &Path) -> Result<Catalog, Vec<String>> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| vec![format!("catalog/{name}: cannot read: {e}")])
    };
    let k = read("koupleless.toml")?;
    let b = read("blobstore.toml")?;
    let w = read("koupleless-wire.toml")?;
    let mut catalog = validate(
        ("catalog/koupleless.toml", &k),
        ("catalog/blobstore.toml", &b),
    )?;
    validate_wire(&mut catalog, "catalog/koupleless-wire.toml", &w)?;
    Ok(catalog)
}

/// The Rust source of the static tables for a valid catalog.
pub fn rust_source(catalog: &Catalog) -> String {
    emit::rust(catalog) + &wire::emit::rust(&catalog.wire)
}
