//! The Python view of the catalog, committed as `python/errcat/_generated.py`: the enums, the frozen record
//! dataclasses (`Text` and one class per record of `catalog/fields.toml`, every field typed and documented), every
//! entry as data indexed by entry id, the version names, the catalog fingerprint and the core's cause-depth limit.
//! Nothing in it is written per field: a field added to `fields.toml` and the catalog appears here by itself.

use std::fmt::Write;

use super::header;
use crate::fields::{FieldType, Record, System};
use crate::records::{fingerprint, rows, Value};
use crate::Catalog;

#[path = "../../../src/boundary/limits.rs"]
#[allow(dead_code)]
mod limits;

/// Where the generated module lives.
pub const PATH: &str = "python/errcat/_generated.py";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A Python string literal (double-quoted, UTF-8 source; control characters escaped).
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => write!(out, "\\x{:02x}", c as u32).unwrap(),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                write!(out, "\\u{:04x}", c as u32).unwrap()
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Documentation as the body of a docstring (one line, no triple quote).
fn doc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"")
        .replace('\n', " ")
}

fn tuple(items: Vec<String>) -> String {
    match items.len() {
        0 => "()".into(),
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    }
}

fn py_type(ty: &FieldType) -> String {
    match ty {
        FieldType::Str => "str".into(),
        FieldType::OptStr => "Optional[str]".into(),
        FieldType::Text => "Text".into(),
        FieldType::OptText => "Optional[Text]".into(),
        FieldType::Bool => "bool".into(),
        FieldType::U16 => "int".into(),
        FieldType::OptU16 => "Optional[int]".into(),
        FieldType::StrList | FieldType::Versions => "Tuple[str, ...]".into(),
        FieldType::Enum(e) => e.clone(),
        FieldType::EnumList(e) => format!("Tuple[{e}, ...]"),
    }
}

fn text(t: &crate::model::Text) -> String {
    format!("Text({}, {})", lit(&t.en), lit(&t.zh))
}

fn value(cat: &Catalog, ty: &FieldType, v: &Value) -> String {
    let member = |i: usize| {
        let (FieldType::Enum(e) | FieldType::EnumList(e)) = ty else {
            unreachable!("an enum value of a field of another type")
        };
        format!("{e}.{}", cat.fields.enumeration(e).values[i].0)
    };
    let opt = |o: Option<String>| o.unwrap_or_else(|| "None".into());
    match v {
        Value::Str(s) => lit(s),
        Value::OptStr(s) => opt(s.as_deref().map(lit)),
        Value::Text(t) => text(t),
        Value::OptText(t) => opt(t.as_ref().map(text)),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::U16(n) => n.to_string(),
        Value::OptU16(n) => opt(n.map(|n| n.to_string())),
        Value::StrList(items) => tuple(items.iter().map(|s| lit(s)).collect()),
        Value::Versions(bits) => tuple(
            crate::records::versions_in(cat, *bits)
                .map(|v| lit(v))
                .collect(),
        ),
        Value::Enum(i) => member(*i),
        Value::EnumList(items) => tuple(items.iter().map(|&i| member(i)).collect()),
    }
}

