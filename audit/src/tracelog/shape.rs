//! Shapes of Trace-Log values. The values of one api repeat the same items and differ in their durations (a
//! duration of 0 is not written at all) and, in failed requests, in an error text: `["md.r","md.w",
//! "BLOBNODE:1"]`, `["md.r","md.w","BLOBNODE"]`, `["md.r","md.w","BLOBNODE:3/disk is broken"]`. A shape is the
//! sequence of an array's item names with the bytes around them, made from a value after it was counted item by
//! item, each name with its stage. A later value that is those bytes with, after each name, an optional
//! `:digits` (1 to 15) and an optional `/error` has the same items, in the same order: counting it records each
//! item's duration (or its absence) and notes its error, without looking up a stage. The stages' request counts
//! (one per stage per value) are the same for every match of a shape, so they are added once per shape,
//! multiplied by its matches, when the counts are read ([`Shapes::flush`]).
//!
//! Only arrays of plain items (`name[:digits][/error]`, Access's `a_<a>_r_<r>_w_<w>`) joined by `,` are made
//! into shapes; anything else is always counted item by item.

use super::items::{in_us, stage_key};
use super::{note_error, ErrorCount, StageAcc};

/// Shapes kept per api (the most matched first).
const KEEP: usize = 16;
/// Items per shape at most.
const MAX_ITEMS: usize = 16;
/// Digits of a duration in a shape (as on the item-by-item path).
const MAX_DIGITS: usize = 15;
/// No stage (the api had [`super::KEEP_STAGES`] stages already).
const NONE: u32 = u32::MAX;

/// One item of a shape: where its bytes end (its name, and what comes before it since the last item).
#[derive(Clone, Copy, Debug)]
struct ShapeItem {
    end: u32,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// `name[:digits][/error]` of a stage.
    Plain(u32),
    /// Access's `a_<a>_r_<r>_w_<w>`: the stages `alloc`, `read` and `write` (the bytes end after `a_`).
    Access([u32; 3]),
}

/// One shape.
#[derive(Clone, Debug, Default)]
struct Shape {
    /// The bytes before and of each name, one item after the other, then those after the last item.
    bytes: Vec<u8>,
    items: Vec<ShapeItem>,
    /// Whether plain items' durations are milliseconds (× 1000).
    ms: bool,
    /// Per stage of the items: the requests each match adds (1: the stage is in the value).
    stages: Vec<u32>,
    /// Matches whose requests are not added yet.
    hits: u64,
}

/// What one item of a matching value holds: its durations (µs, `u64::MAX` = none) and its error text's bounds.
#[derive(Clone, Copy, Default)]
struct Found {
    durations: [u64; 3],
    error: (u32, u32),
}

/// The shapes of one api.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shapes {
    shapes: Vec<Shape>,
    /// What the items of the value being matched hold (kept here: not set up again for every value).
    found: [Found; MAX_ITEMS],
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found").finish_non_exhaustive()
    }
}

impl Shapes {
    /// Counts the value at the start of `buf` (the header from the value on) when it has a known shape; returns
    /// whether one matched (else nothing was counted).
    #[inline]
    pub fn count(
        &mut self,
        buf: &[u8],
        stages: &mut [StageAcc],
        errors: &mut Vec<ErrorCount>,
        other: &mut u64,
        failed: bool,
    ) -> bool {
        let Shapes { shapes, found } = self;
        for at in 0..shapes.len() {
            let s = &shapes[at];
            if !s.matches(buf, found) {
                continue;
            }
            for (item, f) in s.items.iter().zip(found.iter()) {
                match item.kind {
                    Kind::Plain(stage) => {
                        if stage == NONE {
                            continue;
                        }
                        let st = &mut stages[stage as usize];
                        match f.durations[0] {
                            u64::MAX => st.zero += 1,
                            d => match in_us(d, !s.ms) {
                                Some(us) => st.durations.record(us),
                                None => st.zero += 1,
                            },
                        }
                        if failed && f.error.1 > f.error.0 {
                            let e = &buf[f.error.0 as usize..f.error.1 as usize];
                            note_error(errors, other, &st.name, e, 1);
                        }
                    }
                    Kind::Access(three) => {
                        for (stage, d) in three.into_iter().zip(f.durations) {
                            if stage != NONE {
                                let st = &mut stages[stage as usize];
                                match in_us(d, false) {
                                    Some(us) => st.durations.record(us),
                                    None => st.zero += 1,
                                }
                            }
                        }
                    }
                }
            }
            let hits = s.hits + 1;
            shapes[at].hits = hits;
            // Keep the most matched first.
            if at > 0 && shapes[at - 1].hits < hits {
                shapes.swap(at - 1, at);
            }
            return true;
        }
        false
    }

