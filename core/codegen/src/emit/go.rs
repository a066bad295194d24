//! The Go module's catalog: `go/catalog_gen.go`, the record types (`KouplelessEntry`, `StatusEntry`, with every
//! field of `catalog/fields.toml`), the enumerations' names as constants and lists, the entries as data by entry
//! id, the versions and the catalog fingerprint. Field names are the PascalCase of `fields.toml`'s (or its
//! `rename.go`).

use std::fmt::Write;

use super::{header, pascal};
use crate::fields::{Field, FieldType};
use crate::records::{fingerprint, rows, Value};
use crate::Catalog;

fn go_name(f: &Field) -> String {
    f.renamed("go")
        .map_or_else(|| pascal(&f.name), str::to_string)
}

fn go_type(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Str | FieldType::OptStr | FieldType::Enum(_) => "string",
        FieldType::Text => "Text",
        FieldType::OptText => "*Text",
        FieldType::Bool => "bool",
        FieldType::U16 | FieldType::OptU16 => "int",
        FieldType::StrList | FieldType::EnumList(_) | FieldType::Versions => "[]string",
    }
}

fn go_doc(f: &Field) -> String {
    let mut doc = f.doc.clone();
    match f.ty {
        FieldType::OptStr => doc.push_str(" \"\" when absent."),
        FieldType::OptText => doc.push_str(" nil when absent."),
        FieldType::OptU16 => doc.push_str(" 0 when absent."),
        FieldType::Enum(ref e) | FieldType::EnumList(ref e) => {
            doc.push_str(&format!(" ({e} names.)"))
        }
        _ => {}
    }
    doc
}

fn quote(s: &str) -> String {
    // Go string literals accept the escapes Rust's Debug writes for these texts (\", \\, \n, \u{..} aside).
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[]string{{{}}}", items.join(", "))
}

fn text(t: &crate::model::Text) -> String {
    format!("Text{{{}, {}}}", quote(&t.en), quote(&t.zh))
}

fn value(cat: &Catalog, f: &Field, v: &Value) -> String {
    let name = |i: usize| {
        let (FieldType::Enum(e) | FieldType::EnumList(e)) = &f.ty else {
            unreachable!()
        };
        cat.fields.enumeration(e).values[i].0.clone()
    };
    match v {
        Value::Str(s) | Value::OptStr(Some(s)) => quote(s),
        Value::OptStr(None) => "\"\"".into(),
        Value::Text(t) => text(t),
        Value::OptText(t) => t.as_ref().map_or("nil".into(), |t| format!("&{}", text(t))),
        Value::Bool(b) => b.to_string(),
        Value::U16(n) => n.to_string(),
        Value::OptU16(n) => n.unwrap_or(0).to_string(),
        Value::StrList(l) => strings(l),
        Value::Enum(i) => quote(&name(*i)),
        Value::EnumList(l) => strings(&l.iter().map(|&i| name(i)).collect::<Vec<_>>()),
        Value::Versions(bits) => strings(
            &crate::records::versions_in(cat, *bits)
                .cloned()
                .collect::<Vec<_>>(),
        ),
    }
}

/// `go/catalog_gen.go`.
pub fn catalog(cat: &Catalog) -> String {
    let mut out = header("//");
    out.push_str("\npackage errcat\n\n");
    writeln!(out, "// CatalogFingerprint names this build of the catalog; the linked library must carry the same one.").unwrap();
    writeln!(
        out,
        "const CatalogFingerprint = {}\n",
        quote(&fingerprint(cat))
    )
    .unwrap();
    writeln!(
        out,
        "// Versions are the CubeFS versions the catalog knows, oldest first."
    )
    .unwrap();
    writeln!(out, "var Versions = {}\n", strings(&cat.blobstore.versions)).unwrap();
    writeln!(out, "// Text is a catalog text in English and Chinese; Zh is empty where no Chinese text exists.").unwrap();
    writeln!(out, "type Text struct {{\n\tEn string\n\tZh string\n}}\n").unwrap();
    for e in &cat.fields.enums {
        let plural = match e.name.as_str() {
            "RetryClass" => "RetryClasses".to_string(),
            "ErrorKind" => continue, // the package's Kind type carries these
            name => format!("{name}s"),
        };
        writeln!(
            out,
            "// {plural}: {} Every name, in declaration order.",
            e.doc
        )
        .unwrap();
        let names: Vec<String> = e.values.iter().map(|(v, _)| v.clone()).collect();
        writeln!(out, "var {plural} = {}\n", strings(&names)).unwrap();
        for (v, doc) in &e.values {
            writeln!(
                out,
                "// {}{} is {} {doc}\nconst {}{} = {}\n",
                e.name,
                pascal(v),
                quote(v),
                e.name,
                pascal(v),
                quote(v)
            )
            .unwrap();
        }
    }
    for record in &cat.fields.records {
        writeln!(
            out,
            "// {} {}",
            record.name,
            record
                .doc
                .trim_start_matches("A ")
                .trim_start_matches("An ")
        )
        .unwrap();
        writeln!(out, "type {} struct {{", record.name).unwrap();
        // A blank line after each field: gofmt aligns nothing across them, so the output is gofmt's.
        for (i, f) in record.fields.iter().enumerate() {
            let gap = if i + 1 < record.fields.len() {
                "\n"
            } else {
                ""
            };
            writeln!(
                out,
                "\t// {} {}\n\t{} {}{gap}",
                go_name(f),
                go_doc(f),
                go_name(f),
                go_type(&f.ty)
            )
            .unwrap();
        }
        writeln!(out, "}}\n").unwrap();
    }
    for record in &cat.fields.records {
        writeln!(
            out,
            "var {}Data = [...]{}{{",
            super::camel(&record.name),
            record.name
        )
        .unwrap();
        for row in rows(cat, record) {
            let fields: Vec<String> = record
                .fields
                .iter()
                .zip(&row)
                .map(|(f, v)| format!("{}: {}", go_name(f), value(cat, f, v)))
                .collect();
            writeln!(out, "\t{{{}}},", fields.join(", ")).unwrap();
        }
        writeln!(out, "}}\n").unwrap();
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
