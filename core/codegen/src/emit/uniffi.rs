//! The uniffi view of the catalog: `bindings/uniffi/src/generated.rs`, the record types `KouplelessEntry` and
//! `StatusEntry` (`#[derive(uniffi::Record)]`, an `id` and every field of `catalog/fields.toml`), the `Entry` enum
//! of both, `LocalizedText`, the enumerations the records use, `CatalogNames` (every enumeration's names) and the
//! conversions from the core's `'static` entries. uniffi-bindgen turns them into Kotlin and Swift, so a field added
//! to `fields.toml` reaches both with no hand edit (`make uniffi-bindings`).
//!
//! Names: the snake_case of `fields.toml` (uniffi writes camelCase in Kotlin and Swift), or its `rename.kotlin`
//! (written camelCase, as Kotlin spells it) where a published Kotlin name differs. An enumeration whose values are
//! listed in `fields.toml` (`values`, e.g. `RetryClass`) is a uniffi enum; one whose values come from the catalog
//! (`from`: `Source`, `Reporter`, `Service`) is its name as a string, as the published Kotlin API has it, and its
//! names are listed in `CatalogNames`.

use std::fmt::Write;

use super::{header, pascal};
use crate::fields::{EnumDesc, Field, FieldType, Record};
use crate::records::fingerprint;
use crate::Catalog;

/// `camelCase` (or `snake_case`) → `snake_case`, the Rust spelling uniffi turns back into camelCase.
pub(super) fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A record field's name as uniffi declares it (snake_case; camelCase in Kotlin and Swift).
pub(super) fn field_name(f: &Field) -> String {
    f.renamed("kotlin").map_or_else(|| f.name.clone(), snake)
}

/// Whether enumeration `e` is a uniffi enum (values fixed in `fields.toml`) rather than a name.
pub(super) fn is_uniffi_enum(e: &EnumDesc) -> bool {
    e.from.is_none()
}

/// The uniffi type of a field, and how to convert the core's value `e.<name>` to it.
fn field_type(cat: &Catalog, f: &Field) -> (String, String) {
    let v = format!("e.{}", f.name);
    let names = "iter().map(|x| x.name().to_string()).collect()";
    match &f.ty {
        FieldType::Str => ("String".into(), format!("{v}.to_string()")),
        FieldType::OptStr => ("Option<String>".into(), format!("{v}.map(str::to_string)")),
        FieldType::Text => ("LocalizedText".into(), format!("{v}.into()")),
        FieldType::OptText => (
            "Option<LocalizedText>".into(),
            format!("{v}.map(Into::into)"),
        ),
        FieldType::Bool => ("bool".into(), v),
        // i32, not u16: Kotlin's `Int` (uniffi maps u16 to `UShort`).
        FieldType::U16 => ("i32".into(), format!("i32::from({v})")),
        FieldType::OptU16 => ("Option<i32>".into(), format!("{v}.map(i32::from)")),
        FieldType::StrList => (
            "Vec<String>".into(),
            format!("{v}.iter().map(|s| s.to_string()).collect()"),
        ),
        FieldType::Versions => ("Vec<String>".into(), format!("{v}.{names}")),
        FieldType::Enum(name) if is_uniffi_enum(cat.fields.enumeration(name)) => {
            (name.clone(), format!("{v}.into()"))
        }
        FieldType::Enum(_) => ("String".into(), format!("{v}.name().to_string()")),
        FieldType::EnumList(name) if is_uniffi_enum(cat.fields.enumeration(name)) => (
            format!("Vec<{name}>"),
            format!("{v}.iter().map(|&x| x.into()).collect()"),
        ),
        FieldType::EnumList(_) => ("Vec<String>".into(), format!("{v}.{names}")),
    }
}

fn doc(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        writeln!(out, "{indent}/// {line}").unwrap();
    }
}

