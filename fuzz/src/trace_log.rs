//! The Trace-Log parser: `errcat_audit::parse_trace_log` on a response header, and the Trace-Log section of the
//! report `analyze` builds from the same header on its hot path (values buffered per api, parsed once per distinct
//! value, stages keyed by a packed 128-bit key).
//!
//! Input: a selector byte, then the rest. Selector bit 0: durations are microseconds (a ShardNode line); bits 1–2:
//! what the rest is — 0 the whole `resp_header`, 1 the raw value of its `"Trace-Log":` member, 2 the text of an
//! rpc2 `"trace-log":"…"` string, 3 a list of items to build (see [`Spec`]; bits 4–6 pick its rendering, bit 7
//! repeats it); bit 3: also analyse two audit lines carrying the header (a 200 and a 500; bit 7: from BlobNode
//! rather than Access), which costs a file per input. Invariants:
//! - parsing is deterministic, never recurses, and gives at most one item per two bytes of the header;
//! - every item has a module name, non-empty and free of the separators `:`, `@`, `/` and `;`; an error, when
//!   there is one, is non-empty and holds no `;`; a duration in milliseconds (not a ShardNode line, not nested
//!   from a ShardNode answer) is a whole number of milliseconds;
//! - the items re-rendered as a Trace-Log (microseconds, `stage[:duration][/error]`) parse to the same items
//!   (durations of up to 19 digits, as durations are read);
//! - a Trace-Log built from a list of items (plain, with `@host:port`, Access's `a_<alloc>_r_<read>_w_<write>`,
//!   nested with `;`; as a JSON array or an rpc2 string, the key in any case) parses to exactly the items the
//!   format says, and that list repeated to 8 KiB parses to the items repeated (time linear in the input); a
//!   duration that does not fit in 64 bits of microseconds is no duration;
//! - two audit lines carrying the header keep lines = counted + malformed and every other figure of the
//!   line-by-line count (`support::check_report`); their Trace-Log section is the parsed items': 2 requests, 1
//!   failed, each stage in 2 requests with twice its occurrences per header, and the downstream errors of the
//!   failed line are its items with an error, module and text.

use std::collections::BTreeMap;

use errcat_audit::{analyze, parse_trace_log, AuditOptions, TraceItem};

use super::support::{check_report, ScratchFile};

/// Item texts for the structured mode: the documented modules and stages, and a spelling of ShardNode's that
/// only case tells apart.
const MODULES: &[&str] = &[
    "ACCESS",
    "PROXY",
    "CLUSTERMGR",
    "BLOBNODE",
    "SHARDNODE",
    "SCHEDULER",
    "shardNode",
    "net.r",
    "dat.wai",
    "disk.put",
    "kv.get",
    "rpc.r",
    "sync",
];
/// Characters of a generated module name: none of the format's separators, and no `_` (so no name reads as an
/// Access item).
const NAME_CHARS: &[u8] = b"ABCKNOPRSacdegknoprstw.-0123456789>";
/// Characters of a generated error text: anything but `;`, `|`, `"` and `\`.
const ERROR_CHARS: &[u8] = b"abcdeilmnorstu :/@.-_>0123456789";

/// The input, read a byte at a time (zeros once it is exhausted).
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A list of items to render, and the items the format says it holds.
#[derive(Default)]
struct Spec {
    texts: Vec<String>,
    expected: Vec<TraceItem>,
}

fn name(b: &mut Bytes<'_>) -> String {
    let k = b.next();
    if k & 0x80 == 0 {
        return MODULES[usize::from(k) % MODULES.len()].to_string();
    }
    (0..1 + (k & 7))
        .map(|_| char::from(NAME_CHARS[usize::from(b.next()) % NAME_CHARS.len()]))
        .collect()
}

/// A duration as written (None: omitted), small, 32-bit or up to 19 digits.
fn number(b: &mut Bytes<'_>) -> Option<u64> {
    let k = b.next();
    match k % 4 {
        0 => None,
        1 => Some(u64::from(k >> 2)),
        2 => Some(u64::from(u32::from_le_bytes([b.next(), b.next(), b.next(), b.next()]))),
        _ => Some(u64::from_le_bytes(std::array::from_fn(|_| b.next())) % 10_000_000_000_000_000_000),
    }
}

