//! The Trace-Log grammar: finding the value in a response header, and its items as written (plain, nested by
//! `;`, Access's `a_<alloc>_r_<read>_w_<write>`, `@host:port`, `/error`). [`super::scan`] walks the common items
//! faster and comes here for the rest.

use crate::parse::parse_number;
use crate::seek::{Key, Search};

/// The key of the member, as Go writes it.
pub(crate) const TRACE_LOG: Key = Key::new(b"\"Trace-Log\":", 7, 10);

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
    /// `(via, name)` packed (see [`stage_key`]).
    pub key: u128,
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
    let mut out = Vec::new();
    if let Some(value) = find_value(resp_header, &TRACE_LOG) {
        super::scan::for_each_item(value, micro, |i| {
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
pub(crate) fn find_value<'a>(resp_header: &'a [u8], finder: &impl Search) -> Option<&'a [u8]> {
    find_value_at(resp_header, finder).map(|(at, len)| &resp_header[at..at + len])
}

/// Where [`find_value`]'s value is: (start, length) in `resp_header`.
#[inline]
pub(crate) fn find_value_at(resp_header: &[u8], finder: &impl Search) -> Option<(usize, usize)> {
    let at = value_start(resp_header, finder)?;
    Some((at, value_len(&resp_header[at..])?))
}

/// Where the value of the `Trace-Log` member begins (its first byte after the key and any white space).
#[inline]
pub(crate) fn value_start(resp_header: &[u8], finder: &impl Search) -> Option<usize> {
    let start = finder
        .find_in(resp_header)
        .or_else(|| finder.find_ci_in(resp_header))?
        + finder.key_len();
    let rest = &resp_header[start..];
    Some(start + rest.iter().position(|c| !c.is_ascii_whitespace())?)
}

/// The length of the value (`[...]` or `"..."`) that `rest` starts with.
#[inline]
pub(crate) fn value_len(rest: &[u8]) -> Option<usize> {
    match rest.first()? {
        b'[' => {
            // Fast path: the first `]`, when no escape comes before it and the quotes before it pair up (items
            // are short texts: a `]` inside one is rare).
            if let Some(close) = memchr::memchr(b']', rest) {
                let head = &rest[..close];
                if memchr::memchr(b'\\', head).is_none()
                    && head.iter().filter(|&&c| c == b'"').count() % 2 == 0
                {
                    return Some(close + 1);
                }
            }
            // Up to the `]` outside strings.
            let mut in_str = false;
            let mut i = 1;
            while i < rest.len() {
                match rest[i] {
                    b'\\' if in_str => i += 1,
                    b'"' => in_str = !in_str,
                    b']' if !in_str => return Some(i + 1),
                    _ => {}
                }
                i += 1;
            }
            None
        }
        b'"' => Some(string_end(rest, 1)? + 1),
        _ => None,
    }
}

/// The index of the closing quote of a string whose content starts at `from`.
#[inline]
pub(super) fn string_end(b: &[u8], from: usize) -> Option<usize> {
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

/// Calls `f` for every item of a Trace-Log value (`[...]` or an rpc2 `"a|b"` string): the grammar as written,
/// item by item. [`super::scan::for_each_item`] gives the same items faster; this is its reference.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn for_each_item_generic<'a>(value: &'a [u8], micro: bool, mut f: impl FnMut(Item<'a>)) {
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
pub(super) fn item_parts<'a>(item: &'a [u8], micro: bool, f: &mut impl FnMut(Item<'a>)) {
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
                        duration_us: in_us(ms, false),
                        error: b"",
                        key: stage_key(b"", name),
                    });
                }
                return;
            }
        }
        let (name, d, error) = part(item);
        if name.is_empty() {
            return; // `:5`, `/error`, `@host:port`: no module, no item
        }
        f(Item {
            via: b"",
            name,
            duration_us: d.and_then(|d| in_us(d, micro)),
            error,
            key: stage_key(b"", name),
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
        if name.is_empty() {
            continue;
        }
        // The downstream module's own part is that module's stage, as a plain item of it is.
        let via = if name == via { &b""[..] } else { via };
        f(Item {
            via,
            name,
            duration_us: d.and_then(|d| in_us(d, micro)),
            error,
            key: stage_key(via, name),
        });
    }
}

/// A duration as written, in µs: as is when `micro`, else milliseconds × 1000; none when that does not fit in 64
/// bits (as a number of more than 19 digits is none).
#[inline(always)]
pub(super) fn in_us(written: u64, micro: bool) -> Option<u64> {
    if micro {
        Some(written)
    } else {
        written.checked_mul(1000)
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

/// The stage (`via`, `name`) packed into 128 bits: exact (top bit clear) when both fit in 15 bytes (the lengths
/// in the first byte), else a hash with the top bit set (then names are compared in full on a key match).
#[inline]
pub(crate) fn stage_key(via: &[u8], name: &[u8]) -> u128 {
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
