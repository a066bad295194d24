//! Trace-Log: where a request's time went.
//!
//! The response header `Trace-Log` is a JSON array of items (HTTP services) or ONE string whose items are joined
//! by `|` (rpc2; its header keys may be in any case). Each item is `module[:duration][/error]`: the duration in
//! milliseconds (ShardNode: microseconds), omitted when 0; the error cut to 32 bytes; newer builds suffix the
//! module with `@host:port`. An item whose parts are joined by `;` is the whole Trace-Log of a downstream answer
//! (Access → Proxy → Clustermgr): its last part is the downstream module with its total, the other parts are that
//! module's stages, reported as `MODULE>stage`. Access's `a_<alloc>_r_<read>_w_<write>` gives the stages `alloc`,
//! `read` and `write`.

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;

use super::hist::Counts;
use super::parse::parse_number;

/// One item (or part of a nested item) of a Trace-Log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Item<'a> {
    /// For a part of a nested item: the downstream module (the last part's); else empty.
    pub via: &'a [u8],
    /// The module or stage (`BLOBNODE`, `dat.wai`, `alloc`), without any `@host:port`.
    pub name: &'a [u8],
    /// Microseconds; `None` when the item has no duration.
    pub duration_us: Option<u64>,
    /// The error text after `/` (empty when none).
    pub error: &'a [u8],
}

/// One parsed item, owned (for callers outside the hot path).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TraceItem {
    /// The stage as reported: `BLOBNODE`, `dat.wai`, `alloc`, or `PROXY>CLUSTERMGR` for a part of a nested item.
    pub stage: String,
    /// Microseconds, when the item has a duration.
    pub duration_us: Option<u64>,
    /// The error text (up to 32 bytes as logged), when any.
    pub error: Option<String>,
}

/// Parses the Trace-Log of a response header (`resp_header` JSON text). `micro` = the durations are
/// microseconds (a ShardNode line); otherwise milliseconds, except inside a nested item from ShardNode.
///
/// ```
/// use errcat_audit::parse_trace_log;
/// let items = parse_trace_log(br#"{"Trace-Log":["PROXY","a_0_r_19_w_2","ACCESS:22"]}"#, false);
/// let stages: Vec<_> = items.iter().map(|i| (i.stage.as_str(), i.duration_us)).collect();
/// assert_eq!(stages, [("PROXY", None), ("alloc", Some(0)), ("read", Some(19_000)), ("write", Some(2_000)),
///                     ("ACCESS", Some(22_000))]);
/// let rpc2 = parse_trace_log(br#"{"trace-log":"net.r|SHARDNODE:150/shard not found"}"#, true);
/// assert_eq!(rpc2[1].duration_us, Some(150));
/// assert_eq!(rpc2[1].error.as_deref(), Some("shard not found"));
/// ```
pub fn parse_trace_log(resp_header: &[u8], micro: bool) -> Vec<TraceItem> {
    let finder = Finder::new(b"\"Trace-Log\":");
    let mut out = Vec::new();
    if let Some(value) = find_value(resp_header, &finder) {
        for_each_item(value, micro, |i| {
            let stage = if i.via.is_empty() || i.via == i.name {
                String::from_utf8_lossy(i.name).into_owned()
            } else {
                format!(
                    "{}>{}",
                    String::from_utf8_lossy(i.via),
                    String::from_utf8_lossy(i.name)
                )
            };
            out.push(TraceItem {
                stage,
                duration_us: i.duration_us,
                error: (!i.error.is_empty()).then(|| String::from_utf8_lossy(i.error).into_owned()),
            });
        });
    }
    out
}

