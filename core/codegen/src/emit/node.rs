//! The npm package's view of the catalog (`node/generated/`): the enumerations as frozen objects, every entry as
//! frozen data indexed by entry id, the CubeFS version names and the catalog fingerprint (`catalog.js`), and their
//! TypeScript declarations (`catalog.d.ts`, re-exported by the hand-written `node/index.d.ts`). Every field of
//! `catalog/fields.toml` becomes a property with its declared type, named in camelCase (or as its `rename.node`
//! says); nothing here names a field except [`PUBLISHED_ALIASES`].

use std::fmt::Write;

use super::{camel, header, pascal, GeneratedFile};
use crate::fields::{EnumDesc, Field, FieldType, Record, System};
use crate::records::{rows, Value};
use crate::Catalog;

/// Properties the package published before `fields.toml` described the records, kept (deprecated) beside the
/// field they copy: `(record, property, field)`.
const PUBLISHED_ALIASES: &[(&str, &str, &str)] = &[
    ("KouplelessEntry", "type", "error_type"),
    ("KouplelessEntry", "code", "default_code"),
];

/// The property name of a field.
fn property_name(field: &Field) -> String {
    field
        .renamed("node")
        .map_or_else(|| camel(&field.name), str::to_string)
}

/// A JavaScript string literal (valid JSON too).
fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{7f}' => {
                write!(out, "\\u{:04x}", c as u32).unwrap()
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A documentation comment, safe inside `/** */`.
fn doc(indent: &str, text: &str) -> String {
    format!("{indent}/** {} */\n", text.replace("*/", "*\\/"))
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!("f([{}])", items.into_iter().collect::<Vec<_>>().join(", "))
}

fn value(cat: &Catalog, ty: &FieldType, v: &Value) -> String {
    let text = |t: &crate::model::Text| format!("t({}, {})", js(&t.en), js(&t.zh));
    let name = |i: usize| {
        let (FieldType::Enum(e) | FieldType::EnumList(e)) = ty else {
            unreachable!("only enumeration fields hold indices")
        };
        js(&cat.fields.enumeration(e).values[i].0)
    };
    match v {
        Value::Str(s) => js(s),
        Value::OptStr(s) => s.as_deref().map_or("null".into(), js),
        Value::Text(t) => text(t),
        Value::OptText(t) => t.as_ref().map_or("null".into(), text),
        Value::Bool(b) => b.to_string(),
        Value::U16(n) => n.to_string(),
        Value::OptU16(n) => n.map_or("null".into(), |n| n.to_string()),
        Value::StrList(items) => list(items.iter().map(|s| js(s))),
        Value::Enum(i) => name(*i),
        Value::EnumList(items) => list(items.iter().map(|&i| name(i))),
        Value::Versions(bits) => list(crate::records::versions_in(cat, *bits).map(|v| js(v))),
    }
}

fn ts_type(ty: &FieldType) -> String {
    match ty {
        FieldType::Str => "string".into(),
        FieldType::OptStr => "string | null".into(),
        FieldType::Text => "Text".into(),
        FieldType::OptText => "Text | null".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::U16 => "number".into(),
        FieldType::OptU16 => "number | null".into(),
        FieldType::StrList => "Array<string>".into(),
        FieldType::Versions => "Array<Version>".into(),
        FieldType::Enum(e) => e.clone(),
        FieldType::EnumList(e) => format!("Array<{e}>"),
    }
}

/// The records in entry-id order: Koupleless entries first, then the blobstore's (`Entry::id` in the core).
fn records(cat: &Catalog) -> [&Record; 2] {
    [
        cat.fields.record(System::Koupleless),
        cat.fields.record(System::Blobstore),
    ]
}

fn aliases(record: &Record) -> impl Iterator<Item = (&'static str, usize)> + '_ {
    PUBLISHED_ALIASES
        .iter()
        .filter(move |(r, _, _)| *r == record.name)
        .filter_map(move |(_, property, field)| {
            Some((
                *property,
                record.fields.iter().position(|f| f.name == *field)?,
            ))
        })
}

/// The files of `node/generated/`.
pub fn files(cat: &Catalog) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile {
            path: "node/generated/catalog.js".into(),
            content: data(cat),
        },
        GeneratedFile {
            path: "node/generated/catalog.d.ts".into(),
            content: declarations(cat),
        },
    ]
}

