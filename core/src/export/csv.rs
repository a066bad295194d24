//! CSV export: one row per entry, both systems, texts in one language.

use crate::{entries, Entry, Filter, Lang};

const COLUMNS: [&str; 13] = [
    "system",
    "reporter_or_service",
    "code",
    "sources",
    "type",
    "message",
    "meaning",
    "solution",
    "retryable",
    "retry",
    "versions",
    "aliases",
    "notes",
];

pub(crate) fn catalog(lang: Lang) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writing to memory");
    for entry in entries(Filter::default()) {
        let record: [String; 13] = match entry {
            Entry::Koupleless(e) => [
                "koupleless".into(),
                e.reporter.name().into(),
                format!("{}.{}", e.sources[0].name(), e.error_type),
                e.sources
                    .iter()
                    .map(|s| s.name())
                    .collect::<Vec<_>>()
                    .join("|"),
                e.error_type.into(),
                String::new(),
                e.meaning.get(lang).into(),
                e.solution.get(lang).into(),
                e.retryable.to_string(),
                String::new(),
                String::new(),
                e.aliases.join("|"),
                e.notes.join(" "),
            ],
            Entry::Blobstore(e) => [
                "blobstore".into(),
                e.service.name().into(),
                e.code.to_string(),
                String::new(),
                e.go_const.into(),
                e.message.into(),
                e.meaning(lang).into(),
                String::new(),
                e.retry.retryable().to_string(),
                e.retry.name().into(),
                e.versions.describe(),
                String::new(),
                e.notes.join(" "),
            ],
        };
        w.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("catalog text is UTF-8")
}
