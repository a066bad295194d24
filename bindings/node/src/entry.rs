//! Catalog entries as plain JavaScript objects. Each entry crosses the boundary once: the JavaScript half asks
//! for it by id ([`errcat::Entry::id`]) and keeps the frozen object.

use errcat::Entry;
use napi::bindgen_prelude::*;
use napi::Env;
use napi_derive::napi;

use crate::guard::guard;

/// A text published in English and Chinese (`zh` is `""` where no Chinese text exists).
#[napi(object)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl From<errcat::Text> for Text {
    fn from(t: errcat::Text) -> Text {
        Text {
            en: t.en.to_string(),
            zh: t.zh.to_string(),
        }
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A Koupleless two-level error code entry: one row of a reporter's published table.
#[napi(object, use_nullable = true)]
pub struct KouplelessEntry {
    /// Stable index of the entry in this build of the catalog.
    pub id: u32,
    /// `Reporter/Type`, the key the conformance vectors use.
    pub key: String,
    #[napi(ts_type = "'koupleless'")]
    pub system: String,
    /// The table the row is published in: `Arklet`, `ModuleController` or `KouplelessBoard`.
    pub reporter: String,
    /// `Source.Type` with the default (first catalogued) source.
    pub code: String,
    /// Catalogued Level-1 sources; the first is the default.
    pub sources: Vec<String>,
    /// The Level-2 type, canonical (published) spelling.
    #[napi(js_name = "type")]
    pub error_type: String,
    pub business_type: Text,
    /// The published business-type cell when it differs from the business type (`<br />` or empty).
    pub business_type_cell: Option<String>,
    pub meaning: Text,
    pub solution: Text,
    /// Whether the published solution says to retry.
    pub retryable: bool,
    /// Other spellings that resolve to this entry.
    pub aliases: Vec<String>,
    /// Quirks of the published row.
    pub notes: Vec<String>,
}

/// A CubeFS blobstore status code entry: one (number, Go const, message) over a range of versions.
#[napi(object, use_nullable = true)]
pub struct StatusEntry {
    /// Stable index of the entry in this build of the catalog.
    pub id: u32,
    /// `number/GoConst`, the key the conformance vectors use.
    pub key: String,
    #[napi(ts_type = "'blobstore'")]
    pub system: String,
    /// The number, written as the HTTP status.
    pub code: u32,
    /// The service that defines it.
    pub service: String,
    /// The exact Go error message (may be empty).
    pub message: String,
    /// The published description, where there is one.
    pub description: Option<Text>,
    /// The English description, else the Go message.
    pub meaning: String,
    /// Whether the published status-code doc lists it.
    pub documented: bool,
    pub go_file: String,
    pub go_const: String,
    /// The Go error variable; empty where there is none.
    pub go_err: String,
    /// The CubeFS versions in which this entry is defined, oldest first.
    pub versions: Vec<String>,
    /// The number it moved to in a later version.
    pub renumbered_to: Option<u32>,
    /// The number it had in an earlier version.
    pub renumbered_from: Option<u32>,
    #[napi(ts_type = "'never' | 'transient' | 'overload' | 'ignore'")]
    pub retry: String,
    /// Whether a client should retry (transient or overload).
    pub retryable: bool,
    pub notes: Vec<String>,
}

fn koupleless(id: u32, key: String, e: &errcat::KouplelessEntry) -> KouplelessEntry {
    KouplelessEntry {
        id,
        key,
        system: "koupleless".into(),
        reporter: e.reporter.name().into(),
        code: format!("{}.{}", e.default_source().name(), e.error_type),
        sources: e.sources.iter().map(|s| s.name().to_string()).collect(),
        error_type: e.error_type.into(),
        business_type: e.business_type.into(),
        business_type_cell: e.business_type_cell.map(str::to_string),
        meaning: e.meaning.into(),
        solution: e.solution.into(),
        retryable: e.retryable,
        aliases: strings(e.aliases),
        notes: strings(e.notes),
    }
}

fn blobstore(id: u32, key: String, e: &errcat::StatusEntry) -> StatusEntry {
    StatusEntry {
        id,
        key,
        system: "blobstore".into(),
        code: e.code.into(),
        service: e.service.name().into(),
        message: e.message.into(),
        description: e.description.map(Text::from),
        meaning: e.meaning(errcat::Lang::En).into(),
        documented: e.documented,
        go_file: e.go_file.into(),
        go_const: e.go_const.into(),
        go_err: e.go_err.into(),
        versions: e.versions.iter().map(|v| v.name().to_string()).collect(),
        renumbered_to: e.renumbered_to.map(u32::from),
        renumbered_from: e.renumbered_from.map(u32::from),
        retry: e.retry.name().into(),
        retryable: e.retry.retryable(),
        notes: strings(e.notes),
    }
}

/// The id as the JavaScript half sees it.
pub fn id_of(entry: Entry) -> u32 {
    entry.id() as u32
}

/// Number of entries; ids run from 0 to `entryCount() - 1`.
#[napi(skip_typescript)]
pub fn entry_count(env: Env) -> Result<u32> {
    guard(&env, || Ok(Entry::COUNT as u32))
}

/// The entry with `id` as a plain object (the JavaScript half freezes and caches it); `null` for an unknown id.
#[napi(skip_typescript)]
pub fn entry(env: Env, id: u32) -> Result<Option<Either<KouplelessEntry, StatusEntry>>> {
    guard(&env, || {
        Ok(Entry::by_id(id as usize).map(|e| {
            let key = e.key().to_string();
            match e {
                Entry::Koupleless(k) => Either::A(koupleless(id, key, k)),
                Entry::Blobstore(s) => Either::B(blobstore(id, key, s)),
            }
        }))
    })
}