fn error(b: &mut Bytes<'_>) -> Option<String> {
    let k = b.next();
    (k & 1 == 1).then(|| {
        (0..1 + (k >> 1) % 40)
            .map(|_| char::from(ERROR_CHARS[usize::from(b.next()) % ERROR_CHARS.len()]))
            .collect()
    })
}

/// The duration in µs of `written`: as is in microseconds, else × 1000 when that fits.
fn in_us(written: Option<u64>, micro: bool) -> Option<u64> {
    written.and_then(|d| if micro { Some(d) } else { d.checked_mul(1000) })
}

/// One `module[@host:port][:duration][/error]` part: its text, and (name, duration as written, error).
fn part(b: &mut Bytes<'_>) -> (String, String, Option<u64>, Option<String>) {
    let name = name(b);
    let host = b.next();
    let duration = number(b);
    let error = error(b);
    let mut text = name.clone();
    if host & 1 == 1 {
        text.push_str(&format!("@10.0.0.{}:95{:02}", host >> 1, host % 100));
    }
    if let Some(d) = duration {
        text.push_str(&format!(":{d}"));
    }
    if let Some(e) = &error {
        text.push_str(&format!("/{e}"));
    }
    (text, name, duration, error)
}

impl Spec {
    /// Up to 64 items read from `b`.
    fn read(b: &mut Bytes<'_>, micro: bool) -> Spec {
        let mut spec = Spec::default();
        while !b.is_empty() && spec.texts.len() < 64 {
            let k = b.next();
            match k % 4 {
                0 | 1 => {
                    let (text, name, d, error) = part(b);
                    spec.texts.push(text);
                    spec.expected.push(TraceItem {
                        stage: name,
                        duration_us: in_us(d, micro),
                        error,
                    });
                }
                2 => {
                    let ms: [u64; 3] = std::array::from_fn(|_| number(b).unwrap_or(0));
                    spec.texts
                        .push(format!("a_{}_r_{}_w_{}", ms[0], ms[1], ms[2]));
                    for (stage, ms) in ["alloc", "read", "write"].into_iter().zip(ms) {
                        spec.expected.push(TraceItem {
                            stage: stage.into(),
                            duration_us: ms.checked_mul(1000),
                            error: None,
                        });
                    }
                }
                _ => {
                    let parts: Vec<_> = (0..2 + (k >> 2) % 3).map(|_| part(b)).collect();
                    let via = parts.last().expect("two parts at least").1.clone();
                    let micro = micro || via.eq_ignore_ascii_case("SHARDNODE");
                    let texts: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
                    spec.texts.push(texts.join(";"));
                    for (_, name, d, error) in parts {
                        spec.expected.push(TraceItem {
                            stage: if name == via {
                                name
                            } else {
                                format!("{via}>{name}")
                            },
                            duration_us: in_us(d, micro),
                            error,
                        });
                    }
                }
            }
        }
        spec
    }
}

/// A response header whose Trace-Log holds `items` (texts of items): a JSON array, or one rpc2 string joined by
/// `|`; the key spelled `Trace-Log`, or in lower case (found case-insensitively); other members around it.
fn header(items: &[String], rpc2: bool, lower: bool, space: bool) -> Vec<u8> {
    let key = if lower { "trace-log" } else { "Trace-Log" };
    let sep = if space { " " } else { "" };
    let value = if rpc2 {
        format!("\"{}\"", items.join("|"))
    } else {
        let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
        format!("[{}]", quoted.join(","))
    };
    format!(
        "{{\"Blobstore-Tracer-Traceid\":\"5f1d\",\"Content-Length\":\"0\",\"{key}\":{sep}{value},\"Trace-Tags\":[\"span.kind:server\"]}}"
    )
    .into_bytes()
}

