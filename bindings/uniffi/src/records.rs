//! The records (value types) of the interface, built from the core's `'static` catalog data.

use crate::HostString;

/// A text in English and Chinese; `zh` is empty where no Chinese text exists.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedText {
    /// English.
    pub en: String,
    /// Chinese (简体中文).
    pub zh: String,
}

impl From<errcat::Text> for LocalizedText {
    fn from(t: errcat::Text) -> LocalizedText {
        LocalizedText {
            en: t.en.to_string(),
            zh: t.zh.to_string(),
        }
    }
}

fn strings(items: impl IntoIterator<Item = impl ToString>) -> Vec<String> {
    items.into_iter().map(|s| s.to_string()).collect()
}

/// A Koupleless two-level error code entry: one row of a reporter's published table. Key = (reporter, type).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct KouplelessEntry {
    /// A small integer naming the entry in this build of the catalog (stable across calls; a cache key).
    pub id: u32,
    /// `Reporter/Type`, the key the conformance vectors use.
    pub key: String,
    /// The code with the default source, `Source.Type`.
    pub code: String,
    /// The table the row is published in (`Arklet`, `ModuleController`, `KouplelessBoard`).
    pub reporter: String,
    /// Business type.
    pub business_type: LocalizedText,
    /// The published business-type cell when it differs from the business type (`<br />` or empty).
    pub business_type_cell: Option<String>,
    /// Catalogued Level-1 sources; the first is the default.
    pub sources: Vec<String>,
    /// The Level-2 type, canonical (published) spelling.
    pub error_type: String,
    /// Meaning.
    pub meaning: LocalizedText,
    /// Solution as published (may be empty or `-`).
    pub solution: LocalizedText,
    /// Whether the published solution says to retry.
    pub retryable: bool,
    /// Other spellings that resolve to this entry.
    pub aliases: Vec<String>,
    /// Quirks of the published row.
    pub notes: Vec<String>,
}

impl From<&'static errcat::KouplelessEntry> for KouplelessEntry {
    fn from(e: &'static errcat::KouplelessEntry) -> KouplelessEntry {
        let entry = errcat::Entry::Koupleless(e);
        KouplelessEntry {
            id: entry.id() as u32,
            key: entry.key().to_string(),
            code: format!("{}.{}", e.default_source(), e.error_type),
            reporter: e.reporter.name().to_string(),
            business_type: e.business_type.into(),
            business_type_cell: e.business_type_cell.map(str::to_string),
            sources: strings(e.sources.iter().map(|s| s.name())),
            error_type: e.error_type.to_string(),
            meaning: e.meaning.into(),
            solution: e.solution.into(),
            retryable: e.retryable,
            aliases: strings(e.aliases),
            notes: strings(e.notes),
        }
    }
}

/// How a client should treat a blobstore status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RetryClass {
    /// Deterministic: the same request gets the same answer.
    Never,
    /// May succeed when retried (a leader change, a lost connection, a concurrent update).
    Transient,
    /// The service shed load: retry after a backoff.
    Overload,
    /// Not a failure (700 "nothing to do").
    Ignore,
}

impl From<errcat::RetryClass> for RetryClass {
    fn from(r: errcat::RetryClass) -> RetryClass {
        match r {
            errcat::RetryClass::Never => RetryClass::Never,
            errcat::RetryClass::Transient => RetryClass::Transient,
            errcat::RetryClass::Overload => RetryClass::Overload,
            errcat::RetryClass::Ignore => RetryClass::Ignore,
        }
    }
}

/// A CubeFS blobstore status code entry: one (number, Go const, message) as defined in a range of versions.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StatusEntry {
    /// A small integer naming the entry in this build of the catalog (stable across calls; a cache key).
    pub id: u32,
    /// `number/GoConst`, the key the conformance vectors use.
    pub key: String,
    /// The number, written as the HTTP status.
    pub code: i32,
    /// The service that defines it.
    pub service: String,
    /// The exact Go error message; empty where Go has none (829).
    pub message: String,
    /// The published description, where there is one.
    pub description: Option<LocalizedText>,
    /// The description where there is one, else the Go message (per language).
    pub meaning: LocalizedText,
    /// Whether the published status-code doc lists it.
    pub documented: bool,
    /// `blobstore/common/errors/<go_file>.go`.
    pub go_file: String,
    /// The Go const (`CodeAccessLimited`).
    pub go_const: String,
    /// The Go error variable (`ErrAccessLimited`); empty where there is none.
    pub go_err: String,
    /// The CubeFS versions in which this exact entry is defined, oldest first.
    pub versions: Vec<String>,
    /// The same set as text: `v3.2.0..v3.5.0`, `master`.
    pub validity: String,
    /// The number it was moved to in a later version (552 → 429).
    pub renumbered_to: Option<i32>,
    /// The number it had in an earlier version (429 ← 552).
    pub renumbered_from: Option<i32>,
    /// How a client should treat it.
    pub retry: RetryClass,
    /// Whether a client should retry (transient or overload).
    pub retryable: bool,
    /// Quirks worth knowing.
    pub notes: Vec<String>,
}

