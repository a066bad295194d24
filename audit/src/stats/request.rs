//! The work of one counted request beyond the filters: its group's row and durations, its Trace-Log, its
//! service's timeline cell, and its entities (disk, vuid, bid, volume, host, client). The entities are looked up
//! first and what their updates touch is prefetched, so that those loads overlap with the rest.

use super::{ModuleKind, Partial, Req, Setup, UNIT_BID, UNIT_VUID};
use crate::entities::{
    address_key, path_disk, path_vuid_bid, query_ids, EntityKind, Interner, Sketch,
};
use crate::hist::{index as hdr_index, Indexed};
use crate::tracelog::value_start;

impl Partial {
    /// Counts request `r` of group `g` (it passed the filters): `t` its start (µs), `duration` clamped,
    /// `serving` and `client` its addresses.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn request(
        &mut self,
        setup: &Setup,
        g: usize,
        r: &Req<'_>,
        t: Option<u64>,
        error: bool,
        duration: Option<u64>,
        serving: Option<&[u8]>,
        client: Option<&[u8]>,
    ) {
        let (svc_at, group_module) = {
            let g = &self.groups[g].1;
            (g.svc as usize, g.module)
        };
        let d5 = duration.map(Indexed::new);
        let mut found = Located {
            at: [(0, 0); 6],
            n: 0,
            duration: d5,
        };
        {
            let (hosts, clients, names) = (&mut self.hosts, &mut self.clients, &mut self.names);
            let sk = &mut self.svcs[svc_at].sketches;
            // Vuids and bids are many: tracked from their first error in the unit on (see the entities
            // module), so they are read only when one is looked for.
            let ids_wanted =
                error || !sk[UNIT_VUID].slots.is_empty() || !sk[UNIT_BID].slots.is_empty();
            match group_module {
                ModuleKind::BlobNode => {
                    if let Some((disk, end)) = path_disk(r.path) {
                        found.add(sk, EntityKind::Disk as usize, disk, true);
                        if ids_wanted {
                            let (vuid, bid) = path_vuid_bid(r.path, end);
                            if let Some(id) = vuid {
                                found.add(sk, UNIT_VUID, id, error);
                            }
                            if let Some(id) = bid {
                                found.add(sk, UNIT_BID, id, error);
                            }
                        }
                    }
                }
                ModuleKind::Clustermgr => {
                    let (volume, disk) = setup
                        .needles
                        .raw_query(r.req_header)
                        .map_or((None, None), query_ids);
                    if let Some(id) = disk {
                        found.add(sk, EntityKind::Disk as usize, id, true);
                    }
                    if let Some(id) = volume {
                        found.add(sk, EntityKind::Volume as usize, id, true);
                    }
                }
                _ => {}
            }
            if let Some(h) = serving.filter(|h| !h.is_empty()) {
                found.add(
                    sk,
                    EntityKind::Host as usize,
                    hosts.key(h, true, names),
                    true,
                );
            }
            if let Some(c) = client.filter(|c| !c.is_empty()) {
                found.add(
                    sk,
                    EntityKind::Client as usize,
                    clients.key(c, false, names),
                    true,
                );
            }
        }
        let group = &mut self.groups[g].1;
        // Start loading the duration's bucket while the row is found: the bucket arrays are the one part of the
        // hot path's memory that the streamed input keeps pushing out of the caches.
        #[cfg(target_arch = "x86_64")]
        if let Some(d) = duration {
            let at = hdr_index::<8>(d);
            if let Some(c) = group.counts.get(at) {
                // SAFETY: a prefetch is only a hint, and the address is that of an element.
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                        (c as *const u32).cast(),
                    )
                };
            }
        }
        group.count(r.status, r.method, r.host, 1);
        if let Some(d) = duration {
            group.record(d);
        }
        if let Some(at) = value_start(r.resp_header, &setup.needles.trace_log) {
            group.tracelog.add_value(
                &r.resp_header[at..],
                group_module == ModuleKind::ShardNode,
                error,
            );
        }
        let svc = &mut self.svcs[svc_at];
        if let Some(t) = t {
            let cell = svc.timeline.cell(t);
            cell.requests += 1;
            cell.codes.add(r.status, 1);
            if let Some(d) = d5 {
                cell.durations.record_indexed(d);
            }
        }
        for &(kind, i) in &found.at[..found.n] {
            svc.sketches[kind].update(i, r.status, error, d5);
        }
    }
}

