//! `catalog/fields.toml`: the record types every language sees, field by field, and the enumerations. Emitters
//! iterate these descriptions; none of them names a field of an entry.

use serde::Deserialize;

/// The parsed and checked description.
#[derive(Debug)]
pub struct Fields {
    pub records: Vec<Record>,
    pub enums: Vec<EnumDesc>,
}

/// One record type (`KouplelessEntry`, `StatusEntry`).
#[derive(Debug)]
pub struct Record {
    pub name: String,
    pub system: System,
    pub doc: String,
    pub fields: Vec<Field>,
}

/// The system a record describes: which catalog file its entries come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Koupleless,
    Blobstore,
}

impl System {
    pub fn name(self) -> &'static str {
        match self {
            System::Koupleless => "koupleless",
            System::Blobstore => "blobstore",
        }
    }
}

#[derive(Debug)]
pub struct Field {
    /// snake_case.
    pub name: String,
    pub ty: FieldType,
    pub doc: String,
    /// How the generator computes it, when it is not read from the catalog.
    pub derive: Option<Derive>,
    /// Its name in a language where it differs from the language's spelling of `name`, by language (`c`, `go`,
    /// `java`, `python`, `node`, `kotlin`): `status_code` in C, where both records share one struct; a name kept
    /// for source compatibility elsewhere.
    pub rename: std::collections::BTreeMap<String, String>,
}

impl Field {
    /// The field's name in `lang` when `fields.toml` renames it there.
    pub fn renamed(&self, lang: &str) -> Option<&str> {
        self.rename.get(lang).map(String::as_str)
    }

    /// The field's name in the C struct `errcat_entry`.
    pub fn c_name(&self) -> &str {
        self.renamed("c").unwrap_or(&self.name)
    }
}

/// The field types of `fields.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    Str,
    OptStr,
    Text,
    OptText,
    Bool,
    U16,
    OptU16,
    StrList,
    Versions,
    /// An enumeration value (its name in `Fields::enums`).
    Enum(String),
    /// A list of enumeration values.
    EnumList(String),
}

/// The derived fields the generator knows how to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// `Reporter/Type` or `number/GoConst`.
    Key,
    /// `DefaultSource.Type`.
    DefaultCode,
    /// The description, else the Go message.
    StatusMeaning,
    /// The retry class is transient or overload.
    StatusRetryable,
}

/// One enumeration: its values in declaration order, each with its documentation.
#[derive(Debug)]
pub struct EnumDesc {
    pub name: String,
    pub doc: String,
    /// `Some("koupleless.source")` when the values come from the catalog.
    pub from: Option<String>,
    pub values: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    record: Vec<RawRecord>,
    #[serde(rename = "enum")]
    enums: Vec<RawEnum>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    name: String,
    system: String,
    doc: String,
    field: Vec<RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    doc: String,
    derive: Option<String>,
    #[serde(default)]
    rename: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnum {
    name: String,
    doc: String,
    from: Option<String>,
    #[serde(default)]
    values: Vec<(String, String)>,
}

/// The languages a field may be renamed in.
const LANGUAGES: [&str; 6] = ["c", "go", "java", "python", "node", "kotlin"];

fn field_type(ty: &str, enums: &[RawEnum]) -> Option<FieldType> {
    let is_enum = |name: &str| enums.iter().any(|e| e.name == name);
    Some(match ty {
        "str" => FieldType::Str,
        "str?" => FieldType::OptStr,
        "text" => FieldType::Text,
        "text?" => FieldType::OptText,
        "bool" => FieldType::Bool,
        "u16" => FieldType::U16,
        "u16?" => FieldType::OptU16,
        "[str]" => FieldType::StrList,
        "versions" => FieldType::Versions,
        t if t.starts_with('[') && t.ends_with(']') && is_enum(&t[1..t.len() - 1]) => {
            FieldType::EnumList(t[1..t.len() - 1].to_string())
        }
        t if is_enum(t) => FieldType::Enum(t.to_string()),
        _ => return None,
    })
}

fn derive(name: &str) -> Option<Derive> {
    Some(match name {
        "key" => Derive::Key,
        "default_code" => Derive::DefaultCode,
        "status_meaning" => Derive::StatusMeaning,
        "status_retryable" => Derive::StatusRetryable,
        _ => return None,
    })
}

fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Parses `fields.toml` (named `file` in messages); every problem found, as `file: what: problem`.
pub fn parse(file: &str, source: &str) -> Result<Fields, Vec<String>> {
    let raw: RawFields = toml::from_str(source)
        .map_err(|e| vec![format!("{file}: not a valid field description: {e}")])?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for r in &raw.record {
        let system = match r.system.as_str() {
            "koupleless" => System::Koupleless,
            "blobstore" => System::Blobstore,
            other => {
                problems.push(format!(
                    "{file}: record {}: unknown system {other:?}",
                    r.name
                ));
                continue;
            }
        };
        let mut fields = Vec::new();
        for f in &r.field {
            let what = format!("{file}: {}.{}", r.name, f.name);
            if !is_snake_case(&f.name) {
                problems.push(format!("{what}: field name is not snake_case"));
            }
            if fields.iter().any(|g: &Field| g.name == f.name) {
                problems.push(format!("{what}: duplicate field"));
            }
            if let Some(lang) = f.rename.keys().find(|l| !LANGUAGES.contains(&l.as_str())) {
                problems.push(format!("{what}: rename for unknown language {lang:?}"));
            }
            let Some(ty) = field_type(&f.ty, &raw.enums) else {
                problems.push(format!("{what}: unknown type {:?}", f.ty));
                continue;
            };
            let derived = match f.derive.as_deref().map(|d| (d, derive(d))) {
                Some((d, None)) => {
                    problems.push(format!("{what}: unknown derivation {d:?}"));
                    continue;
                }
                Some((_, d)) => d,
                None => None,
            };
            fields.push(Field {
                name: f.name.clone(),
                ty,
                doc: f.doc.clone(),
                derive: derived,
                rename: f.rename.clone(),
            });
        }
        records.push(Record {
            name: r.name.clone(),
            system,
            doc: r.doc.clone(),
            fields,
        });
    }
    let enums = raw
        .enums
        .into_iter()
        .map(|e| {
            if e.from.is_some() != e.values.is_empty() {
                problems.push(format!(
                    "{file}: enum {}: give either `from` or `values`",
                    e.name
                ));
            }
            EnumDesc {
                name: e.name,
                doc: e.doc,
                from: e.from,
                values: e.values,
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(Fields { records, enums })
    } else {
        Err(problems)
    }
}

impl Fields {
    /// The record describing `system`'s entries.
    pub fn record(&self, system: System) -> &Record {
        self.records
            .iter()
            .find(|r| r.system == system)
            .expect("fields.toml describes both systems")
    }

    /// The enumeration called `name`.
    pub fn enumeration(&self, name: &str) -> &EnumDesc {
        self.enums
            .iter()
            .find(|e| e.name == name)
            .expect("field types name declared enums")
    }
}
