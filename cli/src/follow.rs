//! `errcat audit --follow [--listen ADDR]`: follow audit logs as they are written.
//!
//! The follower polls (no inotify): every quarter of a second at most, or sooner while a backlog is read. On a
//! terminal the table is redrawn every `--interval` seconds like `top` (on the alternate screen, cut to the
//! window's height); otherwise one JSON report (the `--format json` schema, on one line) is printed per interval.
//! Ctrl-C, SIGTERM or SIGHUP read what is left, print the final report (the whole table, or a last JSON line) and
//! exit 0. With `--listen`, a small HTTP server (tiny_http, one thread) serves `GET /metrics` and
//! `GET /report.json` from the same counts.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use errcat::display::terminal_safe;
use errcat_audit::follow::Follower;
use errcat_audit::metrics::{exposition, MetricLabels, CONTENT_TYPE};
use errcat_audit::{AuditOptions, ErrorCodes};

use crate::audit::{table, AuditArgs};

/// The longest wait between two polls.
const MAX_POLL_GAP: Duration = Duration::from_millis(250);

pub fn run(args: &AuditArgs, version: Option<errcat::Version>, errors: ErrorCodes) -> ExitCode {
    if !args.follow {
        crate::usage_error("--listen needs --follow");
    }
    if args.format == "prom" {
        crate::usage_error(
            "--format prom with --follow: use --listen ADDR for live Prometheus metrics",
        );
    }
    if args.format == "html" || args.format == "partial" || args.output.is_some() {
        crate::usage_error(&format!(
            "--format {} and -o do not apply to --follow (write one after the logs are complete)",
            args.format
        ));
    }
    if !(args.interval.is_finite() && args.interval > 0.0 && args.interval <= 86_400.0) {
        crate::usage_error("--interval: seconds between reports, above 0 (e.g. 2 or 0.5)");
    }
    if args.paths.is_empty() {
        crate::usage_error("--follow needs files or directories to follow");
    }
    let labels = metric_labels(&args.metric_label);
    let options = AuditOptions {
        version,
        max_api_level: args.max_api_level,
        errors,
        ..AuditOptions::default()
    };
    let follower = match Follower::new(&args.paths, options) {
        Ok(f) => Arc::new(Mutex::new(f)),
        Err(e) => {
            eprintln!("errcat: {e}");
            return ExitCode::from(if e.kind() == errcat::ErrorKind::InvalidArgument {
                2
            } else {
                1
            });
        }
    };
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let ctrlc_tx = stop_tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = ctrlc_tx.send(());
    }) {
        eprintln!("errcat: cannot handle Ctrl-C: {e}");
        return ExitCode::from(1);
    }
    let server = match &args.listen {
        Some(addr) => match serve(addr, follower.clone(), labels) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("errcat: --listen {}: {e}", terminal_safe(addr));
                return ExitCode::from(1);
            }
        },
        None => None,
    };
    let screen = std::io::stdout().is_terminal() && args.format != "json";
    let interval = Duration::from_secs_f64(args.interval);
    let poll_gap = MAX_POLL_GAP.min(interval / 2);
    let mut out = Output::new(screen, args.top);
    let mut next = Instant::now() + interval;
    let mut ok = true;
    loop {
        let more = lock(&follower).poll();
        if stop_rx.try_recv().is_ok() {
            break;
        }
        let now = Instant::now();
        if now >= next {
            let snapshot = lock(&follower).capture().build();
            if !out.frame(&snapshot) {
                ok = false; // stdout closed (`| head`): stop quietly
                break;
            }
            while next <= now {
                next += interval;
            }
        }
        if !more {
            let wait = poll_gap.min(next.saturating_duration_since(Instant::now()));
            if stop_rx.recv_timeout(wait).is_ok() {
                break;
            }
        }
    }
    // What is left to read, then the final report.
    let final_snapshot = {
        let mut f = lock(&follower);
        for _ in 0..1_000 {
            if !f.poll() {
                break;
            }
        }
        f.snapshot()
    };
    if let Some((server, handle)) = server {
        server.unblock();
        let _ = handle.join();
    }
    if ok {
        out.finish(&final_snapshot);
    }
    ExitCode::SUCCESS
}

fn lock(f: &Mutex<Follower>) -> std::sync::MutexGuard<'_, Follower> {
    f.lock().unwrap_or_else(|p| p.into_inner())
}

fn metric_labels(items: &[String]) -> MetricLabels {
    let mut labels = MetricLabels::default();
    for item in items {
        let Some((k, v)) = item.split_once('=') else {
            crate::usage_error(&format!(
                "--metric-label {item:?}: use KEY=VALUE (idc, team or tag)"
            ));
        };
        match k.trim() {
            "idc" => labels.idc = v.to_string(),
            "team" => labels.team = v.to_string(),
            "tag" => labels.tag = v.to_string(),
            _ => crate::usage_error(&format!(
                "--metric-label {k:?}: the configured labels are idc, team and tag"
            )),
        }
    }
    labels
}

