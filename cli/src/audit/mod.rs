//! `errcat audit`: analyse blobstore audit logs; print a table for people, the JSON report, or Prometheus text;
//! `errcat audit trace ID PATH...`: one request across the logs of several services and hosts.

mod grid;
mod incident;
mod table;
mod trace;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use errcat::boundary::Arg;
use errcat::display::terminal_safe;
use errcat_audit::{analyze, input_size, AuditOptions, ErrorCodes, Report};

/// Entities per kind in the table when not given.
const DEFAULT_ENTITIES: usize = 5;

/// The report as a table (follow mode's frames; `errcat audit` itself passes `--entities`).
pub fn table(r: &Report, top: usize) -> String {
    table::table(r, top, DEFAULT_ENTITIES)
}

/// Inputs above this size get a progress bar (when stderr is a terminal).
const PROGRESS_ABOVE: u64 = 64 << 20;

/// Arguments of `errcat audit`.
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// CubeFS version whose catalog explains the codes (default: newest)
    #[arg(long)]
    pub version: Option<String>,
    /// Path segments in the `api` label, like the blobstore's max_api_level
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub max_api_level: usize,
    /// table (for people), json (the full report) or prom (Prometheus text exposition)
    #[arg(long, default_value = "table", value_parser = ["table", "json", "prom"])]
    pub format: String,
    /// Status codes counted as errors: sla (500-999, the CubeFS SLA view), http (400-999), or a list such as
    /// 5xx,6xx,!596,499 (codes, ranges A-B, classes Nxx, ! removes)
    #[arg(long, default_value = "sla", value_name = "SPEC")]
    pub errors: String,
    /// Rows per list in the table (codes and APIs of a service); 0 = all
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Follow the files and directories as they are written (like tail -F): redraw the table every --interval
    /// on a terminal, else print one JSON report per interval (NDJSON); Ctrl-C or SIGTERM prints the final report
    #[arg(long)]
    pub follow: bool,
    /// Seconds between two reports in --follow mode
    #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
    pub interval: f64,
    /// With --follow: serve GET /metrics (Prometheus text) and GET /report.json on ADDR (a port alone means
    /// 127.0.0.1:PORT)
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// With --listen: the value of one of the blobstore's configured labels of service_response_code (idc, team,
    /// tag), as KEY=VALUE; repeatable
    #[arg(long, value_name = "KEY=VALUE")]
    pub metric_label: Vec<String>,
    /// Entities per kind in the table (those with errors)
    #[arg(long, default_value_t = DEFAULT_ENTITIES, value_name = "N")]
    pub entities: usize,
    /// Only requests that started at or after TIME: RFC 3339 (2025-09-17T02:30:00Z) or before the newest line
    /// (-15m, -1h30m)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only requests that started before TIME (same forms as --since)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Timeline bucket width (30s, 1m, 5m, 1h; default: chosen from the span, about 90 buckets at most)
    #[arg(long, value_name = "DURATION")]
    pub bucket: Option<String>,
    /// Only these services (modules, comma-separated or repeated)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub service: Vec<String>,
    /// Only these api labels (blobnode.shard; a trailing * matches a prefix)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub api: Vec<String>,
    /// Only these status codes (the --errors spec language: 651, 6xx, 500-599,!596)
    #[arg(long, value_name = "SPEC")]
    pub code: Option<String>,
    /// Only requests served by these addresses (host:port, or a host for any port)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub host: Vec<String>,
    /// Only requests from these clients (req_header.IP: an address or a CIDR block such as 10.1.0.0/16)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub client: Vec<String>,
    /// Only the lines of this trace id (Blobstore-Tracer-Traceid)
    #[arg(long, value_name = "ID")]
    pub trace: Option<String>,
    /// Compare with a baseline time range A..B (either side may be empty or relative: -2h..-1h)
    #[arg(long, value_name = "A..B", allow_hyphen_values = true)]
    pub baseline: Option<String>,
    /// Compare with these paths as the baseline (repeatable; with --baseline, that range of them)
    #[arg(long, value_name = "PATH")]
    pub baseline_path: Vec<PathBuf>,
    /// Files, directories or `-` for stdin (default: stdin); gzip is recognised
    pub paths: Vec<PathBuf>,
}

/// Subcommands of `errcat audit`.
#[derive(clap::Subcommand, Debug)]
pub enum AuditCommand {
    /// Print every line of one trace id across files and directories of several services and hosts, in time
    /// order
    Trace(trace::TraceArgs),
}

