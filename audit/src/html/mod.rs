//! `--format html`: the report as one self-contained page. Charts are inline SVG drawn here from the timeline;
//! the tables carry every number with its JSON path (`data-k`) and JSON value (`data-v`), so that a test can
//! check the page against the JSON report; the full report is embedded as JSON (every `<`, `>` and `&`
//! escaped, so no input text can close the script element). No network: a Content-Security-Policy allows no
//! source beyond the page itself. Input-derived text is HTML-escaped everywhere.

mod svg;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::{EntityKind, Latency, Report};
use svg::{chart, Line};

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// Services drawn in the charts at most (the others are in the tables).
const CHART_SERVICES: usize = 8;
/// Failing entities listed per kind at most.
const ENTITY_ROWS: usize = 25;

/// Text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes (they only
/// occur inside strings, where the escape means the same character).
pub(crate) fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Builds table rows; each number cell says which JSON member it shows.
struct Table {
    out: String,
}

impl Table {
    fn new(id: &str, caption: &str, heads: &[&str]) -> Table {
        let mut out = format!(
            r#"<table class="filterable" id="{id}"><caption>{}</caption><thead><tr>"#,
            esc(caption)
        );
        for h in heads {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr></thead><tbody>");
        Table { out }
    }
    fn row(&mut self) {
        self.out.push_str("<tr>");
    }
    fn end_row(&mut self) {
        self.out.push_str("</tr>");
    }
    fn text(&mut self, s: &str) {
        let _ = write!(self.out, "<td>{}</td>", esc(s));
    }
    fn code(&mut self, s: &str) {
        let _ = write!(self.out, "<td><code>{}</code></td>", esc(s));
    }
    fn int(&mut self, key: &str, v: u64) {
        let _ = write!(
            self.out,
            r#"<td class="n" data-k="{}" data-v="{v}">{v}</td>"#,
            esc(key)
        );
    }
    fn share(&mut self, key: &str, v: f64) {
        let json = serde_json::to_string(&v).unwrap_or_default();
        let pct = format!("{:.4}", v * 100.0);
        let pct = pct.trim_end_matches('0').trim_end_matches('.');
        let _ = write!(
            self.out,
            r#"<td class="n" data-k="{}" data-v="{json}">{pct}%</td>"#,
            esc(key)
        );
    }
    /// The `requests`, `errors` and `error_share` members of the object at `key`, as three cells.
    fn traffic(&mut self, key: &str, requests: u64, errors: u64, error_share: f64) {
        self.int(&format!("{key}.requests"), requests);
        self.int(&format!("{key}.errors"), errors);
        self.share(&format!("{key}.error_share"), error_share);
    }
    /// Microseconds shown as milliseconds (exactly: three decimals).
    fn us(&mut self, key: &str, v: Option<u64>) {
        match v {
            Some(v) => {
                let _ = write!(
                    self.out,
                    r#"<td class="n" data-k="{}" data-v="{v}">{}.{:03} ms</td>"#,
                    esc(key),
                    v / 1000,
                    v % 1000
                );
            }
            None => {
                let _ = write!(
                    self.out,
                    r#"<td class="n" data-k="{}" data-v="null">—</td>"#,
                    esc(key)
                );
            }
        }
    }
    fn latency(&mut self, key: &str, l: &Option<Latency>) {
        self.us(&format!("{key}.p50"), l.as_ref().map(|l| l.p50));
        self.us(&format!("{key}.p99"), l.as_ref().map(|l| l.p99));
    }
    fn finish(mut self, rows: usize, empty: &str) -> String {
        if rows == 0 {
            let _ = write!(
                self.out,
                r#"<tr class="none"><td colspan="99">{}</td></tr>"#,
                esc(empty)
            );
        }
        self.out.push_str("</tbody></table>");
        self.out
    }
}

fn section(out: &mut String, id: &str, title: &str, body: &str) {
    let _ = write!(
        out,
        r#"<section id="{id}"><h2>{}</h2>{body}</section>"#,
        esc(title)
    );
}

fn card(out: &mut String, key: &str, label: &str, value: &str, raw: &str) {
    let _ = write!(
        out,
        r#"<div class="card"><div class="label">{}</div><div class="value" data-k="{key}" data-v="{}">{}</div></div>"#,
        esc(label),
        esc(raw),
        esc(value)
    );
}

impl Report {
    /// The report as one self-contained HTML page (see the README, "HTML report").
    pub fn to_html(&self) -> String {
        let mut body = String::new();
        self.summary(&mut body);
        self.charts(&mut body);
        self.services_html(&mut body);
        self.entities_html(&mut body);
        self.tracelog_html(&mut body);
        self.oddities_html(&mut body);
        self.inputs_html(&mut body);
        let json = script_json(&serde_json::to_string(self).unwrap_or_default());
        let title = match &self.time_span {
            Some(t) => format!("errcat audit report: {} to {}", t.first, t.last),
            None => "errcat audit report".to_string(),
        };
        format!(
            r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title><style>{CSS}</style></head>
<body><header><h1>{title}</h1>
<div class="search"><input id="search" type="search" placeholder="Filter the tables (service, code, disk, text…)" aria-label="Filter the tables"><span id="search-count"></span>
<a id="json-link" download="errcat-audit.json">report JSON</a></div></header>
<main>{body}</main>
<footer>errcat {ver} · report schema {schema} · every number in this page is a member of the embedded JSON report (its path in data-k)</footer>
<script type="application/json" id="report-data">{json}</script>
<script>{JS}</script>
</body></html>
"#,
            title = esc(&title),
            ver = env!("CARGO_PKG_VERSION"),
            schema = self.schema,
        )
    }