    /// Adds what the matches so far add to the stages' request counts.
    pub fn flush(&mut self, stages: &mut [StageAcc]) {
        for s in &mut self.shapes {
            s.flush(stages);
        }
    }

    /// Makes a shape of `value` (an array just counted item by item; `micro`: durations in µs) when it is one of
    /// plain items, as the last one kept (dropping the least matched when full).
    #[cold]
    pub fn learn(&mut self, value: &[u8], micro: bool, stages: &mut [StageAcc]) {
        let Some(shape) = Shape::of(value, micro, stages) else {
            return;
        };
        if self.shapes.len() == KEEP {
            if let Some(mut last) = self.shapes.pop() {
                last.flush(stages);
            }
        }
        self.shapes.push(shape);
    }
}

impl Shape {
    /// Whether `buf` starts with a value of this shape (what its items hold then in `found`).
    #[inline(always)]
    fn matches(&self, buf: &[u8], found: &mut [Found; MAX_ITEMS]) -> bool {
        let mut pos = 0usize;
        let mut from = 0usize;
        for (item, f) in self.items.iter().zip(found.iter_mut()) {
            let lit = &self.bytes[from..item.end as usize];
            from = item.end as usize;
            match buf.get(pos..pos + lit.len()) {
                Some(here) if same(here, lit) => pos += lit.len(),
                _ => return false,
            }
            match item.kind {
                Kind::Plain(_) => {
                    f.durations[0] = u64::MAX;
                    f.error = (0, 0);
                    if buf.get(pos) == Some(&b':') {
                        let Some((v, n)) = digits(buf, pos + 1) else {
                            return false;
                        };
                        f.durations[0] = v;
                        pos += 1 + n;
                    }
                    if buf.get(pos) == Some(&b'/') {
                        let Some(end) = error_end(buf, pos + 1) else {
                            return false;
                        };
                        f.error = ((pos + 1) as u32, end as u32);
                        pos = end;
                    }
                }
                Kind::Access(_) => {
                    for (k, tag) in [&b""[..], b"_r_", b"_w_"].into_iter().enumerate() {
                        if buf.get(pos..pos + tag.len()) != Some(tag) {
                            return false;
                        }
                        let Some((v, n)) = digits(buf, pos + tag.len()) else {
                            return false;
                        };
                        f.durations[k] = v;
                        pos += tag.len() + n;
                    }
                }
            }
            if buf.get(pos) != Some(&b'"') {
                return false;
            }
            pos += 1;
        }
        let tail = &self.bytes[from..];
        matches!(buf.get(pos..pos + tail.len()), Some(here) if same(here, tail))
    }

    fn flush(&mut self, stages: &mut [StageAcc]) {
        if self.hits == 0 {
            return;
        }
        for &stage in &self.stages {
            stages[stage as usize].requests += self.hits;
        }
        self.hits = 0;
    }