/// The raw JSON value of the `Trace-Log` member (`[...]` or `"..."`), found by `finder` or case-insensitively.
#[inline]
pub(crate) fn find_value<'a>(resp_header: &'a [u8], finder: &Finder<'_>) -> Option<&'a [u8]> {
    let start = match finder.find(resp_header) {
        Some(at) => at + finder.needle().len(),
        None => find_ci(resp_header)?,
    };
    let rest = &resp_header[start..];
    let rest = &rest[rest.iter().position(|c| !c.is_ascii_whitespace())?..];
    match rest.first()? {
        b'[' => {
            // Fast path: the first `]`, when no escape comes before it and the quotes before it pair up (items
            // are short texts: a `]` inside one is rare).
            if let Some(close) = memchr::memchr(b']', rest) {
                let head = &rest[..close];
                if memchr::memchr(b'\\', head).is_none()
                    && head.iter().filter(|&&c| c == b'"').count() % 2 == 0
                {
                    return Some(&rest[..=close]);
                }
            }
            // Up to the `]` outside strings.
            let mut in_str = false;
            let mut i = 1;
            while i < rest.len() {
                match rest[i] {
                    b'\\' if in_str => i += 1,
                    b'"' => in_str = !in_str,
                    b']' if !in_str => return Some(&rest[..=i]),
                    _ => {}
                }
                i += 1;
            }
            None
        }
        b'"' => {
            let end = string_end(rest, 1)?;
            Some(&rest[..=end])
        }
        _ => None,
    }
}

#[cold]
fn find_ci(obj: &[u8]) -> Option<usize> {
    const KEY: &[u8] = b"trace-log";
    for q in memchr::memchr_iter(b'"', obj) {
        let k = obj.get(q + 1..q + 1 + KEY.len())?;
        if k.eq_ignore_ascii_case(KEY)
            && obj.get(q + 1 + KEY.len()..q + 3 + KEY.len()) == Some(b"\":")
        {
            return Some(q + 3 + KEY.len());
        }
    }
    None
}

