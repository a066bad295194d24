//! Build-time compiler of errcat's catalog: reads `catalog/koupleless.toml`, `catalog/blobstore.toml` and the field
//! description `catalog/fields.toml`, rejects an invalid catalog with messages that name the file and the entry, and
//! emits the static tables `core` compiles in plus the generated parts of every binding and host package
//! (see [`generated_files`]). `catalog/koupleless-wire.toml` (the classification rules) is validated against the
//! Koupleless catalog and compiled into the same tables (see [`wire`]).

mod emit;
pub mod fields;
pub mod model;
mod raw;
pub mod records;
#[path = "../../src/boundary/static_map.rs"]
#[allow(dead_code)]
pub(crate) mod static_map;
#[path = "../../src/syntax.rs"]
#[allow(dead_code)]
pub(crate) mod syntax;
mod validate;
pub mod wire;

use std::path::Path;

pub use emit::{generated_files, GeneratedFile};
pub use model::Catalog;

/// The field description the project commits, for callers that validate catalog text without a directory.
pub const FIELDS: &str = include_str!("../../../catalog/fields.toml");

/// The description of the C API (constants, structs, exports), from which `bindings/c/src/generated.rs` is written.
pub const C_API: &str = include_str!("../../../bindings/c/api.toml");

/// Validates the two catalog files given as `(file name, contents)` against the committed field description;
/// every problem found, not just the first.
pub fn validate(koupleless: (&str, &str), blobstore: (&str, &str)) -> Result<Catalog, Vec<String>> {
    validate_with(("catalog/fields.toml", FIELDS), koupleless, blobstore)
}

/// [`validate`] with a field description of its own.
pub fn validate_with(
    fields: (&str, &str),
    koupleless: (&str, &str),
    blobstore: (&str, &str),
) -> Result<Catalog, Vec<String>> {
    let parsed = (
        fields::parse(fields.0, fields.1),
        validate::koupleless(koupleless.0, koupleless.1),
        validate::blobstore(blobstore.0, blobstore.1),
    );
    let (mut fields, koupleless, blobstore) = match parsed {
        (Ok(f), Ok(k), Ok(b)) => (f, k, b),
        (f, k, b) => {
            return Err([f.err(), k.err(), b.err()]
                .into_iter()
                .flatten()
                .flatten()
                .collect())
        }
    };
    fill_enums(&mut fields, &koupleless, &blobstore);
    let catalog = Catalog {
        koupleless,
        blobstore,
        fields,
        wire: wire::WireRules::default(),
    };
    let problems = records::check_extras(&catalog, &catalog.fields);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(problems)
    }
}

/// Validates the classification rules (`koupleless-wire.toml`, named `file` in messages) against a validated
/// catalog and stores them in it.
pub fn validate_wire(catalog: &mut Catalog, file: &str, source: &str) -> Result<(), Vec<String>> {
    catalog.wire = wire::validate(file, source, &catalog.koupleless)?;
    Ok(())
}

/// Gives the enumerations declared `from` the catalog their values and documentation.
fn fill_enums(fields: &mut fields::Fields, k: &model::Koupleless, b: &model::Blobstore) {
    for e in &mut fields.enums {
        let named = |name: &str, note: &Option<String>| {
            let doc = note.clone().unwrap_or_else(|| format!("`{name}`."));
            (name.to_string(), doc)
        };
        match e.from.as_deref() {
            Some("koupleless.source") => {
                e.values = k.sources.iter().map(|s| named(&s.name, &s.note)).collect()
            }
            Some("koupleless.reporter") => {
                e.values = k
                    .reporters
                    .iter()
                    .map(|r| (r.name.clone(), format!("The table \"{}\".", r.heading.en)))
                    .collect()
            }
            Some("blobstore.service") => {
                e.values = b
                    .services
                    .iter()
                    .map(|s| {
                        let doc = match (&s.module, &s.note) {
                            (Some(m), _) => {
                                format!("Blobstore service `{}` (audit-log module `{m}`).", s.name)
                            }
                            (None, Some(note)) => note.clone(),
                            (None, None) => format!("Blobstore service `{}`.", s.name),
                        };
                        (s.name.clone(), doc)
                    })
                    .collect()
            }
            _ => {}
        }
    }
}

/// Reads and validates `dir/fields.toml`, `dir/koupleless.toml`, `dir/blobstore.toml` and
/// `dir/koupleless-wire.toml`, naming them
/// `catalog/<file>` in messages.
pub fn load(dir: &Path) -> Result<Catalog, Vec<String>> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| vec![format!("catalog/{name}: cannot read: {e}")])
    };
    let f = read("fields.toml")?;
    let k = read("koupleless.toml")?;
    let b = read("blobstore.toml")?;
    let w = read("koupleless-wire.toml")?;
    let mut catalog = validate_with(
        ("catalog/fields.toml", &f),
        ("catalog/koupleless.toml", &k),
        ("catalog/blobstore.toml", &b),
    )?;
    validate_wire(&mut catalog, "catalog/koupleless-wire.toml", &w)?;
    Ok(catalog)
}

/// The Rust source of the static tables for a valid catalog (the core's `include!`).
pub fn rust_source(catalog: &Catalog) -> String {
    emit::rust::core(catalog) + &wire::emit::rust(&catalog.wire)
}

/// The source of the C binding's static tables (`bindings/c/build.rs` writes it to `OUT_DIR`): the entries, and
/// every successful answer of the core's answer table (`answers`, its text) with the maps that find them.
pub fn c_data_source(catalog: &Catalog, answers: &str) -> String {
    emit::c::data_source(catalog) + &emit::c_answers::data_source(catalog, answers)
}
