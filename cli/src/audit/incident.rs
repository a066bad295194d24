//! The incident sections of the table: the window and filters, the timeline, the entities with errors, where the
//! time went (Trace-Log), and what changed against a baseline.

use std::collections::BTreeMap;

use errcat_audit::{EntityKind, Report, TimelinePoint};

use super::grid::{dur, grid, opt_dur, painted, pct, plain, safe, Align, Cell, Paint};
use crate::style::{bad, label, strong, warn};

/// Timeline rows shown at most.
const MAX_BUCKETS: usize = 120;

/// `window … filters …  N matched, F filtered out`, when a window or a filter applies.
pub fn window_line(out: &mut String, r: &Report) {
    let filters = r.filters.describe();
    if r.window.is_none() && filters.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if let Some(w) = &r.window {
        parts.push(format!(
            "{} {} … {}",
            label("window"),
            w.since.as_deref().unwrap_or("start"),
            w.until.as_deref().unwrap_or("end")
        ));
    }
    if !filters.is_empty() {
        parts.push(format!("{} {}", label("filters"), safe(&filters)));
    }
    parts.push(format!(
        "{} matched, {} filtered out",
        r.matched, r.filtered_out
    ));
    out.push_str(&parts.join("   "));
    out.push('\n');
}

/// The incident sections, in order.
pub fn sections(out: &mut String, r: &Report, top: usize, entities: usize) {
    timeline(out, r);
    entity_tables(out, r, entities);
    tracelog(out, r, top);
    baseline(out, r);
}

/// One row per bucket over all services: requests, errors, share, p99 of the worst service, the service and
/// codes with the most errors, and a bar of the errors.
fn timeline(out: &mut String, r: &Report) {
    if r.timeline.is_empty() {
        return;
    }
    let mut buckets: BTreeMap<u64, Vec<&TimelinePoint>> = BTreeMap::new();
    for p in &r.timeline {
        buckets.entry(p.start_us).or_default().push(p);
    }
    out.push('\n');
    out.push_str(&format!(
        "{}  {} buckets of {}{}\n",
        strong("Timeline"),
        buckets.len(),
        r.timeline_bucket.label,
        if r.timeline_bucket.given {
            ""
        } else {
            " (chosen from the span; --bucket to set)"
        }
    ));
    let max_errors = buckets
        .values()
        .map(|ps| ps.iter().map(|p| p.errors).sum::<u64>())
        .max()
        .unwrap_or(0);
    let rows: Vec<Vec<Cell>> = buckets
        .iter()
        .take(MAX_BUCKETS)
        .map(|(_, ps)| {
            let requests: u64 = ps.iter().map(|p| p.requests).sum();
            let errors: u64 = ps.iter().map(|p| p.errors).sum();
            let share = if requests == 0 {
                0.0
            } else {
                errors as f64 / requests as f64
            };
            let p99 = ps.iter().filter_map(|p| p.p99_us).max();
            let worst = ps
                .iter()
                .filter(|p| p.errors > 0)
                .max_by(|a, b| a.errors.cmp(&b.errors).then(b.service.cmp(&a.service)));
            let worst = worst.map_or(String::new(), |p| {
                let codes: Vec<String> = p
                    .top_codes
                    .iter()
                    .filter(|c| c.code >= 500)
                    .take(2)
                    .map(|c| format!("{}×{}", c.code, c.count))
                    .collect();
                format!("{} {}", safe(&p.service), codes.join(" "))
            });
            let bar_len = if max_errors == 0 {
                0
            } else {
                (errors * 20).div_ceil(max_errors) as usize
            };
            let paint: Paint = if errors > 0 { bad } else { |s| s.to_string() };
            vec![
                plain(ps[0].start.trim_end_matches(".000000Z").replace('T', " ")),
                plain(requests.to_string()),
                painted(errors.to_string(), paint),
                painted(pct(share), paint),
                plain(opt_dur(p99)),
                painted("█".repeat(bar_len), bad),
                plain(worst),
            ]
        })
        .collect();
    let num = Align::Right;
    grid(
        out,
        "  ",
        &[
            ("START (UTC)", Align::Left),
            ("REQUESTS", num),
            ("ERRORS", num),
            ("ERROR%", num),
            ("P99 (worst service)", num),
            ("ERRORS", Align::Left),
            ("MOST ERRORS", Align::Left),
        ],
        rows,
    );
    if buckets.len() > MAX_BUCKETS {
        out.push_str(&format!(
            "  {}\n",
            label(&format!(
                "… {} more buckets (the JSON has them all)",
                buckets.len() - MAX_BUCKETS
            ))
        ));
    }
}

