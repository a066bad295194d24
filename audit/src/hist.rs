//! Durations counted per HDR-histogram bucket in a plain `u32` array while reading, turned into a real
//! [`hdrhistogram::Histogram`] when the report is built.
//!
//! `Counts<8>` has the bucket layout of `Histogram::new(2)` (2 significant digits, 256 sub-buckets: the request,
//! api, service and timeline latencies); `Counts<5>` that of `Histogram::new(1)` (1 significant digit, 32
//! sub-buckets, about 6% resolution: per entity and per Trace-Log stage, where thousands of them are kept). Adding
//! two `Counts` of the same layout is exact, so they merge across workers (and, later, machines) without loss.

use hdrhistogram::Histogram;
use smallvec::SmallVec;

/// Durations above this (µs, ~35 years) are clamped before they are counted.
pub(crate) const MAX_DURATION_US: u64 = 1 << 50;

/// The bucket index of `value` in an HDR histogram with `2^S` sub-buckets and lowest discernible value 1.
#[inline(always)]
pub(crate) fn index<const S: u32>(value: u64) -> usize {
    let low = (1u64 << S) - 1;
    let bucket = (64 - S) - (value | low).leading_zeros();
    (((bucket + 1) << (S - 1)) as usize) + (value >> bucket) as usize - (1 << (S - 1))
}

/// The lowest value counted at index `i` (the inverse of [`index`]).
pub(crate) fn value<const S: u32>(i: usize) -> u64 {
    if i < 1 << S {
        i as u64
    } else {
        let bucket = (i >> (S - 1)) - 1;
        (((i & ((1 << (S - 1)) - 1)) + (1 << (S - 1))) as u64) << bucket
    }
}

/// A duration (µs, clamped to [`MAX_DURATION_US`]) with its bucket index in a `Counts<S>`: a request's duration is
/// counted in several windows of one layout (its entities', its timeline cell's), and the index is found once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Indexed<const S: u32> {
    pub us: u64,
    pub index: usize,
}

impl<const S: u32> Indexed<S> {
    #[inline(always)]
    pub fn new(us: u64) -> Indexed<S> {
        let us = us.min(MAX_DURATION_US);
        Indexed {
            us,
            index: index::<S>(us),
        }
    }
}

/// Counts per bucket index over the window of indices seen so far (`lo..lo + counts.len()`), grown on demand at
/// either end; `max` exact. A window rather than an array from index 0: most summaries (an entity's, a stage's)
/// see durations within a few octaves, so their arrays stay a few dozen slots instead of hundreds, and a new one
/// costs a small allocation, not a kilobyte zeroed and later added slot by slot; up to four slots none at all (most
/// vuids and bids are seen once or twice).
#[derive(Clone, Debug, Default)]
pub(crate) struct Counts<const S: u32> {
    /// The index of `counts[0]`.
    lo: usize,
    counts: SmallVec<[u32; 4]>,
    /// Values counted beyond what a `u32` holds, per index, spilled here (rare).
    spill: Vec<(usize, u64)>,
    pub max: u64,
    pub n: u64,
}

impl<const S: u32> Counts<S> {
    #[inline]
    pub fn record(&mut self, d: u64) {
        self.record_indexed(Indexed::new(d));
    }

    /// [`Counts::record`] of a duration whose index is known.
    #[inline]
    pub fn record_indexed(&mut self, Indexed { us: d, index: i }: Indexed<S>) {
        let c = self.slot(i);
        if *c == u32::MAX {
            *c = 1;
            self.spill.push((i, u64::from(u32::MAX)));
        } else {
            *c += 1;
        }
        self.n += 1;
        self.max = self.max.max(d);
    }

    /// Counts `d` `n` times.
    pub fn record_n(&mut self, d: u64, n: u64) {
        if n == 0 {
            return;
        }
        let d = d.min(MAX_DURATION_US);
        let i = index::<S>(d);
        let c = self.slot(i);
        match u32::try_from(n).ok().and_then(|n| c.checked_add(n)) {
            Some(sum) => *c = sum,
            None => self.spill.push((i, n)),
        }
        self.n += n;
        self.max = self.max.max(d);
    }

    /// The counter of index `i`, the window grown to hold it.
    #[inline(always)]
    fn slot(&mut self, i: usize) -> &mut u32 {
        let k = i.wrapping_sub(self.lo);
        if k >= self.counts.len() {
            self.cover(i, i + 1);
        }
        &mut self.counts[i - self.lo]
    }

    /// Grows the window to hold the indices `from..to`, exactly: a wider window costs every merge and report that
    /// adds it (growing by the window's length, as a `Vec` doubles, cost more there than it saved here).
    #[cold]
    fn cover(&mut self, from: usize, to: usize) {
        if self.counts.is_empty() {
            self.lo = from;
            self.counts.resize(to - from, 0);
            return;
        }
        if from < self.lo {
            // One move of the counts per call (`insert_many` of a `repeat_n` took about 400 instructions).
            const ZEROS: [u32; 64] = [0; 64];
            let mut extra = self.lo - from;
            while extra > 0 {
                let n = extra.min(ZEROS.len());
                self.counts.insert_from_slice(0, &ZEROS[..n]);
                extra -= n;
            }
            self.lo = from;
        }
        if to > self.lo + self.counts.len() {
            self.counts.resize(to - self.lo, 0);
        }
    }

