//! Blobstore audit-log analysis: what went wrong, where, how often, how slow, and what each code means at a
//! CubeFS version.
//!
//! [`analyze`] reads audit logs (files, directories of rotated files, `-` for stdin, gzip recognised by its magic)
//! in the TAB format (12 fields; 13 when the path or an XML body holds a TAB; 14 accepted) or the JSON format
//! (`log_format: json`, detected per line), and returns a [`Report`]: lines read, time span, per service and per
//! `api` label the requests, counts per status code explained by the catalog, error share and latency
//! percentiles; codes unknown to the catalog; malformed lines with their line numbers; a timeline per bucket and
//! service; the entities (disk, vuid, bid, volume, host, client) that carry the errors; where the time went by
//! Trace-Log; and, with a baseline, what changed. Requests can be filtered by time, service, api, code, host,
//! client and trace id. Lines read always equal lines counted plus malformed lines, and lines counted equal lines
//! matched plus lines filtered out. [`trace`] follows one trace id across the logs of several services.
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
//! assert!(report.to_json().contains("\"schema\": \"errcat.audit/2\""));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use errcat::{Error, Result, Version};

mod api;
mod baseline;
pub mod boundary;
mod entities;
mod errors;
mod explain;
mod filter;
pub mod follow;
mod hist;
mod html;
mod input;
mod json_line;
#[cfg(feature = "follow")]
pub mod metrics;
mod notes;
mod parse;
mod partial;
mod prom;
mod reduce;
mod report;
mod scan;
mod seek;
mod stats;
mod timeline;
mod trace;
mod tracelog;
mod window;

pub use api::api_label;
pub use baseline::{
    Change, Comparison, Side, MAX_CHANGES, MIN_EXPECTED, MIN_TAIL_REQUESTS, SIGNIFICANT_Z,
};
pub use entities::{decode_vuid, EntityKind, ERROR_WEIGHT};
pub use errors::ErrorCodes;
pub use explain::{explain_code, CodeInfo, CodeSource};
pub use filter::Filters;
pub use input::{expand_paths, input_size, rotation_index, MAX_LINE_BYTES};
pub use notes::{InFlight, Warning};
pub use parse::{
    parse_line, start_time_us, LineFormat, Malformed, MalformedKind, Record, TICKS_THRESHOLD,
};
pub use partial::{
    catalog_fingerprint, merge_partials, merge_to_partial, write_partial, MAX_PARTIALS,
    PARTIAL_SCHEMA,
};
pub use report::{
    ApiCode, ApiReport, CodeCount, CodeReport, DownstreamError, Entities, EntityReport,
    EntitySummary, InputReport, Latency, MalformedLine, MalformedReport, MethodCount, Report,
    Series, ServiceReport, StageReport, SummaryBound, TimeSpan, TimelineBucket, TimelinePoint,
    Totals, TraceLogReport, UnknownCode, Window, ENTITIES_PER_SERVICE, SCHEMA,
};
pub use trace::{TraceHop, TraceReport, TRACE_SCHEMA};
pub use tracelog::{parse_trace_log, TraceItem};
pub use window::{newest_start, parse_duration, TimeSpec};

/// The default number of entities kept per service and kind (see [`AuditOptions::entity_capacity`]).
pub const ENTITY_CAPACITY: usize = 1024;

/// What analyse and how. Build it with `..AuditOptions::default()` so that added members keep working.
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
    /// Only requests that started at or after this time.
    pub since: Option<TimeSpec>,
    /// Only requests that started before this time.
    pub until: Option<TimeSpec>,
    /// The timeline's bucket width in µs (default: chosen from the span, about 90 buckets at most).
    pub bucket_us: Option<u64>,
    /// Request filters.
    pub filters: Filters,
    /// Entities kept per service and kind by the heavy-hitters summary (default [`ENTITY_CAPACITY`]).
    pub entity_capacity: usize,
    /// Compare with a baseline (another time range, other paths, or both).
    pub baseline: Option<Baseline>,
}