/// The uniffi enums the records use, each with its conversion from the core's enum.
fn enums(out: &mut String, cat: &Catalog) {
    let used = |e: &EnumDesc| {
        cat.fields.records.iter().any(|r| {
            r.fields.iter().any(
                |f| matches!(&f.ty, FieldType::Enum(n) | FieldType::EnumList(n) if *n == e.name),
            )
        })
    };
    for e in cat
        .fields
        .enums
        .iter()
        .filter(|e| is_uniffi_enum(e) && used(e))
    {
        doc(out, "", &e.doc);
        writeln!(
            out,
            "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]\npub enum {} {{",
            e.name
        )
        .unwrap();
        for (value, value_doc) in &e.values {
            doc(out, "    ", value_doc);
            writeln!(out, "    {},", pascal(value)).unwrap();
        }
        writeln!(
            out,
            "}}\n\nimpl From<errcat::{0}> for {0} {{\n    fn from(v: errcat::{0}) -> {0} {{\n        match v {{",
            e.name
        )
        .unwrap();
        for (value, _) in &e.values {
            writeln!(
                out,
                "            errcat::{0}::{1} => {0}::{1},",
                e.name,
                pascal(value)
            )
            .unwrap();
        }
        writeln!(out, "        }}\n    }}\n}}\n").unwrap();
    }
}

fn record(out: &mut String, cat: &Catalog, r: &Record) {
    doc(out, "", &r.doc);
    writeln!(
        out,
        "#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]\npub struct {} {{",
        r.name
    )
    .unwrap();
    out.push_str(
        "    /// The entry's id: its index in `entries()`, `0 .. entries().size - 1` (stable in a build of the catalog).\n    pub id: u32,\n",
    );
    for f in &r.fields {
        doc(out, "    ", &f.doc);
        writeln!(out, "    pub {}: {},", field_name(f), field_type(cat, f).0).unwrap();
    }
    writeln!(
        out,
        "}}\n\nimpl From<&'static errcat::{0}> for {0} {{\n    fn from(e: &'static errcat::{0}) -> {0} {{\n        {0} {{\n            id: errcat::Entry::{1}(e).id() as u32,",
        r.name,
        pascal(r.system.name())
    )
    .unwrap();
    for f in &r.fields {
        writeln!(
            out,
            "            {}: {},",
            field_name(f),
            field_type(cat, f).1
        )
        .unwrap();
    }
    writeln!(out, "        }}\n    }}\n}}\n").unwrap();
}

/// The lists of `CatalogNames`: (field, the core's enumeration name, doc), one per enumeration, then the versions.
pub(super) fn name_lists(cat: &Catalog) -> Vec<(String, String, String)> {
    cat.fields
        .enums
        .iter()
        .map(|e| {
            let key = snake(&e.name);
            let plural = if key.ends_with('s') {
                format!("{key}es")
            } else {
                format!("{key}s")
            };
            (plural, key, e.doc.clone())
        })
        .chain(std::iter::once((
            "versions".to_string(),
            "version".to_string(),
            "The CubeFS versions, oldest first (the last is the default of every version argument).".to_string(),
        )))
        .collect()
}

