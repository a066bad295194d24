//! The timeline: per time bucket and service, requests, codes and a duration histogram.
//!
//! Buckets are aligned at the Unix epoch. Without `--bucket`, counting starts at 1 s and a service whose
//! non-empty buckets exceed [`MAX_CELLS`] is coarsened along a ladder of widths that divide each other (1s, 5s,
//! 10s, 30s, 1m, 5m, 10m, 30m, 1h, 6h, 1d), so coarsening (and merging timelines of different widths, #17) is
//! exact; the report then picks the width from the span holding the bulk of the requests (at most about 90
//! buckets: 1m for an hour). A given `--bucket` is kept as given (doubled only if it would exceed
//! [`MAX_GIVEN_CELLS`] buckets per service).

use rustc_hash::FxHashMap;

use super::entities::CodeCounts;
use super::hist::Counts;

/// Widths (µs), each a multiple of the previous.
pub(crate) const LADDER: [u64; 11] = [
    1_000_000,
    5_000_000,
    10_000_000,
    30_000_000,
    60_000_000,
    300_000_000,
    600_000_000,
    1_800_000_000,
    3_600_000_000,
    21_600_000_000,
    86_400_000_000,
];

/// Non-empty buckets kept per service while counting with the default width.
pub(crate) const MAX_CELLS: usize = 2048;
/// With a given width.
pub(crate) const MAX_GIVEN_CELLS: usize = 20_000;
/// Buckets the default width aims at, at most.
pub(crate) const TARGET_BUCKETS: u64 = 90;

/// One bucket of one service.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    pub requests: u64,
    pub codes: CodeCounts,
    pub durations: Counts<5>,
}

impl Cell {
    fn merge(&mut self, o: &Cell) {
        self.requests += o.requests;
        self.codes.merge(&o.codes);
        self.durations.add(&o.durations);
    }
}

/// The timeline of one service.
#[derive(Clone, Debug)]
pub(crate) struct Timeline {
    /// Bucket width (µs).
    pub width: u64,
    /// Whether the width was given (`--bucket`) rather than chosen.
    pub given: bool,
    pub cells: Vec<(u64, Cell)>,
    index: FxHashMap<u64, u32>,
    /// The last bucket used (its start, `u64::MAX` when none) and its cell (lines come in time order).
    last: (u64, u32),
}

impl Timeline {
    pub fn new(given: Option<u64>) -> Timeline {
        Timeline {
            width: given.unwrap_or(LADDER[0]).max(1),
            given: given.is_some(),
            cells: Vec::new(),
            index: FxHashMap::default(),
            last: (u64::MAX, 0),
        }
    }

    /// The cell of time `t` (µs).
    #[inline]
    pub fn cell(&mut self, t: u64) -> &mut Cell {
        if self.last.0 == u64::MAX || t.wrapping_sub(self.last.0) >= self.width {
            let start = t - t % self.width;
            let i = match self.index.get(&start) {
                Some(&i) => i,
                None => {
                    if self.cells.len() >= self.limit() {
                        self.coarsen();
                        return self.cell(t);
                    }
                    self.cells.push((start, Cell::default()));
                    let i = (self.cells.len() - 1) as u32;
                    self.index.insert(start, i);
                    i
                }
            };
            self.last = (start, i);
        }
        &mut self.cells[self.last.1 as usize].1
    }

    fn limit(&self) -> usize {
        if self.given {
            MAX_GIVEN_CELLS
        } else {
            MAX_CELLS
        }
    }

    /// The next width: the next ladder step, or twice a given width.
    fn next_width(&self) -> u64 {
        if self.given {
            return self.width * 2;
        }
        LADDER
            .iter()
            .copied()
            .find(|&w| w > self.width)
            .unwrap_or(self.width * 2)
    }

    #[cold]
    fn coarsen(&mut self) {
        let w = self.next_width();
        self.rebucket(w);
    }