/// `node/generated/catalog.js`.
fn data(cat: &Catalog) -> String {
    let mut out = header("//");
    out.push_str(
        "'use strict'\n// The catalog as the npm package sees it: enumerations, entries by entry id, versions, fingerprint.\n\
         const f = Object.freeze\nconst t = (en, zh) => f({ en, zh })\n\n",
    );
    let mut names = Vec::new();
    for e in &cat.fields.enums {
        let members: Vec<String> = e
            .values
            .iter()
            .map(|(v, _)| format!("{}: {}", pascal(v), js(v)))
            .collect();
        writeln!(out, "const {} = f({{ {} }})", e.name, members.join(", ")).unwrap();
        names.push(e.name.clone());
    }
    let versions = list(cat.blobstore.versions.iter().map(|v| js(v)));
    writeln!(out, "const VERSIONS = {versions}").unwrap();
    writeln!(
        out,
        "const CATALOG_FINGERPRINT = {}\n",
        js(&crate::records::fingerprint(cat))
    )
    .unwrap();
    out.push_str("const ENTRIES = f([\n");
    let mut id = 0;
    for record in records(cat) {
        for row in rows(cat, record) {
            let mut props = vec![
                format!("id: {id}"),
                format!("system: {}", js(record.system.name())),
            ];
            for (field, v) in record.fields.iter().zip(&row) {
                props.push(format!(
                    "{}: {}",
                    property_name(field),
                    value(cat, &field.ty, v)
                ));
            }
            for (property, i) in aliases(record) {
                let field = &record.fields[i];
                props.push(format!("{property}: {}", value(cat, &field.ty, &row[i])));
            }
            writeln!(out, "  f({{ {} }}),", props.join(", ")).unwrap();
            id += 1;
        }
    }
    out.push_str("])\n\n");
    names.extend(["VERSIONS", "CATALOG_FINGERPRINT", "ENTRIES"].map(String::from));
    writeln!(out, "module.exports = {{ {} }}", names.join(", ")).unwrap();
    out
}

fn enum_declaration(out: &mut String, e: &EnumDesc) {
    out.push_str(&doc("", &e.doc));
    let union: Vec<String> = e.values.iter().map(|(v, _)| js(v)).collect();
    writeln!(out, "export type {} = {}", e.name, union.join(" | ")).unwrap();
    out.push_str(&doc("", &e.doc));
    writeln!(out, "export declare const {}: {{", e.name).unwrap();
    for (v, vdoc) in &e.values {
        out.push_str(&doc("  ", vdoc));
        writeln!(out, "  readonly {}: {}", pascal(v), js(v)).unwrap();
    }
    out.push_str("}\n\n");
}

/// `node/generated/catalog.d.ts`.
fn declarations(cat: &Catalog) -> String {
    let mut out = header("//");
    out.push_str("// The types of ./catalog.js, re-exported by the package's index.d.ts.\n\n");
    for e in &cat.fields.enums {
        enum_declaration(&mut out, e);
    }
    let versions: Vec<String> = cat.blobstore.versions.iter().map(|v| js(v)).collect();
    out.push_str(&doc(
        "",
        "A CubeFS version the catalog knows, oldest first (`master` is the newest).",
    ));
    writeln!(out, "export type Version = {}", versions.join(" | ")).unwrap();
    out.push_str(&doc(
        "",
        "Every CubeFS version the catalog knows, oldest first.",
    ));
    out.push_str("export declare const VERSIONS: ReadonlyArray<Version>\n");
    out.push_str(&doc(
        "",
        "The fingerprint of the catalog this package was generated from; the native library must carry the same.",
    ));
    out.push_str("export declare const CATALOG_FINGERPRINT: string\n\n");
    out.push_str(&doc(
        "",
        "A text published in English and Chinese (`zh` is `\"\"` where no Chinese text exists).",
    ));
    out.push_str("export interface Text {\n  readonly en: string\n  readonly zh: string\n}\n\n");
    for record in records(cat) {
        out.push_str(&doc("", &record.doc));
        writeln!(out, "export interface {} {{", record.name).unwrap();
        out.push_str(&doc(
            "  ",
            "The entry id: a small integer naming the entry in this build of the catalog.",
        ));
        out.push_str("  readonly id: number\n");
        out.push_str(&doc("  ", "The system the entry belongs to."));
        writeln!(out, "  readonly system: {}", js(record.system.name())).unwrap();
        for field in &record.fields {
            out.push_str(&doc("  ", &field.doc));
            writeln!(
                out,
                "  readonly {}: {}",
                property_name(field),
                ts_type(&field.ty)
            )
            .unwrap();
        }
        for (property, i) in aliases(record) {
            let field = &record.fields[i];
            let note = format!(
                "@deprecated The same as `{}` (its name before the records were generated).",
                property_name(field)
            );
            out.push_str(&doc("  ", &note));
            writeln!(out, "  readonly {property}: {}", ts_type(&field.ty)).unwrap();
        }
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals() {
        assert_eq!(js("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        assert_eq!(js("中文 \u{2028}"), "\"中文 \\u2028\"");
        assert_eq!(doc("", "a */ b"), "/** a *\\/ b */\n");
    }
}
