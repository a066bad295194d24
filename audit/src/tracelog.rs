//! Trace-Log: where a request's time went.
//!
//! The response header `Trace-Log` is a JSON array of items (HTTP services) or ONE string whose items are joined
//! by `|` (rpc2; its header keys may be in any case). Each item is `module[:duration][/error]`: the duration in
//! milliseconds (ShardNode: microseconds), omitted when 0; the error cut to 32 bytes; newer builds suffix the
//! module with `@host:port`. An item whose parts are joined by `;` is the whole Trace-Log of a downstream answer
//! (Access → Proxy → Clustermgr): its last part is the downstream module with its total, the other parts are that
//! module's stages, reported as `MODULE>stage`. Access's `a_<alloc>_r_<read>_w_<write>` gives the stages `alloc`,
//! `read` and `write`.

use super::hist::Counts;

mod items;
mod scan;

use items::Item;
pub(crate) use items::{find_value, find_value_at, TRACE_LOG};
pub use items::{parse_trace_log, TraceItem};
use scan::for_each_item_in;

/// The time of one stage of an api, over the requests with a Trace-Log.
#[derive(Clone, Debug)]
pub(crate) struct StageAcc {
    /// See [`items::stage_key`].
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

/// Kept per api: distinct (module, error) pairs of failed requests beyond this are counted as `other`.
const KEEP_ERRORS: usize = 32;
/// Kept per api: distinct stages beyond this are not broken down.
const KEEP_STAGES: usize = 64;

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
}

impl TraceLogAcc {
    /// Counts the Trace-Log `value` of one request (the hot path uses [`TraceLogAcc::add_in`]).
    #[inline]
    #[allow(dead_code)]
    pub fn add(&mut self, value: &[u8], micro: bool, failed: bool) {
        self.add_in(value, value.len(), micro, failed);
    }

    /// Counts the Trace-Log value `buf[..len]` of one request; `buf` may go on (the rest of the header), which
    /// lets the item walk load 16 bytes at a time.
    #[inline]
    pub(crate) fn add_in(&mut self, buf: &[u8], len: usize, micro: bool, failed: bool) {
        self.micro = micro;
        self.requests += 1;
        self.failed += u64::from(failed);
        let mut seen = 0u64;
        // Items mostly come in the order their stages were first seen: try the one after the last first.
        let mut next = 0usize;
        let stages = &mut self.stages;
        let errors = &mut self.errors;
        let other = &mut self.other_errors;
        for_each_item_in(buf, len, micro, |it| {
            let Some(at) = stage_at(stages, &it, next) else {
                return;
            };
            next = at + 1;
            let s = &mut stages[at];
            if seen >> at & 1 == 0 {
                seen |= 1 << at;
                s.requests += 1;
            }
            match it.duration_us {
                Some(d) => s.durations.record(d),
                None => s.zero += 1,
            }
            if failed && !it.error.is_empty() {
                note_error(errors, other, it.name, it.error, 1);
            }
        });
    }

    /// Nothing is buffered any more (every value is counted as it comes); kept for callers that flush before
    /// reading the figures.
    pub fn flush(&mut self) {}

    /// Adds `other`.
    pub fn merge(&mut self, other: TraceLogAcc) {
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

/// The index of the stage of item `it` (`hint` tried first), added when new and fewer than [`KEEP_STAGES`].
#[inline(always)]
fn stage_at(stages: &mut Vec<StageAcc>, it: &Item<'_>, hint: usize) -> Option<usize> {
    let exact = it.key >> 127 == 0;
    let same =
        |s: &StageAcc| s.key == it.key && (exact || (*s.name == *it.name && *s.via == *it.via));
    if stages.get(hint).is_some_and(same) {
        return Some(hint);
    }
    if let Some(at) = stages.iter().position(same) {
        return Some(at);
    }
    if stages.len() >= KEEP_STAGES {
        return None;
    }
    stages.push(StageAcc {
        key: it.key,
        via: it.via.into(),
        name: it.name.into(),
        requests: 0,
        durations: Counts::default(),
        zero: 0,
    });
    Some(stages.len() - 1)
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
