//! Entities of a request (the disk, vuid and bid of a BlobNode path; the volume and disk of a Clustermgr query;
//! the serving host; the client) and the bounded summary that ranks them.
//!
//! The summary is a weighted Misra–Gries summary (the mergeable form of Agarwal et al., "Mergeable Summaries",
//! 2012): per (service, kind) at most `2 × capacity` entities are kept; when that fills, the `(capacity + 1)`-th
//! largest weight is subtracted from every entity and those left at zero are dropped. A request weighs 1, an
//! error request [`ERROR_WEIGHT`]: entities that carry errors stay in the summary while healthy ones churn. The
//! guarantee: every entity whose weight exceeds `subtracted` (the sum of what was subtracted, at most
//! `W / (capacity + 1)` for a total weight `W`) is kept, and the requests and errors reported for a kept entity
//! are those seen while it was kept: they fall short of the truth by at most `subtracted` requests. When nothing
//! was ever dropped (`subtracted` = 0; fewer distinct entities than the capacity) every count is exact. Two
//! summaries merge by adding the entities' counts and reducing the same way, which keeps the bound (#17).

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;

mod index;
mod path;
use index::KeyIndex;
#[cfg(test)]
use path::path_ids;
pub(crate) use path::{path_disk, path_vuid_bid};

use super::hist::{Counts, Indexed};
use super::parse::parse_number;
use super::seek::{self, Key, Search};
use super::tracelog::TRACE_LOG;

/// The weight of an error request in the summary (a success weighs 1).
pub const ERROR_WEIGHT: u64 = 64;

/// Entity kinds, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// BlobNode disk id (path `diskid/D`), or Clustermgr's `disk_id=` query.
    Disk,
    /// BlobNode vuid (path `vuid/V`).
    Vuid,
    /// BlobNode bid (path `bid/B`).
    Bid,
    /// Clustermgr volume id (`vid=` query).
    Volume,
    /// The serving address: `MODULE@host:port`, else `req_header.Host`.
    Host,
    /// The client: `req_header.IP` without a port.
    Client,
}

impl EntityKind {
    /// Every kind, in report order.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Disk,
        EntityKind::Vuid,
        EntityKind::Bid,
        EntityKind::Volume,
        EntityKind::Host,
        EntityKind::Client,
    ];

    /// `disk`, `vuid`, `bid`, `volume`, `host`, `client` (the JSON member names).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Disk => "disk",
            EntityKind::Vuid => "vuid",
            EntityKind::Bid => "bid",
            EntityKind::Volume => "volume",
            EntityKind::Host => "host",
            EntityKind::Client => "client",
        }
    }

    /// Whether the id is a number (else an address).
    pub fn numeric(self) -> bool {
        !matches!(self, EntityKind::Host | EntityKind::Client)
    }
}

/// A vuid's parts: vid = vuid >> 32, index = (vuid >> 24) & 0xff, epoch = vuid & 0xffffff.
///
/// ```
/// assert_eq!(errcat_audit::decode_vuid(283501395969), (66, 2, 1));
/// assert_eq!(errcat_audit::decode_vuid((7 << 32) | (3 << 24) | 9), (7, 3, 9));
/// ```
pub fn decode_vuid(vuid: u64) -> (u64, u64, u64) {
    (vuid >> 32, (vuid >> 24) & 0xff, vuid & 0xff_ffff)
}

/// The byte patterns the hot path looks for, built once per analysis.
pub(crate) struct Needles {
    host: Key,
    ip: Finder<'static>,
    raw_query: Key,
    pub trace_log: Key,
    pub trace_id: Finder<'static>,
}

impl Needles {
    pub fn new() -> Needles {
        Needles {
            host: Key::new(b"\"Host\":\"", 1, 5),
            ip: Finder::new(b"\"IP\":\""),
            raw_query: Key::new(b"\"RawQuery\":\"", 1, 4),
            trace_log: TRACE_LOG,
            trace_id: Finder::new(b"\"Blobstore-Tracer-Traceid\":\""),
        }
    }

