//! What a status code seen in an audit log means at a CubeFS version: the catalog's entry, else the plain HTTP
//! reason, else unknown (possibly known in other versions).

use errcat::{status, Lang, RetryClass, Service, Version};

/// Where the meaning of a code comes from. The names (`catalog`, …) are part of the JSON report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeSource {
    /// A catalog entry valid at the version.
    Catalog,
    /// Not a blobstore code at the version (or one of another service), but a standard HTTP status.
    Http,
    /// Only defined in other CubeFS versions (552 at master: renumbered to 429). Listed as unknown.
    OtherVersion,
    /// Neither in the catalog nor a standard HTTP status. Listed as unknown.
    Unknown,
}

impl CodeSource {
    /// `catalog`, `http`, `other_version` or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            CodeSource::Catalog => "catalog",
            CodeSource::Http => "http",
            CodeSource::OtherVersion => "other_version",
            CodeSource::Unknown => "unknown",
        }
    }

    /// Whether the code is unknown at the version (listed in the report's unknown codes).
    pub fn is_unknown(self) -> bool {
        matches!(self, CodeSource::OtherVersion | CodeSource::Unknown)
    }
}

/// The meaning of a code for a service at a version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// Where the meaning comes from.
    pub source: CodeSource,
    /// The catalog entry's service (`BlobNode`), or for unknown codes the service whose range covers the number.
    pub service: Option<Service>,
    /// The exact Go message, or the HTTP reason phrase; empty when none.
    pub message: &'static str,
    /// The catalog's English description (else the message).
    pub meaning: &'static str,
    /// The Go const (`CodeBidNotFound`) of a catalog entry.
    pub go_const: Option<&'static str>,
    /// The retry class of a catalog entry.
    pub retry: Option<RetryClass>,
    /// The versions the entry is defined in, for catalog and other-version codes (`v3.2.0..v3.5.0`).
    pub versions: Option<String>,
    /// A remark: renumbering, validity at other versions.
    pub note: Option<String>,
}

/// Explains `code` as written by `module`'s service (`None` when the module is not a blobstore service) at
/// `version`.
///
/// A catalog entry valid at the version wins when it belongs to the writing service (or is `Generic`), or when
/// the number is not a standard HTTP status; otherwise a standard HTTP status gets its reason phrase (a BLOBNODE
/// 404 is "Not Found", an ACCESS 404 is "shard not found").
pub fn explain_code(code: u16, service: Option<Service>, version: Version) -> CodeInfo {
    let http = http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason());
    let found = status(i64::from(code), Some(version)).ok();
    if let Some(m) = found.filter(|m| m.valid) {
        let e = m.entry;
        let same = Some(e.service) == service || e.service.module().is_none();
        if same || http.is_none() {
            return CodeInfo {
                source: CodeSource::Catalog,
                service: Some(e.service),
                message: e.message,
                meaning: e.meaning(Lang::En),
                go_const: Some(e.go_const),
                retry: Some(e.retry),
                versions: Some(e.versions.describe()),
                note: e.renumbered_from.map(|from| match e.versions.first() {
                    Some(v) => format!("renumbered from {from} in {v}"),
                    None => format!("renumbered from {from}"),
                }),
            };
        }
    }
    if let Some(reason) = http {
        return CodeInfo {
            source: CodeSource::Http,
            service: None,
            message: reason,
            meaning: reason,
            go_const: None,
            retry: None,
            versions: None,
            note: None,
        };
    }
    let range = errcat::service_of(i64::from(code), Some(version)).ok();
    match found {
        Some(m) => {
            let e = m.entry;
            let mut note = format!(
                "not defined at {version}; defined in {}",
                e.versions.describe()
            );
            if let Some(to) = e.renumbered_to {
                note.push_str(&format!(", renumbered to {to}"));
            }
            CodeInfo {
                source: CodeSource::OtherVersion,
                service: range.or(Some(e.service)),
                message: e.message,
                meaning: e.meaning(Lang::En),
                go_const: Some(e.go_const),
                retry: Some(e.retry),
                versions: Some(e.versions.describe()),
                note: Some(note),
            }
        }
        None => CodeInfo {
            source: CodeSource::Unknown,
            service: range,
            message: "",
            meaning: "",
            go_const: None,
            retry: None,
            versions: None,
            note: Some(match range {
                Some(s) => format!("not in the catalog at {version}; in the range of {s}"),
                None => format!("not in the catalog at {version}; no service range covers it"),
            }),
        },
    }
}