    /// The counter of index `i`, when the window holds it (for a prefetch).
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<&u32> {
        self.counts.get(i.wrapping_sub(self.lo))
    }

    /// (index, count) of the window, in index order (zeros included).
    #[inline]
    pub fn buckets(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .map(|(k, &c)| (self.lo + k, c))
    }

    pub fn add(&mut self, other: &Counts<S>) {
        if !other.counts.is_empty() {
            self.cover(other.lo, other.lo + other.counts.len());
            let at = other.lo - self.lo;
            let mine = &mut self.counts[at..at + other.counts.len()];
            for (k, (mine, &theirs)) in mine.iter_mut().zip(&other.counts).enumerate() {
                match mine.checked_add(theirs) {
                    Some(sum) => *mine = sum,
                    None => {
                        self.spill
                            .push((other.lo + k, u64::from(*mine) + u64::from(theirs)));
                        *mine = 0;
                    }
                }
            }
        }
        self.spill.extend_from_slice(&other.spill);
        self.n += other.n;
        self.max = self.max.max(other.max);
    }

    /// The same counts as an HDR histogram (`S` = 8: 2 significant digits; 5: 1).
    pub fn histogram(&self) -> Histogram<u64> {
        let sigfig = if S >= 8 { 2 } else { 1 };
        let mut h = Histogram::new(sigfig).expect("a valid precision");
        for (i, c) in self.buckets() {
            if c > 0 {
                // The histogram auto-resizes, so recording cannot fail for lack of range.
                let _ = h.record_n(value::<S>(i), u64::from(c));
            }
        }
        for &(i, c) in &self.spill {
            let _ = h.record_n(value::<S>(i), c);
        }
        h
    }

    /// The value at quantile `q`, clamped to the exact maximum (`None` when empty).
    pub fn quantile(&self, q: f64) -> Option<u64> {
        if self.n == 0 {
            return None;
        }
        if self.spill.is_empty() {
            // Walk the counts directly: the same answer as the histogram's `value_at_quantile`.
            let q = q.min(1.0);
            let target = ((q * self.n as f64).ceil() as u64).max(1);
            let mut seen = 0u64;
            for (i, c) in self.buckets() {
                seen += u64::from(c);
                if seen >= target {
                    let v = if q == 0.0 {
                        value::<S>(i)
                    } else {
                        highest_equivalent::<S>(i)
                    };
                    return Some(v.min(self.max));
                }
            }
            return Some(self.max);
        }
        Some(self.histogram().value_at_quantile(q).min(self.max))
    }
}

/// The highest value counted at index `i` (what `Histogram::value_at_quantile` reports).
fn highest_equivalent<const S: u32>(i: usize) -> u64 {
    let low = value::<S>(i);
    let next = value::<S>(i + 1);
    next.max(low + 1) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Vec<u64> {
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
            255,
            256,
            511,
            512,
            31,
            32,
            63,
            64,
        ]);
        values
    }

    #[test]
    fn index_is_the_histograms_own() {
        let h2 = Histogram::<u64>::new(2).unwrap();
        let h1 = Histogram::<u64>::new(1).unwrap();
        for v in values() {
            let i = index::<8>(v);
            assert_eq!(value::<8>(i), h2.lowest_equivalent(v), "{v}");
            assert_eq!(index::<8>(value::<8>(i)), i, "{v}");
            let i = index::<5>(v);
            assert_eq!(value::<5>(i), h1.lowest_equivalent(v), "{v}");
            assert_eq!(index::<5>(value::<5>(i)), i, "{v}");
        }
    }

    #[test]
    fn the_window_grows_either_way_and_keeps_every_count() {
        // A fall from 2^49 to 1 (the window grows down by more than the 64 zeros inserted at a time), values
        // falling and rising by octaves, random ones: the counts per index are a plain array's.
        let mut state = 11u64;
        let mut c = Counts::<5>::default();
        let mut plain = vec![0u32; index::<5>(MAX_DURATION_US) + 1];
        let mut values: Vec<u64> = vec![1 << 49, 1];
        values.extend((0..50).rev().map(|k| 1u64 << k));
        values.extend((0..40).map(|k| 3u64 << k));
        for _ in 0..2000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push(state >> (state % 64));
        }
        for v in values {
            c.record(v);
            plain[index::<5>(v.min(MAX_DURATION_US))] += 1;
        }
        let got: Vec<(usize, u32)> = c.buckets().filter(|b| b.1 > 0).collect();
        let want: Vec<(usize, u32)> = plain
            .iter()
            .enumerate()
            .filter(|b| *b.1 > 0)
            .map(|(i, &n)| (i, n))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn quantiles_equal_the_histograms() {
        let mut c8 = Counts::<8>::default();
        let mut c5 = Counts::<5>::default();
        let mut state = 7u64;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = state % 3_000_000;
            c8.record(v);
            c5.record(v);
        }
        for q in [0.0, 0.01, 0.5, 0.9, 0.99, 0.999, 1.0] {
            let h = c8.histogram();
            assert_eq!(
                c8.quantile(q),
                Some(h.value_at_quantile(q).min(c8.max)),
                "{q}"
            );
            let h = c5.histogram();
            assert_eq!(
                c5.quantile(q),
                Some(h.value_at_quantile(q).min(c5.max)),
                "{q}"
            );
        }
    }
}
