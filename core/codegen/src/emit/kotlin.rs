//! The Kotlin package's catalog data: `kotlin/src/generated/kotlin/io/errcat/kotlin/EntryData.kt`, every entry by
//! entry id as the record types uniffi generates from `bindings/uniffi/src/generated.rs` (`KouplelessEntry`,
//! `StatusEntry`, `LocalizedText`, `RetryClass`, wrapped in `Entry`), the names of every enumeration
//! (`CatalogNames`) and the catalog fingerprint. `Errcat` builds them once, when it loads the answer table, instead
//! of reading them from the library through uniffi's converters (the entries crossing cost most of the table's load
//! in a fresh JVM). Field names are uniffi's: the camelCase of `fields.toml`'s (or its `rename.kotlin`).
//!
//! The generated code calls nothing of the Kotlin standard library (its facades load dozens of classes in a fresh
//! JVM): lists are `java.util` lists, built by the file's own helpers.

use std::fmt::Write;

use super::uniffi::{field_name, is_uniffi_enum, name_lists, snake};
use super::{camel, header, pascal, screaming, GeneratedFile};
use crate::fields::Field;
use crate::records::{fingerprint, rows, Value};
use crate::Catalog;

/// Where the file goes.
pub const PATH: &str = "kotlin/src/generated/kotlin/io/errcat/kotlin/EntryData.kt";

/// Entries per method: each takes about a kilobyte of bytecode, far below the JVM's 64 KB per method.
const CHUNK: usize = 16;

/// A Kotlin string literal: `$` escaped (no template), control characters as `\u` escapes.
fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value as a Kotlin expression of the field's uniffi type.
fn value(cat: &Catalog, f: &Field, v: &Value) -> String {
    let item = |e: &str, i: usize| {
        let desc = cat.fields.enumeration(e);
        let name = &desc.values[i].0;
        if is_uniffi_enum(desc) {
            format!("{e}.{}", screaming(&pascal(name)))
        } else {
            lit(name)
        }
    };
    super::jvm::value(
        cat,
        f,
        v,
        &super::jvm::Syntax {
            lit,
            list: "l",
            no_u16: "null",
            item: &item,
        },
    )
}

/// `EntryData.kt`.
pub fn entry_data(cat: &Catalog) -> String {
    let mut lines = Vec::new();
    for r in &cat.fields.records {
        for row in rows(cat, r) {
            let id = lines.len();
            let values: Vec<String> = r
                .fields
                .iter()
                .zip(&row)
                .map(|(f, v)| format!("{} = {}", camel(&field_name(f)), value(cat, f, v)))
                .collect();
            lines.push(format!(
                "        e[{id}] = Entry.{}({}(id = {id}u, {}))",
                pascal(r.system.name()),
                r.name,
                values.join(", ")
            ));
        }
    }
    let names: Vec<String> = name_lists(cat)
        .iter()
        .map(|(plural, key, _)| {
            let values: Vec<String> = if key == "version" {
                cat.blobstore.versions.iter().map(|v| lit(v)).collect()
            } else {
                let e = cat
                    .fields
                    .enums
                    .iter()
                    .find(|e| snake(&e.name) == *key)
                    .expect("a list per enumeration");
                e.values.iter().map(|(v, _)| lit(v)).collect()
            };
            format!("        {} = l({}),", camel(plural), values.join(", "))
        })
        .collect();
    let chunks: Vec<&[String]> = lines.chunks(CHUNK).collect();
    let mut out = header("//");
    write!(
        out,
        "package io.errcat.kotlin

/**
 * The catalog as data (core/codegen/src/emit/kotlin.rs): every entry by the id the native library gives it, the
 * names of every enumeration and the fingerprint of the catalog it was generated from (the library's answer table
 * must carry the same one). [Errcat] builds them once, with the answer table; each call builds new objects.
 */
internal object EntryData {{
    /** The fingerprint of the catalog (errcat-codegen's `records::fingerprint`). */
    const val FINGERPRINT: String = {fingerprint}

    /** How many entries there are. */
    const val COUNT: Int = {count}

    /** Every entry, by entry id. */
    fun entries(): List<Entry> {{
        val e = arrayOfNulls<Entry>(COUNT)
",
        fingerprint = lit(&fingerprint(cat)),
        count = lines.len(),
    )
    .unwrap();
    for i in 0..chunks.len() {
        writeln!(out, "        chunk{i}(e)").unwrap();
    }
    out.push_str(
        "        @Suppress(\"UNCHECKED_CAST\")\n        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(*e)) as List<Entry>\n    }\n\n",
    );
    writeln!(
        out,
        "    /** The names of every enumeration and the versions, in declaration order. */\n    fun names(): CatalogNames = CatalogNames(\n{}\n    )",
        names.join("\n")
    )
    .unwrap();
    out.push_str(
        "
    private fun t(en: String, zh: String): LocalizedText = LocalizedText(en, zh)

    private fun <T> l(vararg items: T): List<T> = java.util.Collections.unmodifiableList(java.util.Arrays.asList(*items))
",
    );
    for (i, chunk) in chunks.iter().enumerate() {
        writeln!(
            out,
            "\n    private fun chunk{i}(e: Array<Entry?>) {{\n{}\n    }}",
            chunk.join("\n")
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

/// The file, for `generated_files`.
pub fn file(cat: &Catalog) -> GeneratedFile {
    GeneratedFile {
        path: PATH.into(),
        content: entry_data(cat),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn literals() {
        assert_eq!(
            super::lit("a\"b\\c$d\ne\u{1}"),
            "\"a\\\"b\\\\c\\$d\\ne\\u0001\""
        );
    }
}