/// `9100` and `:9100` mean 127.0.0.1:9100; anything else is used as given (`0.0.0.0:9100`, `[::1]:9100`).
pub fn listen_addr(addr: &str) -> String {
    let addr = addr.trim();
    if addr.parse::<u16>().is_ok() {
        format!("127.0.0.1:{addr}")
    } else if let Some(port) = addr.strip_prefix(':') {
        format!("127.0.0.1:{port}")
    } else {
        addr.to_string()
    }
}

type Server = (Arc<tiny_http::Server>, std::thread::JoinHandle<()>);

/// Starts the HTTP server on its own thread.
fn serve(
    addr: &str,
    follower: Arc<Mutex<Follower>>,
    labels: MetricLabels,
) -> Result<Server, String> {
    let server = Arc::new(tiny_http::Server::http(listen_addr(addr)).map_err(|e| e.to_string())?);
    if let Some(a) = server.server_addr().to_ip() {
        eprintln!("errcat: serving http://{a}/metrics and http://{a}/report.json");
    }
    let s = server.clone();
    let handle = std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let path = request.url().split('?').next().unwrap_or("").to_string();
            let get = matches!(
                request.method(),
                tiny_http::Method::Get | tiny_http::Method::Head
            );
            let header =
                |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).expect("a valid header");
            let response = match (path.as_str(), get) {
                ("/metrics", true) => {
                    // Built after the lock is released: a scrape stalls the reading only for the copy.
                    let snapshot = lock(&follower).capture().build();
                    tiny_http::Response::from_string(exposition(&snapshot, &labels))
                        .with_header(header("Content-Type", CONTENT_TYPE))
                }
                ("/report.json", true) => {
                    let report = lock(&follower).capture().build().report;
                    tiny_http::Response::from_string(report.to_json() + "\n")
                        .with_header(header("Content-Type", "application/json"))
                }
                ("/metrics" | "/report.json", false) => {
                    tiny_http::Response::from_string("method not allowed\n")
                        .with_status_code(405)
                        .with_header(header("Allow", "GET, HEAD"))
                }
                _ => tiny_http::Response::from_string("not found: GET /metrics or /report.json\n")
                    .with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    Ok((server, handle))
}

/// Where the reports go: a redrawn screen, or one JSON line per report.
struct Output {
    screen: bool,
    top: usize,
    started: bool,
}

impl Output {
    fn new(screen: bool, top: usize) -> Output {
        Output {
            screen,
            top,
            started: false,
        }
    }

    /// Prints one interval's report; false when stdout is closed.
    fn frame(&mut self, s: &errcat_audit::follow::Snapshot) -> bool {
        let mut stdout = std::io::stdout().lock();
        let text = if self.screen {
            let mut text = String::new();
            if !self.started {
                text.push_str("\x1b[?1049h\x1b[?25l"); // the alternate screen, no cursor
                self.started = true;
            }
            text.push_str("\x1b[H\x1b[2J");
            let body = header(s) + &table(&s.report, self.top);
            let rows = terminal_rows().unwrap_or(usize::MAX).max(3);
            let lines: Vec<&str> = body.lines().collect();
            if lines.len() > rows - 1 {
                for l in &lines[..rows - 2] {
                    text.push_str(l);
                    text.push('\n');
                }
                text.push_str(&format!(
                    "… {} more lines (the final report has them all)",
                    lines.len() - rows + 2
                ));
            } else {
                text.push_str(&body);
            }
            text
        } else {
            serde_json::to_string(&s.report).expect("the report serialises") + "\n"
        };
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .is_ok()
    }

    /// The final report: the whole table on the normal screen, or a last JSON line.
    fn finish(&mut self, s: &errcat_audit::follow::Snapshot) {
        let mut text = String::new();
        if self.screen {
            if self.started {
                text.push_str("\x1b[?25h\x1b[?1049l");
            }
            text.push_str(&header(s));
            text.push_str(&table(&s.report, self.top));
        } else {
            text = serde_json::to_string(&s.report).expect("the report serialises") + "\n";
        }
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush());
    }
}

fn header(s: &errcat_audit::follow::Snapshot) -> String {
    let st = &s.stats;
    format!(
        "errcat audit --follow: {} files followed, {} MB read, {} opened, {} closed, {} truncated (Ctrl-C: final \
         report)\n",
        st.followed,
        st.bytes_read / 1_000_000,
        st.files_opened,
        st.files_closed,
        st.truncations
    )
}

/// The terminal's height.
fn terminal_rows() -> Option<usize> {
    // SAFETY: TIOCGWINSZ fills the winsize struct it is given; stdout is a valid descriptor.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        (libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_row > 0)
            .then_some(ws.ws_row as usize)
    }
}
