//! The accumulator of the hot path: counts per (module, api) group, then per (method, host, code) row, an HDR
//! histogram of durations and the Trace-Log stages per group; per service the timeline and the entity summaries;
//! malformed-line bookkeeping. One [`Partial`] per leaf of input; counts and histograms merge exactly in any
//! order, the entity summaries by their defined merge, which is not associative once they drop entities: the
//! leaves and their merge order are fixed by the input (see `crate::reduce`), never by the threads.

use std::hash::Hasher;
use std::sync::Arc;

use hdrhistogram::Histogram;
use rustc_hash::{FxHashMap, FxHasher};

use super::api::{cache_head, write_api};
use super::entities::{EntityKind, Interner, Sketch, INTERNED};
use super::filter::{client_host, Setup};
use super::hist::{index as hdr_index, value as hdr_value, MAX_DURATION_US};
use super::parse::{
    parse_hot, parse_line, start_time_us, Fields, LineFormat, Malformed, MalformedKind,
};
use super::scan::{batch_masks, BATCH, BLOCK};
use super::timeline::Timeline;
use super::trace::Hop;
use super::tracelog::TraceLogAcc;

mod live;
mod request;
pub(crate) use live::MS_BUCKETS;
use request::{word16, AddressCache};

/// Malformed lines kept with their line number and reason.
pub(crate) const KEEP_MALFORMED: usize = 10;

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
    /// Index of the group's service in [`Partial::svcs`].
    pub svc: u32,
    /// Whether the group passes the service and api filters.
    pub pass: bool,
    /// Trace-Log stages and downstream errors.
    pub tracelog: TraceLogAcc,
    /// What the module's lines carry.
    pub module: ModuleKind,
    /// Durations counted per millisecond bucket of the blobstore's `service_response_duration_ms` (see
    /// [`MS_BUCKETS`]; the last slot is `+Inf`), exactly, for the Prometheus histogram of follow mode.
    pub ms: [u64; MS_BUCKETS.len() + 1],
    /// The exact sum of the durations (µs), for that histogram's `_sum`.
    pub sum_us: u64,
}

impl Group {
    fn new(svc: u32, pass: bool, module: ModuleKind) -> Group {
        Group {
            rows: Vec::new(),
            hist: Histogram::new(2).expect("2 significant digits is valid"),
            counts: Vec::new(),
            max_us: 0,
            svc,
            pass,
            tracelog: TraceLogAcc::default(),
            module,
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
                    .record_n(hdr_value::<8>(i), u64::from(*mine) + u64::from(theirs));
                *mine = 0;
            }
        }
        if !other.hist.is_empty() {
            let _ = self.hist.add(&other.hist);
        }
        self.max_us = self.max_us.max(other.max_us);
        self.tracelog.merge(other.tracelog);
        for (a, b) in self.ms.iter_mut().zip(other.ms) {
            *a += b;
        }
        self.sum_us = self.sum_us.wrapping_add(other.sum_us);
    }

    /// A group read back from a partial report (see `crate::partial`): its rows through [`Group::add_row`].
    pub(crate) fn restored(svc: u32, pass: bool, module: &[u8]) -> Group {
        Group::new(svc, pass, ModuleKind::of(module))
    }

    /// Adds `n` requests to the row (code, method, host).
    pub(crate) fn add_row(&mut self, code: u16, method: &[u8], host: &[u8], n: u64) {
        self.count(code, method, host, n);
    }

    /// Counts one duration (µs).
    #[inline]
    fn record(&mut self, d: u64) {
        let i = hdr_index::<8>(d);
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        let c = &mut self.counts[i];
        if *c == u32::MAX {
            let _ = self.hist.record_n(hdr_value::<8>(i), u64::from(*c));
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
                let _ = self.hist.record_n(hdr_value::<8>(i), u64::from(c));
            }
        }
        self.counts = Vec::new();
    }
}

