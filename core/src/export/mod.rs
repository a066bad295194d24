//! The catalog exported as JSON (both languages), Markdown (the published tables) or CSV.

mod csv;
pub(crate) mod json;
mod markdown;

pub use json::entry_json;

use crate::{Lang, Result};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The whole catalog, both languages, stable order (= `testdata/catalog.json`).
    Json,
    /// The published tables re-created, in one language.
    Markdown,
    /// One row per entry, in one language.
    Csv,
}

impl Format {
    /// Parses `json`, `md`/`markdown` or `csv` by the boundary's policy (case-insensitive).
    pub fn parse(text: &str) -> Result<Format> {
        crate::boundary::names::name("format", text)
    }
}

/// The catalog in `format`; `lang` picks the language of Markdown and CSV (JSON carries both).
///
/// ```
/// use errcat::{export, Format, Lang};
/// let md = export(Format::Markdown, Lang::Zh);
/// assert!(md.contains("| 通用 | Arklet | UnknownError | 未知错误（默认） | 请排查 |"));
/// ```
pub fn export(format: Format, lang: Lang) -> String {
    match format {
        Format::Json => json::catalog(),
        Format::Markdown => markdown::catalog(lang),
        Format::Csv => csv::catalog(lang),
    }
}
