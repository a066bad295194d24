//! JSON views of entries and of the whole catalog. Keys are in a fixed order (serde_json `preserve_order`).

use serde_json::{json, Value};

use crate::tables::{KOUPLELESS, RANGES, REPORTERS, STATUS};
use crate::{Entry, KouplelessEntry, Service, Source, StatusEntry, Text, Version, VersionSet};

fn text(t: Text) -> Value {
    json!({ "en": t.en, "zh": t.zh })
}

fn versions(set: VersionSet) -> Value {
    set.iter().map(|v| v.name()).collect()
}

fn koupleless(e: &KouplelessEntry) -> Value {
    json!({
        "system": "koupleless",
        "reporter": e.reporter.name(),
        "code": format!("{}.{}", e.sources[0].name(), e.error_type),
        "sources": e.sources.iter().map(|s| s.name()).collect::<Vec<_>>(),
        "type": e.error_type,
        "business_type": text(e.business_type),
        "business_type_cell": e.business_type_cell,
        "meaning": text(e.meaning),
        "solution": text(e.solution),
        "retryable": e.retryable,
        "aliases": e.aliases,
        "notes": e.notes,
    })
}

fn blobstore(e: &StatusEntry) -> Value {
    json!({
        "system": "blobstore",
        "code": e.code,
        "service": e.service.name(),
        "message": e.message,
        "description": e.description.map(text),
        "documented": e.documented,
        "go_file": e.go_file,
        "go_const": e.go_const,
        "go_err": e.go_err,
        "versions": versions(e.versions),
        "renumbered_to": e.renumbered_to,
        "renumbered_from": e.renumbered_from,
        "retry": e.retry.name(),
        "retryable": e.retry.retryable(),
        "notes": e.notes,
    })
}

/// One entry as the JSON object used in the catalog export (and by `errcat explain --json`).
pub fn entry_json(entry: Entry) -> Value {
    match entry {
        Entry::Koupleless(e) => koupleless(e),
        Entry::Blobstore(e) => blobstore(e),
    }
}

pub(crate) fn catalog() -> String {
    let reporters: Vec<Value> = REPORTERS
        .iter()
        .map(|r| {
            json!({
                "name": r.reporter.name(),
                "heading": text(r.heading),
                "sources": r.sources.iter().map(|s| json!({ "source": s.source.name(), "description": text(s.description) })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "schema": 1,
        "koupleless": {
            "sources": Source::ALL.iter().map(|s| json!({ "name": s.name(), "note": s.note() })).collect::<Vec<_>>(),
            "reporters": reporters,
            "entries": KOUPLELESS.iter().map(koupleless).collect::<Vec<_>>(),
        },
        "blobstore": {
            "versions": Version::all().map(|v| v.name()).collect::<Vec<_>>(),
            "services": Service::ALL.iter().map(|s| json!({ "name": s.name(), "module": s.module() })).collect::<Vec<_>>(),
            "ranges": RANGES.iter().map(|r| json!({ "service": r.service.name(), "first": r.first, "last": r.last, "versions": versions(r.versions) })).collect::<Vec<_>>(),
            "entries": STATUS.iter().map(blobstore).collect::<Vec<_>>(),
        },
    });
    let mut out = serde_json::to_string_pretty(&value).expect("catalog JSON is serialisable");
    out.push('\n');
    out
}