impl From<&'static errcat::StatusEntry> for StatusEntry {
    fn from(e: &'static errcat::StatusEntry) -> StatusEntry {
        let entry = errcat::Entry::Blobstore(e);
        StatusEntry {
            id: entry.id() as u32,
            key: entry.key().to_string(),
            code: i32::from(e.code),
            service: e.service.name().to_string(),
            message: e.message.to_string(),
            description: e.description.map(Into::into),
            meaning: LocalizedText {
                en: e.meaning(errcat::Lang::En).to_string(),
                zh: e.meaning(errcat::Lang::Zh).to_string(),
            },
            documented: e.documented,
            go_file: e.go_file.to_string(),
            go_const: e.go_const.to_string(),
            go_err: e.go_err.to_string(),
            versions: strings(e.versions.iter().map(|v| v.name())),
            validity: e.versions.describe(),
            renumbered_to: e.renumbered_to.map(i32::from),
            renumbered_from: e.renumbered_from.map(i32::from),
            retry: e.retry.into(),
            retryable: e.retry.retryable(),
            notes: strings(e.notes),
        }
    }
}

/// Any catalog entry.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Entry {
    /// A Koupleless two-level code.
    Koupleless {
        /// The entry.
        entry: KouplelessEntry,
    },
    /// A blobstore status code.
    Blobstore {
        /// The entry.
        entry: StatusEntry,
    },
}

impl From<errcat::Entry> for Entry {
    fn from(e: errcat::Entry) -> Entry {
        match e {
            errcat::Entry::Koupleless(e) => Entry::Koupleless { entry: e.into() },
            errcat::Entry::Blobstore(e) => Entry::Blobstore { entry: e.into() },
        }
    }
}

/// A two-level code resolved to its entry by `lookup`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Resolved {
    /// `Source.Type` with the given source and the canonical type spelling.
    pub code: String,
    /// The source given in the code.
    pub source: String,
    /// The entry.
    pub entry: KouplelessEntry,
    /// The alias spelling the code used, when it was not the canonical type.
    pub alias: Option<String>,
    /// Whether the source is not one of the entry's catalogued sources (a valid dynamic combination).
    pub dynamic: bool,
}

impl From<errcat::Resolved> for Resolved {
    fn from(r: errcat::Resolved) -> Resolved {
        Resolved {
            code: r.to_string(),
            source: r.source.name().to_string(),
            entry: r.entry.into(),
            alias: r.alias.map(str::to_string),
            dynamic: r.is_dynamic(),
        }
    }
}

/// A status number resolved at a CubeFS version by `status`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StatusMatch {
    /// The entry (when none is valid at `version`, the nearest one in time).
    pub entry: StatusEntry,
    /// The version asked about.
    pub version: String,
    /// Whether the entry is defined at `version`.
    pub valid: bool,
}

impl From<errcat::StatusMatch> for StatusMatch {
    fn from(m: errcat::StatusMatch) -> StatusMatch {
        StatusMatch {
            entry: m.entry.into(),
            version: m.version.name().to_string(),
            valid: m.valid,
        }
    }
}

/// A syntactically valid two-level code, from `parse` or `compose`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Code {
    /// The Level-1 source.
    pub source: String,
    /// The Level-2 type, as written.
    pub error_type: String,
    /// The code as text, `Source.Type`.
    pub text: String,
}

impl From<errcat::Code<'_>> for Code {
    fn from(c: errcat::Code<'_>) -> Code {
        Code {
            source: c.source().name().to_string(),
            error_type: c.error_type().to_string(),
            text: c.to_string(),
        }
    }
}

/// Which entries `entries` returns. Every field narrows; the default returns everything. A `reporter` implies the
/// Koupleless system; a `service` or `version` implies the blobstore.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct EntryFilter {
    /// `koupleless` or `blobstore`.
    #[uniffi(default = None)]
    pub system: Option<HostString>,
    /// A reporter name (`Arklet`).
    #[uniffi(default = None)]
    pub reporter: Option<HostString>,
    /// A service name (`BlobNode`).
    #[uniffi(default = None)]
    pub service: Option<HostString>,
    /// A CubeFS version (`v3.5.0`, `master`).
    #[uniffi(default = None)]
    pub version: Option<HostString>,
}

/// The names the catalog knows, for menus and validation in the host language.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CatalogNames {
    /// Level-1 sources, in catalog order.
    pub sources: Vec<String>,
    /// Reporters (the Koupleless tables).
    pub reporters: Vec<String>,
    /// Blobstore services.
    pub services: Vec<String>,
    /// CubeFS versions, oldest first (the last is the default of every version argument).
    pub versions: Vec<String>,
}
