//! The value of every described field for every entry: the bridge from the validated catalog to the emitters, which
//! only ever see `(Field, Value)` pairs. A field the validator does not know by name is read from the entry's own
//! table in the catalog file (`extra`) and checked against its declared type, so adding one needs no code here.

use std::collections::BTreeMap;

use crate::fields::{Derive, Field, FieldType, Fields, Record, System};
use crate::model::*;

/// One field's value for one entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    OptStr(Option<String>),
    Text(Text),
    OptText(Option<Text>),
    Bool(bool),
    U16(u16),
    OptU16(Option<u16>),
    StrList(Vec<String>),
    /// Bit i = the i-th version of `Blobstore::versions`.
    Versions(u16),
    /// Index into the enumeration's values.
    Enum(usize),
    EnumList(Vec<usize>),
}

/// The versions a `Value::Versions` holds, in `Blobstore::versions` order.
pub fn versions_in(cat: &Catalog, bits: u16) -> impl Iterator<Item = &String> {
    cat.blobstore
        .versions
        .iter()
        .enumerate()
        .filter(move |(i, _)| bits & (1 << i) != 0)
        .map(|(_, v)| v)
}

/// The entries of `record`'s system, each as its fields' values in declaration order.
pub fn rows(cat: &Catalog, record: &Record) -> Vec<Vec<Value>> {
    match record.system {
        System::Koupleless => cat
            .koupleless
            .entries
            .iter()
            .map(|e| {
                record
                    .fields
                    .iter()
                    .map(|f| koupleless(cat, e, f))
                    .collect()
            })
            .collect(),
        System::Blobstore => cat
            .blobstore
            .codes
            .iter()
            .map(|c| record.fields.iter().map(|f| blobstore(c, f)).collect())
            .collect(),
    }
}

fn koupleless(cat: &Catalog, e: &Entry, f: &Field) -> Value {
    let k = &cat.koupleless;
    match (f.derive, f.name.as_str()) {
        (Some(Derive::Key), _) => {
            Value::Str(format!("{}/{}", k.reporters[e.reporter].name, e.error_type))
        }
        (Some(Derive::DefaultCode), _) => {
            Value::Str(format!("{}.{}", k.sources[e.sources[0]].name, e.error_type))
        }
        (Some(d), _) => panic!("{d:?} does not apply to Koupleless entries"),
        (None, "reporter") => Value::Enum(e.reporter),
        (None, "business_type") => Value::Text(e.business_type.clone()),
        (None, "business_type_cell") => Value::OptStr(e.business_type_cell.clone()),
        (None, "sources") => Value::EnumList(e.sources.clone()),
        (None, "error_type") => Value::Str(e.error_type.clone()),
        (None, "meaning") => Value::Text(e.meaning.clone()),
        (None, "solution") => Value::Text(e.solution.clone()),
        (None, "retryable") => Value::Bool(e.retryable),
        (None, "aliases") => Value::StrList(e.aliases.clone()),
        (None, "notes") => Value::StrList(e.notes.clone()),
        (None, name) => extra(&e.extra, name, &f.ty),
    }
}

fn blobstore(c: &Code, f: &Field) -> Value {
    match (f.derive, f.name.as_str()) {
        (Some(Derive::Key), _) => Value::Str(format!("{}/{}", c.code, c.go_const)),
        (Some(Derive::StatusMeaning), _) => Value::Text(c.description.clone().unwrap_or(Text {
            en: c.message.clone(),
            zh: c.message.clone(),
        })),
        (Some(Derive::StatusRetryable), _) => Value::Bool(matches!(c.retry, 1 | 2)),
        (Some(d), _) => panic!("{d:?} does not apply to blobstore entries"),
        (None, "code") => Value::U16(c.code),
        (None, "service") => Value::Enum(c.service),
        (None, "message") => Value::Str(c.message.clone()),
        (None, "description") => Value::OptText(c.description.clone()),
        (None, "documented") => Value::Bool(c.documented),
        (None, "go_file") => Value::Str(c.go_file.clone()),
        (None, "go_const") => Value::Str(c.go_const.clone()),
        (None, "go_err") => Value::Str(c.go_err.clone()),
        (None, "versions") => Value::Versions(c.versions),
        (None, "renumbered_to") => Value::OptU16(c.renumbered_to),
        (None, "renumbered_from") => Value::OptU16(c.renumbered_from),
        (None, "retry") => Value::Enum(c.retry),
        (None, "notes") => Value::StrList(c.notes.clone()),
        (None, name) => extra(&c.extra, name, &f.ty),
    }
}

/// A field read from the entry's own table. [`check_extras`] has already checked presence and type.
fn extra(table: &BTreeMap<String, toml::Value>, name: &str, ty: &FieldType) -> Value {
    convert(table.get(name), ty).expect("checked by check_extras")
}

