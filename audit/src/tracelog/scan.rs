//! The items of a Trace-Log value, fast: the common item — a name, maybe `:digits` — is read in one pass over
//! its bytes, its stage key taken from one 16-byte load; any other item (an error, `@host:port`, `;` nesting,
//! `a_…`, an escape, a long number) goes to the grammar as written ([`super::items`]). The items and their order
//! are those of [`super::items::for_each_item_generic`] (a property test below checks it).

use super::items::{item_parts, stage_key, string_end, Item};

/// Bytes that end the name of an item in an array: `:` (a duration follows), `"` (the item ends), and those that
/// only the full grammar reads (`/`, `@`, `;`, `\`).
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

/// Calls `f` for every item of a Trace-Log value (`[...]` or an rpc2 `"a|b"` string).
#[inline]
pub(crate) fn for_each_item<'a>(value: &'a [u8], micro: bool, f: impl FnMut(Item<'a>)) {
    for_each_item_in(value, value.len(), micro, f)
}

/// [`for_each_item`] of the value `buf[..len]`; the bytes after it (the rest of the header) are only read by
/// wide loads, never as part of an item.
#[inline]
pub(crate) fn for_each_item_in<'a>(
    buf: &'a [u8],
    len: usize,
    micro: bool,
    mut f: impl FnMut(Item<'a>),
) {
    let scale = |d: u64| if micro { d } else { d.saturating_mul(1000) };
    let value = &buf[..len];
    let plain = |name: &'a [u8], d: Option<u64>, key: u128| Item {
        via: b"",
        name,
        duration_us: d,
        error: b"",
        key,
    };
    if value.first() == Some(&b'"') {
        // rpc2: one string, items joined by `|`.
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
                        f(plain(&value[start..j], None, name_key(buf, start, n)));
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
                            f(plain(
                                &value[start..j],
                                Some(scale(d)),
                                name_key(buf, start, n),
                            ));
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
            item_parts(&value[start..e], micro, &mut f);
            if e == end {
                return;
            }
            i = e + 1;
        }
    }
    let mut i = 1;
    while i < len {
        match value[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < len && !ARRAY_STOP[usize::from(value[j])] {
                    j += 1;
                }
                if j >= len {
                    return; // an unterminated string: the grammar stops there too
                }
                let n = j - start;
                if !access_like(value, start, n) {
                    if value[j] == b'"' {
                        if n > 0 {
                            f(plain(&value[start..j], None, name_key(buf, start, n)));
                        }
                        i = j + 1;
                        continue;
                    }
                    if value[j] == b':' {
                        if let Some((d, k)) = digits(value, j + 1, len) {
                            if k < len && value[k] == b'"' {
                                f(plain(
                                    &value[start..j],
                                    Some(scale(d)),
                                    name_key(buf, start, n),
                                ));
                                i = k + 1;
                                continue;
                            }
                        }
                    }
                }
                let Some(end) = string_end(value, start) else {
                    return;
                };
                item_parts(&value[start..end], micro, &mut f);
                i = end + 1;
            }
            b']' => return,
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::items::for_each_item_generic;
    use super::*;
    use proptest::prelude::*;

    fn fast(buf: &[u8], len: usize, micro: bool) -> Vec<Item<'_>> {
        let mut out = Vec::new();
        for_each_item_in(buf, len, micro, |i| out.push(i));
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
                "12345678901234567890",
                "0",
                "7",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9.:_|-]{0,18}",
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
        let v = br#""rpc.r:20|kv.get:3640|SHARDNODE:7281""#;
        assert_eq!(fast(v, v.len(), true), generic(v, true));
        assert_eq!(fast(v, v.len(), true)[1].duration_us, Some(3640));
    }
}
