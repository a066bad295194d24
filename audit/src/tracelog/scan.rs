//! The items of a Trace-Log value, fast. The common items of an array — `name`, `name:digits`, either with
//! `/error`, and Access's `a_<alloc>_r_<read>_w_<write>` — are read in one pass: the name's end found among 16
//! bytes at once (SSE2), its stage key taken from the same bytes, the digits read as a word. Any other item (`@`,
//! `;` nesting, an escape, a long number) and rpc2's `|` strings go to the grammar as written
//! ([`super::items`]). The items and their order are those of [`super::items::for_each_item_generic`] (a property
//! test below checks it).

use super::items::{in_us, item_parts, stage_key, string_end, Item};

/// What receives the items (the accumulator, or a closure).
pub(crate) trait Sink<'a> {
    fn item(&mut self, it: Item<'a>);
}

impl<'a, F: FnMut(Item<'a>)> Sink<'a> for F {
    #[inline(always)]
    fn item(&mut self, it: Item<'a>) {
        self(it)
    }
}

/// Bytes that end the name of an item in an array: `:` (a duration follows), `"` (the item ends), `/` (an error
/// follows), and those that only the full grammar reads (`@`, `;`, `\`).
const ARRAY_STOP: [bool; 256] = stops(b":\"/@;\\");
/// In an rpc2 string, `|` also ends an item (and `"` cannot occur unescaped).
const RPC2_STOP: [bool; 256] = stops(b":\"/@;\\|");

const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

/// Digits of a duration read on the fast path (longer ones take the full grammar, which handles them).
const MAX_DIGITS: usize = 15;

/// The stage keys of Access's three stages.
const ALLOC: u128 = short_key(b"alloc");
const READ: u128 = short_key(b"read");
const WRITE: u128 = short_key(b"write");

/// [`stage_key`] of a name of at most 15 ASCII bytes, at compile time.
const fn short_key(name: &[u8]) -> u128 {
    let mut key = name.len() as u128;
    let mut j = 0;
    while j < name.len() {
        key |= (name[j] as u128) << (8 * (j + 1));
        j += 1;
    }
    key
}

/// The stage key of the name `buf[start..start + n]` (no `via`): from one 16-byte load when `buf` has 16 bytes
/// there, else [`stage_key`]. The same value either way.
#[inline(always)]
fn name_key(buf: &[u8], start: usize, n: usize) -> u128 {
    if n <= 15 {
        if let Some(w) = buf.get(start..start + 16) {
            let word = u128::from_le_bytes(w.try_into().expect("16 bytes"));
            let key = (word & ((1u128 << (8 * n)) - 1)) << 8 | n as u128;
            if key >> 127 == 0 {
                return key;
            }
        }
    }
    stage_key(b"", &buf[start..start + n])
}

/// Reads the digits at `buf[at..end]`: (value, index after them), `None` when there are none or more than
/// [`MAX_DIGITS`].
#[inline(always)]
fn digits(buf: &[u8], at: usize, end: usize) -> Option<(u64, usize)> {
    let mut k = at;
    let mut v = 0u64;
    while k < end {
        let d = buf[k].wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        v = v * 10 + u64::from(d);
        k += 1;
        if k - at > MAX_DIGITS {
            return None;
        }
    }
    (k > at).then_some((v, k))
}

#[inline(always)]
fn access_like(buf: &[u8], start: usize, n: usize) -> bool {
    n >= 2 && buf[start] == b'a' && buf[start + 1] == b'_'
}

/// Where the name that starts at `buf[start]` ends: the first byte of [`ARRAY_STOP`] at or after `start`, looked
/// for below `len`; `len` when there is none.
#[inline(always)]
fn name_end(buf: &[u8], start: usize, len: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if start + 16 <= buf.len() {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86_64 baseline; the 16 bytes loaded are inside `buf`.
        let m = unsafe {
            let v = _mm_loadu_si128(buf.as_ptr().add(start).cast::<__m128i>());
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let stop = _mm_or_si128(
                _mm_or_si128(
                    _mm_or_si128(eq(b':'), eq(b'"')),
                    _mm_or_si128(eq(b'/'), eq(b'@')),
                ),
                _mm_or_si128(eq(b';'), eq(b'\\')),
            );
            _mm_movemask_epi8(stop) as u32
        };
        if m != 0 {
            return (start + m.trailing_zeros() as usize).min(len);
        }
        return scalar_name_end(buf, start + 16, len);
    }
    scalar_name_end(buf, start, len)
}

#[inline(always)]
fn scalar_name_end(buf: &[u8], from: usize, len: usize) -> usize {
    let mut j = from;
    while j < len && !ARRAY_STOP[usize::from(buf[j])] {
        j += 1;
    }
    j.min(len)
}

