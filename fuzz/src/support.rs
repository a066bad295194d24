//! Helpers shared by the targets: scratch files, and the expected report of a log computed line by line with
//! [`errcat_audit::parse_line`], independently of the analyser's hot path.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use errcat_audit::{parse_line, LineFormat, MalformedKind, Report};

/// `data` as text (invalid UTF-8 replaced), the form the `&str` APIs are fed.
pub fn lossy(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Whether `c` must never reach a terminal raw (the rule of `errcat::display`).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Panics when `text` holds a character that must not reach a terminal.
pub fn assert_terminal_safe(text: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("{c:?} reached the output: {text:?}");
    }
}

/// A file in this process's scratch directory, removed on drop. Names are unique, so the replay test's threads
/// never share one.
pub struct ScratchFile(pub PathBuf);

impl ScratchFile {
    /// A new file holding `content`, its name ending in `suffix`.
    pub fn new(suffix: &str, content: &[u8]) -> ScratchFile {
        static DIR: OnceLock<PathBuf> = OnceLock::new();
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = DIR.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("errcat-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("scratch directory");
            dir
        });
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{n}{suffix}"));
        std::fs::write(&path, content).expect("scratch file");
        ScratchFile(path)
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The lines of `data` as the analyser cuts them: at `\n`. A last line without one is still being written (in
/// flight): not a line (see [`unfinished`]).
pub fn lines_of(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let whole = &data[..data.len() - unfinished(data)];
    let body = whole.strip_suffix(b"\n").unwrap_or(whole);
    let empty = whole.is_empty();
    body.split(|&b| b == b'\n').filter(move |_| !empty)
}

/// `data` as a reader that saw its end reads it (a pipe that closed, a gzip file): the unfinished last line is a
/// line, as if it ended in `\n`.
pub fn ended(data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    if unfinished(data) > 0 {
        out.push(b'\n');
    }
    out
}

/// The length of the unfinished last line of `data` (0 when it ends with `\n`).
pub fn unfinished(data: &[u8]) -> usize {
    data.len() - data.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)
}

/// A `service_response_code` series key: (service, api, method, host, code).
pub type SeriesKey = (String, String, String, String, u16);

/// What a report must say about one input, computed line by line with `parse_line` and `Record::api`.
#[derive(Debug, Default, PartialEq)]
pub struct Expected {
    pub lines: u64,
    pub counted: u64,
    pub json_lines: u64,
    pub by_kind: BTreeMap<&'static str, u64>,
    pub series: BTreeMap<SeriesKey, u64>,
    /// The first ten malformed lines: (1-based line number, kind).
    pub first_malformed: Vec<(u64, &'static str)>,
    /// (first, last) start time in microseconds.
    pub time_span: Option<(u64, u64)>,
}

impl Expected {
    /// The expected figures of `data` at `max_api_level`.
    pub fn of(data: &[u8], max_api_level: usize) -> Expected {
        let mut e = Expected::default();
        for (i, line) in lines_of(data).enumerate() {
            e.lines += 1;
            match parse_line(line) {
                Ok(rec) => {
                    e.counted += 1;
                    if rec.format == LineFormat::Json {
                        e.json_lines += 1;
                    }
                    if let Some(t) = rec.start_us() {
                        let (first, last) = e.time_span.unwrap_or((t, t));
                        e.time_span = Some((first.min(t), last.max(t)));
                    }
                    let key = (
                        lossy(&rec.module).into_owned(),
                        rec.api(max_api_level),
                        lossy(&rec.method).into_owned(),
                        lossy(&rec.host).into_owned(),
                        rec.status,
                    );
                    *e.series.entry(key).or_default() += 1;
                }
                Err(m) => {
                    *e.by_kind.entry(m.kind.name()).or_default() += 1;
                    if e.first_malformed.len() < 10 {
                        e.first_malformed.push((i as u64 + 1, m.kind.name()));
                    }
                }
            }
        }
        e
    }

