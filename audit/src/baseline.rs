//! What changed: a report against a baseline report (another time range of the same logs, or other logs), per
//! service, api, code and entity: the difference in request rate, error share and p99, ordered by significance.
//!
//! Each metric gets a z-score and an effect size:
//! - error share (for a code: its share of the service's requests): the two-proportion z-test (pooled); effect =
//!   Cohen's h, `|2·asin√p₁ − 2·asin√p₀|`;
//! - rate: the binomial test of how the two periods' requests split against how their lengths split; effect =
//!   `|log₂(rate ratio)| / 4`, at most 1 (traffic moves by itself: a factor 16 weighs like a large error change);
//! - p99: `ln(p99 ratio) · √(requests in the tail)` (1% of the smaller count, which must be at least 10); effect
//!   = `|log₂(p99 ratio)| / 2`, at most 1.
//!
//! A metric is significant when `|z| ≥ 3` (error share: when the smaller period expects at least
//! [`MIN_EXPECTED`] errors and successes at the pooled share; p99: with at least [`MIN_TAIL_REQUESTS`] requests
//! on both sides). Changes are ordered by the largest effect among their significant
//! metrics, then by the largest `|z|`: a failing disk (a large effect, significant) comes before the small rise of
//! its service's error share that it causes (significant too, but a small effect).

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::{Report, TimeSpan};

/// `|z|` from which a metric's change counts as significant.
pub const SIGNIFICANT_Z: f64 = 3.0;

/// Expected errors and successes the smaller period must have, at the pooled share, for a change of error share
/// to count as significant (the success-failure condition of the normal approximation behind the z-score).
pub const MIN_EXPECTED: f64 = 5.0;

/// Requests each period must have for a change of p99 to count as significant: 1% of them, the tail, is then
/// at least 10 requests.
pub const MIN_TAIL_REQUESTS: u64 = 1000;

/// Changes listed at most.
pub const MAX_CHANGES: usize = 100;

/// The baseline and the changes against it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline's paths (the report's own when only the time range differs).
    pub paths: Vec<String>,
    /// The baseline's window, `null` when it has none.
    pub window: Option<super::report::Window>,
    /// The baseline's time span and requests.
    pub time_span: Option<TimeSpan>,
    pub requests: u64,
    pub errors: u64,
    /// The seconds each period's rates are computed over (the window, else the span of the timeline buckets holding
    /// the central 98% of the requests; at least 1).
    pub seconds: f64,
    /// The same for the report itself.
    pub current_seconds: f64,
    /// The changes, most significant first (at most [`MAX_CHANGES`]).
    pub changes: Vec<Change>,
}

/// One side of a change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub requests: u64,
    pub errors: u64,
    /// Requests per second over the period.
    pub rate_per_s: f64,
    /// Errors / requests (for a code: the code's share of its service's requests).
    pub error_share: f64,
    pub p99_us: Option<u64>,
}

/// A difference between the report and the baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// `service`, `api`, `code` or an entity kind (`disk`, `vuid`, `bid`, `volume`, `host`, `client`).
    pub level: &'static str,
    /// The module.
    pub service: String,
    /// The api label, the code, the entity id; the module again for a service.
    pub key: String,
    pub current: Side,
    pub baseline: Side,
    /// current / baseline rate (`null` when the baseline has none).
    pub rate_ratio: Option<f64>,
    /// current − baseline error share.
    pub error_share_delta: f64,
    /// current / baseline p99.
    pub p99_ratio: Option<f64>,
    /// The largest `|z|` of the three metrics.
    pub significance: f64,
    /// The largest effect among the significant metrics (0 when none is significant): the sort key.
    pub effect: f64,
    /// The metric that gave `effect` (or, when none is significant, the largest `|z|`): `error_share`, `rate`,
    /// `p99`.
    pub reason: &'static str,
}

/// Figures of one keyed thing in one report.
#[derive(Clone, Copy, Default)]
struct Fig {
    requests: u64,
    errors: u64,
    /// The denominator of the share (requests, or the service's requests for a code).
    whole: u64,
    p99: Option<u64>,
}