/// The status code, the method and the host packed into 128 bits. Exact (top bit clear) when the method has at
/// most 8 bytes and the host at most 5 (no host, in older builds): then equal keys mean equal rows. Otherwise the
/// top bit is set, the rest holds a hash, and rows are compared in full on a key match.
#[inline]
fn row_key(code: u16, method: &[u8], host: &[u8]) -> u128 {
    if method.len() <= 8 && host.len() <= 5 {
        // Loaded as words, not copied into arrays (two `memcpy` calls per line).
        word16(method)
            | u128::from(code) << 64
            | (method.len() as u128) << 80
            | (host.len() as u128) << 84
            | word16(host) << 88
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

/// The accumulators of one service (module).
#[derive(Clone, Debug)]
pub(crate) struct Svc {
    pub module: Box<[u8]>,
    pub timeline: Timeline,
    /// One summary per [`EntityKind`], in [`EntityKind::ALL`] order, then [`UNIT_VUID`] and [`UNIT_BID`]: the
    /// vuids and bids of the unit being fed, folded into the first ones when the unit ends (so that "counted from
    /// the first error" means from the first error in that unit, whichever worker reads it: the report does not
    /// depend on scheduling).
    pub sketches: [Sketch; 8],
}

impl Svc {
    fn new(module: &[u8], setup: &Setup) -> Svc {
        Svc {
            module: module.into(),
            timeline: Timeline::new(setup.bucket_us),
            sketches: std::array::from_fn(|_| Sketch::new(setup.entity_capacity)),
        }
    }
}

/// What a module's lines carry beyond the common fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModuleKind {
    /// Disk, vuid and bid in the path.
    BlobNode,
    /// Volume and disk ids in the query string.
    Clustermgr,
    /// Trace-Log durations in microseconds.
    ShardNode,
    Other,
}

impl ModuleKind {
    fn of(module: &[u8]) -> ModuleKind {
        match module {
            b"BLOBNODE" => ModuleKind::BlobNode,
            b"CLUSTERMGR" => ModuleKind::Clustermgr,
            m if m.eq_ignore_ascii_case(b"SHARDNODE") => ModuleKind::ShardNode,
            _ => ModuleKind::Other,
        }
    }
}

/// Where the vuids and bids of the unit being fed are counted (see [`Svc::sketches`]).
const UNIT_VUID: usize = 6;
const UNIT_BID: usize = 7;

/// The fields of one well-formed request that the analysis looks at.
pub(crate) struct Req<'a> {
    pub json: bool,
    pub module: &'a [u8],
    pub host: &'a [u8],
    pub start_time: Option<u64>,
    pub method: &'a [u8],
    pub path: &'a [u8],
    pub status: u16,
    pub duration_us: Option<u64>,
    pub req_header: &'a [u8],
    pub resp_header: &'a [u8],
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
    /// Per service, in order of first appearance.
    pub svcs: Vec<Svc>,
    /// Addresses that are not IPv4, for the host and client summaries.
    pub names: Interner,
    pub kinds: [u64; MalformedKind::ALL.len()],
    pub first_malformed: Vec<MalformedAt>,
    pub units: Vec<UnitCount>,
    pub lines: u64,
    pub counted: u64,
    /// Counted lines that a filter (time, service, api, code, host, client, trace) left out.
    pub filtered: u64,
    pub json_lines: u64,
    pub first_us: u64,
    pub last_us: u64,
    /// The lines of the trace id looked for (`trace ID`).
    pub hops: Vec<Hop>,
    /// The last serving address and client seen, with their keys (consecutive lines often share them).
    hosts: AddressCache,
    clients: AddressCache,
    pub setup: Arc<Setup>,
    key: Vec<u8>,
}

impl std::fmt::Debug for Setup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setup")
            .field("level", &self.level)
            .finish_non_exhaustive()
    }
}

impl Partial {
    pub fn new(setup: &Arc<Setup>) -> Partial {
        Partial {
            groups: Vec::new(),
            index: FxHashMap::default(),
            cache: Vec::new(),
            svcs: Vec::new(),
            names: Interner::default(),
            kinds: [0; MalformedKind::ALL.len()],
            first_malformed: Vec::new(),
            units: Vec::new(),
            lines: 0,
            counted: 0,
            filtered: 0,
            json_lines: 0,
            first_us: u64::MAX,
            last_us: 0,
            hops: Vec::new(),
            hosts: AddressCache::default(),
            clients: AddressCache::default(),
            setup: Arc::clone(setup),
            key: Vec::with_capacity(128),
        }
    }