/// The baseline of a comparison: the same filters over another time range and/or other paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Its paths; empty = the report's own.
    pub paths: Vec<PathBuf>,
    /// Its window (relative times count from the newest line of its paths).
    pub since: Option<TimeSpec>,
    pub until: Option<TimeSpec>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            version: None,
            max_api_level: 2,
            errors: ErrorCodes::default(),
            progress: None,
            since: None,
            until: None,
            bucket_us: None,
            filters: Filters::default(),
            entity_capacity: ENTITY_CAPACITY,
            baseline: None,
        }
    }
}

/// The pass's shared setup for a resolved window.
pub(crate) fn setup(options: &AuditOptions, window: (Option<u64>, Option<u64>)) -> filter::Setup {
    filter::Setup::new(
        options.max_api_level,
        options.errors.clone(),
        window,
        options.bucket_us.filter(|&b| b > 0),
        options.entity_capacity,
        options.filters.clone(),
    )
}

/// Resolves `since`/`until` against the newest line of `paths` (read only when a time is relative).
pub(crate) fn resolve(
    paths: &[PathBuf],
    since: Option<TimeSpec>,
    until: Option<TimeSpec>,
) -> Result<report::Context> {
    let relative =
        since.is_some_and(TimeSpec::is_relative) || until.is_some_and(TimeSpec::is_relative);
    let newest = if relative { newest_start(paths)? } else { None };
    if relative && newest.is_none() {
        return Err(Error::invalid_argument(
            "no line of the inputs has a start time to count a relative time (-15m) from",
        ));
    }
    Ok(report::Context {
        since_us: since.and_then(|s| s.resolve(newest)),
        until_us: until.and_then(|u| u.resolve(newest)),
        newest_us: newest,
    })
}

fn run_pass(paths: &[PathBuf], options: &AuditOptions, ctx: &report::Context) -> Result<Report> {
    let setup = Arc::new(setup(options, (ctx.since_us, ctx.until_us)));
    let mut inputs = input::open_inputs(paths)?;
    let (partial, notes) = input::run(&mut inputs, &setup, options.progress.as_deref())?;
    let mut report = report::build(partial, &inputs, options, ctx);
    report.in_flight = notes.in_flight;
    report.warnings = notes.warnings;
    Ok(report)
}

/// Analyses the files and directories in `paths` (`-` = stdin), in order. An empty list gives an empty report.
/// A path that cannot be read is an [`errcat::ErrorKind::Io`] error naming it; bad lines never are (they are
/// counted as malformed, with a reason). A relative time with a stream among the paths is an
/// [`errcat::ErrorKind::InvalidArgument`] error (a stream cannot be read twice).
pub fn analyze(paths: &[PathBuf], options: &AuditOptions) -> Result<Report> {
    let ctx = resolve(paths, options.since, options.until)?;
    let mut report = run_pass(paths, options, &ctx)?;
    if let Some(b) = &options.baseline {
        let base_paths = if b.paths.is_empty() {
            paths
        } else {
            &b.paths[..]
        };
        let base_ctx = resolve(base_paths, b.since, b.until)?;
        let base_options = AuditOptions {
            progress: None,
            baseline: None,
            ..options.clone()
        };
        let base = run_pass(base_paths, &base_options, &base_ctx)?;
        report.baseline = Some(baseline::compare(
            &report,
            &base,
            base.inputs.iter().map(|i| i.path.clone()).collect(),
        ));
    }
    Ok(report)
}

/// Every line of trace id `id` in `paths` (files and directories of any services and hosts), in time order,
/// each code explained at `options.version`. Only `version`, `errors` and `progress` of the options apply.
pub fn trace(id: &str, paths: &[PathBuf], options: &AuditOptions) -> Result<TraceReport> {
    if id.is_empty() {
        return Err(Error::invalid_argument("an empty trace id"));
    }
    let mut s = setup(options, (None, None));
    s.trace = Some(memchr::memmem::Finder::new(id.as_bytes()).into_owned());
    s.trace_only = true;
    let s = Arc::new(s);
    let mut inputs = input::open_inputs(paths)?;
    let (partial, _notes) = input::run(&mut inputs, &s, options.progress.as_deref())?;
    let names: Vec<String> = inputs.iter().map(|i| i.name()).collect();
    Ok(trace::build(
        id,
        partial.hops,
        &names,
        options.version.unwrap_or(Version::NEWEST),
        &options.errors,
    ))
}
