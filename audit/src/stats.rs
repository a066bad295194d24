//! The accumulator of the hot path: counts per (module, api) group, then per (method, host, code) row, an HDR
//! histogram of durations per group, malformed-line bookkeeping. One [`Partial`] per worker; partials merge
//! commutatively, so the merged result does not depend on scheduling.

use std::hash::Hasher;

use hdrhistogram::Histogram;
use rustc_hash::{FxHashMap, FxHasher};

use super::api::{cache_head, write_api};
use super::parse::{
    parse_hot, parse_line, start_time_us, Fields, LineFormat, Malformed, MalformedKind,
};
use super::scan::{batch_masks, BATCH, BLOCK};

mod live;
pub(crate) use live::MS_BUCKETS;

/// Malformed lines kept with their line number and reason.
pub(crate) const KEEP_MALFORMED: usize = 10;

/// Durations above this (µs, ~35 years) are clamped before they enter a histogram.
const MAX_DURATION_US: u64 = 1 << 50;

/// A piece of one input: `seq` orders the pieces of input `input`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct UnitId {
    pub input: u32,
    pub seq: u64,
}

/// Requests with the same method, host and status in a group.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// `code`, `method` and `host` packed for a compare without `memcmp` (see [`row_key`]).
    key: u128,
    pub code: u16,
    pub method: Box<[u8]>,
    pub host: Box<[u8]>,
    pub count: u64,
}

/// Everything counted for one (module, api).
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub rows: Vec<Row>,
    /// Durations in microseconds (filled from `counts` by [`Partial::seal`]).
    pub hist: Histogram<u64>,
    /// Durations counted per HDR bucket index (see [`hdr_index`]) while reading: a plain array increment per line,
    /// half the memory of the histogram's own counts; moved into `hist` once, at the end.
    counts: Vec<u32>,
    /// The exact largest duration.
    pub max_us: u64,
    /// Durations counted per millisecond bucket of the blobstore's `service_response_duration_ms` (see
    /// [`MS_BUCKETS`]; the last slot is `+Inf`), exactly, for the Prometheus histogram of follow mode.
    pub ms: [u64; MS_BUCKETS.len() + 1],
    /// The exact sum of the durations (µs), for that histogram's `_sum`.
    pub sum_us: u64,
}

impl Group {
    fn new() -> Group {
        Group {
            rows: Vec::new(),
            hist: Histogram::new(2).expect("2 significant digits is valid"),
            counts: Vec::new(),
            max_us: 0,
            ms: [0; MS_BUCKETS.len() + 1],
            sum_us: 0,
        }
    }

    #[inline]
    fn count(&mut self, code: u16, method: &[u8], host: &[u8], n: u64) {
        let key = row_key(code, method, host);
        let exact = key >> 127 == 0;
        match self.rows.iter_mut().find(|r| {
            r.key == key && (exact || (r.code == code && *r.method == *method && *r.host == *host))
        }) {
            Some(row) => row.count += n,
            None => self.rows.push(Row {
                key,
                code,
                method: method.into(),
                host: host.into(),
                count: n,
            }),
        }
    }

    fn merge(&mut self, other: Group) {
        for r in other.rows {
            self.count(r.code, &r.method, &r.host, r.count);
        }
        // Both histograms auto-resize, so adding cannot fail for lack of range.
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (i, (mine, &theirs)) in self.counts.iter_mut().zip(&other.counts).enumerate() {
            if let Some(sum) = mine.checked_add(theirs) {
                *mine = sum;
            } else {
                let _ = self
                    .hist
                    .record_n(hdr_value(i), u64::from(*mine) + u64::from(theirs));
                *mine = 0;
            }
        }
        if !other.hist.is_empty() {
            let _ = self.hist.add(&other.hist);
        }
        self.max_us = self.max_us.max(other.max_us);
        for (a, b) in self.ms.iter_mut().zip(other.ms) {
            *a += b;
        }
        self.sum_us = self.sum_us.wrapping_add(other.sum_us);
    }

    /// Counts one duration (µs).
    #[inline]
    fn record(&mut self, d: u64) {
        let i = hdr_index(d);
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        let c = &mut self.counts[i];
        if *c == u32::MAX {
            let _ = self.hist.record_n(hdr_value(i), u64::from(*c));
            *c = 0;
        }
        *c += 1;
        self.max_us = self.max_us.max(d);
        self.ms[live::ms_bucket(d)] += 1;
        self.sum_us = self.sum_us.wrapping_add(d);
    }

    /// Moves the bucket counts into the histogram.
    fn seal(&mut self) {
        for (i, &c) in self.counts.iter().enumerate() {
            if c > 0 {
                // Both histograms auto-resize, so recording cannot fail for lack of range.
                let _ = self.hist.record_n(hdr_value(i), u64::from(c));
            }
        }
        self.counts = Vec::new();
    }
}