    /// Counts every line of `data` (lines end in `\n`; a last line without one counts too).
    ///
    /// One pass finds the newlines and the TABs together (see [`super::scan`]); a line that starts with
    /// `REQ<TAB>` is then validated and counted from its TAB positions, any other goes through [`parse_line`].
    pub fn feed(&mut self, unit: UnitId, data: &[u8]) {
        let setup = Arc::clone(&self.setup);
        if setup.trace_only {
            super::trace::find(self, &setup, unit, data);
            self.units.push(UnitCount {
                unit,
                lines: 0,
                malformed: 0,
            });
            return;
        }
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
                        self.line(&setup, unit, n, &data[line_start..pos], &tabs, ntabs);
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
            self.line(&setup, unit, n, &data[line_start..], &tabs, ntabs);
        }
        self.end_unit();
        self.units.push(UnitCount {
            unit,
            lines: self.lines - lines_before,
            malformed: self.malformed() - malformed_before,
        });
    }

    /// Folds the vuids and bids of the unit just fed into the partial's summaries.
    fn end_unit(&mut self) {
        for svc in &mut self.svcs {
            for (unit, kind) in [(UNIT_VUID, EntityKind::Vuid), (UNIT_BID, EntityKind::Bid)] {
                if !svc.sketches[unit].slots.is_empty() {
                    let (all, done) = svc.sketches.split_at_mut(unit);
                    all[kind as usize].merge_drain(&mut done[0], |k| k);
                }
            }
        }
    }

    pub fn malformed(&self) -> u64 {
        self.kinds.iter().sum()
    }

    /// One line (without its `\n`) whose first TABs are at `tabs` (relative), `ntabs` TABs in all.
    #[inline]
    fn line(
        &mut self,
        setup: &Setup,
        unit: UnitId,
        n: u64,
        line: &[u8],
        tabs: &[usize; 14],
        ntabs: usize,
    ) {
        self.lines += 1;
        if line.len() > live::MAX_LINE {
            return self.too_long_line(unit, n, line, line.len() as u64);
        }
        if line.starts_with(b"REQ\t") {
            // What `parse_line` does with such a line, from the TABs already found.
            let text = line.strip_suffix(b"\r").unwrap_or(line);
            let fields = Fields::new(text, tabs, ntabs + 1);
            match parse_hot(&fields) {
                Ok(h) => self.count(
                    setup,
                    Req {
                        json: false,
                        module: h.module,
                        host: h.host,
                        start_time: h.start_time,
                        method: h.method,
                        path: h.path,
                        status: h.status,
                        duration_us: h.duration_us,
                        req_header: h.req_header,
                        resp_header: h.resp_header,
                    },
                ),
                Err(m) => self.malformed_line(unit, n, line, m),
            }
            return;
        }
        match parse_line(line) {
            Ok(rec) => self.count(
                setup,
                Req {
                    json: rec.format == LineFormat::Json,
                    module: &rec.module,
                    host: &rec.host,
                    start_time: rec.start_time,
                    method: &rec.method,
                    path: &rec.path,
                    status: rec.status,
                    duration_us: rec.duration_us,
                    req_header: &rec.req_header,
                    resp_header: &rec.resp_header,
                },
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

    /// Counts one request, when it passes the filters.
    #[inline]
    fn count(&mut self, setup: &Setup, r: Req<'_>) {
        self.counted += 1;
        if r.json {
            self.json_lines += 1;
        }
        let t = r.start_time.map(start_time_us);
        if setup.timed() && !setup.in_window(t) {
            self.filtered += 1;
            return;
        }
        if let Some(f) = &setup.trace {
            if f.find(r.resp_header).is_none()
                || setup.needles.trace_id(r.resp_header) != Some(f.needle())
            {
                self.filtered += 1;
                return;
            }
        }
        if let Some(c) = &setup.filters.codes {
            if !c.contains(r.status) {
                self.filtered += 1;
                return;
            }
        }
        let g = self.group_index(setup, r.module, r.method, r.path);
        if !self.groups[g].1.pass {
            self.filtered += 1;
            return;
        }
        let (host_field, ip) = setup.needles.host_ip(r.req_header);
        let serving = if r.host.is_empty() {
            host_field
        } else {
            Some(r.host)
        };
        let client = ip.map(client_host);
        if setup.by_address()
            && !(setup.host_passes(serving.unwrap_or(b""))
                && setup.client_passes(client.unwrap_or(b"")))
        {
            self.filtered += 1;
            return;
        }
        if let Some(t) = t {
            self.first_us = self.first_us.min(t);
            self.last_us = self.last_us.max(t);
        }
        let error = setup.errors.contains(r.status);
        let duration = r.duration_us.map(|d| d.min(MAX_DURATION_US));
        self.request(setup, g, &r, t, error, duration, serving, client);
    }

    /// The group of (module, api label): from the cache when the label's inputs were seen before, else built.
    #[inline]
    fn group_index(&mut self, setup: &Setup, module: &[u8], method: &[u8], path: &[u8]) -> usize {
        let Some(head) = cache_head(module, method, path, setup.level) else {
            return self.group_by_label(setup, module, method, path);
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
        let g = self.group_by_label(setup, module, method, path);
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
    fn group_by_label(
        &mut self,
        setup: &Setup,
        module: &[u8],
        method: &[u8],
        path: &[u8],
    ) -> usize {
        self.key.clear();
        self.key
            .extend_from_slice(&(module.len() as u32).to_le_bytes());
        self.key.extend_from_slice(module);
        write_api(module, method, path, setup.level, &mut self.key);
        match self.index.get(self.key.as_slice()) {
            Some(&g) => g as usize,
            None => {
                let g = self.groups.len();
                let svc = self.svc_index(module);
                let pass = setup.group_passes(module, &self.key[4 + module.len()..]);
                self.groups.push((
                    self.key.as_slice().into(),
                    Group::new(svc, pass, ModuleKind::of(module)),
                ));
                self.index.insert(self.key.as_slice().into(), g as u32);
                g
            }
        }
    }

    /// The index of `module`'s service accumulators, created when new.
    fn svc_index(&mut self, module: &[u8]) -> u32 {
        match self.svcs.iter().position(|s| *s.module == *module) {
            Some(i) => i as u32,
            None => {
                self.svcs.push(Svc::new(module, &self.setup));
                (self.svcs.len() - 1) as u32
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

    /// Moves the per-bucket duration counts into each group's histogram and parses the buffered Trace-Log
    /// values: call once, after the last merge.
    pub fn seal(&mut self) {
        for (_, g) in &mut self.groups {
            g.seal();
            g.tracelog.flush();
        }
    }

    /// Adds a group read back from a partial report under its key (module length, module, api).
    pub(crate) fn add_group(&mut self, key: Box<[u8]>, group: Group) {
        self.index.insert(key.clone(), self.groups.len() as u32);
        self.groups.push((key, group));
    }

    /// Adds `other` into `self`.
    pub fn merge(mut self, other: Partial) -> Partial {
        let (mut big, mut small) = if self.groups.len() >= other.groups.len() {
            (self, other)
        } else {
            self.key = Vec::new();
            (other, self)
        };
        // Services of `small` → those of `big`, by module; interned addresses re-interned.
        let mut svc_map = Vec::with_capacity(small.svcs.len());
        let small_names = std::mem::take(&mut small.names);
        let mut name_map: Vec<u64> = Vec::with_capacity(small_names.names.len());
        for n in &small_names.names {
            name_map.push(big.names.key(n));
        }
        let remap = |k: u64| {
            if k & INTERNED != 0 {
                name_map[(k & !INTERNED) as usize]
            } else {
                k
            }
        };
        for svc in std::mem::take(&mut small.svcs) {
            let at = big.svc_index(&svc.module);
            svc_map.push(at);
            let mine = &mut big.svcs[at as usize];
            mine.timeline.merge(svc.timeline);
            for (m, o) in mine.sketches.iter_mut().zip(svc.sketches) {
                m.merge(o, remap);
            }
        }
        for (k, mut g) in small.groups {
            g.svc = svc_map[g.svc as usize];
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
        big.hops.extend(small.hops);
        big.lines += small.lines;
        big.counted += small.counted;
        big.filtered += small.filtered;
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
