//! A field value as an expression of a JVM language: Java and Kotlin write the same value tree and differ only in
//! their string literals, list constructor, absent number and enum constants.

use crate::fields::{Field, FieldType};
use crate::records::Value;
use crate::Catalog;

/// How one language writes the leaves of a value.
pub struct Syntax<'a> {
    /// A string literal.
    pub lit: fn(&str) -> String,
    /// The function that makes a list of its arguments.
    pub list: &'a str,
    /// An absent 16-bit number.
    pub no_u16: &'a str,
    /// Value `i` of enumeration `e`.
    pub item: &'a dyn Fn(&str, usize) -> String,
}

/// Value `v` of field `f` as an expression.
pub fn value(cat: &Catalog, f: &Field, v: &Value, sx: &Syntax) -> String {
    let lit = sx.lit;
    let list = |items: Vec<String>| format!("{}({})", sx.list, items.join(", "));
    let text = |t: &crate::model::Text| format!("t({}, {})", lit(&t.en), lit(&t.zh));
    match (v, &f.ty) {
        (Value::Str(s), _) => lit(s),
        (Value::OptStr(s), _) => s.as_deref().map_or("null".into(), lit),
        (Value::Text(t), _) => text(t),
        (Value::OptText(t), _) => t.as_ref().map_or("null".into(), text),
        (Value::Bool(b), _) => b.to_string(),
        (Value::U16(n), _) => n.to_string(),
        (Value::OptU16(n), _) => n.map_or(sx.no_u16.into(), |n| n.to_string()),
        (Value::StrList(items), _) => list(items.iter().map(|s| lit(s)).collect()),
        (Value::Versions(bits), _) => list(
            crate::records::versions_in(cat, *bits)
                .map(|v| lit(v))
                .collect(),
        ),
        (Value::Enum(i), FieldType::Enum(e)) => (sx.item)(e, *i),
        (Value::EnumList(items), FieldType::EnumList(e)) => {
            list(items.iter().map(|&i| (sx.item)(e, i)).collect())
        }
        (v, t) => panic!("value {v:?} does not fit type {t:?}"),
    }
}
