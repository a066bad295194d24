//! The report as a table for people.

use errcat_audit::Report;

use super::grid::{
    errors_cell, grid, latency_cells, limit, painted, pct, plain, safe, span, Align, Cell, Paint,
};
use super::incident;
use crate::style::{bad, label, pad, strong, warn};

/// The report for people: a summary, one table of services, per service its top codes (with meanings) and top
/// APIs, unknown codes, malformed lines, and the invariant.
pub fn table(r: &Report, top: usize, entities: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} lines read from {} input{}: {} counted + {} malformed\n",
        strong("errcat audit"),
        r.lines,
        r.inputs.len(),
        if r.inputs.len() == 1 { "" } else { "s" },
        r.counted,
        r.malformed
    ));
    out.push_str(&format!(
        "{} {}   {} {} ({})   {} {}\n",
        label("CubeFS"),
        r.cubefs_version,
        label("errors"),
        r.error_spec,
        r.error_codes,
        label("api level"),
        r.max_api_level.max(2)
    ));
    if let Some(t) = &r.time_span {
        out.push_str(&format!(
            "{} {} … {} ({})\n",
            label("time"),
            t.first,
            t.last,
            span(t.seconds)
        ));
    }
    super::notes(&mut out, r);
    incident::window_line(&mut out, r);
    out.push('\n');

    let mut rows: Vec<Vec<Cell>> = r
        .services
        .iter()
        .map(|s| {
            let mut row = vec![plain(safe(&s.service)), plain(s.requests.to_string())];
            row.extend(errors_cell(s.errors, s.error_share));
            row.extend(latency_cells(&s.latency_us));
            row
        })
        .collect();
    let mut total = vec![
        painted("TOTAL", strong),
        plain(r.totals.requests.to_string()),
    ];
    total.extend(errors_cell(r.totals.errors, r.totals.error_share));
    total.extend(latency_cells(&r.totals.latency_us));
    rows.push(total);
    let num = Align::Right;
    grid(
        &mut out,
        "",
        &[
            ("SERVICE", Align::Left),
            ("REQUESTS", num),
            ("ERRORS", num),
            ("ERROR%", num),
            ("P50", num),
            ("P90", num),
            ("P99", num),
            ("MAX", num),
        ],
        rows,
    );

    for s in &r.services {
        out.push('\n');
        let what = s
            .catalog_service
            .map_or_else(|| "not a blobstore service".to_string(), |c| c.to_string());
        out.push_str(&format!(
            "{}  {} requests, {} errors ({})  {}\n",
            strong(&safe(&s.service)),
            s.requests,
            s.errors,
            pct(s.error_share),
            label(&what)
        ));
        if !s.hosts.is_empty() {
            out.push_str(&format!(
                "  {} {}\n",
                label("hosts"),
                safe(&s.hosts.join(", "))
            ));
        }
        let n = limit(top, s.codes.len());
        let rows = s.codes[..n]
            .iter()
            .map(|c| {
                let meaning = if c.meaning == c.message {
                    ""
                } else {
                    c.meaning
                };
                let meaning = match (meaning, &c.note) {
                    ("", Some(note)) if c.source != "catalog" => note.clone(),
                    (m, Some(note)) if c.source != "catalog" => format!("{m} ({note})"),
                    (m, _) => m.to_string(),
                };
                let retry = c.retry.map_or(String::new(), |r| format!("[{r}] "));
                let code_paint: Paint = if c.error { bad } else { |s| s.to_string() };
                let source_paint: Paint = if c.source == "unknown" || c.source == "other_version" {
                    warn
                } else {
                    |s| s.to_string()
                };
                vec![
                    painted(c.code.to_string(), code_paint),
                    plain(c.count.to_string()),
                    plain(pct(c.share)),
                    painted(c.source, source_paint),
                    plain(c.message),
                    plain(format!("{retry}{meaning}")),
                ]
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("CODE", Align::Left),
                ("COUNT", num),
                ("SHARE", num),
                ("SOURCE", Align::Left),
                ("MESSAGE", Align::Left),
                ("MEANING", Align::Left),
            ],
            rows,
        );
        if n < s.codes.len() {
            out.push_str(&format!(
                "  {}\n",
                label(&format!("… {} more codes", s.codes.len() - n))
            ));
        }
        let n = limit(top, s.apis.len());
        let rows = s.apis[..n]
            .iter()
            .map(|a| {
                let mut row = vec![plain(safe(&a.api)), plain(a.requests.to_string())];
                row.extend(errors_cell(a.errors, a.error_share));
                let [p50, _, p99, max] = latency_cells(&a.latency_us);
                row.extend([p50, p99, max]);
                let methods: Vec<String> = a
                    .methods
                    .iter()
                    .map(|m| format!("{} {}", safe(&m.method), m.count))
                    .collect();
                let codes: Vec<String> = a
                    .codes
                    .iter()
                    .take(4)
                    .map(|c| format!("{}×{}", c.code, c.count))
                    .collect();
                row.push(plain(methods.join(", ")));
                row.push(plain(codes.join(" ")));
                row
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("API", Align::Left),
                ("REQUESTS", num),
                ("ERRORS", num),
                ("ERROR%", num),
                ("P50", num),
                ("P99", num),
                ("MAX", num),
                ("METHODS", Align::Left),
                ("TOP CODES", Align::Left),
            ],
            rows,
        );
        if n < s.apis.len() {
            out.push_str(&format!(
                "  {}\n",
                label(&format!("… {} more APIs", s.apis.len() - n))
            ));
        }
    }

    incident::sections(&mut out, r, top, entities);

    if !r.unknown_codes.is_empty() {
        out.push('\n');
        out.push_str(&format!(
            "{}\n",
            warn(&format!(
                "Codes unknown to the catalog at {}",
                r.cubefs_version
            ))
        ));
        let rows = r
            .unknown_codes
            .iter()
            .map(|u| {
                vec![
                    painted(u.code.to_string(), warn),
                    plain(u.count.to_string()),
                    plain(u.range_service.unwrap_or("-")),
                    plain(safe(&u.services.join(","))),
                    plain(u.note.clone().unwrap_or_default()),
                ]
            })
            .collect();
        grid(
            &mut out,
            "  ",
            &[
                ("CODE", Align::Left),
                ("COUNT", num),
                ("RANGE OF", Align::Left),
                ("SEEN IN", Align::Left),
                ("NOTE", Align::Left),
            ],
            rows,
        );
    }

    if r.malformed > 0 {
        out.push('\n');
        let kinds: Vec<String> = r
            .malformed_lines
            .by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        out.push_str(&format!(
            "{} {} ({})\n",
            warn("Malformed lines"),
            r.malformed,
            kinds.join(", ")
        ));
        for m in &r.malformed_lines.first {
            out.push_str(&format!(
                "  {}  {}  {}\n",
                pad(&format!("{}:{}", safe(&m.input), m.line), 10),
                m.kind,
                m.reason,
            ));
            if !m.excerpt.is_empty() {
                out.push_str(&format!("      {}\n", label(&safe(&m.excerpt))));
            }
        }
        if r.malformed > r.malformed_lines.first.len() as u64 {
            out.push_str(&format!(
                "  {}\n",
                label(&format!(
                    "… {} more",
                    r.malformed - r.malformed_lines.first.len() as u64
                ))
            ));
        }
    }
    out.push('\n');
    let mark = if r.invariant_holds() { "✓" } else { "✗" };
    out.push_str(&format!("{mark} {}\n", r.invariant));
    out
}
