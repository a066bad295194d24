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
mod shape;

use items::Item;
pub(crate) use items::{find_value, value_start, TRACE_LOG};
pub use items::{parse_trace_log, TraceItem};
use items::{stage_key, value_len};
use scan::{for_each_item_in, Sink};
use shape::Shapes;

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

impl StageAcc {
    /// A stage read back from a partial report (see `crate::partial`).
    pub(crate) fn restored(via: &[u8], name: &[u8]) -> StageAcc {
        StageAcc {
            key: stage_key(via, name),
            via: via.into(),
            name: name.into(),
            requests: 0,
            durations: Counts::default(),
            zero: 0,
        }
    }
}

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
    /// The shapes of values seen (see the shape module).
    shapes: Shapes,
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
        let mut walk = Walk {
            stages: &mut self.stages,
            errors: &mut self.errors,
            other: &mut self.other_errors,
            failed,
            seen: 0,
            next: 0,
        };
        for_each_item_in(buf, len, micro, &mut walk);
    }

    /// Whether durations are microseconds (a ShardNode api); the setter is for a partial read back.
    pub(crate) fn micro(&self) -> bool {
        self.micro
    }

    pub(crate) fn set_micro(&mut self, micro: bool) {
        self.micro = micro;
    }

    /// Counts the Trace-Log value that `rest` (the response header from the value on) starts with, found by
    /// [`value_start`]: by its shape when one seen before matches, else item by item.
    #[inline]
    pub(crate) fn add_value(&mut self, rest: &[u8], micro: bool, failed: bool) {
        let array = rest.first() == Some(&b'[');
        if array
            && self.shapes.count(
                rest,
                &mut self.stages,
                &mut self.errors,
                &mut self.other_errors,
                failed,
            )
        {
            self.micro = micro;
            self.requests += 1;
            self.failed += u64::from(failed);
            return;
        }
        let Some(len) = value_len(rest) else {
            return;
        };
        self.add_in(rest, len, micro, failed);
        if array {
            self.shapes.learn(&rest[..len], micro, &mut self.stages);
        }
    }

    /// Adds to the stages what the values counted by their shape add to them: call before reading the figures.
    pub fn flush(&mut self) {
        self.shapes.flush(&mut self.stages);
    }

    /// Adds `other` (its figures flushed first).
    pub fn merge(&mut self, mut other: TraceLogAcc) {
        other.flush();
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

/// The items of one request's Trace-Log being counted.
struct Walk<'s> {
    stages: &'s mut Vec<StageAcc>,
    errors: &'s mut Vec<ErrorCount>,
    other: &'s mut u64,
    failed: bool,
    /// Stages already seen in this Trace-Log (bit = index).
    seen: u64,
    /// Items mostly come in the order their stages were first seen: the stage after the last one is tried first.
    next: usize,
}

impl<'a> Sink<'a> for Walk<'_> {
    #[inline(always)]
    fn item(&mut self, it: Item<'a>) {
        let Some(at) = stage_at(self.stages, &it, self.next) else {
            return;
        };
        self.next = at + 1;
        let s = &mut self.stages[at];
        if self.seen >> at & 1 == 0 {
            self.seen |= 1 << at;
            s.requests += 1;
        }
        match it.duration_us {
            Some(d) => s.durations.record(d),
            None => s.zero += 1,
        }
        if self.failed && !it.error.is_empty() {
            note_error(self.errors, self.other, it.name, it.error, 1);
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

pub(crate) fn note_error(
    errors: &mut Vec<ErrorCount>,
    other: &mut u64,
    module: &[u8],
    error: &[u8],
    n: u64,
) {
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