    /// The shape of `value`, when it is an array of plain items (see the module).
    fn of(value: &[u8], micro: bool, stages: &[StageAcc]) -> Option<Shape> {
        let mut s = Shape {
            ms: !micro,
            ..Shape::default()
        };
        value.strip_prefix(b"[")?.strip_suffix(b"]")?;
        let mut lit_from = 0usize; // in `value`
        let add = |s: &mut Shape, stage: u32| {
            if stage != NONE && !s.stages.contains(&stage) {
                s.stages.push(stage);
            }
        };
        let mut at = 1usize; // in `value`
        if value.len() > 2 {
            loop {
                if value.get(at) != Some(&b'"') || s.items.len() == MAX_ITEMS {
                    return None;
                }
                let start = at + 1;
                let end = start + value[start..].iter().position(|&c| c == b'"')?;
                let item = &value[start..end];
                if item.iter().any(|&c| matches!(c, b';' | b'\\' | b'@')) {
                    return None;
                }
                if access(item) {
                    let three = [&b"alloc"[..], b"read", b"write"].map(|n| stage_of(stages, n));
                    for stage in three {
                        add(&mut s, stage);
                    }
                    s.bytes.extend_from_slice(&value[lit_from..start + 2]);
                    s.items.push(ShapeItem {
                        end: s.bytes.len() as u32,
                        kind: Kind::Access(three),
                    });
                } else {
                    let name_end = item
                        .iter()
                        .position(|&c| c == b':' || c == b'/')
                        .unwrap_or(item.len());
                    let name = &item[..name_end];
                    if name.is_empty() || name.starts_with(b"a_") {
                        return None;
                    }
                    let rest = &item[name_end..];
                    let after_digits = match rest.strip_prefix(b":") {
                        Some(d) => {
                            let n = d.iter().take_while(|c| c.is_ascii_digit()).count();
                            if n == 0 || n > MAX_DIGITS {
                                return None;
                            }
                            &d[n..]
                        }
                        None => rest,
                    };
                    if !(after_digits.is_empty() || after_digits[0] == b'/') {
                        return None;
                    }
                    let stage = stage_of(stages, name);
                    add(&mut s, stage);
                    s.bytes
                        .extend_from_slice(&value[lit_from..start + name_end]);
                    s.items.push(ShapeItem {
                        end: s.bytes.len() as u32,
                        kind: Kind::Plain(stage),
                    });
                }
                lit_from = end + 1;
                at = end + 1;
                match value.get(at) {
                    Some(b',') => at += 1,
                    Some(b']') if at == value.len() - 1 => break,
                    _ => return None,
                }
            }
        }
        s.bytes.extend_from_slice(&value[lit_from..]);
        Some(s)
    }
}

/// The stage named `name` (no `via`), or [`NONE`].
fn stage_of(stages: &[StageAcc], name: &[u8]) -> u32 {
    let key = stage_key(b"", name);
    stages
        .iter()
        .position(|s| s.key == key && s.via.is_empty() && *s.name == *name)
        .map_or(NONE, |i| i as u32)
}

