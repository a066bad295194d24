//! `errcat audit`: analyse blobstore audit logs; print a table for people, the JSON report, or Prometheus text.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use errcat_audit::{analyze, input_size, AuditOptions, ErrorCodes, Latency, Report};

use errcat::display::terminal_safe;

use crate::style::{bad, label, pad, strong, warn};

/// Inputs above this size get a progress bar (when stderr is a terminal).
const PROGRESS_ABOVE: u64 = 64 << 20;

/// Arguments of `errcat audit`.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
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
    /// Files, directories or `-` for stdin (default: stdin); gzip is recognised
    pub paths: Vec<PathBuf>,
}

/// Runs the command: 0 on success, 1 when an input cannot be read, 2 on usage errors.
pub fn run(args: &AuditArgs) -> ExitCode {
    let version = crate::version_arg(args.version.as_deref());
    let errors = ErrorCodes::parse(&args.errors)
        .unwrap_or_else(|e| crate::usage_error(&format!("--errors: {e}")));
    if args.follow || args.listen.is_some() {
        return crate::follow::run(args, version, errors);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut options = AuditOptions {
        version,
        max_api_level: args.max_api_level,
        errors,
        ..AuditOptions::default()
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
        Err(e) => {
            eprintln!("errcat: {e}");
            return ExitCode::from(1);
        }
    };
    for w in &report.warnings {
        eprintln!("errcat: warning: {}", terminal_safe(&w.message));
    }
    let text = match args.format.as_str() {
        "json" => report.to_json() + "\n",
        "prom" => report.to_prometheus(),
        _ => table(&report, args.top),
    };
    crate::print(&text)
}

type Bar = (Arc<AtomicU64>, Arc<AtomicBool>, std::thread::JoinHandle<()>);

/// A progress bar on stderr, when stderr is a terminal and the inputs are larger than 64 MiB.
fn progress_bar(paths: &[PathBuf]) -> Option<Bar> {
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

/// The lines in flight and the warnings of a report, one line each.
pub fn notes(out: &mut String, r: &Report) {
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

/// A column: right-aligned numbers, left-aligned text.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// Colours a cell's text.
type Paint = fn(&str) -> String;

/// A cell: text, and how to colour it once padded.
struct Cell {
    text: String,
    paint: Paint,
}

fn plain(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        paint: |s| s.to_string(),
    }
}

fn painted(text: impl Into<String>, paint: fn(&str) -> String) -> Cell {
    Cell {
        text: text.into(),
        paint,
    }
}

/// Renders rows under a header with aligned columns (the last column is not padded).
fn grid(out: &mut String, indent: &str, header: &[(&str, Align)], rows: Vec<Vec<Cell>>) {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut widths: Vec<usize> = header.iter().map(|(h, _)| width(h)).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(&c.text));
        }
    }
    let line = |cells: Vec<(String, Paint)>| {
        let n = cells.len();
        let mut s = String::from(indent);
        for (i, ((text, paint), (&w, (_, align)))) in
            cells.into_iter().zip(widths.iter().zip(header)).enumerate()
        {
            let fill = " ".repeat(w.saturating_sub(width(&text)));
            let cell = match align {
                Align::Right => format!("{fill}{}", paint(&text)),
                Align::Left if i + 1 == n => paint(&text),
                Align::Left => format!("{}{fill}", paint(&text)),
            };
            s.push_str(&cell);
            if i + 1 < n {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(
        header
            .iter()
            .map(|(h, _)| (h.to_string(), label as Paint))
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.into_iter().map(|c| (c.text, c.paint)).collect()));
    }
}

/// `68µs`, `1.2ms`, `3.40s`.
fn dur(us: u64) -> String {
    match us {
        0..=999 => format!("{us}µs"),
        1_000..=999_999 => format!("{:.1}ms", us as f64 / 1e3),
        _ => format!("{:.2}s", us as f64 / 1e6),
    }
}