    /// `req_header.Host` (the serving address).
    #[inline]
    pub fn host<'a>(&self, req_header: &'a [u8]) -> Option<&'a [u8]> {
        string_value(req_header, &self.host)
    }

    /// `req_header.IP`.
    #[inline]
    pub fn ip<'a>(&self, req_header: &'a [u8]) -> Option<&'a [u8]> {
        string_value(req_header, &self.ip)
    }

    /// `req_header.Host` and `req_header.IP` in one search: Go writes the keys sorted, so `IP` usually follows
    /// `Host` directly.
    #[inline]
    pub fn host_ip<'a>(&self, req_header: &'a [u8]) -> (Option<&'a [u8]>, Option<&'a [u8]>) {
        let Some(at) = self.host.find(req_header) else {
            return (None, self.ip(req_header));
        };
        let rest = &req_header[at + self.host.key_len()..];
        let Some(end) = seek::byte(b'"', rest) else {
            return (None, None);
        };
        if end > 0 && rest[end - 1] == b'\\' {
            return (self.host(req_header), self.ip(req_header));
        }
        let host = &rest[..end];
        let after = &rest[end..];
        const NEXT: &[u8] = b"\",\"IP\":\"";
        if after.starts_with(NEXT) {
            let v = &after[NEXT.len()..];
            if let Some(e) = seek::byte(b'"', v) {
                if e == 0 || v[e - 1] != b'\\' {
                    return (Some(host), Some(&v[..e]));
                }
            }
        }
        (Some(host), self.ip(after))
    }

    pub fn raw_query<'a>(&self, req_header: &'a [u8]) -> Option<&'a [u8]> {
        string_value(req_header, &self.raw_query)
    }

    /// The trace id (`Blobstore-Tracer-Traceid`, any case) of a response header.
    pub fn trace_id<'a>(&self, resp_header: &'a [u8]) -> Option<&'a [u8]> {
        string_value(resp_header, &self.trace_id)
    }
}

/// The string value of member `key` of a flat JSON object: found by `finder` (the canonical `"Key":"`), else by
/// a case-insensitive search (rpc2 does not canonicalise header keys). Escapes are left as they are.
#[inline]
pub(crate) fn string_value<'a>(obj: &'a [u8], finder: &impl Search) -> Option<&'a [u8]> {
    let start = finder.find_in(obj).or_else(|| finder.find_ci_in(obj))? + finder.key_len();
    let rest = &obj[start..];
    let mut end = seek::byte(b'"', rest)?;
    while end > 0 && rest[end - 1] == b'\\' {
        end += 1 + seek::byte(b'"', &rest[end + 1..])?;
    }
    Some(&rest[..end])
}

/// The `vid=` and `disk_id=` of a query string as logged (`&` may be written `\u0026`): `(volume, disk)`.
pub(crate) fn query_ids(query: &[u8]) -> (Option<u64>, Option<u64>) {
    let (mut vid, mut disk) = (None, None);
    let mut rest = query;
    loop {
        let (pair, next) = match memchr::memchr2(b'&', b'\\', rest) {
            Some(at) if rest[at] == b'&' => (&rest[..at], Some(&rest[at + 1..])),
            Some(at) if rest[at..].starts_with(b"\\u0026") => (&rest[..at], Some(&rest[at + 6..])),
            Some(at) => (&rest[..at], None),
            None => (rest, None),
        };
        if let Some(v) = pair.strip_prefix(b"vid=") {
            vid = parse_number(v);
        } else if let Some(v) = pair.strip_prefix(b"disk_id=") {
            disk = parse_number(v);
        }
        match next {
            Some(n) => rest = n,
            None => return (vid, disk),
        }
    }
}

/// An IPv4 address (`10.1.2.3`) as a number.
#[inline]
pub(crate) fn ipv4(text: &[u8]) -> Option<u32> {
    let mut ip = 0u32;
    let mut parts = 0;
    for part in text.split(|&c| c == b'.') {
        if part.is_empty() || part.len() > 3 {
            return None;
        }
        let n = parse_number(part)?;
        if n > 255 {
            return None;
        }
        ip = ip << 8 | n as u32;
        parts += 1;
    }
    (parts == 4).then_some(ip)
}

/// The key of an address: IPv4 with an optional port packed into the low 49 bits (bit 48: has a port), other
/// text interned (bit 63 set, see [`Interner`]).
#[inline]
pub(crate) fn address_key(text: &[u8], keep_port: bool, interner: &mut Interner) -> u64 {
    let (ip, port) = match memchr::memrchr(b':', text) {
        Some(at) if !text[..at].contains(&b':') => (&text[..at], Some(&text[at + 1..])),
        _ => (text, None),
    };
    if let Some(v4) = ipv4(ip) {
        match port.map(parse_number) {
            None => return u64::from(v4) << 16,
            Some(Some(p)) if p <= 0xffff => {
                return if keep_port {
                    1 << 48 | u64::from(v4) << 16 | p
                } else {
                    u64::from(v4) << 16
                }
            }
            Some(_) => {}
        }
    }
    let text = if keep_port || port.is_none() || ipv4(ip).is_none() {
        text
    } else {
        ip
    };
    interner.key(text)
}