/// The options a command line asks for, read by the same function as every language's (`errcat_audit::boundary::
/// options`); exits with status 2 on a usage error.
fn options(args: &AuditArgs) -> AuditOptions {
    let text = |s: &Option<String>| s.as_deref().map_or(Arg::Absent, Arg::from);
    let list = |v: &[String]| Arg::List(v.iter().map(|s| Arg::from(s.as_str())).collect());
    let paths = args
        .baseline_path
        .iter()
        .map(|p| Arg::Bytes(p.as_os_str().as_encoded_bytes().to_vec()));
    let pairs = [
        ("version", text(&args.version)),
        ("max_api_level", Arg::Int(args.max_api_level as i64)),
        ("errors", Arg::from(args.errors.as_str())),
        ("since", text(&args.since)),
        ("until", text(&args.until)),
        ("bucket", text(&args.bucket)),
        ("service", list(&args.service)),
        ("api", list(&args.api)),
        ("code", text(&args.code)),
        ("host", list(&args.host)),
        ("client", list(&args.client)),
        ("trace", text(&args.trace)),
        ("baseline", text(&args.baseline)),
        ("baseline_paths", Arg::List(paths.collect())),
    ];
    let pairs = pairs
        .into_iter()
        .map(|(name, value)| Arg::List(vec![Arg::from(name), value]))
        .collect();
    errcat_audit::boundary::options(Arg::List(pairs))
        .unwrap_or_else(|e| crate::usage_error(e.message()))
}

/// Runs the command: 0 on success, 1 when an input cannot be read, 2 on usage errors.
pub fn run(args: &AuditArgs) -> ExitCode {
    if let Some(AuditCommand::Trace(t)) = &args.command {
        return trace::run(t);
    }
    if args.follow || args.listen.is_some() {
        let incident = args.since.is_some()
            || args.until.is_some()
            || args.bucket.is_some()
            || !args.service.is_empty()
            || !args.api.is_empty()
            || args.code.is_some()
            || !args.host.is_empty()
            || !args.client.is_empty()
            || args.trace.is_some()
            || args.baseline.is_some()
            || !args.baseline_path.is_empty();
        if incident {
            crate::usage_error(
                "--since, --until, --bucket, the filters and --baseline do not apply to --follow/--listen yet",
            );
        }
        let version = crate::version_arg(args.version.as_deref());
        let errors = ErrorCodes::parse(&args.errors)
            .unwrap_or_else(|e| crate::usage_error(&format!("--errors: {e}")));
        return crate::follow::run(args, version, errors);
    }
    let mut options = options(args);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let bar = progress_bar(&paths);
    if let Some((counter, _, _)) = &bar {
        options.progress = Some(counter.clone());
    }
    let result = analyze(&paths, &options);
    if let Some((_, done, ticker)) = bar {
        done.store(true, Ordering::Relaxed);
        let _ = ticker.join();
    }
    let report = match result {
        Ok(r) => r,
        Err(e) if e.kind() == errcat::ErrorKind::InvalidArgument => {
            crate::usage_error(&e.to_string())
        }
        Err(e) => {
            eprintln!("errcat: {}", grid::safe(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    for w in &report.warnings {
        eprintln!("errcat: warning: {}", terminal_safe(&w.message));
    }
    let text = match args.format.as_str() {
        "json" => report.to_json() + "\n",
        "prom" => report.to_prometheus(),
        _ => table::table(&report, args.top, args.entities),
    };
    crate::print(&text)
}

/// The lines in flight and the warnings of a report, one line each.
pub fn notes(out: &mut String, r: &Report) {
    use crate::style::warn;
    for f in &r.in_flight {
        out.push_str(&format!(
            "{} {}: an unfinished last line of {} bytes, not counted (still being written)\n",
            warn("in flight"),
            terminal_safe(&f.input),
            f.bytes
        ));
    }
    for w in &r.warnings {
        out.push_str(&format!(
            "{} {}\n",
            warn("warning"),
            terminal_safe(&w.message)
        ));
    }
}

type Bar = (Arc<AtomicU64>, Arc<AtomicBool>, std::thread::JoinHandle<()>);

/// A progress bar on stderr, when stderr is a terminal and the inputs are larger than 64 MiB.
pub(crate) fn progress_bar(paths: &[PathBuf]) -> Option<Bar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total = input_size(paths).ok().filter(|&n| n > PROGRESS_ABOVE)?;
    let counter = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let pb = indicatif::ProgressBar::new(total);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
        .expect("a valid template"),
    );
    let (c, d) = (counter.clone(), done.clone());
    let ticker = std::thread::spawn(move || {
        while !d.load(Ordering::Relaxed) {
            pb.set_position(c.load(Ordering::Relaxed).min(total));
            std::thread::sleep(Duration::from_millis(100));
        }
        pb.finish_and_clear();
    });
    Some((counter, done, ticker))
}