fn pct(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

fn span(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..=59 => format!("{seconds:.1}s"),
        60..=3599 => format!("{}m {}s", s / 60, s % 60),
        3600..=86_399 => format!("{}h {}m {}s", s / 3600, s / 60 % 60, s % 60),
        _ => format!("{}d {}h {}m", s / 86_400, s / 3600 % 24, s / 60 % 60),
    }
}

fn latency_cells(l: &Option<Latency>) -> [Cell; 4] {
    match l {
        Some(l) => [
            plain(dur(l.p50)),
            plain(dur(l.p90)),
            plain(dur(l.p99)),
            plain(dur(l.max)),
        ],
        None => ["-", "-", "-", "-"].map(plain),
    }
}

fn errors_cell(errors: u64, share: f64) -> [Cell; 2] {
    if errors == 0 {
        [plain("0"), plain(pct(share))]
    } else {
        [painted(errors.to_string(), bad), painted(pct(share), bad)]
    }
}

fn limit(top: usize, len: usize) -> usize {
    if top == 0 {
        len
    } else {
        top.min(len)
    }
}

/// The report for people: a summary, one table of services, per service its top codes (with meanings) and top
/// APIs, unknown codes, malformed lines, and the invariant.
pub fn table(r: &Report, top: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} lines read from {} input{}: {} counted + {} malformed\n",
        strong("errcat audit"),
        r.lines,
        r.inputs.len(),
        if r.inputs.len() == 1 { "" } else { "s" },
        r.counted,
        r.malformed
    ));
    out.push_str(&format!(
        "{} {}   {} {} ({})   {} {}\n",
        label("CubeFS"),
        r.cubefs_version,
        label("errors"),
        r.error_spec,
        r.error_codes,
        label("api level"),
        r.max_api_level.max(2)
    ));
    if let Some(t) = &r.time_span {
        out.push_str(&format!(
            "{} {} … {} ({})\n",
            label("time"),
            t.first,
            t.last,
            span(t.seconds)
        ));
    }
    notes(&mut out, r);
    out.push('\n');

    let mut rows: Vec<Vec<Cell>> = r
        .services
        .iter()
        .map(|s| {
            let mut row = vec![plain(s.service.clone()), plain(s.requests.to_string())];
            row.extend(errors_cell(s.errors, s.error_share));
            row.extend(latency_cells(&s.latency_us));
            row
        })
        .collect();
    let mut total = vec![
        painted("TOTAL", strong),
        plain(r.totals.requests.to_string()),
    ];
    total.extend(errors_cell(r.totals.errors, r.totals.error_share));
    total.extend(latency_cells(&r.totals.latency_us));
    rows.push(total);
    let num = Align::Right;
    grid(
        &mut out,
        "",
        &[
            ("SERVICE", Align::Left),
            ("REQUESTS", num),
            ("ERRORS", num),
            ("ERROR%", num),
            ("P50", num),
            ("P90", num),
            ("P99", num),
            ("MAX", num),
        ],
        rows,
    );

    for s in &r.services {
        out.push('\n');
        let what = s
            .catalog_service
            .map_or_else(|| "not a blobstore service".to_string(), |c| c.to_string());
        out.push_str(&format!(
            "{}  {} requests, {} errors ({})  {}\n",
            strong(&s.service),
            s.requests,
            s.errors,
            pct(s.error_share),
            label(&what)
        ));
        if !s.hosts.is_empty() {
            out.push_str(&format!("  {} {}\n", label("hosts"), s.hosts.join(", ")));
        }
        let n = limit(top, s.codes.len());
        let rows = s.codes[..n]
            .iter()
            .map(|c| {
                let meaning = if c.meaning == c.message {
                    ""
                } else {
                    c.meaning
                };
                let meaning = match (meaning, &c.note) {
                    ("", Some(note)) if c.source != "catalog" => note.clone(),
                    (m, Some(note)) if c.source != "catalog" => format!("{m} ({note})"),
                    (m, _) => m.to_string(),
                };
                let retry = c.retry.map_or(String::new(), |r| format!("[{r}] "));
                let code_paint: Paint = if c.error { bad } else { |s| s.to_string() };
                let source_paint: Paint = if c.source == "unknown" || c.source == "other_version" {
                    warn
                } else {
                    |s| s.to_string()
                };
                vec![
                    painted(c.code.to_string(), code_paint),
                    plain(c.count.to_string()),
                    plain(pct(c.share)),
                    painted(c.source, source_paint),
                    plain(c.message),
                    plain(format!("{retry}{meaning}")),
                ]
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("CODE", Align::Left),
                ("COUNT", num),
                ("SHARE", num),
                ("SOURCE", Align::Left),
                ("MESSAGE", Align::Left),
                ("MEANING", Align::Left),
            ],
            rows,
        );
        if n < s.codes.len() {
            out.push_str(&format!(
                "  {}\n",
                label(&format!("… {} more codes", s.codes.len() - n))
            ));
        }
        let n = limit(top, s.apis.len());
        let rows = s.apis[..n]
            .iter()
            .map(|a| {
                let mut row = vec![plain(a.api.clone()), plain(a.requests.to_string())];
                row.extend(errors_cell(a.errors, a.error_share));
                let [p50, _, p99, max] = latency_cells(&a.latency_us);
                row.extend([p50, p99, max]);
                let methods: Vec<String> = a
                    .methods
                    .iter()
                    .map(|m| format!("{} {}", m.method, m.count))
                    .collect();
                let codes: Vec<String> = a
                    .codes
                    .iter()
                    .take(4)
                    .map(|c| format!("{}×{}", c.code, c.count))
                    .collect();
                row.push(plain(methods.join(", ")));
                row.push(plain(codes.join(" ")));
                row
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("API", Align::Left),
                ("REQUESTS", num),
                ("ERRORS", num),
                ("ERROR%", num),
                ("P50", num),
                ("P99", num),
                ("MAX", num),
                ("METHODS", Align::Left),
                ("TOP CODES", Align::Left),
            ],
            rows,
        );
        if n < s.apis.len() {
            out.push_str(&format!(
                "  {}\n",
                label(&format!("… {} more APIs", s.apis.len() - n))
            ));
        }
    }

    if !r.unknown_codes.is_empty() {
        out.push('\n');
        out.push_str(&format!(
            "{}\n",
            warn(&format!(
                "Codes unknown to the catalog at {}",
                r.cubefs_version
            ))
        ));
        let rows = r
            .unknown_codes
            .iter()
            .map(|u| {
                vec![
                    painted(u.code.to_string(), warn),
                    plain(u.count.to_string()),
                    plain(u.range_service.unwrap_or("-")),
                    plain(u.services.join(",")),
                    plain(u.note.clone().unwrap_or_default()),
                ]
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("CODE", Align::Left),
                ("COUNT", num),
                ("RANGE OF", Align::Left),
                ("SEEN IN", Align::Left),
                ("NOTE", Align::Left),
            ],
            rows,
        );
    }

    if r.malformed > 0 {
        out.push('\n');
        let kinds: Vec<String> = r
            .malformed_lines
            .by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        out.push_str(&format!(
            "{} {} ({})\n",
            warn("Malformed lines"),
            r.malformed,
            kinds.join(", ")
        ));
        for m in &r.malformed_lines.first {
            out.push_str(&format!(
                "  {}  {}  {}\n",
                pad(&format!("{}:{}", m.input, m.line), 10),
                m.kind,
                m.reason,
            ));
            if !m.excerpt.is_empty() {
                out.push_str(&format!("      {}\n", label(&m.excerpt)));
            }
        }
        if r.malformed > r.malformed_lines.first.len() as u64 {
            out.push_str(&format!(
                "  {}\n",
                label(&format!(
                    "… {} more",
                    r.malformed - r.malformed_lines.first.len() as u64
                ))
            ));
        }
    }
    out.push('\n');
    let mark = if r.invariant_holds() { "✓" } else { "✗" };
    out.push_str(&format!("{mark} {}\n", r.invariant));
    out
}
