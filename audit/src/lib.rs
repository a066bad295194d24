//! Blobstore audit-log analysis: what went wrong, where, how often, how slow, and what each code means at a
//! CubeFS version.
//!
//! [`analyze`] reads audit logs (files, directories of rotated files, `-` for stdin, gzip recognised by its magic)
//! in the TAB format (12 fields; 13 when the path or an XML body holds a TAB; 14 accepted) or the JSON format
//! (`log_format: json`, detected per line), and returns a [`Report`]: lines read, time span, per service and per
//! `api` label the requests, counts per status code explained by the catalog, error share and latency
//! percentiles; codes unknown to the catalog; malformed lines with their line numbers. Lines read always equal
//! lines counted plus malformed lines.
//!
//! The hot path does not allocate per line: lines and fields are found with `memchr` and counted under a key
//! built in a reused buffer. Plain files are cut into 8 MiB ranges at line boundaries and parsed on all cores;
//! memory grows with the number of distinct (service, api, method, host, code) keys, not with the input.
//!
//! ```
//! use std::io::Write;
//! let dir = std::env::temp_dir().join(format!("errcat-audit-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let log = dir.join("0-0.log");
//! std::fs::write(&log, "REQ\tBLOBNODE\t16793641137770897\tGET\t/shard/get/diskid/1\t\t\t651\t{}\t\t0\t68\n\
//!                       REQ\tBLOBNODE\t16793641137770898\tGET\t/shard/get/diskid/2\t\t\t200\t{}\t\t9\t40\n\
//!                       garbage\n").unwrap();
//! let report = errcat_audit::analyze(&[log], &Default::default()).unwrap();
//! assert_eq!((report.lines, report.counted, report.malformed), (3, 2, 1));
//! let blobnode = &report.services[0];
//! assert_eq!(blobnode.codes[0].code, 200);
//! assert_eq!(blobnode.codes[1].message, "bid not found");
//! assert_eq!(blobnode.apis[0].api, "blobnode.shard");
//! assert!(report.to_json().contains("\"schema\": \"errcat.audit/1\""));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use errcat::{Result, Version};

mod api;
pub mod boundary;
mod errors;
mod explain;
pub mod follow;
mod input;
mod json_line;
#[cfg(feature = "follow")]
pub mod metrics;
mod notes;
mod parse;
mod prom;
mod report;
mod scan;
mod stats;

pub use api::api_label;
pub use errors::ErrorCodes;
pub use explain::{explain_code, CodeInfo, CodeSource};
pub use input::{expand_paths, input_size, rotation_index, MAX_LINE_BYTES};
pub use notes::{InFlight, Warning};
pub use parse::{
    parse_line, start_time_us, LineFormat, Malformed, MalformedKind, Record, TICKS_THRESHOLD,
};
pub use report::{
    ApiCode, ApiReport, CodeReport, InputReport, Latency, MalformedLine, MalformedReport,
    MethodCount, Report, Series, ServiceReport, TimeSpan, Totals, UnknownCode, SCHEMA,
};

/// What to analyse and how. Build it with `..AuditOptions::default()` so that added members keep working.
#[derive(Clone, Debug)]
pub struct AuditOptions {
    /// The CubeFS version whose catalog explains the codes (default: newest).
    pub version: Option<Version>,
    /// Segments of the `api` label, like the blobstore's `max_api_level` (default 2; values ≤ 2 all mean 2).
    pub max_api_level: usize,
    /// The status codes counted as errors (default: the CubeFS SLA view, 500–999).
    pub errors: ErrorCodes,
    /// When set, the bytes of input consumed so far are added to it while the analysis runs (for a progress bar).
    pub progress: Option<Arc<AtomicU64>>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            version: None,
            max_api_level: 2,
            errors: ErrorCodes::default(),
            progress: None,
        }
    }
}

/// Analyses the files and directories in `paths` (`-` = stdin), in order. An empty list gives an empty report.
/// A path that cannot be read is an [`errcat::ErrorKind::Io`] error naming it; bad lines never are (they are
/// counted as malformed, with a reason).
pub fn analyze(paths: &[PathBuf], options: &AuditOptions) -> Result<Report> {
    let mut inputs = input::open_inputs(paths)?;
    let (partial, notes) = input::run(
        &mut inputs,
        options.max_api_level,
        options.progress.as_deref(),
    )?;
    let mut report = report::build(partial, &inputs, options);
    report.in_flight = notes.in_flight;
    report.warnings = notes.warnings;
    Ok(report)
}
