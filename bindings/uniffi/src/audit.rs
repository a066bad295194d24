//! The audit-log analyser: a whole set of logs crosses the boundary once and comes back as one report.

use std::path::PathBuf;

use errcat_audit::{analyze, AuditOptions};

use crate::api::version;
use crate::{guard, ErrcatError, HostString};

/// The analysis of blobstore audit logs.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AuditReport {
    /// Lines read (= lines counted + malformed lines).
    pub lines: i64,
    /// Malformed lines.
    pub malformed: i64,
    /// The full report as JSON (counts per service/API/code, error share, latency percentiles, unknown codes),
    /// the same text as `errcat audit --json`.
    pub json: String,
}

/// Analyses the audit-log files and directories in `paths` (`-` = stdin), explaining codes at `version` (default:
/// newest) and grouping APIs by `maxApiLevel` segments (default 2). `Io` when a path cannot be read.
#[uniffi::export(default(version = None, max_api_level = 2))]
pub fn analyze_audit(
    paths: Vec<HostString>,
    version: Option<HostString>,
    max_api_level: i32,
) -> Result<AuditReport, ErrcatError> {
    guard(|| {
        let max_api_level = usize::try_from(max_api_level).map_err(|_| {
            ErrcatError::invalid_argument(format!("maxApiLevel must be >= 0, got {max_api_level}"))
        })?;
        // Fields beyond these two keep their defaults, whatever the analyser adds later.
        #[allow(clippy::needless_update)]
        let options = AuditOptions {
            version: self::version(version.as_ref())?,
            max_api_level,
            ..Default::default()
        };
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| PathBuf::from(p.0)).collect();
        let report = analyze(&paths, &options)?;
        Ok(AuditReport {
            lines: count(report.lines),
            malformed: count(report.malformed),
            json: report.to_json(),
        })
    })
}

/// A count as `i64` (Kotlin's `Long`, Swift's `Int64`: no unsigned types in the host API).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