/// Addresses that are not IPv4 (host names, IPv6), numbered per partial.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    ids: FxHashMap<Box<[u8]>, u64>,
    pub names: Vec<Box<[u8]>>,
}

pub(crate) const INTERNED: u64 = 1 << 63;

impl Interner {
    pub fn key(&mut self, text: &[u8]) -> u64 {
        if let Some(&k) = self.ids.get(text) {
            return k;
        }
        let k = INTERNED | self.names.len() as u64;
        self.names.push(text.into());
        self.ids.insert(text.into(), k);
        k
    }

    /// The text of a key (numbers and IPv4 addresses rendered, interned ones looked up).
    pub fn render(&self, kind: EntityKind, key: u64) -> String {
        if kind.numeric() {
            return key.to_string();
        }
        if key & INTERNED != 0 {
            return self
                .names
                .get((key & !INTERNED) as usize)
                .map_or_else(String::new, |n| String::from_utf8_lossy(n).into_owned());
        }
        let ip = (key >> 16) as u32;
        let ip = format!(
            "{}.{}.{}.{}",
            ip >> 24,
            ip >> 16 & 0xff,
            ip >> 8 & 0xff,
            ip & 0xff
        );
        if key & (1 << 48) != 0 {
            format!("{ip}:{}", key & 0xffff)
        } else {
            ip
        }
    }
}

/// Counts per status code, the first four inline.
#[derive(Clone, Debug, Default)]
pub(crate) struct CodeCounts {
    inline: [(u16, u64); 3],
    more: Vec<(u16, u64)>,
}

