//! `errcat audit trace ID PATH...`: the hops of one request across the logs of several services and hosts.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_audit::{AuditOptions, ErrorCodes, TraceReport};

use super::grid::{dur, grid, painted, plain, safe, Align, Paint};
use crate::style::{bad, label, strong};

/// Arguments of `errcat audit trace`.
#[derive(clap::Args, Debug)]
pub struct TraceArgs {
    /// The trace id (Blobstore-Tracer-Traceid; a client's X-Reqid becomes it)
    pub id: String,
    /// Files or directories of any services and hosts, or `-` for stdin (default: stdin)
    pub paths: Vec<PathBuf>,
    /// table (for people) or json
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    pub format: String,
    /// CubeFS version whose catalog explains the codes (default: newest)
    #[arg(long)]
    pub version: Option<String>,
    /// Status codes counted as errors (the --errors spec of `errcat audit`)
    #[arg(long, default_value = "sla", value_name = "SPEC")]
    pub errors: String,
}

pub fn run(args: &TraceArgs) -> ExitCode {
    let options = AuditOptions {
        version: crate::version_arg(args.version.as_deref()),
        errors: ErrorCodes::parse(&args.errors)
            .unwrap_or_else(|e| crate::usage_error(&format!("--errors: {e}"))),
        ..AuditOptions::default()
    };
    if args.id.trim().is_empty() {
        crate::usage_error("trace: the trace id is empty");
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut options = options;
    let bar = super::progress_bar(&paths);
    if let Some((counter, _, _)) = &bar {
        options.progress = Some(counter.clone());
    }
    let result = errcat_audit::trace(&args.id, &paths, &options);
    if let Some((_, done, ticker)) = bar {
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = ticker.join();
    }
    let t = match result {
        Ok(t) => t,
        Err(e) => {
            eprintln!("errcat: {}", safe(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    let text = match args.format.as_str() {
        "json" => t.to_json() + "\n",
        _ => table(&t),
    };
    crate::print(&text)
}

/// The hops in time order: offset, service, host, method and path, code and meaning, duration; the Trace-Log
/// under each.
pub fn table(t: &TraceReport) -> String {
    let mut out = String::new();
    let files: std::collections::BTreeSet<&str> = t.hops.iter().map(|h| h.input.as_str()).collect();
    out.push_str(&format!(
        "{} {}  {} lines in {} of {} files\n",
        strong("trace"),
        safe(&t.trace_id),
        t.hops.len(),
        files.len(),
        t.inputs.len()
    ));
    if t.hops.is_empty() {
        out.push_str(&format!("  {}\n", label("no line has this trace id")));
        return out;
    }
    if let Some(first) = t.hops.iter().find_map(|h| h.start.as_deref()) {
        out.push_str(&format!("{} {}\n", label("first start"), first));
    }
    out.push('\n');
    let rows = t
        .hops
        .iter()
        .map(|h| {
            let code_paint: Paint = if h.error { bad } else { |s| s.to_string() };
            let meaning = if h.meaning.is_empty() {
                h.message
            } else {
                h.meaning
            };
            vec![
                plain(
                    h.offset_us
                        .map_or_else(|| "?".to_string(), |o| format!("+{}", dur(o))),
                ),
                plain(safe(&h.service)),
                plain(safe(&h.host)),
                plain(format!("{} {}", safe(&h.method), safe(&h.path))),
                painted(h.code.to_string(), code_paint),
                plain(h.duration_us.map_or_else(|| "-".to_string(), dur)),
                plain(meaning.to_string()),
            ]
        })
        .collect();
    grid(
        &mut out,
        "  ",
        &[
            ("AT", Align::Right),
            ("SERVICE", Align::Left),
            ("HOST", Align::Left),
            ("REQUEST", Align::Left),
            ("CODE", Align::Left),
            ("DURATION", Align::Right),
            ("MEANING", Align::Left),
        ],
        rows,
    );
    out.push('\n');
    for (i, h) in t.hops.iter().enumerate() {
        if let Some(log) = &h.trace_log {
            out.push_str(&format!(
                "  {} {} {} {}\n",
                label(&format!("{}.", i + 1)),
                safe(&h.service),
                label("Trace-Log"),
                safe(log)
            ));
        }
        out.push_str(&format!("     {}\n", label(&safe(&h.input))));
    }
    out
}
