//! The validated catalog: names resolved to indices, versions to bit sets. Only `validate` builds it.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

#[derive(Debug)]
pub struct Catalog {
    pub koupleless: Koupleless,
    pub blobstore: Blobstore,
    /// `catalog/fields.toml`, with the catalog-sourced enumerations' values filled in.
    pub fields: crate::fields::Fields,
    /// The classification rules (empty until `validate_wire`).
    pub wire: crate::wire::WireRules,
}

#[derive(Debug)]
pub struct Koupleless {
    pub sources: Vec<Source>,
    pub reporters: Vec<Reporter>,
    pub entries: Vec<Entry>,
}

#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct Reporter {
    pub name: String,
    /// Index into `Koupleless::sources` of the source with the reporter's name.
    pub source: usize,
    pub heading: Text,
    /// (source index, description as seen from this reporter)
    pub sources: Vec<(usize, Text)>,
}

#[derive(Debug)]
pub struct Entry {
    pub reporter: usize,
    pub business_type: Text,
    pub business_type_cell: Option<String>,
    pub sources: Vec<usize>,
    pub error_type: String,
    pub meaning: Text,
    pub solution: Text,
    pub retryable: bool,
    pub aliases: Vec<String>,
    pub notes: Vec<String>,
    /// Fields described in `catalog/fields.toml` that the validator does not know by name.
    pub extra: BTreeMap<String, toml::Value>,
}

#[derive(Debug)]
pub struct Blobstore {
    pub versions: Vec<String>,
    pub services: Vec<Service>,
    pub ranges: Vec<Range>,
    pub codes: Vec<Code>,
}

#[derive(Debug)]
pub struct Service {
    pub name: String,
    pub module: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct Range {
    pub service: usize,
    pub first: u16,
    pub last: u16,
    /// Bit i set = valid in `versions[i]`.
    pub versions: u16,
}

#[derive(Debug)]
pub struct Code {
    pub code: u16,
    pub service: usize,
    pub message: String,
    pub go_file: String,
    pub go_const: String,
    pub go_err: String,
    pub versions: u16,
    pub renumbered_to: Option<u16>,
    pub renumbered_from: Option<u16>,
    pub documented: bool,
    pub description: Option<Text>,
    /// Index into [`RETRY_CLASSES`].
    pub retry: usize,
    pub notes: Vec<String>,
    /// Fields described in `catalog/fields.toml` that the validator does not know by name.
    pub extra: BTreeMap<String, toml::Value>,
}

/// Retry classes in the order of core's `RetryClass` enum.
pub const RETRY_CLASSES: [&str; 4] = ["never", "transient", "overload", "ignore"];

/// Highest blobstore status number a catalog may hold (three decimal digits, like an HTTP status).
pub const MAX_STATUS: u16 = 999;