/// The end of an error text that starts at `from`: the closing `"` when no `;` or `\` comes first (those need
/// the full grammar).
#[inline(always)]
fn error_end(value: &[u8], from: usize) -> Option<usize> {
    let at = from
        + value[from..]
            .iter()
            .position(|&c| matches!(c, b'"' | b';' | b'\\'))?;
    (value[at] == b'"').then_some(at)
}

/// `a_<digits>_r_<digits>_w_<digits>` exactly: the three numbers (ms).
#[inline(always)]
fn access_stages(name: &[u8]) -> Option<[u64; 3]> {
    let mut out = [0u64; 3];
    let mut at = 0;
    for (slot, tag) in out.iter_mut().zip([b"a_", b"r_", b"w_"]) {
        if name.get(at..at + 2)? != tag {
            return None;
        }
        let (v, end) = digits(name, at + 2, name.len())?;
        *slot = v;
        at = end;
        if at < name.len() {
            if name[at] != b'_' {
                return None;
            }
            at += 1;
        }
    }
    (at == name.len() && name[name.len() - 1] != b'_').then_some(out)
}

/// Calls `f` for every item of a Trace-Log value (`[...]` or an rpc2 `"a|b"` string).
#[inline]
pub(crate) fn for_each_item<'a>(value: &'a [u8], micro: bool, mut f: impl FnMut(Item<'a>)) {
    for_each_item_in(value, value.len(), micro, &mut f)
}