/// The entities of one request found in their summaries: (summary, slot), in the order looked up.
struct Located {
    at: [(usize, u32); 6],
    n: usize,
    /// The request's duration, what the prefetches are for.
    duration: Option<Indexed<5>>,
}

impl Located {
    /// Looks up `key` in summary `at` (added when new and `insert`) and prefetches what its update will touch.
    /// A method forced inline: as a closure it was a call per entity (about 20 instructions of it).
    #[inline(always)]
    fn add(&mut self, sk: &mut [Sketch], at: usize, key: u64, insert: bool) {
        if let Some(i) = sk[at].locate(key, insert) {
            sk[at].prefetch(i, self.duration);
            self.at[self.n] = (at, i);
            self.n += 1;
        }
    }
}

/// Slots of an [`AddressCache`] (a power of two).
const ADDRESS_SLOTS: usize = 256;

/// Addresses seen and their summary keys: a direct-mapped cache of addresses of at most 16 bytes (an IPv4
/// `host:port` has at most 21, most have 8 to 16), so that most lines skip parsing the address.
#[derive(Clone, Debug)]
pub(super) struct AddressCache {
    slots: Vec<(u128, u8, u64)>,
}

impl Default for AddressCache {
    fn default() -> Self {
        AddressCache {
            slots: vec![(0, u8::MAX, 0); ADDRESS_SLOTS],
        }
    }
}

impl AddressCache {
    /// The summary key of address `text` (`keep_port`: a host's port is part of it, a client's is not).
    #[inline(always)]
    pub fn key(&mut self, text: &[u8], keep_port: bool, names: &mut Interner) -> u64 {
        if text.len() > 16 {
            return address_key(text, keep_port, names);
        }
        let word = word16(text);
        let at = ((word as u64 ^ (word >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> (64 - ADDRESS_SLOTS.trailing_zeros())) as usize;
        let slot = &mut self.slots[at];
        if slot.0 == word && slot.1 == text.len() as u8 {
            return slot.2;
        }
        let k = address_key(text, keep_port, names);
        // Interned keys are per partial, and a partial is not fed after a merge: safe to keep.
        *slot = (word, text.len() as u8, k);
        k
    }
}

/// The bytes of `text` (at most 16) as a little-endian number, zero above them: two overlapping loads.
#[inline(always)]
pub(super) fn word16(text: &[u8]) -> u128 {
    let n = text.len();
    let load8 = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().expect("8 bytes"));
    let load4 = |at: usize| u32::from_le_bytes(text[at..at + 4].try_into().expect("4 bytes"));
    if n >= 8 {
        // Bytes 8..n are the top n - 8 bytes of the last eight.
        let hi = load8(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0);
        u128::from(load8(0)) | u128::from(hi) << 64
    } else if n >= 4 {
        let hi = load4(n - 4).checked_shr(8 * (8 - n) as u32).unwrap_or(0);
        u128::from(load4(0)) | u128::from(hi) << 32
    } else {
        text.iter()
            .enumerate()
            .fold(0u128, |w, (i, &c)| w | u128::from(c) << (8 * i))
    }
}

#[cfg(test)]
mod tests {
    use super::word16;

    #[test]
    fn words_hold_the_bytes() {
        let text = b"10.200.30.4:8889xyz";
        for n in 0..=16 {
            let mut w = [0u8; 16];
            w[..n].copy_from_slice(&text[..n]);
            assert_eq!(word16(&text[..n]), u128::from_le_bytes(w), "{n}");
        }
    }
}
