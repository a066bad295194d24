//! Blobstore audit-log analysis (issue "Audit-log analyser"). STUB: the interface the CLI and bindings use;
//! the implementation lands with that issue.

use std::path::PathBuf;

use crate::{Result, Version};

/// What to analyse and how.
#[derive(Clone, Debug)]
pub struct AuditOptions {
    /// The CubeFS version whose catalog explains the codes (default: newest).
    pub version: Option<Version>,
    /// Segments of the `api` label, like the blobstore's `max_api_level` (default 2).
    pub max_api_level: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            version: None,
            max_api_level: 2,
        }
    }
}

/// The analysis of one or more audit logs.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Lines read (= lines counted + malformed lines).
    pub lines: u64,
    /// Malformed lines.
    pub malformed: u64,
}

impl Report {
    /// The full report as JSON (schema documented in the README).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"lines\":{},\"malformed\":{}}}",
            self.lines, self.malformed
        )
    }
}

/// Analyses the files, directories (`-` = stdin) in `paths`.
pub fn analyze(paths: &[PathBuf], options: &AuditOptions) -> Result<Report> {
    let _ = (paths, options);
    Ok(Report::default())
}