/// [`for_each_item`] of the value `buf[..len]` into `sink`; the bytes after it (the rest of the header) are only
/// read by wide loads, never as part of an item.
#[inline(always)]
pub(crate) fn for_each_item_in<'a>(
    buf: &'a [u8],
    len: usize,
    micro: bool,
    sink: &mut impl Sink<'a>,
) {
    let value = &buf[..len];
    if value.first() == Some(&b'"') {
        return rpc2_items(buf, len, micro, sink);
    }
    let mut i = 1;
    while i < len {
        if value[i] != b'"' {
            if value[i] == b']' {
                return;
            }
            i += 1;
            continue;
        }
        let start = i + 1;
        let j = name_end(buf, start, len);
        if j >= len {
            return; // an unterminated string: the grammar stops there too
        }
        let n = j - start;
        let name = &value[start..j];
        let (mut duration, mut error, mut next) = (None, &value[..0], 0);
        match value[j] {
            b'"' if n == 0 => {
                // An empty item.
                i = j + 1;
                continue;
            }
            b'"' if access_like(value, start, n) => {
                if let Some([a, r, w]) = access_stages(name) {
                    for (name, key, ms) in [
                        (&b"alloc"[..], ALLOC, a),
                        (b"read", READ, r),
                        (b"write", WRITE, w),
                    ] {
                        sink.item(Item {
                            via: b"",
                            name,
                            duration_us: in_us(ms, false),
                            error: b"",
                            key,
                        });
                    }
                    i = j + 1;
                    continue;
                }
            }
            b'"' => next = j + 1,
            b':' if !access_like(value, start, n) => {
                if let Some((d, k)) = digits(value, j + 1, len) {
                    duration = in_us(d, micro);
                    match value.get(k) {
                        Some(b'"') => next = k + 1,
                        Some(b'/') => {
                            if let Some(e) = error_end(value, k + 1) {
                                error = &value[k + 1..e];
                                next = e + 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            b'/' if !access_like(value, start, n) => {
                if let Some(e) = error_end(value, j + 1) {
                    error = &value[j + 1..e];
                    next = e + 1;
                }
            }
            _ => {}
        }
        if next > 0 && n == 0 {
            i = next; // `:5`, `/error`: no module, no item
            continue;
        }
        if next > 0 {
            sink.item(Item {
                via: b"",
                name,
                duration_us: duration,
                error,
                key: name_key(buf, start, n),
            });
            i = next;
            continue;
        }
        // Anything else: the whole item through the full grammar.
        let Some(end) = string_end(value, start) else {
            return;
        };
        item_parts(&value[start..end], micro, &mut |it| sink.item(it));
        i = end + 1;
    }
}

/// The items of an rpc2 string value: joined by `|`.
#[inline(never)]
fn rpc2_items<'a>(buf: &'a [u8], len: usize, micro: bool, sink: &mut impl Sink<'a>) {
    let value = &buf[..len];
    let plain = |name: &'a [u8], d: Option<u64>, key: u128| Item {
        via: b"",
        name,
        duration_us: d,
        error: b"",
        key,
    };
    let end = len.saturating_sub(1).max(1);
    let mut i = 1;
    loop {
        let start = i;
        let mut j = start;
        while j < end && !RPC2_STOP[usize::from(value[j])] {
            j += 1;
        }
        let n = j - start;
        if !access_like(value, start, n) {
            if j == end || value[j] == b'|' {
                if n > 0 {
                    sink.item(plain(&value[start..j], None, name_key(buf, start, n)));
                }
                if j == end {
                    return;
                }
                i = j + 1;
                continue;
            }
            if value[j] == b':' {
                if let Some((d, k)) = digits(value, j + 1, end) {
                    if k == end || value[k] == b'|' {
                        if n > 0 {
                            let d = in_us(d, micro);
                            sink.item(plain(&value[start..j], d, name_key(buf, start, n)));
                        }
                        if k == end {
                            return;
                        }
                        i = k + 1;
                        continue;
                    }
                }
            }
        }
        // Anything else: the whole item through the full grammar.
        let e = value[start..end]
            .iter()
            .position(|&c| c == b'|')
            .map_or(end, |p| start + p);
        item_parts(&value[start..e], micro, &mut |it| sink.item(it));
        if e == end {
            return;
        }
        i = e + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::items::for_each_item_generic;
    use super::*;
    use proptest::prelude::*;

    fn fast(buf: &[u8], len: usize, micro: bool) -> Vec<Item<'_>> {
        let mut out = Vec::new();
        for_each_item_in(buf, len, micro, &mut |i| out.push(i));
        out
    }

    fn generic(value: &[u8], micro: bool) -> Vec<Item<'_>> {
        let mut out = Vec::new();
        for_each_item_generic(value, micro, |i| out.push(i));
        out
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "\"",
                "\",\"",
                "[",
                "]",
                ":",
                "|",
                "/",
                "@",
                ";",
                "\\",
                "\\\"",
                "a_",
                "_r_",
                "_w_",
                ",",
                " ",
                "BLOBNODE",
                "md.r",
                "dat.wai",
                "SHARDNODE",
                "ÜB",
                "x",
                "@10.0.0.1:9500",
                "/disk is broken",
                "CLUSTERMGR:1;PROXY:3",
                "a_1_r_2_w_3",
                "a_0_r_45_w_0",
                "a__r_1_w_2",
                "a_1_r_2_w_3_",
                "a_1_r_2",
                "12345678901234567890",
                "0",
                "7",
                "ACCESS:22/access limited",
                "SCHEDULER/nothing to do",
                "verylongstagename.with.dots",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9.:_|/-]{0,18}",
            "[0-9]{1,17}",
        ]
    }

    proptest! {
        #[test]
        fn items_equal_the_grammars(
            pieces in prop::collection::vec(piece(), 0..14),
            array in any::<bool>(),
            micro in any::<bool>(),
            tail in "[\\],\"a-z{}]{0,20}",
        ) {
            let body = pieces.concat();
            let value = if array { format!("[\"{body}\"]") } else { format!("\"{body}\"") };
            let buf = format!("{value}{tail}");
            prop_assert_eq!(fast(buf.as_bytes(), value.len(), micro), generic(value.as_bytes(), micro));
            prop_assert_eq!(fast(value.as_bytes(), value.len(), micro), generic(value.as_bytes(), micro));
            // Not what find_value returns, but the walk must agree on any bytes.
            prop_assert_eq!(fast(body.as_bytes(), body.len(), micro), generic(body.as_bytes(), micro));
        }
    }

    #[test]
    fn common_items() {
        let v = br#"["md.r","md.w","BLOBNODE:1"],"Trace-Tags":["span.kind:server"]}"#;
        let len = v.iter().position(|&c| c == b']').unwrap() + 1;
        let items = fast(v, len, false);
        assert_eq!(items, generic(&v[..len], false));
        assert_eq!(items.len(), 3);
        assert_eq!(items[2].duration_us, Some(1000));
        let v =
            br#"["BLOBNODE:44","a_0_r_45_w_0","ACCESS:45/access limited","X/y"],"Trace-Tags":[]}"#;
        let len = v.iter().position(|&c| c == b']').unwrap() + 1;
        assert_eq!(fast(v, len, false), generic(&v[..len], false));
        assert_eq!(fast(v, len, false).len(), 6);
        let v = br#""rpc.r:20|kv.get:3640|SHARDNODE:7281""#;
        assert_eq!(fast(v, v.len(), true), generic(v, true));
        assert_eq!(fast(v, v.len(), true)[1].duration_us, Some(3640));
        for name in [&b"alloc"[..], b"read", b"write"] {
            assert_eq!(short_key(name), stage_key(b"", name));
        }
    }
}
