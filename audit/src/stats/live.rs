//! What the bounded readers and follow mode add to the accumulator: lines too long to keep, and the exact
//! millisecond buckets of the blobstore's duration histogram. Kept apart from the hot path's file so that the two
//! evolve without touching each other.

use super::{excerpt, MalformedAt, MalformedKind, Partial, UnitId};

/// The longest line kept, in bytes (without its `\n`): see [`crate::MAX_LINE_BYTES`].
pub(crate) const MAX_LINE: usize = crate::MAX_LINE_BYTES;

/// The upper bounds (milliseconds) of the buckets of the blobstore's `service_response_duration_ms` histogram
/// (`Buckets` in `blobstore/common/rpc/auditlog`); a duration of `d` ms falls in the first bucket with `d ≤ bound`.
pub(crate) const MS_BUCKETS: [u64; 11] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/// The slot of a duration of `us` microseconds among [`MS_BUCKETS`] (`MS_BUCKETS.len()` = above the last bound).
#[inline]
pub(crate) fn ms_bucket(us: u64) -> usize {
    MS_BUCKETS.iter().map(|&b| usize::from(us > b * 1000)).sum()
}

impl Partial {
    /// Line `n` of `unit` (already counted in `lines`) is longer than [`MAX_LINE`]: `len` bytes, of which `head`
    /// are the first ones.
    #[cold]
    pub(super) fn too_long_line(&mut self, unit: UnitId, n: u64, head: &[u8], len: u64) {
        self.kinds[MalformedKind::TooLong.index()] += 1;
        if let Some(slot) = self.note_malformed(MalformedAt {
            unit,
            line: n,
            kind: MalformedKind::TooLong,
            reason: String::new(),
            excerpt: String::new(),
        }) {
            slot.reason =
                format!("line of {len} bytes, longer than the limit of {MAX_LINE}: skipped");
            slot.excerpt = excerpt(&head[..head.len().min(480)]);
        }
    }

    /// Counts the lines of `data` as [`Partial::feed`] does, then one more line of `unit` that was too long to be
    /// kept: `len` bytes beginning with `head`. A reader that skips such a line in constant memory calls this.
    pub(crate) fn feed_too_long(&mut self, unit: UnitId, data: &[u8], head: &[u8], len: u64) {
        self.feed(unit, data);
        self.lines += 1;
        let n = match self.units.last_mut() {
            Some(u) => {
                u.lines += 1;
                u.malformed += 1;
                u.lines
            }
            None => 1,
        };
        self.too_long_line(unit, n, head, len);
    }
}

#[cfg(test)]
mod tests {
    use super::{ms_bucket, MS_BUCKETS};

    #[test]
    fn ms_buckets_are_inclusive_upper_bounds() {
        assert_eq!(ms_bucket(0), 0);
        assert_eq!(ms_bucket(1000), 0);
        assert_eq!(ms_bucket(1001), 1);
        assert_eq!(ms_bucket(5000), 1);
        assert_eq!(ms_bucket(5_000_000), MS_BUCKETS.len() - 1);
        assert_eq!(ms_bucket(5_000_001), MS_BUCKETS.len());
        assert_eq!(ms_bucket(u64::MAX / 2), MS_BUCKETS.len());
    }
}
