//! The accumulator of the hot path: counts per (module, api) group, then per (method, host, code) row, an HDR
//! histogram of durations per group, malformed-line bookkeeping. One [`Partial`] per worker; partials merge
//! commutatively, so the merged result does not depend on scheduling.

use hdrhistogram::Histogram;
use memchr::memchr_iter;
use rustc_hash::FxHashMap;

use super::api::write_api;
use super::parse::{parse_line, LineFormat, MalformedKind};

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
    /// Durations in microseconds.
    pub hist: Histogram<u64>,
    /// The exact largest duration.
    pub max_us: u64,
}

impl Group {
    fn new() -> Group {
        Group {
            rows: Vec::new(),
            hist: Histogram::new(2).expect("2 significant digits is valid"),
            max_us: 0,
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
        let _ = self.hist.add(&other.hist);
        self.max_us = self.max_us.max(other.max_us);
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

/// What one worker counted.
#[derive(Debug)]
pub(crate) struct Partial {
    /// Key: module length (u32 LE), module bytes, api bytes.
    pub groups: FxHashMap<Box<[u8]>, Group>,
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
            groups: FxHashMap::default(),
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
    pub fn feed(&mut self, unit: UnitId, data: &[u8]) {
        let (lines_before, malformed_before) = (self.lines, self.malformed());
        let mut start = 0;
        let mut n = 0u64;
        for nl in memchr_iter(b'\n', data) {
            n += 1;
            self.line(unit, n, &data[start..nl]);
            start = nl + 1;
        }
        if start < data.len() {
            n += 1;
            self.line(unit, n, &data[start..]);
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

    #[inline]
    fn line(&mut self, unit: UnitId, n: u64, line: &[u8]) {
        self.lines += 1;
        let rec = match parse_line(line) {
            Ok(rec) => rec,
            Err(m) => {
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
                return;
            }
        };
        self.counted += 1;
        if rec.format == LineFormat::Json {
            self.json_lines += 1;
        }
        if let Some(t) = rec.start_us() {
            self.first_us = self.first_us.min(t);
            self.last_us = self.last_us.max(t);
        }
        self.key.clear();
        self.key
            .extend_from_slice(&(rec.module.len() as u32).to_le_bytes());
        self.key.extend_from_slice(&rec.module);
        write_api(
            &rec.module,
            &rec.method,
            &rec.path,
            self.level,
            &mut self.key,
        );
        let group = match self.groups.get_mut(self.key.as_slice()) {
            Some(g) => g,
            None => self
                .groups
                .entry(self.key.as_slice().into())
                .or_insert_with(Group::new),
        };
        group.count(rec.status, &rec.method, &rec.host, 1);
        if let Some(d) = rec.duration_us {
            let d = d.min(MAX_DURATION_US);
            let _ = group.hist.record(d);
            group.max_us = group.max_us.max(d);
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

    /// Adds `other` into `self`.
    pub fn merge(mut self, other: Partial) -> Partial {
        let (mut big, small) = if self.groups.len() >= other.groups.len() {
            (self, other)
        } else {
            self.key = Vec::new();
            (other, self)
        };
        for (k, g) in small.groups {
            match big.groups.get_mut(&k) {
                Some(mine) => mine.merge(g),
                None => {
                    big.groups.insert(k, g);
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