/// The index of `value` in the counts of an HDR histogram of 2 significant digits and lowest discernible value 1
/// (`Histogram::new(2)`): 256 sub-buckets, the first bucket exact, each next one twice as wide.
#[inline]
fn hdr_index(value: u64) -> usize {
    let bucket = 56 - (value | 255).leading_zeros();
    (((bucket + 1) << 7) as usize) + (value >> bucket) as usize - 128
}

/// The lowest value counted at HDR index `i` (the inverse of [`hdr_index`]).
fn hdr_value(i: usize) -> u64 {
    if i < 256 {
        i as u64
    } else {
        let bucket = (i >> 7) - 1;
        (((i & 127) + 128) as u64) << bucket
    }
}

/// The status code, the method and the host packed into 128 bits. Exact (top bit clear) when the method has at
/// most 8 bytes and the host at most 5 (no host, in older builds): then equal keys mean equal rows. Otherwise the
/// top bit is set, the rest holds a hash, and rows are compared in full on a key match.
#[inline]
fn row_key(code: u16, method: &[u8], host: &[u8]) -> u128 {
    if method.len() <= 8 && host.len() <= 5 {
        let mut m = [0u8; 8];
        m[..method.len()].copy_from_slice(method);
        let mut h = [0u8; 5];
        h[..host.len()].copy_from_slice(host);
        u128::from(u64::from_le_bytes(m))
            | u128::from(code) << 64
            | (method.len() as u128) << 80
            | (host.len() as u128) << 84
            | u128::from(u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], 0, 0, 0])) << 88
    } else {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        (method, host).hash(&mut hasher);
        1 << 127 | u128::from(code) << 64 | u128::from(hasher.finish())
    }
}

/// A malformed line: where, why, and its beginning.
#[derive(Clone, Debug)]
pub(crate) struct MalformedAt {
    pub unit: UnitId,
    /// 1-based line number inside the unit.
    pub line: u64,
    pub kind: MalformedKind,
    pub reason: String,
    pub excerpt: String,
}

/// Lines and malformed lines of one unit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnitCount {
    pub unit: UnitId,
    pub lines: u64,
    pub malformed: u64,
}

/// Slots of the api-label cache (a power of two).
const CACHE_SLOTS: usize = 256;

/// A remembered group: the raw module and path head (see [`cache_head`]) that lead to it.
#[derive(Clone, Debug, Default)]
struct CacheSlot {
    /// Module bytes, then path-head bytes.
    key: Vec<u8>,
    module_len: usize,
    /// Index into [`Partial::groups`]; `u32::MAX` when empty.
    group: u32,
}

/// What one worker counted.
#[derive(Clone, Debug)]
pub(crate) struct Partial {
    /// Key: module length (u32 LE), module bytes, api bytes. In order of first appearance (the report sorts).
    pub groups: Vec<(Box<[u8]>, Group)>,
    /// Key → index into `groups`.
    index: FxHashMap<Box<[u8]>, u32>,
    /// Direct-mapped cache (module, path head) → group, so that most lines skip building the api label.
    cache: Vec<CacheSlot>,
    pub kinds: [u64; MalformedKind::ALL.len()],
    pub first_malformed: Vec<MalformedAt>,
    pub units: Vec<UnitCount>,
    pub lines: u64,
    pub counted: u64,
    pub json_lines: u64,
    pub first_us: u64,
    pub last_us: u64,
    level: usize,
    key: Vec<u8>,
}

impl Partial {
    pub fn new(max_api_level: usize) -> Partial {
        Partial {
            groups: Vec::new(),
            index: FxHashMap::default(),
            cache: Vec::new(),
            kinds: [0; MalformedKind::ALL.len()],
            first_malformed: Vec::new(),
            units: Vec::new(),
            lines: 0,
            counted: 0,
            json_lines: 0,
            first_us: u64::MAX,
            last_us: 0,
            level: max_api_level,
            key: Vec::with_capacity(128),
        }
    }