impl CodeCounts {
    #[inline]
    pub fn add(&mut self, code: u16, n: u64) {
        for slot in &mut self.inline {
            if slot.1 == 0 {
                *slot = (code, n);
                return;
            }
            if slot.0 == code {
                slot.1 += n;
                return;
            }
        }
        match self.more.iter_mut().find(|c| c.0 == code) {
            Some(c) => c.1 += n,
            None => self.more.push((code, n)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (u16, u64)> + '_ {
        self.inline
            .iter()
            .copied()
            .filter(|c| c.1 > 0)
            .chain(self.more.iter().copied())
    }

    pub fn merge(&mut self, other: &CodeCounts) {
        for (c, n) in other.iter() {
            self.add(c, n);
        }
    }

    /// Most frequent first, then by code.
    pub fn sorted(&self) -> Vec<(u16, u64)> {
        let mut v: Vec<(u16, u64)> = self.iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// One tracked entity.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slot {
    pub key: u64,
    /// The summary's counter (requests + errors × (ERROR_WEIGHT − 1), less what was subtracted).
    pub weight: u64,
    pub requests: u64,
    pub errors: u64,
    pub codes: CodeCounts,
    /// Durations (µs), HDR buckets of 1 significant digit.
    pub durations: Counts<5>,
}

/// The weighted Misra–Gries summary of one (service, kind): the entities in a dense vector, found by key through
/// an index. [`Sketch::locate`] and [`Sketch::update`] are apart so that the hot path can look up every entity of
/// a request, prefetch what each update will touch, do other work, and then update (see `Partial::count`).
#[derive(Clone, Debug)]
pub(crate) struct Sketch {
    pub slots: Vec<Slot>,
    index: KeyIndex,
    pub capacity: usize,
    /// Sum of the weights subtracted by reductions: the bound on what a kept entity's counts miss.
    pub subtracted: u64,
    /// Total weight seen.
    pub total_weight: u64,
    /// Entities dropped by reductions (an entity seen again after being dropped counts again).
    pub dropped: u64,
}

impl Sketch {
    pub fn new(capacity: usize) -> Sketch {
        Sketch {
            slots: Vec::new(),
            index: KeyIndex::default(),
            capacity: capacity.max(1),
            subtracted: 0,
            total_weight: 0,
            dropped: 0,
        }
    }

    /// A summary read back from a partial report (see `crate::partial`).
    pub(crate) fn restored(
        capacity: usize,
        (subtracted, total_weight, dropped): (u64, u64, u64),
        slots: Vec<Slot>,
    ) -> Sketch {
        let mut s = Sketch::new(capacity);
        (s.subtracted, s.total_weight, s.dropped) = (subtracted, total_weight, dropped);
        for (i, slot) in slots.iter().enumerate() {
            s.index.insert(slot.key, i as u32);
        }
        s.slots = slots;
        s
    }

    /// The index of entity `key`, added when new and `insert` (`None` when not kept and not added). An index
    /// stays valid until the next `locate` (which may reduce the summary first).
    #[inline(always)]
    pub fn locate(&mut self, key: u64, insert: bool) -> Option<u32> {
        if let Some(i) = self.index.get(key) {
            return Some(i);
        }
        if !insert {
            return None;
        }
        self.insert(key)
    }

    /// Adds entity `key` (not kept), reducing first when full; returns its index. Apart from
    /// [`Sketch::locate`], which is inlined into the hot path (it was a call per entity).
    #[inline(never)]
    fn insert(&mut self, key: u64) -> Option<u32> {
        if self.slots.len() >= 2 * self.capacity {
            self.reduce();
        }
        let i = self.slots.len() as u32;
        self.slots.push(Slot {
            key,
            ..Slot::default()
        });
        self.index.insert(key, i);
        Some(i)
    }

    /// Asks the CPU to load what [`Sketch::update`] of entity `i` with duration `d` will touch.
    #[inline(always)]
    pub fn prefetch(&self, i: u32, d: Option<Indexed<5>>) {
        #[cfg(target_arch = "x86_64")]
        if let Some(s) = self.slots.get(i as usize) {
            let at = d.map_or(0, |d| d.index);
            let p: *const u32 = s.durations.get(at).map_or(std::ptr::null(), |c| c);
            // SAFETY: a prefetch is only a hint; the addresses are those of live elements (or null, ignored).
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>((s as *const Slot).cast());
                if !p.is_null() {
                    _mm_prefetch::<_MM_HINT_T0>(p.cast());
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (i, d);
    }

    /// Counts a request of entity `i` (from [`Sketch::locate`]).
    #[inline]
    pub fn update(&mut self, i: u32, code: u16, error: bool, duration: Option<Indexed<5>>) {
        let w = if error { ERROR_WEIGHT } else { 1 };
        self.total_weight += w;
        let s = &mut self.slots[i as usize];
        s.weight += w;
        s.requests += 1;
        s.errors += u64::from(error);
        s.codes.add(code, 1);
        if let Some(d) = duration {
            s.durations.record_indexed(d);
        }
    }

    /// Counts a request of entity `key`; a new entity is added only when `insert` (else only kept ones count).
    #[cfg(test)]
    pub fn add(&mut self, key: u64, code: u16, error: bool, duration: Option<u64>, insert: bool) {
        match self.locate(key, insert) {
            Some(i) => self.update(i, code, error, duration.map(Indexed::new)),
            None => self.total_weight += if error { ERROR_WEIGHT } else { 1 },
        }
    }

    /// Subtracts the `(capacity + 1)`-th largest weight from all and drops the entities left at zero.
    #[cold]
    fn reduce(&mut self) {
        if self.slots.len() <= self.capacity {
            return;
        }
        let mut weights: Vec<u64> = self.slots.iter().map(|s| s.weight).collect();
        let (_, &mut cut, _) = weights.select_nth_unstable_by(self.capacity, |a, b| b.cmp(a));
        let before = self.slots.len();
        self.subtract(cut, before);
    }

    /// Subtracts `cut` from every weight and drops the entities left at zero; `before` entities were seen.
    fn subtract(&mut self, cut: u64, before: usize) {
        self.slots.retain_mut(|s| {
            if s.weight > cut {
                s.weight -= cut;
                true
            } else {
                false
            }
        });
        self.subtracted += cut;
        self.dropped += (before - self.slots.len()) as u64;
        self.reindex();
    }

    /// Adds `other` (whose interned keys are mapped by `map`) and reduces to the capacity.
    pub fn merge(&mut self, mut other: Sketch, map: impl Fn(u64) -> u64) {
        self.merge_drain(&mut other, map);
    }

    /// [`Sketch::merge`] that empties `other` and leaves it ready for reuse (its memory kept).
    ///
    /// The same as adding every entity and then reducing, but when the reduction will run its cut is found
    /// first, from the merged weights alone: the entities it drops are then neither moved nor added to (most of
    /// them, for vuids and bids: nearly every one is new).
    pub fn merge_drain(&mut self, other: &mut Sketch, map: impl Fn(u64) -> u64) {
        self.subtracted += std::mem::take(&mut other.subtracted);
        self.total_weight += std::mem::take(&mut other.total_weight);
        self.dropped += std::mem::take(&mut other.dropped);
        other.index.clear();
        // Per entity of `other`: the slot it adds to (keys map one to one, so no two add to the same one).
        let to: Vec<Option<u32>> = other
            .slots
            .iter()
            .map(|o| self.index.get(map(o.key)))
            .collect();
        let new = to.iter().filter(|t| t.is_none()).count();
        let before = self.slots.len() + new;
        let cut = (before > 2 * self.capacity).then(|| {
            let mut weights: Vec<u64> = self.slots.iter().map(|s| s.weight).collect();
            for (o, t) in other.slots.iter().zip(&to) {
                match t {
                    Some(i) => weights[*i as usize] += o.weight,
                    None => weights.push(o.weight),
                }
            }
            let (_, &mut cut, _) = weights.select_nth_unstable_by(self.capacity, |a, b| b.cmp(a));
            cut
        });
        let keep = |w: u64| cut.is_none_or(|c| w > c);
        for (o, t) in other.slots.drain(..).zip(to) {
            match t {
                Some(i) => {
                    let s = &mut self.slots[i as usize];
                    if keep(s.weight + o.weight) {
                        s.weight += o.weight;
                        s.requests += o.requests;
                        s.errors += o.errors;
                        s.codes.merge(&o.codes);
                        s.durations.add(&o.durations);
                    } else {
                        s.weight += o.weight; // dropped below: only its weight is looked at
                    }
                }
                None if keep(o.weight) => {
                    let key = map(o.key);
                    if cut.is_none() {
                        self.index.insert(key, self.slots.len() as u32);
                    }
                    self.slots.push(Slot { key, ..o });
                }
                None => {}
            }
        }
        if let Some(cut) = cut {
            self.subtract(cut, before);
        }
    }

    /// Rebuilds the index after slots moved.
    fn reindex(&mut self) {
        self.index.clear();
        for (i, s) in self.slots.iter().enumerate() {
            self.index.insert(s.key, i as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_queries() {
        assert_eq!(
            path_ids(b"/shard/get/diskid/12/vuid/283501395969/bid/700009"),
            (Some(12), Some(283_501_395_969), Some(700_009))
        );
        assert_eq!(
            path_ids(b"/shard/put/diskid/3/vuid/687261876225/bid/801788/size/307200"),
            (Some(3), Some(687_261_876_225), Some(801_788))
        );
        assert_eq!(path_ids(b"/chunk/list/diskid/7"), (Some(7), None, None));
        assert_eq!(
            path_ids(b"/shard/markdelete/diskid/12/vuid/283501395969/bid/700009"),
            (Some(12), Some(283_501_395_969), Some(700_009))
        );
        assert_eq!(
            path_ids(b"/chunk/readwrite/diskid/5/vuid/6"),
            (Some(5), Some(6), None)
        );
        assert_eq!(path_ids(b"/disk/stat/diskid/9"), (Some(9), None, None));
        assert_eq!(
            path_ids(b"/shard/list/diskid/1/vuid/2/startbid/0/status/1/count/100"),
            (Some(1), Some(2), None)
        );
        assert_eq!(
            path_ids(b"/chunk/create/diskid/4/vuid/5"),
            (Some(4), Some(5), None)
        );
        assert_eq!(path_ids(b"/put"), (None, None, None));
        assert_eq!(path_ids(b"/shard/get/diskid/x1/vuid/2"), (None, None, None));
        assert_eq!(
            path_ids(b"/shard/get/diskid/12/vuid/7x/bid/1"),
            (Some(12), None, None)
        );
        assert_eq!(query_ids(b"vid=12"), (Some(12), None));
        assert_eq!(query_ids(b"disk_id=5\\u0026x=1"), (None, Some(5)));
        assert_eq!(query_ids(b"a=1&vid=9&disk_id=3"), (Some(9), Some(3)));
    }

    #[test]
    fn header_values() {
        let n = Needles::new();
        let h = br#"{"Accept-Encoding":"gzip","Host":"127.0.0.3:8889","IP":"127.0.0.1","RawQuery":"iotype=0"}"#;
        assert_eq!(n.host(h), Some(&b"127.0.0.3:8889"[..]));
        assert_eq!(n.ip(h), Some(&b"127.0.0.1"[..]));
        assert_eq!(n.raw_query(h), Some(&b"iotype=0"[..]));
        assert_eq!(
            n.host_ip(h),
            (Some(&b"127.0.0.3:8889"[..]), Some(&b"127.0.0.1"[..]))
        );
        let apart = br#"{"Host":"h:1","Other":"x","IP":"1.2.3.4"}"#;
        assert_eq!(n.host_ip(apart), (Some(&b"h:1"[..]), Some(&b"1.2.3.4"[..])));
        let no_host = br#"{"IP":"1.2.3.4"}"#;
        assert_eq!(n.host_ip(no_host), (None, Some(&b"1.2.3.4"[..])));
        let rpc2 = br#"{"blobstore-tracer-traceid":"abc","ip":"10.0.0.1:4000"}"#;
        assert_eq!(n.trace_id(rpc2), Some(&b"abc"[..]));
        assert_eq!(n.ip(rpc2), Some(&b"10.0.0.1:4000"[..]));
        assert_eq!(n.host(rpc2), None);
    }

    #[test]
    fn addresses() {
        let mut i = Interner::default();
        let k = address_key(b"10.1.2.3:8889", true, &mut i);
        assert_eq!(i.render(EntityKind::Host, k), "10.1.2.3:8889");
        let k = address_key(b"10.1.2.3:4000", false, &mut i);
        assert_eq!(i.render(EntityKind::Client, k), "10.1.2.3");
        let k = address_key(b"node-7.example:80", true, &mut i);
        assert_eq!(i.render(EntityKind::Host, k), "node-7.example:80");
        let k2 = address_key(b"node-7.example:80", true, &mut i);
        assert_eq!(k, k2);
        let k = address_key(b"::1", false, &mut i);
        assert_eq!(i.render(EntityKind::Client, k), "::1");
    }

    /// Adds every entity of `other`, then reduces: what [`Sketch::merge_drain`] must equal.
    fn merged_then_reduced(mut a: Sketch, b: &Sketch) -> Sketch {
        a.subtracted += b.subtracted;
        a.total_weight += b.total_weight;
        a.dropped += b.dropped;
        for o in &b.slots {
            match a.index.get(o.key) {
                Some(i) => {
                    let s = &mut a.slots[i as usize];
                    s.weight += o.weight;
                    s.requests += o.requests;
                    s.errors += o.errors;
                }
                None => {
                    a.index.insert(o.key, a.slots.len() as u32);
                    a.slots.push(o.clone());
                }
            }
        }
        if a.slots.len() > 2 * a.capacity {
            a.reduce();
        }
        a
    }

    #[test]
    fn a_merge_skips_what_the_reduction_drops_and_equals_adding_then_reducing() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for round in 0..200 {
            let fill = |n: u64, next: &mut dyn FnMut() -> u64| {
                let mut s = Sketch::new(1 + round % 13);
                for _ in 0..n {
                    let r = next();
                    s.add(r % (5 + round as u64 * 3), 200, r >> 60 == 0, None, true);
                }
                s
            };
            let a = fill(next() % 300, &mut next);
            let mut b = fill(next() % 300, &mut next);
            let want = merged_then_reduced(a.clone(), &b);
            let mut got = a;
            got.merge_drain(&mut b, |k| k);
            let view = |s: &Sketch| {
                let slots: Vec<_> = s
                    .slots
                    .iter()
                    .map(|x| (x.key, x.weight, x.requests, x.errors))
                    .collect();
                (slots, s.subtracted, s.total_weight, s.dropped)
            };
            assert_eq!(view(&got), view(&want), "round {round}");
            assert!(b.slots.is_empty());
        }
    }

    #[test]
    fn summary_is_exact_below_capacity_and_bounded_above() {
        let mut s = Sketch::new(8);
        for i in 0..1000u64 {
            s.add(
                i % 5,
                if i % 10 == 0 { 613 } else { 200 },
                i % 10 == 0,
                Some(i),
                true,
            );
        }
        assert_eq!(s.subtracted, 0);
        assert_eq!(s.slots.iter().map(|x| x.requests).sum::<u64>(), 1000);
        // A failing key among many unique healthy ones stays, with its errors.
        let mut s = Sketch::new(16);
        for i in 0..100_000u64 {
            if i % 50 == 0 {
                s.add(u64::MAX, 613, true, None, true);
            } else {
                s.add(i, 200, false, None, true);
            }
        }
        let bad = s.slots.iter().find(|x| x.key == u64::MAX).unwrap();
        assert!(bad.errors + s.subtracted >= 2000 && bad.errors <= 2000);
        assert!(s.subtracted <= s.total_weight / 17);
        assert!(s.slots.len() <= 32);
    }
}