/// `raw` as a value of type `ty`, or why not.
fn convert(raw: Option<&toml::Value>, ty: &FieldType) -> Result<Value, String> {
    use toml::Value as T;
    let text = |v: &T| -> Option<Text> {
        let t = v.as_table()?;
        Some(Text {
            en: t.get("en")?.as_str()?.to_string(),
            zh: t
                .get("zh")
                .and_then(T::as_str)
                .unwrap_or_default()
                .to_string(),
        })
    };
    let fail = || Err(format!("is not of type {ty:?}"));
    Ok(match (ty, raw) {
        (FieldType::OptStr, None) => Value::OptStr(None),
        (FieldType::OptText, None) => Value::OptText(None),
        (FieldType::OptU16, None) => Value::OptU16(None),
        (FieldType::StrList, None) => Value::StrList(Vec::new()),
        (FieldType::Bool, None) => Value::Bool(false),
        (_, None) => return Err("is missing".into()),
        (FieldType::Str, Some(T::String(s))) => Value::Str(s.clone()),
        (FieldType::OptStr, Some(T::String(s))) => Value::OptStr(Some(s.clone())),
        (FieldType::Bool, Some(T::Boolean(b))) => Value::Bool(*b),
        (FieldType::U16 | FieldType::OptU16, Some(T::Integer(n))) => match u16::try_from(*n) {
            Ok(n) if *ty == FieldType::U16 => Value::U16(n),
            Ok(n) => Value::OptU16(Some(n)),
            Err(_) => return Err(format!("{n} is not a u16")),
        },
        (FieldType::StrList, Some(T::Array(items))) => {
            match items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect()
            {
                Some(list) => Value::StrList(list),
                None => return fail(),
            }
        }
        (FieldType::Text, Some(v)) => match text(v) {
            Some(t) => Value::Text(t),
            None => return fail(),
        },
        (FieldType::OptText, Some(v)) => match text(v) {
            Some(t) => Value::OptText(Some(t)),
            None => return fail(),
        },
        _ => return fail(),
    })
}

/// Names the validator reads itself, per system: never taken from `extra`.
fn known(system: System) -> &'static [&'static str] {
    match system {
        System::Koupleless => &[
            "reporter",
            "business_type",
            "business_type_cell",
            "sources",
            "type",
            "error_type",
            "meaning",
            "solution",
            "retryable",
            "aliases",
            "notes",
        ],
        System::Blobstore => &[
            "code",
            "service",
            "message",
            "description",
            "documented",
            "go_file",
            "go_const",
            "go_err",
            "since",
            "until",
            "versions",
            "renumbered_to",
            "renumbered_from",
            "retry",
            "notes",
        ],
    }
}

/// Every field an entry writes beyond the known ones must be described in `fields.toml` (and not derived), and
/// every described field must be present (or optional) with its declared type. Problems as `file: entry: problem`.
pub fn check_extras(cat: &Catalog, fields: &Fields) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check =
        |file: &str, what: String, system: System, table: &BTreeMap<String, toml::Value>| {
            let record = fields.record(system);
            for name in table.keys() {
                match record.fields.iter().find(|f| &f.name == name) {
                    None => problems.push(format!(
                    "{file}: {what}: unknown field {name:?} (describe it in catalog/fields.toml)"
                )),
                    Some(f) if f.derive.is_some() => problems.push(format!(
                    "{file}: {what}: field {name:?} is derived; it cannot be written in the catalog"
                )),
                    Some(_) => {}
                }
            }
            for f in &record.fields {
                if f.derive.is_some() || known(system).contains(&f.name.as_str()) {
                    continue;
                }
                if let Err(why) = convert(table.get(&f.name), &f.ty) {
                    problems.push(format!("{file}: {what}: field {:?} {why}", f.name));
                }
            }
        };
    let k = &cat.koupleless;
    for (i, e) in k.entries.iter().enumerate() {
        let what = format!(
            "entry #{} ({}/{})",
            i + 1,
            k.reporters[e.reporter].name,
            e.error_type
        );
        check(
            "catalog/koupleless.toml",
            what,
            System::Koupleless,
            &e.extra,
        );
    }
    for (i, c) in cat.blobstore.codes.iter().enumerate() {
        let what = format!("code #{} ({} {})", i + 1, c.code, c.go_const);
        check("catalog/blobstore.toml", what, System::Blobstore, &c.extra);
    }
    problems
}

/// A short hash of everything the emitters write (every record's rows, every enumeration, the versions): the
/// generated host data and the native library it runs against must carry the same one.
pub fn fingerprint(cat: &Catalog) -> String {
    // FNV-1a, 64 bits: stable across Rust versions, unlike std's hashers.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |text: &str| {
        for b in text.bytes().chain([0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for record in &cat.fields.records {
        eat(&record.name);
        for f in &record.fields {
            eat(&format!("{}:{:?}", f.name, f.ty));
        }
        for row in rows(cat, record) {
            eat(&format!("{row:?}"));
        }
    }
    for e in &cat.fields.enums {
        eat(&format!("{}:{:?}", e.name, e.values));
    }
    eat(&format!("{:?}", cat.blobstore.versions));
    format!("{hash:016x}")
}