/// The text of an item as a Trace-Log in microseconds writes it (`@host:port` keeps a name that looks like an
/// Access item from being read as one).
fn render(item: &TraceItem) -> String {
    let mut text = item.stage.clone();
    if text.starts_with("a_") {
        text.push_str("@h:1");
    }
    if let Some(d) = item.duration_us {
        text.push_str(&format!(":{d}"));
    }
    if let Some(e) = &item.error {
        text.push_str(&format!("/{e}"));
    }
    text
}

/// What holds for the items of any header.
fn check_items(header: &[u8], micro: bool, items: &[TraceItem]) {
    assert_eq!(parse_trace_log(header, micro), items, "not deterministic");
    assert!(
        items.len() <= header.len() / 2 + 1,
        "{} items from {} bytes",
        items.len(),
        header.len()
    );
    for item in items {
        assert!(!item.stage.is_empty(), "an item without a module: {item:?}");
        assert!(
            !item.stage.contains([':', '@', '/', ';']),
            "a separator in the module: {item:?}"
        );
        if let Some(e) = &item.error {
            assert!(!e.is_empty() && !e.contains(';'), "{item:?}");
        }
        let nested_shardnode = item
            .stage
            .get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case("SHARDNODE>"));
        if !micro && !nested_shardnode && !item.stage.eq_ignore_ascii_case("SHARDNODE") {
            if let Some(d) = item.duration_us {
                assert_eq!(d % 1000, 0, "not whole milliseconds: {item:?}");
            }
        }
    }
    // Re-rendered in microseconds (those whose text needs no JSON escape and whose duration has at most the 19
    // digits a duration is read with): the same items, in an array and, when no text holds a `|`, in an rpc2
    // string.
    let plain: Vec<TraceItem> = items
        .iter()
        .filter(|i| {
            let e = i.error.as_deref().unwrap_or("");
            !i.stage.contains(['"', '\\'])
                && !e.contains(['"', '\\'])
                && i.duration_us.is_none_or(|d| d < 10_000_000_000_000_000_000)
        })
        .cloned()
        .collect();
    let texts: Vec<String> = plain.iter().map(render).collect();
    let again = parse_trace_log(&self::header(&texts, false, false, false), true);
    assert_eq!(again, plain, "re-rendered as {texts:?}");
    if !texts.iter().any(|t| t.contains('|')) {
        let again = parse_trace_log(&self::header(&texts, true, true, false), true);
        assert_eq!(again, plain, "re-rendered for rpc2 as {texts:?}");
    }
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let micro = selector & 1 == 1;
    let header = match selector >> 1 & 3 {
        0 => rest.to_vec(),
        1 => [&b"{\"Trace-Log\":"[..], rest, b"}"].concat(),
        2 => [&b"{\"trace-log\":\""[..], rest, b"\"}"].concat(),
        _ => {
            let spec = Spec::read(&mut Bytes(rest), micro);
            let (rpc2, lower, space) = (selector & 16 != 0, selector & 32 != 0, selector & 64 != 0);
            let header = header(&spec.texts, rpc2, lower, space);
            let items = parse_trace_log(&header, micro);
            assert_eq!(
                items,
                spec.expected,
                "{}",
                String::from_utf8_lossy(&header)
            );
            // With bit 7: the same list many times over gives the items as many times, in time linear in the
            // length.
            if selector & 128 != 0 && !items.is_empty() {
                let one: usize = spec.texts.iter().map(|t| t.len() + 3).sum();
                let times = (8 << 10) / one + 1;
                let texts: Vec<String> = spec
                    .texts
                    .iter()
                    .cycle()
                    .take(spec.texts.len() * times)
                    .cloned()
                    .collect();
                let many = parse_trace_log(&self::header(&texts, rpc2, lower, space), micro);
                assert_eq!(many.len(), items.len() * times);
                assert!(many.chunks(items.len()).all(|c| c == items));
            }
            header
        }
    };
    let items = parse_trace_log(&header, micro);
    check_items(&header, micro, &items);
    if selector & 8 != 0 {
        check_lines(&header, micro, selector & 128 != 0);
    }
}