    fn summary(&self, out: &mut String) {
        let mut s = String::from(r#"<div class="cards">"#);
        let t = &self.totals;
        for (key, label, n) in [
            ("lines", "lines read", self.lines),
            ("counted", "lines counted", self.counted),
            ("malformed", "malformed lines", self.malformed),
            ("totals.requests", "requests", t.requests),
            ("totals.errors", "errors", t.errors),
        ] {
            card(&mut s, key, label, &n.to_string(), &n.to_string());
        }
        let share = serde_json::to_string(&t.error_share).unwrap_or_default();
        let pct = format!("{:.4}", t.error_share * 100.0);
        let pct = format!("{}%", pct.trim_end_matches('0').trim_end_matches('.'));
        card(&mut s, "totals.error_share", "error share", &pct, &share);
        if let Some(l) = &t.latency_us {
            let ms = |v: u64| format!("{}.{:03} ms", v / 1000, v % 1000);
            for (key, label, v) in [
                ("totals.latency_us.p50", "p50", l.p50),
                ("totals.latency_us.p99", "p99", l.p99),
            ] {
                card(&mut s, key, label, &ms(v), &v.to_string());
            }
        }
        s.push_str("</div>");
        let mut facts = vec![
            format!(
                "{} ({} = {} + {})",
                self.invariant, self.lines, self.counted, self.malformed
            ),
            format!(
                "codes explained at CubeFS {}; errors: {} ({})",
                self.cubefs_version.name(),
                self.error_spec,
                self.error_codes
            ),
            format!("{} input(s)", self.inputs.len()),
        ];
        if let Some(t) = &self.time_span {
            facts.push(format!("from {} to {}", t.first, t.last));
        }
        if !self.filters.is_empty() {
            facts.push(format!("filters: {}", self.filters.describe()));
        }
        if let Some(w) = &self.window {
            facts.push(format!(
                "window: {} to {}",
                w.since.as_deref().unwrap_or("the start"),
                w.until.as_deref().unwrap_or("the end")
            ));
        }
        s.push_str(r#"<ul class="facts">"#);
        for f in facts {
            let _ = write!(s, "<li>{}</li>", esc(&f));
        }
        s.push_str("</ul>");
        section(out, "summary", "Summary", &s);
    }

    fn charts(&self, out: &mut String) {
        let services: Vec<&str> = self
            .services
            .iter()
            .take(CHART_SERVICES)
            .map(|s| s.service.as_str())
            .collect();
        let width = (self.timeline_bucket.seconds * 1e6).round().max(1.0) as u64;
        let mut by: BTreeMap<&str, BTreeMap<u64, &crate::TimelinePoint>> = BTreeMap::new();
        for p in &self.timeline {
            by.entry(p.service.as_str())
                .or_default()
                .insert(p.start_us, p);
        }
        // The charted range holds the bulk of the requests: the first and last 1% (a stray line of another
        // year) stay in the table only.
        let mut per: BTreeMap<u64, u64> = BTreeMap::new();
        for p in &self.timeline {
            *per.entry(p.start_us).or_default() += p.requests;
        }
        let total: u64 = per.values().sum();
        let cut = total / 100;
        let (mut seen, mut x0, mut x1) = (0u64, u64::MAX, 0u64);
        for (&start, &n) in &per {
            seen += n;
            if x0 == u64::MAX && seen > cut {
                x0 = start;
            }
            if seen <= total - cut || x1 == 0 {
                x1 = x1.max(start);
            }
        }
        let outside: u64 = per
            .range(..x0)
            .chain(per.range(x1.saturating_add(1)..))
            .map(|(_, n)| n)
            .sum();
        let starts: Vec<u64> = if x0 <= x1 && (x1 - x0) / width <= 20_000 {
            (0..=(x1 - x0) / width).map(|i| x0 + i * width).collect()
        } else {
            per.keys()
                .copied()
                .filter(|&t| t >= x0 && t <= x1)
                .collect()
        };
        let series = |f: &dyn Fn(Option<&&crate::TimelinePoint>) -> Option<f64>| -> Vec<Line> {
            services
                .iter()
                .enumerate()
                .map(|(slot, s)| {
                    let points = by.get(s);
                    Line {
                        label: s.to_string(),
                        slot,
                        dashed: false,
                        points: starts
                            .iter()
                            .map(|&t| (t, f(points.and_then(|m| m.get(&t)))))
                            .collect(),
                    }
                })
                .collect()
        };
        let requests = series(&|p| Some(p.map_or(0.0, |p| p.requests as f64)));
        let errors = series(&|p| Some(p.map_or(0.0, |p| p.errors as f64)));
        let mut latency = Vec::new();
        for (slot, s) in services.iter().enumerate() {
            let points = by.get(s);
            for (dashed, q) in [(false, 99), (true, 50)] {
                latency.push(Line {
                    label: format!("{s} p{q}"),
                    slot,
                    dashed,
                    points: starts
                        .iter()
                        .map(|&t| {
                            let p = points.and_then(|m| m.get(&t));
                            let v = p.and_then(|p| if q == 99 { p.p99_us } else { p.p50_us });
                            (t, v.map(|v| v as f64 / 1000.0))
                        })
                        .collect(),
                });
            }
        }
        let bucket = esc(&self.timeline_bucket.label);
        let mut s = String::from(r#"<div class="legend">"#);
        for (slot, name) in services.iter().enumerate() {
            let _ = write!(s, r#"<span><i class="k s{slot}"></i>{}</span>"#, esc(name));
        }
        if self.services.len() > CHART_SERVICES {
            let _ = write!(
                s,
                "<span>(the {} busiest of {} services)</span>",
                CHART_SERVICES,
                self.services.len()
            );
        }
        if outside > 0 {
            let _ = write!(s, "<span>({outside} requests far outside the bulk of the time range are in the table only)</span>");
        }
        s.push_str("</div>");
        let _ = write!(
            s,
            "<figure><figcaption>Requests per {bucket} by service</figcaption>{}</figure>",
            chart(
                "chart-requests",
                "Requests per bucket by service",
                "",
                &requests,
                false
            )
        );
        let _ = write!(
            s,
            "<figure><figcaption>Errors per {bucket} by service</figcaption>{}</figure>",
            chart(
                "chart-errors",
                "Errors per bucket by service",
                "",
                &errors,
                false
            )
        );
        let _ = write!(
            s,
            "<figure><figcaption>Latency p99 (solid) and p50 (dashed) per {bucket}, ms, log scale</figcaption>{}</figure>",
            chart("chart-latency", "Latency p50 and p99 over time", "", &latency, true)
        );
        let mut t = Table::new(
            "table-timeline",
            "Timeline",
            &[
                "start",
                "service",
                "requests",
                "errors",
                "error share",
                "p50",
                "p99",
                "top codes",
            ],
        );
        for (i, p) in self.timeline.iter().enumerate() {
            let k = format!("timeline.{i}");
            t.row();
            t.text(&p.start);
            t.text(&p.service);
            t.traffic(&k, p.requests, p.errors, p.error_share);
            t.us(&format!("{k}.p50_us"), p.p50_us);
            t.us(&format!("{k}.p99_us"), p.p99_us);
            t.text(&codes_text(p.top_codes.iter().map(|c| (c.code, c.count))));
            t.end_row();
        }
        let _ = write!(
            s,
            "<details><summary>The timeline as a table ({} rows)</summary>{}</details>",
            self.timeline.len(),
            t.finish(self.timeline.len(), "no request has a start time")
        );
        section(out, "timeline", "Timeline", &s);
    }

    fn services_html(&self, out: &mut String) {
        let mut t = Table::new(
            "table-services",
            "Services",
            &[
                "service",
                "requests",
                "errors",
                "error share",
                "p50",
                "p99",
                "hosts",
            ],
        );
        for (i, s) in self.services.iter().enumerate() {
            let k = format!("services.{i}");
            t.row();
            t.text(&s.service);
            t.traffic(&k, s.requests, s.errors, s.error_share);
            t.latency(&format!("{k}.latency_us"), &s.latency_us);
            t.text(&s.hosts.len().to_string());
            t.end_row();
        }
        let mut html = t.finish(self.services.len(), "no request");
        let mut c = Table::new(
            "table-codes",
            "Top codes per service, with their catalog meaning and retry class",
            &[
                "service",
                "code",
                "count",
                "share",
                "error",
                "source",
                "meaning",
                "retry",
                "Go constant",
            ],
        );
        let mut rows = 0;
        for (i, s) in self.services.iter().enumerate() {
            for (j, code) in s.codes.iter().enumerate() {
                let k = format!("services.{i}.codes.{j}");
                c.row();
                c.text(&s.service);
                c.int(&format!("{k}.code"), u64::from(code.code));
                c.int(&format!("{k}.count"), code.count);
                c.share(&format!("{k}.share"), code.share);
                c.text(if code.error { "error" } else { "" });
                c.text(code.source);
                c.text(if code.meaning.is_empty() {
                    code.message
                } else {
                    code.meaning
                });
                c.text(code.retry.unwrap_or(""));
                c.code(code.go_const.unwrap_or(""));
                c.end_row();
                rows += 1;
            }
        }
        html.push_str(&c.finish(rows, "no code"));
        let mut a = Table::new(
            "table-apis",
            "APIs",
            &[
                "service",
                "api",
                "requests",
                "errors",
                "error share",
                "p50",
                "p99",
            ],
        );
        let mut rows = 0;
        for (i, s) in self.services.iter().enumerate() {
            for (j, api) in s.apis.iter().enumerate() {
                let k = format!("services.{i}.apis.{j}");
                a.row();
                a.text(&s.service);
                a.code(&api.api);
                a.traffic(&k, api.requests, api.errors, api.error_share);
                a.latency(&format!("{k}.latency_us"), &api.latency_us);
                a.end_row();
                rows += 1;
            }
        }
        html.push_str(&a.finish(rows, "no api"));
        section(out, "services", "Services and codes", &html);
    }

    fn entities_html(&self, out: &mut String) {
        let mut t = Table::new(
            "table-entities",
            "Failing entities: the disks, vuids, bids, volumes, hosts and clients with the most errors",
            &["kind", "service", "id", "requests", "errors", "error share", "p50", "p99", "top codes"],
        );
        let mut rows = 0;
        for kind in EntityKind::ALL {
            let list = self.entities.of(kind);
            for (j, e) in list
                .iter()
                .enumerate()
                .filter(|(_, e)| e.errors > 0)
                .take(ENTITY_ROWS)
            {
                let k = format!("entities.{}.{j}", kind.name());
                t.row();
                t.text(kind.name());
                t.text(&e.service);
                t.code(&e.id);
                t.traffic(&k, e.requests, e.errors, e.error_share);
                t.us(&format!("{k}.p50_us"), e.p50_us);
                t.us(&format!("{k}.p99_us"), e.p99_us);
                t.text(&codes_text(e.top_codes.iter().map(|c| (c.code, c.count))));
                t.end_row();
                rows += 1;
            }
        }
        let mut html = t.finish(rows, "no entity carries an error");
        let inexact: Vec<String> = self
            .entities
            .summary
            .bounds
            .iter()
            .filter(|b| !b.exact)
            .map(|b| {
                format!(
                    "{} {}: counts may fall short by up to {} requests",
                    b.service, b.kind, b.max_undercount
                )
            })
            .collect();
        if !inexact.is_empty() {
            let _ = write!(
                html,
                r#"<p class="note">Bounded summaries ({}): {}</p>"#,
                esc(self.entities.summary.algorithm),
                esc(&inexact.join("; "))
            );
        }
        section(out, "entities", "Failing entities", &html);
    }

    fn tracelog_html(&self, out: &mut String) {
        let mut t = Table::new(
            "table-tracelog",
            "Where the time went, by Trace-Log stage",
            &[
                "service", "api", "stage", "requests", "share", "count", "p50", "p99",
            ],
        );
        let mut d = Table::new(
            "table-downstream",
            "Downstream errors of failed requests",
            &["service", "api", "module", "error", "count"],
        );
        let (mut rows, mut drows) = (0, 0);
        for (i, r) in self.tracelog.iter().enumerate() {
            for (j, s) in r.stages.iter().enumerate() {
                let k = format!("tracelog.{i}.stages.{j}");
                t.row();
                t.text(&r.service);
                t.code(&r.api);
                t.code(&s.stage);
                t.int(&format!("{k}.requests"), s.requests);
                t.share(&format!("{k}.share"), s.share);
                t.int(&format!("{k}.count"), s.count);
                t.us(&format!("{k}.p50_us"), s.p50_us);
                t.us(&format!("{k}.p99_us"), s.p99_us);
                t.end_row();
                rows += 1;
            }
            for (j, e) in r.downstream_errors.iter().enumerate() {
                d.row();
                d.text(&r.service);
                d.code(&r.api);
                d.text(&e.module);
                d.text(&e.error);
                d.int(
                    &format!("tracelog.{i}.downstream_errors.{j}.count"),
                    e.count,
                );
                d.end_row();
                drows += 1;
            }
        }
        let mut html = t.finish(rows, "no request carries a Trace-Log");
        html.push_str(&d.finish(drows, "no downstream error"));
        section(out, "tracelog", "Trace-Log breakdown", &html);
    }

    fn oddities_html(&self, out: &mut String) {
        let mut u = Table::new(
            "table-unknown",
            "Codes unknown to the catalog",
            &[
                "code",
                "count",
                "services",
                "range service",
                "meaning",
                "note",
            ],
        );
        for (i, c) in self.unknown_codes.iter().enumerate() {
            u.row();
            u.int(&format!("unknown_codes.{i}.code"), u64::from(c.code));
            u.int(&format!("unknown_codes.{i}.count"), c.count);
            u.text(&c.services.join(", "));
            u.text(c.range_service.unwrap_or(""));
            u.text(c.meaning);
            u.text(c.note.as_deref().unwrap_or(""));
            u.end_row();
        }
        let mut html = u.finish(self.unknown_codes.len(), "every code is in the catalog");
        let mut k = Table::new(
            "table-malformed-kinds",
            "Malformed lines by kind",
            &["kind", "lines"],
        );
        for (kind, n) in &self.malformed_lines.by_kind {
            k.row();
            k.text(kind);
            k.int(&format!("malformed_lines.by_kind.{kind}"), *n);
            k.end_row();
        }
        html.push_str(&k.finish(self.malformed_lines.by_kind.len(), "no malformed line"));
        let mut m = Table::new(
            "table-malformed",
            "The first malformed lines",
            &["input", "line", "kind", "reason", "beginning"],
        );
        for (i, l) in self.malformed_lines.first.iter().enumerate() {
            m.row();
            m.text(&l.input);
            m.int(&format!("malformed_lines.first.{i}.line"), l.line);
            m.text(l.kind);
            m.text(&l.reason);
            m.code(&l.excerpt);
            m.end_row();
        }
        html.push_str(&m.finish(self.malformed_lines.first.len(), "no malformed line"));
        section(out, "oddities", "Unknown codes and malformed lines", &html);
    }

    fn inputs_html(&self, out: &mut String) {
        let mut t = Table::new(
            "table-inputs",
            "Inputs",
            &["path", "bytes", "gzip", "lines", "malformed"],
        );
        for (i, p) in self.inputs.iter().enumerate() {
            t.row();
            t.text(&p.path);
            t.int(&format!("inputs.{i}.bytes"), p.bytes);
            t.text(if p.gzip { "gzip" } else { "" });
            t.int(&format!("inputs.{i}.lines"), p.lines);
            t.int(&format!("inputs.{i}.malformed"), p.malformed);
            t.end_row();
        }
        let mut html = t.finish(self.inputs.len(), "no input");
        let notes: Vec<String> = self
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .chain(self.in_flight.iter().map(|f| {
                format!(
                    "{}: an unfinished last line of {} bytes, not counted",
                    f.input, f.bytes
                )
            }))
            .collect();
        if !notes.is_empty() {
            html.push_str(r#"<ul class="warnings">"#);
            for n in notes {
                let _ = write!(html, "<li>{}</li>", esc(&n));
            }
            html.push_str("</ul>");
        }
        section(out, "inputs", "Inputs", &html);
    }
}

fn codes_text(codes: impl Iterator<Item = (u16, u64)>) -> String {
    codes
        .map(|(c, n)| format!("{c}×{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}