/// Per kind that has errors, its top entities.
fn entity_tables(out: &mut String, r: &Report, n: usize) {
    for kind in EntityKind::ALL {
        let list = r.entities.of(kind);
        let with_errors: Vec<_> = list
            .iter()
            .filter(|e| e.errors > 0)
            .take(n.max(1))
            .collect();
        if with_errors.is_empty() {
            continue;
        }
        out.push('\n');
        let total = list.iter().filter(|e| e.errors > 0).count();
        let bound = r
            .entities
            .summary
            .bounds
            .iter()
            .filter(|b| b.kind == kind.name())
            .map(|b| b.max_undercount)
            .max()
            .unwrap_or(0);
        let from_first = r.entities.summary.from_first_error.contains(&kind.name());
        let note = match (bound, from_first) {
            (0, false) => "exact".to_string(),
            (0, true) => "requests counted from each one's first error".to_string(),
            (b, false) => format!("counts may miss up to {b} requests (heavy-hitters summary)"),
            (b, true) => format!(
                "requests counted from each one's first error, and may miss up to {b} (heavy-hitters summary)"
            ),
        };
        out.push_str(&format!(
            "{}  {} with errors{}  {}\n",
            strong(&format!("Entities: {}", kind.name())),
            total,
            if total >= 50 { "+" } else { "" },
            label(&note)
        ));
        let rows = with_errors
            .iter()
            .map(|e| {
                let mut id = safe(&e.id);
                if let (Some(v), Some(i), Some(ep)) = (e.vid, e.index, e.epoch) {
                    id = format!("{id} (vid {v} index {i} epoch {ep})");
                }
                let codes: Vec<String> = e
                    .top_codes
                    .iter()
                    .take(4)
                    .map(|c| format!("{}×{}", c.code, c.count))
                    .collect();
                vec![
                    plain(safe(&e.service)),
                    plain(id),
                    plain(e.requests.to_string()),
                    painted(e.errors.to_string(), bad),
                    painted(pct(e.error_share), bad),
                    plain(opt_dur(e.p99_us)),
                    plain(codes.join(" ")),
                ]
            })
            .collect();
        let num = Align::Right;
        grid(
            out,
            "  ",
            &[
                ("SERVICE", Align::Left),
                ("ID", Align::Left),
                ("REQUESTS", num),
                ("ERRORS", num),
                ("ERROR%", num),
                ("P99", num),
                ("TOP CODES", Align::Left),
            ],
            rows,
        );
    }
}

/// Per api (most requests first, `top` of them), its stages and the downstream errors of its failed requests.
fn tracelog(out: &mut String, r: &Report, top: usize) {
    if r.tracelog.is_empty() {
        return;
    }
    let mut apis: Vec<_> = r.tracelog.iter().collect();
    apis.sort_by(|a, b| {
        (b.failed > 0)
            .cmp(&(a.failed > 0))
            .then(b.requests.cmp(&a.requests))
            .then((&a.service, &a.api).cmp(&(&b.service, &b.api)))
    });
    let n = if top == 0 {
        apis.len()
    } else {
        top.min(apis.len())
    };
    out.push('\n');
    out.push_str(&format!("{}\n", strong("Where the time went (Trace-Log)")));
    for t in &apis[..n] {
        out.push_str(&format!(
            "  {} {}  {} requests with a Trace-Log, {} failed\n",
            strong(&safe(&t.service)),
            safe(&t.api),
            t.requests,
            t.failed
        ));
        let rows = t
            .stages
            .iter()
            .take(8)
            .map(|s| {
                vec![
                    plain(safe(&s.stage)),
                    plain(pct(s.share)),
                    plain(opt_dur(s.p50_us)),
                    plain(opt_dur(s.p99_us)),
                ]
            })
            .collect();
        let num = Align::Right;
        grid(
            out,
            "    ",
            &[
                ("STAGE", Align::Left),
                ("SHARE", num),
                ("P50", num),
                ("P99", num),
            ],
            rows,
        );
        for e in t.downstream_errors.iter().take(3) {
            out.push_str(&format!(
                "    {} {}: {} ×{}\n",
                warn("downstream error"),
                safe(&e.module),
                safe(&e.error),
                e.count
            ));
        }
    }
    if n < apis.len() {
        out.push_str(&format!(
            "  {}\n",
            label(&format!("… {} more APIs", apis.len() - n))
        ));
    }
}

/// The most significant changes against the baseline.
fn baseline(out: &mut String, r: &Report) {
    let Some(b) = &r.baseline else { return };
    out.push('\n');
    out.push_str(&format!(
        "{}  baseline: {} requests over {}s ({}); now {} requests over {}s\n",
        strong("What changed"),
        b.requests,
        b.seconds,
        b.window
            .as_ref()
            .map(|w| format!(
                "{} … {}",
                w.since.as_deref().unwrap_or("start"),
                w.until.as_deref().unwrap_or("end")
            ))
            .unwrap_or_else(|| safe(&b.paths.join(", "))),
        r.totals.requests,
        b.current_seconds
    ));
    let rows = b
        .changes
        .iter()
        .take(12)
        .map(|c| {
            let per_s = |r: f64| match r {
                r if r >= 10.0 => format!("{r:.0}/s"),
                r if r >= 1.0 => format!("{r:.1}/s"),
                r => format!("{r:.3}/s"),
            };
            let rate = match c.rate_ratio {
                Some(x) => format!("{} ×{x:.2}", per_s(c.current.rate_per_s)),
                None => format!("{} new", per_s(c.current.rate_per_s)),
            };
            let p99 = match (c.current.p99_us, c.baseline.p99_us) {
                (Some(a), Some(b)) => format!("{} (was {})", dur(a), dur(b)),
                (Some(a), None) => dur(a),
                _ => "-".to_string(),
            };
            let paint: Paint = if c.error_share_delta > 0.0 {
                bad
            } else {
                |s| s.to_string()
            };
            vec![
                plain(c.level),
                plain(safe(&c.service)),
                plain(safe(&c.key)),
                plain(rate),
                painted(
                    format!(
                        "{} (was {})",
                        pct(c.current.error_share),
                        pct(c.baseline.error_share)
                    ),
                    paint,
                ),
                plain(p99),
                plain(format!("{:.1}", c.significance)),
                plain(c.reason),
            ]
        })
        .collect();
    grid(
        out,
        "  ",
        &[
            ("LEVEL", Align::Left),
            ("SERVICE", Align::Left),
            ("KEY", Align::Left),
            ("RATE", Align::Right),
            ("ERROR% (share)", Align::Right),
            ("P99", Align::Right),
            ("|Z|", Align::Right),
            ("BY", Align::Left),
        ],
        rows,
    );
}