    /// Counts every line of `data` (lines end in `\n`; a last line without one counts too).
    ///
    /// One pass finds the newlines and the TABs together (see [`super::scan`]); a line that starts with
    /// `REQ<TAB>` is then validated and counted from its TAB positions, any other goes through [`parse_line`].
    pub fn feed(&mut self, unit: UnitId, data: &[u8]) {
        let (lines_before, malformed_before) = (self.lines, self.malformed());
        let mut n = 0u64;
        let mut line_start = 0usize;
        // TAB positions of the current line, relative to its start (the first 14), and how many.
        let mut tabs = [0usize; 14];
        let mut ntabs = 0usize;
        let mut base = 0usize;
        let mut batch = [(0u64, 0u64); BATCH];
        while base < data.len() {
            let blocks = batch_masks(&data[base..], &mut batch);
            for (k, &(tab_mask, nl_mask)) in batch[..blocks].iter().enumerate() {
                let block = base + k * BLOCK;
                let mut hits = tab_mask | nl_mask;
                while hits != 0 {
                    let bit = hits.trailing_zeros();
                    hits &= hits - 1;
                    let pos = block + bit as usize;
                    if nl_mask >> bit & 1 != 0 {
                        n += 1;
                        self.line(unit, n, &data[line_start..pos], &tabs, ntabs);
                        line_start = pos + 1;
                        ntabs = 0;
                    } else {
                        if ntabs < tabs.len() {
                            tabs[ntabs] = pos - line_start;
                        }
                        ntabs += 1;
                    }
                }
            }
            base += blocks * BLOCK;
        }
        if line_start < data.len() {
            n += 1;
            self.line(unit, n, &data[line_start..], &tabs, ntabs);
        }
        self.units.push(UnitCount {
            unit,
            lines: self.lines - lines_before,
            malformed: self.malformed() - malformed_before,
        });
    }

    pub fn malformed(&self) -> u64 {
        self.kinds.iter().sum()
    }

    /// One line (without its `\n`) whose first TABs are at `tabs` (relative), `ntabs` TABs in all.
    #[inline]
    fn line(&mut self, unit: UnitId, n: u64, line: &[u8], tabs: &[usize; 14], ntabs: usize) {
        self.lines += 1;
        if line.len() > live::MAX_LINE {
            return self.too_long_line(unit, n, line, line.len() as u64);
        }
        if line.starts_with(b"REQ\t") {
            // What `parse_line` does with such a line, from the TABs already found.
            let text = line.strip_suffix(b"\r").unwrap_or(line);
            match parse_hot(&Fields::new(text, tabs, ntabs + 1)) {
                Ok(h) => self.count(
                    false,
                    h.module,
                    h.host,
                    h.start_time,
                    h.method,
                    h.path,
                    h.status,
                    h.duration_us,
                ),
                Err(m) => self.malformed_line(unit, n, line, m),
            }
            return;
        }
        match parse_line(line) {
            Ok(rec) => self.count(
                rec.format == LineFormat::Json,
                &rec.module,
                &rec.host,
                rec.start_time,
                &rec.method,
                &rec.path,
                rec.status,
                rec.duration_us,
            ),
            Err(m) => self.malformed_line(unit, n, line, m),
        }
    }

    #[cold]
    fn malformed_line(&mut self, unit: UnitId, n: u64, line: &[u8], m: Malformed) {
        self.kinds[m.kind.index()] += 1;
        if let Some(slot) = self.note_malformed(MalformedAt {
            unit,
            line: n,
            kind: m.kind,
            reason: String::new(),
            excerpt: String::new(),
        }) {
            slot.reason = m.reason();
            slot.excerpt = excerpt(line);
        }
    }