fn enumeration(out: &mut String, name: &str, doc_text: &str, values: &[(String, String)]) {
    writeln!(
        out,
        "\nclass {name}(_Named):\n    \"\"\"{}\"\"\"\n",
        doc(doc_text)
    )
    .unwrap();
    for (value, vdoc) in values {
        assert!(
            !KEYWORDS.contains(&value.as_str()),
            "{name}.{value}: a Python keyword cannot name an enum member"
        );
        writeln!(
            out,
            "    #: {}\n    {value} = {}",
            vdoc.replace('\n', " "),
            lit(value)
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

fn record(out: &mut String, r: &Record) {
    let system = r.system.name();
    writeln!(
        out,
        "\n@dataclass(frozen=True, repr=False)\nclass {}:\n    \"\"\"{}\"\"\"\n\n    \
         system: ClassVar[System] = System.{system}\n    \"\"\"The system the entry belongs to \
         (``System.{system}``).\"\"\"",
        r.name,
        doc(&r.doc)
    )
    .unwrap();
    for f in &r.fields {
        assert!(
            !KEYWORDS.contains(&f.name.as_str()) && f.name != "system",
            "{}.{}: the name is taken in Python",
            r.name,
            f.name
        );
        writeln!(
            out,
            "    {}: {}\n    \"\"\"{}\"\"\"",
            f.name,
            py_type(&f.ty),
            doc(&f.doc)
        )
        .unwrap();
    }
    if r.fields
        .iter()
        .any(|f| f.name == "key" && f.ty == FieldType::Str)
    {
        writeln!(
            out,
            "\n    def __repr__(self) -> str:\n        return f\"{}({{self.key!r}})\"",
            r.name
        )
        .unwrap();
    }
    writeln!(out).unwrap();
}

/// `python/errcat/_generated.py`.
pub fn source(cat: &Catalog) -> String {
    let mut out = header("#");
    let records: Vec<&Record> = [System::Koupleless, System::Blobstore]
        .into_iter()
        .map(|s| cat.fields.record(s))
        .collect();
    let mut names: Vec<String> = cat.fields.enums.iter().map(|e| e.name.clone()).collect();
    names.push("Text".into());
    names.extend(records.iter().map(|r| r.name.clone()));
    names.extend(
        [
            "Entry",
            "ENTRIES",
            "VERSIONS",
            "FINGERPRINT",
            "MAX_CAUSE_DEPTH",
        ]
        .map(String::from),
    );
    let all: Vec<String> = names.iter().map(|n| format!("    {},", lit(n))).collect();
    write!(
        out,
        r#""""The catalog's types and data for Python, generated from catalog/fields.toml and the catalog files by
errcat-codegen (core/codegen/src/emit/python.rs): the enums, the frozen record types, every entry by entry id (the
core's ``Entry::id``), the CubeFS versions, the catalog fingerprint (the native library must carry the same one) and
the core's limit on cause chains."""

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Optional, Tuple, Union

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
{}
]

FINGERPRINT = {}
"""The catalog fingerprint: the native library's answer table must carry the same one."""

MAX_CAUSE_DEPTH = {}
"""The most causes below an error value the core renders (``errcat::boundary::MAX_CAUSE_DEPTH``)."""

VERSIONS: Tuple[str, ...] = {}
"""The CubeFS versions the catalog knows, oldest first; the last is the default."""


class _Named(str, enum.Enum):
    """A member whose value is its name as spelled in the catalog: ``Source.Arklet == "Arklet"``."""

    if TYPE_CHECKING:

        def __new__(cls, value: object) -> Self: ...

    def __str__(self) -> str:
        return str(self.value)

"#,
        all.join("\n"),
        lit(&fingerprint(cat)),
        limits::MAX_CAUSE_DEPTH,
        tuple(cat.blobstore.versions.iter().map(|v| lit(v)).collect()),
    )
    .unwrap();
    for e in &cat.fields.enums {
        enumeration(&mut out, &e.name, &e.doc, &e.values);
    }
    out.push_str(
        "\n@dataclass(frozen=True)\nclass Text:\n    \"\"\"A text published in English and Chinese; ``zh`` is empty \
         where no Chinese text exists.\"\"\"\n\n    en: str\n    \"\"\"English.\"\"\"\n    zh: str\n    \
         \"\"\"Chinese (empty where there is none).\"\"\"\n\n    def __str__(self) -> str:\n        return self.en\n\n",
    );
    for r in &records {
        record(&mut out, r);
    }
    let union: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
    writeln!(
        out,
        "\nEntry = Union[{}]\n\"\"\"Any catalog entry.\"\"\"\n",
        union.join(", ")
    )
    .unwrap();
    for name in &names[..names.len() - 5] {
        writeln!(out, "{name}.__module__ = \"errcat\"").unwrap();
    }
    out.push_str("\nENTRIES: Tuple[Entry, ...] = (\n");
    let mut id = 0;
    for r in &records {
        for row in rows(cat, r) {
            writeln!(out, "    {}(  # {id}", r.name).unwrap();
            for (f, v) in r.fields.iter().zip(&row) {
                writeln!(out, "        {}={},", f.name, value(cat, &f.ty, v)).unwrap();
            }
            out.push_str("    ),\n");
            id += 1;
        }
    }
    out.push_str(")\n\"\"\"Every entry, by entry id: the Koupleless entries, then the blobstore entries.\"\"\"\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(lit("a\"b\\c\n\u{1b}é中"), "\"a\\\"b\\\\c\\n\\x1bé中\"");
        assert_eq!(tuple(vec!["1".into()]), "(1,)");
        assert_eq!(doc("say \"\"\"x\"\"\""), "say \\\"\\\"\\\"x\\\"\\\"\\\"");
    }
}