    /// The same figures, read off a report of one input.
    pub fn from_report(r: &Report) -> Expected {
        let mut series = BTreeMap::new();
        for s in &r.series {
            let key = (
                s.service.clone(),
                s.api.clone(),
                s.method.clone(),
                s.host.clone(),
                s.code,
            );
            *series.entry(key).or_default() += s.count;
        }
        Expected {
            lines: r.lines,
            counted: r.counted,
            json_lines: r.json_lines,
            by_kind: r.malformed_lines.by_kind.clone(),
            series,
            first_malformed: r
                .malformed_lines
                .first
                .iter()
                .map(|m| (m.line, m.kind))
                .collect(),
            time_span: r.time_span.as_ref().map(|t| (t.first_us, t.last_us)),
        }
    }
}

/// Checks a report of the single input `data` against the line-by-line figures and its own invariants; its
/// JSON must parse and its Prometheus text must carry exactly its series.
pub fn check_report(report: &Report, data: &[u8]) {
    let expected = Expected::of(data, report.max_api_level);
    assert_eq!(
        Expected::from_report(report),
        expected,
        "report of {data:?}"
    );
    check_report_shape(report);
    let in_flight: Vec<u64> = report.in_flight.iter().map(|f| f.bytes).collect();
    let tail = unfinished(data) as u64;
    assert_eq!(
        in_flight,
        if tail > 0 { vec![tail] } else { vec![] },
        "in flight"
    );
    assert_eq!(report.inputs.len(), 1);
    assert_eq!(report.inputs[0].lines, report.lines);
    assert_eq!(report.inputs[0].malformed, report.malformed);
}

/// What holds for any report, whatever its input: the line invariant, the totals, the JSON and Prometheus forms.
pub fn check_report_shape(report: &Report) {
    assert!(report.invariant_holds(), "{report:?}");
    assert_eq!(report.lines, report.counted + report.malformed);
    assert_eq!(report.malformed_lines.count, report.malformed);
    assert_eq!(
        report.malformed_lines.by_kind.values().sum::<u64>(),
        report.malformed
    );
    assert!(report.malformed_lines.first.len() <= 10);
    for m in &report.malformed_lines.first {
        assert!(MalformedKind::ALL.iter().any(|k| k.name() == m.kind));
        // The beginning of the line: bounded whatever the line's length (120 characters, each shown in at most
        // ten), never more than one line.
        assert!(m.excerpt.chars().count() <= 1210, "{:?}", m.excerpt);
        assert!(!m.excerpt.contains('\n'), "{:?}", m.excerpt);
    }
    assert_eq!(report.totals.requests, report.counted);
    assert_eq!(
        report.services.iter().map(|s| s.requests).sum::<u64>(),
        report.counted
    );
    assert_eq!(
        report.series.iter().map(|s| s.count).sum::<u64>(),
        report.counted
    );
    for s in &report.services {
        assert_eq!(s.apis.iter().map(|a| a.requests).sum::<u64>(), s.requests);
        assert_eq!(s.codes.iter().map(|c| c.count).sum::<u64>(), s.requests);
        assert!(s.errors <= s.requests);
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("report JSON");
    assert_eq!(json["lines"], report.lines);
    assert_eq!(json["malformed"], report.malformed);
    check_prometheus(report);
}

/// Parses the Prometheus text back (format 0.0.4: `name{label="value",...} number`, `\\`, `\"` and `\n` escaped)
/// and checks that its `service_response_code` samples are the report's series, label for label.
fn check_prometheus(report: &Report) {
    let text = report.to_prometheus();
    let mut samples = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        samples.push(parse_sample(line).unwrap_or_else(|| panic!("bad sample line {line:?}")));
    }
    let series: Vec<_> = samples
        .iter()
        .filter(|(name, _, _)| name == "service_response_code")
        .collect();
    assert_eq!(series.len(), report.series.len(), "{text:?}");
    for ((_, labels, value), s) in series.iter().zip(&report.series) {
        let code = s.code.to_string();
        let want: Vec<(&str, &str)> = vec![
            ("api", &s.api),
            ("code", &code),
            ("host", &s.host),
            ("method", &s.method),
            ("service", &s.service),
        ];
        let got: Vec<(&str, &str)> = labels
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(*value, s.count as f64);
    }
    let lines = samples
        .iter()
        .find(|(name, _, _)| name == "errcat_audit_lines")
        .expect("errcat_audit_lines");
    assert_eq!(lines.2, report.lines as f64);
}

type Sample = (String, Vec<(String, String)>, f64);

fn parse_sample(line: &str) -> Option<Sample> {
    let name_end = line.find(['{', ' '])?;
    let name = line[..name_end].to_string();
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(body) = rest.strip_prefix('{') {
        rest = body;
        loop {
            let eq = rest.find('=')?;
            let key = rest[..eq].to_string();
            rest = rest[eq + 1..].strip_prefix('"')?;
            let mut value = String::new();
            let mut chars = rest.char_indices();
            let end = loop {
                let (i, c) = chars.next()?;
                match c {
                    '"' => break i,
                    '\\' => match chars.next()?.1 {
                        '\\' => value.push('\\'),
                        '"' => value.push('"'),
                        'n' => value.push('\n'),
                        _ => return None,
                    },
                    c => value.push(c),
                }
            };
            labels.push((key, value));
            rest = &rest[end + 1..];
            if let Some(more) = rest.strip_prefix(',') {
                rest = more;
            } else {
                rest = rest.strip_prefix('}')?;
                break;
            }
        }
    }
    let value = rest.strip_prefix(' ')?.parse().ok()?;
    Some((name, labels, value))
}