/// Whether `item` is `a_<digits>_r_<digits>_w_<digits>` exactly (1 to 15 digits each).
fn access(item: &[u8]) -> bool {
    let mut at = 0;
    for tag in [&b"a_"[..], b"_r_", b"_w_"] {
        if item.get(at..at + tag.len()) != Some(tag) {
            return false;
        }
        at += tag.len();
        let n = item[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > MAX_DIGITS {
            return false;
        }
        at += n;
    }
    at == item.len()
}

/// The end of an error text that starts at `from`: the closing `"`, when no `;` or `\` comes first (those need
/// the full grammar).
#[inline(always)]
fn error_end(buf: &[u8], from: usize) -> Option<usize> {
    let at = from
        + buf
            .get(from..)?
            .iter()
            .position(|&c| matches!(c, b'"' | b';' | b'\\'))?;
    (buf[at] == b'"').then_some(at)
}

/// The digits at `buf[at..]` (1 to [`MAX_DIGITS`]): value and count.
#[inline(always)]
fn digits(buf: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v = 0u64;
    let mut n = 0usize;
    while let Some(&c) = buf.get(at + n) {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        v = v * 10 + u64::from(d);
        n += 1;
        if n > MAX_DIGITS {
            return None;
        }
    }
    (n > 0).then_some((v, n))
}

/// `a == b` (same length) a word at a time, without a call.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = b.len();
    let w = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let h = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            if w(a, at) != w(b, at) {
                return false;
            }
            at += 8;
        }
        w(a, n - 8) == w(b, n - 8)
    } else if n >= 4 {
        h(a, 0) == h(b, 0) && h(a, n - 4) == h(b, n - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

#[cfg(test)]
mod tests {
    use super::super::TraceLogAcc;
    use proptest::prelude::*;

    /// Everything the report reads from an accumulator.
    fn figures(t: &mut TraceLogAcc) -> String {
        t.flush();
        let stages: Vec<_> = t
            .stages
            .iter()
            .map(|s| {
                (
                    s.key,
                    s.via.clone(),
                    s.name.clone(),
                    s.requests,
                    s.zero,
                    s.durations.n,
                    s.durations.max,
                    s.durations
                        .buckets()
                        .filter(|b| b.1 > 0)
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        format!(
            "{} {} {} {:?} {:?}",
            t.requests, t.failed, t.other_errors, stages, t.errors
        )
    }

    fn item() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "net.r",
                "dat.w",
                "md.w",
                "sync",
                "BLOBNODE",
                "PROXY",
                "ACCESS",
                "a|b",
                "ÜB",
                "verylongstagename.x",
            ])
            .prop_map(str::to_string),
            (
                prop::sample::select(vec!["dat.wai", "BLOBNODE", "disk.put", "X"]),
                0u64..100_000
            )
                .prop_map(|(n, d)| format!("{n}:{d}")),
            (0u64..50, 0u64..50, 0u64..5).prop_map(|(a, r, w)| format!("a_{a}_r_{r}_w_{w}")),
            (
                prop::sample::select(vec!["BLOBNODE:7", "SCHEDULER", "ACCESS:1"]),
                prop::sample::select(vec!["disk is broken", "bid not found", "x", "", "a;b", "7"])
            )
                .prop_map(|(h, e)| format!("{h}/{e}")),
            prop::sample::select(vec![
                "CLUSTERMGR:1;PROXY:3",
                "ACCESS@1.2.3.4:5:6",
                "a:",
                ":5",
                "",
                "a_1_r_2"
            ])
            .prop_map(str::to_string),
            // Many stages and error texts: past what an api keeps of each.
            (0u32..90, 0u64..9).prop_map(|(n, d)| format!("s{n}:{d}")),
            (0u32..60).prop_map(|n| format!("E/error {n}")),
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        prop::collection::vec(item(), 0..8).prop_map(|items| {
            let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
            format!("[{}]", quoted.join(","))
        })
    }

    proptest! {
        #[test]
        fn shapes_count_like_the_items(
            // A few shapes, each value drawn from them with other digits.
            values in prop::collection::vec((value(), any::<bool>()), 1..40),
            picks in prop::collection::vec((0usize..40, any::<bool>(), 0u64..1000), 1..300),
            micro in any::<bool>(),
        ) {
            let mut by_shape = TraceLogAcc::default();
            let mut by_item = TraceLogAcc::default();
            for (k, failed, salt) in picks {
                let (v, _) = &values[k % values.len()];
                // Other digits in the same places.
                let v: String = v
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) => char::from_digit(((u64::from(d) + salt) % 10) as u32, 10).unwrap(),
                        None => c,
                    })
                    .collect();
                let header = format!("{v},\"Trace-Tags\":[\"span.kind:server\"]}}");
                by_shape.add_value(header.as_bytes(), micro, failed);
                let len = super::super::value_len(header.as_bytes()).unwrap();
                by_item.add_in(header.as_bytes(), len, micro, failed);
            }
            prop_assert_eq!(figures(&mut by_shape), figures(&mut by_item));
        }
    }
}