/// The index of the closing quote of a string whose content starts at `from`.
#[inline]
fn string_end(b: &[u8], from: usize) -> Option<usize> {
    // Items are short: a plain loop beats a vectorised search.
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'"' => return Some(i),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The first `c` in `b` (for the few bytes of an item: no call into a vectorised search).
#[inline]
fn find(b: &[u8], c: u8) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

/// Calls `f` for every item of a Trace-Log value (`[...]` or an rpc2 `"a|b"` string).
#[inline]
pub(crate) fn for_each_item<'a>(value: &'a [u8], micro: bool, mut f: impl FnMut(Item<'a>)) {
    if value.first() == Some(&b'"') {
        let inner = &value[1..value.len().saturating_sub(1).max(1)];
        for item in inner.split(|&c| c == b'|') {
            item_parts(item, micro, &mut f);
        }
        return;
    }
    let mut i = 1;
    while i < value.len() {
        match value[i] {
            b'"' => {
                let Some(end) = string_end(value, i + 1) else {
                    return;
                };
                item_parts(&value[i + 1..end], micro, &mut f);
                i = end + 1;
            }
            b']' => return,
            _ => i += 1,
        }
    }
}

/// One item: plain, Access's `a_X_r_Y_w_Z`, or nested parts joined by `;`.
#[inline]
fn item_parts<'a>(item: &'a [u8], micro: bool, f: &mut impl FnMut(Item<'a>)) {
    if item.is_empty() {
        return;
    }
    if find(item, b';').is_none() {
        if item.starts_with(b"a_") {
            if let Some([a, r, w]) = access_stages(item) {
                for (name, ms) in [(&b"alloc"[..], a), (b"read", r), (b"write", w)] {
                    f(Item {
                        via: b"",
                        name,
                        duration_us: Some(ms * 1000),
                        error: b"",
                    });
                }
                return;
            }
        }
        let (name, d, error) = part(item);
        f(Item {
            via: b"",
            name,
            duration_us: d.map(|d| if micro { d } else { d * 1000 }),
            error,
        });
        return;
    }
    let last = item.rsplit(|&c| c == b';').next().unwrap_or(item);
    let (via, _, _) = part(last);
    let micro = micro || via.eq_ignore_ascii_case(b"SHARDNODE");
    for p in item.split(|&c| c == b';') {
        if p.is_empty() {
            continue;
        }
        let (name, d, error) = part(p);
        f(Item {
            via,
            name,
            duration_us: d.map(|d| if micro { d } else { d * 1000 }),
            error,
        });
    }
}

/// `a_<alloc>_r_<read>_w_<write>` → the three numbers (ms).
fn access_stages(item: &[u8]) -> Option<[u64; 3]> {
    let mut it = item.split(|&c| c == b'_');
    let mut out = [0u64; 3];
    for (slot, tag) in out.iter_mut().zip([b"a", b"r", b"w"]) {
        if it.next()? != tag {
            return None;
        }
        *slot = parse_number(it.next()?)?;
    }
    it.next().is_none().then_some(out)
}

/// `module[@host:port][:duration][/error]` → (module, duration as written, error).
#[inline]
fn part(p: &[u8]) -> (&[u8], Option<u64>, &[u8]) {
    let (head, error) = match find(p, b'/') {
        Some(at) => (&p[..at], &p[at + 1..]),
        None => (p, &b""[..]),
    };
    let (name, mut rest) = match head.iter().position(|&c| c == b':' || c == b'@') {
        Some(at) => (&head[..at], &head[at..]),
        None => return (head, None, error),
    };
    if rest[0] == b'@' {
        // `@host:port`, then maybe `:duration`.
        let mut colons = rest
            .iter()
            .enumerate()
            .filter(|(_, &c)| c == b':')
            .map(|(i, _)| i);
        let _port = colons.next();
        match colons.next() {
            Some(at) => rest = &rest[at..],
            None => return (name, None, error),
        }
    }
    let digits = &rest[1..];
    let digits = &digits[..digits
        .iter()
        .position(|&c| c == b'@')
        .unwrap_or(digits.len())];
    (name, parse_number(digits), error)
}

/// The time of one stage of an api, over the requests with a Trace-Log.
#[derive(Clone, Debug)]
pub(crate) struct StageAcc {
    /// See [`stage_key`].
    key: u128,
    pub via: Box<[u8]>,
    pub name: Box<[u8]>,
    /// Requests whose Trace-Log has this stage.
    pub requests: u64,
    /// Occurrences with a duration (one request may call a module twice).
    pub durations: Counts<5>,
    /// Occurrences without a duration (0 ms, not written).
    pub zero: u64,
}

/// The stage (`via`, `name`) packed into 128 bits: exact (top bit clear) when both fit in 15 bytes (the lengths
/// in the first byte), else a hash with the top bit set (then names are compared in full on a key match).
#[inline]
fn stage_key(via: &[u8], name: &[u8]) -> u128 {
    let (v, n) = (via.len(), name.len());
    if v + n <= 15 {
        // Byte by byte (a copy of a few bytes of unknown length would be a call to `memcpy`).
        let mut key = u128::from((v as u8) << 4 | n as u8);
        for (j, &c) in via.iter().chain(name).enumerate() {
            key |= u128::from(c) << (8 * (j + 1));
        }
        if key >> 127 == 0 {
            return key;
        }
    }
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    (via, name).hash(&mut h);
    1 << 127 | u128::from(h.finish())
}

/// Kept per api: distinct (module, error) pairs of failed requests beyond this are counted as `other`.
const KEEP_ERRORS: usize = 32;
/// Kept per api: distinct stages beyond this are not broken down.
const KEEP_STAGES: usize = 64;

/// Distinct Trace-Log values buffered per api before they are parsed (most values repeat: parsing each distinct
/// value once, with its count, is the same as parsing every line).
const PENDING_VALUES: usize = 4096;
/// Bytes of buffered values per api at most.
const PENDING_BYTES: usize = 256 << 10;

/// (module, error text, count) of the error items of failed requests.
pub(crate) type ErrorCount = (Box<[u8]>, Box<[u8]>, u64);

/// Trace-Log figures of one (service, api).
#[derive(Clone, Debug, Default)]
pub(crate) struct TraceLogAcc {
    /// Requests with a Trace-Log.
    pub requests: u64,
    pub stages: Vec<StageAcc>,
    /// Failed requests' items with an error: (module, error text) → count.
    pub errors: Vec<ErrorCount>,
    /// Failed requests with a Trace-Log.
    pub failed: u64,
    /// Error items not kept (beyond [`KEEP_ERRORS`] distinct pairs).
    pub other_errors: u64,
    /// Whether durations are microseconds (a ShardNode api).
    micro: bool,
    /// Values not parsed yet: hash → index into `entries`.
    pending: FxHashMap<u64, u32>,
    /// (start in `arena`, length, requests, failed requests).
    entries: Vec<(u32, u32, u64, u64)>,
    arena: Vec<u8>,
}

impl TraceLogAcc {
    /// Counts the Trace-Log `value` of one request (buffered: see [`PENDING_VALUES`]).
    #[inline]
    pub fn add(&mut self, value: &[u8], micro: bool, failed: bool) {
        self.micro = micro;
        let mut h = rustc_hash::FxHasher::default();
        std::hash::Hasher::write(&mut h, value);
        let hash = std::hash::Hasher::finish(&h) ^ u64::from(failed);
        if let Some(&i) = self.pending.get(&hash) {
            let e = &mut self.entries[i as usize];
            if self.arena[e.0 as usize..(e.0 + e.1) as usize] == *value {
                e.2 += 1;
                e.3 += u64::from(failed);
                return;
            }
            // A hash collision: parse this one now.
            self.add_n(value, 1, u64::from(failed));
            return;
        }
        if self.entries.len() >= PENDING_VALUES || self.arena.len() + value.len() > PENDING_BYTES {
            self.flush();
        }
        if value.len() > PENDING_BYTES {
            self.add_n(value, 1, u64::from(failed));
            return;
        }
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(value);
        self.pending.insert(hash, self.entries.len() as u32);
        self.entries
            .push((start, value.len() as u32, 1, u64::from(failed)));
    }

    /// Parses the buffered values.
    pub fn flush(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        let arena = std::mem::take(&mut self.arena);
        for &(start, len, n, failed) in &entries {
            self.add_n(&arena[start as usize..(start + len) as usize], n, failed);
        }
        self.pending.clear();
        // Keep the allocations for the next round.
        self.entries = entries;
        self.entries.clear();
        self.arena = arena;
        self.arena.clear();
    }

    /// Counts `n` requests with the Trace-Log `value`, `failed` of them failed.
    fn add_n(&mut self, value: &[u8], n: u64, failed: u64) {
        self.requests += n;
        self.failed += failed;
        let mut seen = 0u64;
        let stages = &mut self.stages;
        let errors = &mut self.errors;
        let other = &mut self.other_errors;
        for_each_item(value, self.micro, |it| {
            let key = stage_key(it.via, it.name);
            let exact = key >> 127 == 0;
            let at = match stages
                .iter()
                .position(|s| s.key == key && (exact || (*s.name == *it.name && *s.via == *it.via)))
            {
                Some(at) => at,
                None if stages.len() < KEEP_STAGES => {
                    stages.push(StageAcc {
                        key,
                        via: it.via.into(),
                        name: it.name.into(),
                        requests: 0,
                        durations: Counts::default(),
                        zero: 0,
                    });
                    stages.len() - 1
                }
                None => return,
            };
            let s = &mut stages[at];
            if seen >> at & 1 == 0 {
                seen |= 1 << at;
                s.requests += n;
            }
            match it.duration_us {
                Some(d) => s.durations.record_n(d, n),
                None => s.zero += n,
            }
            if failed > 0 && !it.error.is_empty() {
                note_error(errors, other, it.name, it.error, failed);
            }
        });
    }

    /// Adds `other` (its buffered values parsed first).
    pub fn merge(&mut self, mut other: TraceLogAcc) {
        other.flush();
        self.requests += other.requests;
        self.failed += other.failed;
        self.other_errors += other.other_errors;
        self.micro |= other.micro;
        for o in &other.stages {
            match self
                .stages
                .iter_mut()
                .find(|s| s.name == o.name && s.via == o.via)
            {
                Some(s) => {
                    s.requests += o.requests;
                    s.durations.add(&o.durations);
                    s.zero += o.zero;
                }
                None => self.stages.push(o.clone()),
            }
        }
        for (m, e, n) in &other.errors {
            note_error(&mut self.errors, &mut self.other_errors, m, e, *n);
        }
    }
}

fn note_error(errors: &mut Vec<ErrorCount>, other: &mut u64, module: &[u8], error: &[u8], n: u64) {
    if let Some(slot) = errors
        .iter_mut()
        .find(|(m, e, _)| **m == *module && **e == *error)
    {
        slot.2 += n;
    } else if errors.len() < KEEP_ERRORS {
        errors.push((module.into(), error.into(), n));
    } else {
        *other += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages(h: &[u8], micro: bool) -> Vec<(String, Option<u64>, Option<String>)> {
        parse_trace_log(h, micro)
            .into_iter()
            .map(|i| (i.stage, i.duration_us, i.error))
            .collect()
    }

    fn s(stage: &str, d: Option<u64>) -> (String, Option<u64>, Option<String>) {
        (stage.to_string(), d, None)
    }

    #[test]
    fn the_facts_examples() {
        assert_eq!(
            stages(br#"{"Trace-Log":["net.r","dat.w","dat.wai:23","md.w","disk.put:24","sync","BLOBNODE:24"],"Trace-Tags":["span.kind:server","limited:3"]}"#, false),
            vec![
                s("net.r", None),
                s("dat.w", None),
                s("dat.wai", Some(23_000)),
                s("md.w", None),
                s("disk.put", Some(24_000)),
                s("sync", None),
                s("BLOBNODE", Some(24_000)),
            ]
        );
        assert_eq!(
            stages(br#"{"Trace-Log":["SCHEDULER"]}"#, false),
            vec![s("SCHEDULER", None)]
        );
        assert_eq!(
            stages(br#"{"Trace-Log":["ACCESS@127.0.0.2:9500"]}"#, false),
            vec![s("ACCESS", None)]
        );
        assert_eq!(
            stages(
                br#"{"Trace-Log":["ACCESS@127.0.0.2:9500:22/access limited"]}"#,
                false
            ),
            vec![("ACCESS".into(), Some(22_000), Some("access limited".into()))]
        );
    }

    #[test]
    fn nesting_and_rpc2() {
        assert_eq!(
            stages(br#"{"Trace-Log":["CLUSTERMGR:1;PROXY:3","BLOBNODE:7/disk is broken","a_1_r_0_w_9","ACCESS:12"]}"#, false),
            vec![
                s("PROXY>CLUSTERMGR", Some(1_000)),
                s("PROXY", Some(3_000)),
                ("BLOBNODE".into(), Some(7_000), Some("disk is broken".into())),
                s("alloc", Some(1_000)),
                s("read", Some(0)),
                s("write", Some(9_000)),
                s("ACCESS", Some(12_000)),
            ]
        );
        // rpc2: one string joined by `|`, lower-case key, microseconds.
        assert_eq!(
            stages(br#"{"blobstore-tracer-traceid":"x","trace-log":"rpc.r:3|kv.get:88|SHARDNODE:120"}"#, true),
            vec![s("rpc.r", Some(3)), s("kv.get", Some(88)), s("SHARDNODE", Some(120))]
        );
        // A ShardNode answer nested in an Access Trace-Log keeps its microseconds.
        assert_eq!(
            stages(
                br#"{"Trace-Log":["kv.get:88;SHARDNODE:120","ACCESS:1"]}"#,
                false
            ),
            vec![
                s("SHARDNODE>kv.get", Some(88)),
                s("SHARDNODE", Some(120)),
                s("ACCESS", Some(1_000))
            ]
        );
        assert_eq!(stages(br#"{"Trace-Log":[]}"#, false), vec![]);
        assert_eq!(stages(br#"{"Other":1}"#, false), vec![]);
        assert_eq!(
            stages(br#"{"Trace-Log":["a\"b:1"]}"#, false),
            vec![s(r#"a\"b"#, Some(1000))]
        );
    }
}
