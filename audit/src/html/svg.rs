//! Line charts as inline SVG, drawn from the report's timeline: no script and no library draws them. Colours
//! come from CSS classes (`s0`…`s7`), so that the page's light and dark themes both apply.

use std::fmt::Write;

use super::esc;

/// One line of a chart: a label, its colour slot and its points (x in µs, y; `None` breaks the line).
pub(crate) struct Line {
    pub label: String,
    pub slot: usize,
    pub dashed: bool,
    pub points: Vec<(u64, Option<f64>)>,
}

const W: f64 = 960.0;
const H: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;

/// A round step near `span / 5`.
fn step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * mag)
}

fn clock(us: u64) -> String {
    let s = us / 1_000_000;
    format!("{:02}:{:02}", s / 3600 % 24, s / 60 % 60)
}

fn number(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", v / 1e6)
    } else if v >= 1e3 {
        format!("{}k", v / 1e3)
    } else {
        format!("{v}")
    }
}

/// A chart with `id`, its accessible `title`, the y axis's `unit`; `log`: a log10 y axis.
pub(crate) fn chart(id: &str, title: &str, unit: &str, lines: &[Line], log: bool) -> String {
    let xs = lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let (x0, x1) = xs.fold((u64::MAX, 0), |(a, b), x| (a.min(x), b.max(x)));
    let ys: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().filter_map(|p| p.1))
        .filter(|&y| !log || y > 0.0)
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {W} {H}" role="img" aria-label="{t}" preserveAspectRatio="none"><title>{t}</title>"#,
        t = esc(title)
    );
    if x0 > x1 || ys.is_empty() {
        let _ = write!(
            out,
            r#"<text class="empty" x="{}" y="{}" text-anchor="middle">no data</text></svg>"#,
            W / 2.0,
            H / 2.0
        );
        return out;
    }
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let tx = |x: u64| {
        LEFT + if x1 == x0 {
            pw / 2.0
        } else {
            (x - x0) as f64 / (x1 - x0) as f64 * pw
        }
    };
    let (mut lo, mut hi) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    let ticks: Vec<f64>;
    if log {
        lo = 10f64.powf(lo.log10().floor());
        hi = 10f64.powf(hi.log10().ceil()).max(lo * 10.0);
        ticks = (lo.log10() as i32..=hi.log10() as i32)
            .map(|e| 10f64.powi(e))
            .collect();
    } else {
        lo = 0.0;
        let s = step(hi.max(1.0));
        hi = (hi / s).ceil().max(1.0) * s;
        ticks = (0..=((hi / s).round() as usize))
            .map(|i| i as f64 * s)
            .collect();
    }
    let ty = |y: f64| {
        let f = if log {
            (y.max(lo).log10() - lo.log10()) / (hi.log10() - lo.log10())
        } else {
            (y - lo) / (hi - lo)
        };
        TOP + ph - f * ph
    };
    out.push_str(r#"<g class="grid">"#);
    for &t in &ticks {
        let y = ty(t);
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text x="{}" y="{:.1}" text-anchor="end">{}{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            number(t),
            esc(unit)
        );
    }
    // Round clock steps: 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 6, 12 hours, days.
    let minutes = ((x1 - x0) as f64 / 60e6 / 6.0).max(1.0);
    let xstep = [
        1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0, 720.0, 1440.0,
    ]
    .into_iter()
    .find(|&m| m >= minutes)
    .unwrap_or((minutes / 1440.0).ceil() * 1440.0)
        * 60e6;
    let mut x = ((x0 as f64 / xstep).ceil() * xstep) as u64;
    while x <= x1 {
        let px = tx(x);
        let _ = write!(
            out,
            r#"<line x1="{px:.1}" x2="{px:.1}" y1="{TOP}" y2="{:.1}"/><text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"#,
            TOP + ph,
            H - 8.0,
            clock(x)
        );
        x += xstep as u64;
    }
    out.push_str("</g>");
    for l in lines {
        let mut d = String::new();
        let mut pen = false;
        for &(x, y) in &l.points {
            match y.filter(|&y| !log || y > 0.0) {
                Some(y) => {
                    // A point starts as a short dash, so that a lone point is seen (and measured).
                    let _ = if pen {
                        write!(d, "L{:.1},{:.1}", tx(x), ty(y))
                    } else {
                        write!(d, "M{:.1},{:.1}h3", tx(x) - 1.5, ty(y))
                    };
                    pen = true;
                }
                None => pen = false,
            }
        }
        if d.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            r#"<path class="line s{}{}" d="{d}"><title>{}</title></path>"#,
            l.slot % 8,
            if l.dashed { " dashed" } else { "" },
            esc(&l.label)
        );
    }
    out.push_str("</svg>");
    out
}
