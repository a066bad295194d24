//! The catalog exported as JSON (both languages), Markdown (the published tables) or CSV.

mod csv;
pub(crate) mod json;
mod markdown;

pub use json::entry_json;

use crate::{Error, Lang, Result};

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
    /// Parses `json`, `md`/`markdown` or `csv` (case-insensitive).
    pub fn parse(text: &str) -> Result<Format> {
        match text.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            _ => Err(Error::invalid_argument(format!(
                "unknown export format {text:?} (json, md or csv)"
            ))),
        }
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