    /// Re-buckets to width `w` (a multiple of the current one).
    pub fn rebucket(&mut self, w: u64) {
        if w == self.width {
            return;
        }
        let old = std::mem::take(&mut self.cells);
        self.width = w;
        self.index.clear();
        self.last = (u64::MAX, 0);
        for (start, c) in old {
            let s = start - start % w;
            match self.index.get(&s) {
                Some(&i) => self.cells[i as usize].1.merge(&c),
                None => {
                    self.index.insert(s, self.cells.len() as u32);
                    self.cells.push((s, c));
                }
            }
        }
    }

    pub fn merge(&mut self, mut other: Timeline) {
        let w = common_width(self.width, other.width);
        self.rebucket(w);
        other.rebucket(w);
        self.given |= other.given;
        for (start, c) in other.cells {
            match self.index.get(&start) {
                Some(&i) => self.cells[i as usize].1.merge(&c),
                None => {
                    self.index.insert(start, self.cells.len() as u32);
                    self.cells.push((start, c));
                }
            }
        }
        self.last = (u64::MAX, 0);
        while self.cells.len() > self.limit() {
            self.coarsen();
        }
    }
}

/// A width both `a` and `b` divide (they do when both come from the ladder or from doubling one given width).
fn common_width(a: u64, b: u64) -> u64 {
    let (small, big) = (a.min(b), a.max(b));
    if big % small == 0 {
        big
    } else {
        // Not on one ladder: the least common multiple.
        let g = gcd(small, big);
        small / g * big
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The default width for the requests `per_bucket` (bucket start, requests) counted at width `held`: the
/// smallest ladder step at least `held` whose buckets over the span holding the central 98% of requests number
/// at most [`TARGET_BUCKETS`].
pub(crate) fn default_width(per_bucket: &[(u64, u64)], held: u64) -> u64 {
    let total: u64 = per_bucket.iter().map(|b| b.1).sum();
    if total == 0 {
        return held;
    }
    let mut sorted = per_bucket.to_vec();
    sorted.sort_unstable();
    let cut = total / 100;
    let (mut seen, mut first, mut last) = (0u64, sorted[0].0, sorted[sorted.len() - 1].0);
    let mut have_first = false;
    for &(start, n) in &sorted {
        seen += n;
        if !have_first && seen > cut {
            first = start;
            have_first = true;
        }
        if seen >= total - cut {
            last = start;
            break;
        }
    }
    let span = last - first + held;
    LADDER
        .iter()
        .copied()
        .filter(|&w| w >= held && w % held == 0)
        .find(|&w| span.div_ceil(w) <= TARGET_BUCKETS)
        .unwrap_or_else(|| LADDER[LADDER.len() - 1].max(held))
}

/// `1m`, `30s`, `6h`, `1d`, `90s`.
pub(crate) fn width_label(us: u64) -> String {
    let s = us / 1_000_000;
    if !us.is_multiple_of(1_000_000) {
        format!("{}ms", us / 1000)
    } else if s.is_multiple_of(86_400) {
        format!("{}d", s / 86_400)
    } else if s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarsening_keeps_every_count() {
        let mut t = Timeline::new(None);
        let mut n = 0;
        for s in 0..10_000u64 {
            t.cell(s * 1_000_000 + 17).requests += 1;
            n += 1;
        }
        assert!(t.cells.len() <= MAX_CELLS);
        assert!(t.width > LADDER[0]);
        assert_eq!(t.cells.iter().map(|c| c.1.requests).sum::<u64>(), n);
        let mut u = Timeline::new(None);
        u.cell(5).requests += 1;
        u.merge(t);
        assert_eq!(u.cells.iter().map(|c| c.1.requests).sum::<u64>(), n + 1);
    }

    #[test]
    fn default_width_follows_the_bulk() {
        // An hour of requests per second, and three outliers a year before.
        let mut b: Vec<(u64, u64)> = (0..3600)
            .map(|s| (1_000_000_000 + s * 1_000_000, 10))
            .collect();
        b.push((1_000_000, 1));
        b.push((2_000_000, 1));
        b.push((3_000_000, 1));
        assert_eq!(default_width(&b, 1_000_000), 60_000_000);
        assert_eq!(width_label(60_000_000), "1m");
        assert_eq!(width_label(90_000_000), "90s");
        assert_eq!(width_label(86_400_000_000), "1d");
    }
}