/// The seconds a report's rates are computed over: its window when both ends are given, else the span of its
/// timeline buckets that hold the central 98% of its requests (so that a few stray old lines do not stretch it).
fn seconds(r: &Report) -> f64 {
    if let Some(super::report::Window {
        since_us: Some(a),
        until_us: Some(b),
        ..
    }) = &r.window
    {
        if b > a {
            return ((b - a) as f64 / 1e6).max(1.0);
        }
    }
    let mut per: BTreeMap<u64, u64> = BTreeMap::new();
    for p in &r.timeline {
        *per.entry(p.start_us).or_default() += p.requests;
    }
    let total: u64 = per.values().sum();
    if total == 0 {
        return r.time_span.as_ref().map_or(1.0, |t| t.seconds.max(1.0));
    }
    let cut = total / 100;
    let (mut seen, mut first, mut last) = (0u64, None, 0u64);
    for (&start, &n) in &per {
        seen += n;
        if first.is_none() && seen > cut {
            first = Some(start);
        }
        if seen >= total - cut {
            last = start;
            break;
        }
    }
    let width = (r.timeline_bucket.seconds * 1e6) as u64;
    let span = (last + width).saturating_sub(first.unwrap_or(last));
    (span as f64 / 1e6).max(1.0)
}

type Key = (&'static str, String, String);

fn figures(r: &Report) -> BTreeMap<Key, Fig> {
    let mut out = BTreeMap::new();
    for s in &r.services {
        let p99 = |l: &Option<super::report::Latency>| l.as_ref().map(|l| l.p99);
        out.insert(
            ("service", s.service.clone(), s.service.clone()),
            Fig {
                requests: s.requests,
                errors: s.errors,
                whole: s.requests,
                p99: p99(&s.latency_us),
            },
        );
        for a in &s.apis {
            out.insert(
                ("api", s.service.clone(), a.api.clone()),
                Fig {
                    requests: a.requests,
                    errors: a.errors,
                    whole: a.requests,
                    p99: p99(&a.latency_us),
                },
            );
        }
        for c in &s.codes {
            out.insert(
                ("code", s.service.clone(), c.code.to_string()),
                Fig {
                    requests: c.count,
                    errors: c.count,
                    whole: s.requests,
                    p99: None,
                },
            );
        }
    }
    for kind in super::entities::EntityKind::ALL {
        for e in r.entities.of(kind) {
            out.insert(
                (kind.name(), e.service.clone(), e.id.clone()),
                Fig {
                    requests: e.requests,
                    errors: e.errors,
                    whole: e.requests,
                    p99: e.p99_us,
                },
            );
        }
    }
    out
}

fn z_share(e1: u64, n1: u64, e0: u64, n0: u64) -> f64 {
    if n1 == 0 || n0 == 0 {
        return 0.0;
    }
    let (p1, p0) = (e1 as f64 / n1 as f64, e0 as f64 / n0 as f64);
    let p = (e1 + e0) as f64 / (n1 + n0) as f64;
    let se = (p * (1.0 - p) * (1.0 / n1 as f64 + 1.0 / n0 as f64)).sqrt();
    if se == 0.0 {
        0.0
    } else {
        (p1 - p0) / se
    }
}

fn z_rate(c1: u64, t1: f64, c0: u64, t0: f64) -> f64 {
    let n = (c1 + c0) as f64;
    if n == 0.0 {
        return 0.0;
    }
    let q = t1 / (t1 + t0);
    let var = n * q * (1.0 - q);
    if var == 0.0 {
        0.0
    } else {
        (c1 as f64 - n * q) / var.sqrt()
    }
}

/// The changes of `current` against `base`.
pub(crate) fn compare(current: &Report, base: &Report, base_paths: Vec<String>) -> Comparison {
    let (t1, t0) = (seconds(current), seconds(base));
    let now = figures(current);
    let then = figures(base);
    let mut keys: Vec<&Key> = now.keys().chain(then.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    for k in keys {
        let c = now.get(k).copied().unwrap_or_default();
        let b = then.get(k).copied().unwrap_or_default();
        let share = |f: Fig| {
            if f.whole == 0 {
                0.0
            } else {
                f.errors as f64 / f.whole as f64
            }
        };
        let (s1, s0) = (share(c), share(b));
        // The success-failure condition of the normal approximation: at least 5 expected errors and 5 expected
        // successes in the smaller period at the pooled share.
        let enough = |x: Fig, y: Fig| {
            let n = x.whole.min(y.whole) as f64;
            let whole = (x.whole + y.whole) as f64;
            let p = if whole == 0.0 {
                0.0
            } else {
                (x.errors + y.errors) as f64 / whole
            };
            n * p >= MIN_EXPECTED && n * (1.0 - p) >= MIN_EXPECTED
        };
        let zs = if enough(c, b) {
            z_share(c.errors, c.whole, b.errors, b.whole)
        } else {
            0.0
        };
        let hs = (2.0 * s1.sqrt().asin() - 2.0 * s0.sqrt().asin()).abs();
        let zr = z_rate(c.requests, t1, b.requests, t0);
        let (r1, r0) = (c.requests as f64 / t1, b.requests as f64 / t0);
        let rate_ratio = (b.requests > 0).then(|| r1 / r0);
        let hr = (((c.requests as f64 + 0.5) / t1) / ((b.requests as f64 + 0.5) / t0))
            .log2()
            .abs()
            / 4.0;
        let (zp, hp, p99_ratio) = match (c.p99, b.p99) {
            (Some(x), Some(y)) if x > 0 && y > 0 => {
                let ratio = x as f64 / y as f64;
                let n = c.requests.min(b.requests);
                let z = if n >= MIN_TAIL_REQUESTS {
                    ratio.ln() * (n as f64 * 0.01).sqrt()
                } else {
                    0.0
                };
                (z, (ratio.log2().abs() / 2.0).min(1.0), Some(ratio))
            }
            _ => (0.0, 0.0, None),
        };
        let metrics = [
            ("error_share", zs, hs),
            ("rate", zr, hr.min(1.0)),
            ("p99", zp, hp),
        ];
        let significance = metrics.iter().map(|m| m.1.abs()).fold(0.0, f64::max);
        let best = metrics
            .iter()
            .filter(|m| m.1.abs() >= SIGNIFICANT_Z)
            .max_by(|a, b| a.2.total_cmp(&b.2));
        let (effect, reason) = match best {
            Some(m) => (m.2, m.0),
            None => (
                0.0,
                metrics
                    .iter()
                    .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                    .map_or("rate", |m| m.0),
            ),
        };
        if significance == 0.0 {
            continue;
        }
        let side = |f: Fig, t: f64, s: f64| Side {
            requests: f.requests,
            errors: f.errors,
            rate_per_s: round(f.requests as f64 / t),
            error_share: round(s),
            p99_us: f.p99,
        };
        changes.push(Change {
            level: k.0,
            service: k.1.clone(),
            key: k.2.clone(),
            current: side(c, t1, s1),
            baseline: side(b, t0, s0),
            rate_ratio: rate_ratio.map(round),
            error_share_delta: round(s1 - s0),
            p99_ratio: p99_ratio.map(round),
            significance: round(significance),
            effect: round(effect),
            reason,
        });
    }
    changes.sort_by(|a, b| {
        b.effect
            .total_cmp(&a.effect)
            .then(b.significance.total_cmp(&a.significance))
            .then((a.level, &a.service, &a.key).cmp(&(b.level, &b.service, &b.key)))
    });
    changes.truncate(MAX_CHANGES);
    Comparison {
        paths: base_paths,
        window: base.window.clone(),
        time_span: base.time_span.clone(),
        requests: base.totals.requests,
        errors: base.totals.errors,
        seconds: round(t0),
        current_seconds: round(t1),
        changes,
    }
}

fn round(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_scores() {
        assert!(z_share(60, 100, 1, 100) > 7.0);
        assert_eq!(z_share(0, 0, 1, 100), 0.0);
        assert!(z_rate(200, 10.0, 100, 10.0) > 5.0);
        assert!(z_rate(100, 10.0, 100, 10.0).abs() < 1e-9);
    }
}