/// `CatalogNames`: one list per enumeration (`sources`, `reporters`, …) and the versions, from the core.
fn names(out: &mut String, cat: &Catalog) {
    let lists = name_lists(cat);
    out.push_str(
        "/// The names of every enumeration, in declaration order: what the indices in answers (a source, a service, a\n\
         /// version) stand for, and the names `Errcat` accepts.\n\
         #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]\npub struct CatalogNames {\n",
    );
    for (plural, _, d) in &lists {
        doc(out, "    ", d);
        writeln!(out, "    pub {plural}: Vec<String>,").unwrap();
    }
    out.push_str("}\n\nimpl CatalogNames {\n    /// The names, from the core (`errcat::boundary::enum_names`).\n    pub fn from_core() -> CatalogNames {\n        let names = |of: &str| -> Vec<String> {\n            let names = errcat::boundary::enum_names(of)\n                .expect(\"fields.toml's enumerations are the core's\");\n            names.into_iter().map(str::to_string).collect()\n        };\n        CatalogNames {\n");
    for (plural, key, _) in &lists {
        writeln!(out, "            {plural}: names({key:?}),").unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
}

/// `ErrcatError`: one variant per error kind of `fields.toml` (`ErrorKind`), each with the core error's message,
/// suggestions and candidates, and the conversion from `errcat::Error`.
fn error(out: &mut String, cat: &Catalog) {
    let kinds = &cat.fields.enumeration("ErrorKind").values;
    out.push_str(
        "/// An errcat failure: the variant is the error kind, the same set in every language. Kotlin raises it as\n\
         /// `ErrcatException.NotFound` etc. (a sealed class), Swift throws `ErrcatError.NotFound`. The message is\n\
         /// `reason` because Kotlin exceptions already have a `message` (uniffi fills it with every field).\n\
         #[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]\npub enum ErrcatError {\n",
    );
    for (kind, kind_doc) in kinds {
        doc(out, "    ", kind_doc);
        writeln!(
            out,
            "    {kind} {{\n        /// What went wrong.\n        reason: String,\n\
             \x20       /// Codes it may have meant, best first (`NotFound`, `InvalidCode`); else empty.\n\
             \x20       suggestions: Vec<String>,\n\
             \x20       /// The entries an ambiguous code could mean (`Ambiguous`); else empty.\n\
             \x20       candidates: Vec<String>,\n    }},"
        )
        .unwrap();
    }
    out.push_str("}\n\n// uniffi requires `std::error::Error` (hence `Display`) on error types.\nimpl std::error::Error for ErrcatError {}\n\n");
    let variants: Vec<String> = kinds
        .iter()
        .map(|(k, _)| format!("ErrcatError::{k} {{ reason, .. }}"))
        .collect();
    writeln!(
        out,
        "impl std::fmt::Display for ErrcatError {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n\
         \x20       match self {{\n            {} => f.write_str(reason),\n        }}\n    }}\n}}\n",
        variants.join("\n            | ")
    )
    .unwrap();
    out.push_str(
        "impl From<errcat::Error> for ErrcatError {\n    fn from(e: errcat::Error) -> ErrcatError {\n\
         \x20       let reason = e.message().to_string();\n\
         \x20       let (suggestions, candidates) = (e.suggestions().to_vec(), e.candidates().to_vec());\n\
         \x20       match e.kind() {\n",
    );
    for (kind, _) in kinds {
        writeln!(
            out,
            "            errcat::ErrorKind::{kind} => ErrcatError::{kind} {{\n                reason,\n                suggestions,\n                candidates,\n            }},"
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
}

/// `bindings/uniffi/src/generated.rs`.
pub fn generated_source(cat: &Catalog) -> String {
    let mut out = header("//");
    out.push_str(
        "//! The catalog's record types as uniffi sees them (from catalog/fields.toml): what Kotlin and Swift get.\n\n\
         /// A text in English and Chinese; `zh` is empty where no Chinese text exists.\n\
         #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]\npub struct LocalizedText {\n\
         \x20   /// English.\n    pub en: String,\n    /// Chinese (简体中文).\n    pub zh: String,\n}\n\n\
         impl From<errcat::Text> for LocalizedText {\n    fn from(t: errcat::Text) -> LocalizedText {\n\
         \x20       LocalizedText {\n            en: t.en.to_string(),\n            zh: t.zh.to_string(),\n        }\n    }\n}\n\n",
    );
    enums(&mut out, cat);
    for r in &cat.fields.records {
        record(&mut out, cat, r);
    }
    out.push_str("/// Any catalog entry.\n#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]\npub enum Entry {\n");
    for r in &cat.fields.records {
        let variant = pascal(r.system.name());
        writeln!(
            out,
            "    /// An entry of the {} system.\n    {variant} {{\n        /// The entry.\n        entry: {},\n    }},",
            r.system.name(),
            r.name
        )
        .unwrap();
    }
    out.push_str("}\n\nimpl From<errcat::Entry> for Entry {\n    fn from(e: errcat::Entry) -> Entry {\n        match e {\n");
    for r in &cat.fields.records {
        let variant = pascal(r.system.name());
        writeln!(
            out,
            "            errcat::Entry::{variant}(e) => Entry::{variant} {{ entry: e.into() }},"
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    names(&mut out, cat);
    error(&mut out, cat);
    writeln!(
        out,
        "/// What the host code was generated from. Made on the host side with its default (no crossing), it carries the\n\
         /// fingerprint of the catalog these bindings were generated for; `Errcat` compares it with the fingerprint of\n\
         /// the library's answer table (a mismatch: the package and its native library were built apart).\n\
         #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]\npub struct Generated {{\n\
         \x20   /// The catalog fingerprint (errcat-codegen's `records::fingerprint`).\n\
         \x20   #[uniffi(default = {:?})]\n    pub catalog_fingerprint: String,\n}}",
        fingerprint(cat)
    )
    .unwrap();
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn snake_case() {
        assert_eq!(super::snake("code"), "code");
        assert_eq!(super::snake("errorType"), "error_type");
        assert_eq!(super::snake("business_type"), "business_type");
    }
}