/// Two audit lines (a 200, then a 500) carrying `header` (TABs and line ends made spaces, so that it stays one
/// field), analysed: the report keeps its invariants and its Trace-Log section is the parsed items'.
fn check_lines(header: &[u8], micro: bool, blobnode: bool) {
    let header: Vec<u8> = header
        .iter()
        .map(|&c| if matches!(c, b'\t' | b'\n' | b'\r') { b' ' } else { c })
        .collect();
    let (module, method, path) = match (micro, blobnode) {
        (true, _) => ("SHARDNODE", "PSH", "/blob/get"),
        (false, true) => ("BLOBNODE", "POST", "/shard/put/diskid/1/vuid/2/bid/3/size/4"),
        (false, false) => ("ACCESS", "PUT", "/put"),
    };
    let mut log = Vec::new();
    for (status, start) in [(200, 17580744019173414u64), (500, 17580744019173999)] {
        log.extend_from_slice(
            format!("REQ\t{module}\t{start}\t{method}\t{path}\t{{\"Host\":\"10.0.0.2:9500\"}}\t\t{status}\t")
                .as_bytes(),
        );
        log.extend_from_slice(&header);
        log.extend_from_slice(b"\t\t0\t62753\n");
    }
    let file = ScratchFile::new(".log", &log);
    let report = analyze(&[file.path().to_path_buf()], &AuditOptions::default()).expect("a readable file");
    check_report(&report, &log);
    if report.counted != 2 {
        return;
    }
    let items = parse_trace_log(&header, micro);
    assert!(report.tracelog.len() <= 1, "{:?}", report.tracelog);
    let Some(t) = report.tracelog.first() else {
        assert!(items.is_empty(), "items {items:?} but no Trace-Log section");
        return;
    };
    assert_eq!((t.service.as_str(), t.requests, t.failed), (module, 2, 1), "{t:?}");
    // Occurrences per header, by stage as shown.
    let mut occurrences: BTreeMap<&str, u64> = BTreeMap::new();
    for i in &items {
        *occurrences.entry(&i.stage).or_default() += 1;
    }
    assert!(t.stages.len() <= 64, "{} stages", t.stages.len());
    let mut shown: BTreeMap<&str, u64> = BTreeMap::new();
    for s in &t.stages {
        *shown.entry(&s.stage).or_default() += 1;
        // A stage shown twice is ambiguous only through a '>' in a module's own name, or through bytes that are
        // not UTF-8 (distinct ones are shown alike, as U+FFFD).
        let ambiguous = s.stage.contains(['>', '\u{FFFD}']);
        assert!(shown[s.stage.as_str()] == 1 || ambiguous, "stage {:?} twice: {t:?}", s.stage);
        let n = occurrences.get(s.stage.as_str()).copied();
        assert!(n.is_some(), "stage {:?} is in no item: {items:?}", s.stage);
        assert_eq!(s.requests, 2, "{s:?}");
        assert_eq!(s.share, 1.0, "{s:?}");
        if shown[s.stage.as_str()] == 1 && !ambiguous {
            assert_eq!(s.count, 2 * n.unwrap_or(0), "{s:?} of {items:?}");
        }
        assert!(s.p50_us.is_some() && s.p50_us <= s.p99_us, "{s:?}");
    }
    // Stages beyond the first 64 kinds are not broken down: fewer than 64 shown means none was left out.
    let complete = t.stages.len() < 64;
    if complete {
        for stage in occurrences.keys() {
            assert!(shown.contains_key(stage), "stage {stage:?} missing: {t:?}");
        }
    }
    // The failed line's items with an error, by module and text.
    let errors = items.iter().filter(|i| i.error.is_some()).count() as u64;
    let kept: u64 = t.downstream_errors.iter().map(|e| e.count).sum();
    if complete {
        assert_eq!(kept + t.other_errors, errors, "{t:?}");
    } else {
        assert!(kept + t.other_errors <= errors, "{t:?}");
    }
    assert!(t.downstream_errors.len() <= 32);
    for e in &t.downstream_errors {
        assert!(
            items.iter().any(|i| i.error.as_deref() == Some(e.error.as_str())
                && (i.stage == e.module || i.stage.ends_with(&format!(">{}", e.module)))),
            "downstream error {e:?} is in no item: {items:?}"
        );
    }
}
