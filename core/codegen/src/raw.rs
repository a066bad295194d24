//! The catalog files as written: serde mirrors of `catalog/*.toml`. Everything optional that the validator must
//! report on (rather than serde) is an `Option`, so a missing field becomes a message naming the entry.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub en: Option<String>,
    pub zh: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KouplelessFile {
    pub source: Vec<RawSource>,
    pub reporter: Vec<RawReporter>,
    pub entry: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub name: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReporter {
    pub name: String,
    pub heading: RawText,
    pub sources: Vec<RawReporterSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReporterSource {
    pub source: String,
    pub en: Option<String>,
    pub zh: Option<String>,
}

/// Fields beyond the ones below are collected in `extra` and checked against `catalog/fields.toml`.
#[derive(Debug, Deserialize)]
pub struct RawEntry {
    pub reporter: String,
    #[serde(default)]
    pub business_type: RawText,
    pub business_type_cell: Option<String>,
    pub sources: Vec<String>,
    #[serde(rename = "type")]
    pub error_type: String,
    #[serde(default)]
    pub meaning: RawText,
    #[serde(default)]
    pub solution: RawText,
    #[serde(default)]
    pub retryable: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlobstoreFile {
    pub versions: Vec<String>,
    pub service: Vec<RawService>,
    pub range: Vec<RawRange>,
    pub code: Vec<RawCode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub name: String,
    pub module: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    pub service: String,
    pub first: u16,
    pub last: u16,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// Fields beyond the ones below are collected in `extra` and checked against `catalog/fields.toml`.
#[derive(Debug, Deserialize)]
pub struct RawCode {
    pub code: u16,
    pub service: Option<String>,
    pub message: String,
    #[serde(default)]
    pub go_file: String,
    #[serde(default)]
    pub go_const: String,
    #[serde(default)]
    pub go_err: String,
    pub since: String,
    pub until: Option<String>,
    pub renumbered_to: Option<u16>,
    pub renumbered_from: Option<u16>,
    #[serde(default)]
    pub documented: bool,
    pub description: Option<RawText>,
    pub retry: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, toml::Value>,
}