    /// Counts one request.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn count(
        &mut self,
        json: bool,
        module: &[u8],
        host: &[u8],
        start_time: Option<u64>,
        method: &[u8],
        path: &[u8],
        status: u16,
        duration_us: Option<u64>,
    ) {
        self.counted += 1;
        if json {
            self.json_lines += 1;
        }
        if let Some(t) = start_time.map(start_time_us) {
            self.first_us = self.first_us.min(t);
            self.last_us = self.last_us.max(t);
        }
        let g = self.group_index(module, method, path);
        let group = &mut self.groups[g].1;
        // Start loading the duration's bucket while the row is found: the bucket arrays are the one part of the
        // hot path's memory that the streamed input keeps pushing out of the caches.
        #[cfg(target_arch = "x86_64")]
        if let Some(d) = duration_us {
            let at = hdr_index(d.min(MAX_DURATION_US));
            if let Some(c) = group.counts.get(at) {
                // SAFETY: a prefetch is only a hint, and the address is that of an element.
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                        (c as *const u32).cast(),
                    )
                };
            }
        }
        group.count(status, method, host, 1);
        if let Some(d) = duration_us {
            group.record(d.min(MAX_DURATION_US));
        }
    }

    /// The group of (module, api label): from the cache when the label's inputs were seen before, else built.
    #[inline]
    fn group_index(&mut self, module: &[u8], method: &[u8], path: &[u8]) -> usize {
        let Some(head) = cache_head(module, method, path, self.level) else {
            return self.group_by_label(module, method, path);
        };
        let head = &path[..head];
        let mut h = FxHasher::default();
        h.write(module);
        h.write_usize(module.len());
        h.write(head);
        let at = (h.finish().wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % CACHE_SLOTS;
        if let Some(slot) = self.cache.get(at) {
            if slot.group != u32::MAX
                && slot.module_len == module.len()
                && slot.key.len() == module.len() + head.len()
                && slot.key[..module.len()] == *module
                && slot.key[module.len()..] == *head
            {
                return slot.group as usize;
            }
        }
        let g = self.group_by_label(module, method, path);
        if self.cache.is_empty() {
            self.cache.resize(
                CACHE_SLOTS,
                CacheSlot {
                    group: u32::MAX,
                    ..CacheSlot::default()
                },
            );
        }
        let slot = &mut self.cache[at];
        slot.key.clear();
        slot.key.extend_from_slice(module);
        slot.key.extend_from_slice(head);
        slot.module_len = module.len();
        slot.group = g as u32;
        g
    }

    /// The group of (module, api label), the label built in the reused key buffer.
    fn group_by_label(&mut self, module: &[u8], method: &[u8], path: &[u8]) -> usize {
        self.key.clear();
        self.key
            .extend_from_slice(&(module.len() as u32).to_le_bytes());
        self.key.extend_from_slice(module);
        write_api(module, method, path, self.level, &mut self.key);
        match self.index.get(self.key.as_slice()) {
            Some(&g) => g as usize,
            None => {
                let g = self.groups.len();
                self.groups.push((self.key.as_slice().into(), Group::new()));
                self.index.insert(self.key.as_slice().into(), g as u32);
                g
            }
        }
    }

    /// Keeps the [`KEEP_MALFORMED`] first malformed lines (by unit, then line); returns the slot when kept.
    fn note_malformed(&mut self, m: MalformedAt) -> Option<&mut MalformedAt> {
        let key = (m.unit, m.line);
        let list = &mut self.first_malformed;
        if list.len() == KEEP_MALFORMED && list.last().is_some_and(|l| (l.unit, l.line) < key) {
            return None;
        }
        let at = list.partition_point(|l| (l.unit, l.line) < key);
        list.insert(at, m);
        list.truncate(KEEP_MALFORMED);
        list.get_mut(at)
    }

    /// Moves the per-bucket duration counts into each group's histogram: call once, after the last merge.
    pub fn seal(&mut self) {
        for (_, g) in &mut self.groups {
            g.seal();
        }
    }

    /// Adds `other` into `self`.
    pub fn merge(mut self, other: Partial) -> Partial {
        let (mut big, small) = if self.groups.len() >= other.groups.len() {
            (self, other)
        } else {
            self.key = Vec::new();
            (other, self)
        };
        for (k, g) in small.groups {
            match big.index.get(&k) {
                Some(&at) => big.groups[at as usize].1.merge(g),
                None => {
                    big.index.insert(k.clone(), big.groups.len() as u32);
                    big.groups.push((k, g));
                }
            }
        }
        for (a, b) in big.kinds.iter_mut().zip(small.kinds) {
            *a += b;
        }
        big.first_malformed.extend(small.first_malformed);
        big.first_malformed.sort_by_key(|m| (m.unit, m.line));
        big.first_malformed.truncate(KEEP_MALFORMED);
        big.units.extend(small.units);
        big.lines += small.lines;
        big.counted += small.counted;
        big.json_lines += small.json_lines;
        big.first_us = big.first_us.min(small.first_us);
        big.last_us = big.last_us.max(small.last_us);
        big
    }
}

/// The beginning of a line for the report: at most 120 characters, lossy UTF-8, TABs shown as `→`.
fn excerpt(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = String::from_utf8_lossy(&line[..line.len().min(480)]);
    let mut out: String = text
        .chars()
        .take(120)
        .map(|c| if c == '\t' { '→' } else { c })
        .collect();
    if text.chars().count() > 120 || line.len() > 480 {
        out.push('…');
    }
    out
}

/// Splits a group key into (module, api).
pub(crate) fn split_key(key: &[u8]) -> (&[u8], &[u8]) {
    let len = u32::from_le_bytes([key[0], key[1], key[2], key[3]]) as usize;
    (&key[4..4 + len], &key[4 + len..])
}

#[cfg(test)]
mod tests {
    use super::{hdr_index, hdr_value, MAX_DURATION_US};
    use hdrhistogram::Histogram;

    #[test]
    fn hdr_index_is_the_histograms_own() {
        let h = Histogram::<u64>::new(2).unwrap();
        let mut values: Vec<u64> = (0..70_000).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push((state >> (state % 64)) % (MAX_DURATION_US + 1));
        }
        values.extend([
            MAX_DURATION_US,
            MAX_DURATION_US - 1,
            1 << 40,
            (1 << 40) - 1,
            255,
            256,
            511,
            512,
        ]);
        for v in values {
            let v = v.min(MAX_DURATION_US);
            let i = hdr_index(v);
            assert_eq!(hdr_value(i), h.lowest_equivalent(v), "{v}");
            assert_eq!(hdr_index(hdr_value(i)), i, "{v}");
        }
    }
}
