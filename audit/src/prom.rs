//! Prometheus text exposition (format 0.0.4) of a report: `service_response_code` reconstructed from the logs,
//! with the labels the blobstore's metric sender gives it that a log can tell (`api`, `code`, `host`, `method`,
//! `service`), plus errcat's own line counters.

use std::fmt::Write;

use super::report::Report;

/// Escapes a label value: `\` → `\\`, `"` → `\"`, newline → `\n`.
fn label(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

impl Report {
    /// The report as Prometheus text exposition: one `service_response_code` counter sample per (api, code, host,
    /// method, service), labels sorted by name as the Go client writes them, `host` being the `host:port` of
    /// `MODULE@host:port` (empty for older builds), `service` the module. Then `errcat_audit_lines` and
    /// `errcat_audit_malformed_lines{kind}`.
    pub fn to_prometheus(&self) -> String {
        let mut out = String::with_capacity(128 + self.series.len() * 112);
        out.push_str("# HELP service_response_code service response code\n");
        out.push_str("# TYPE service_response_code counter\n");
        for s in &self.series {
            out.push_str("service_response_code{api=\"");
            label(&mut out, &s.api);
            let _ = write!(out, "\",code=\"{}\",host=\"", s.code);
            label(&mut out, &s.host);
            out.push_str("\",method=\"");
            label(&mut out, &s.method);
            out.push_str("\",service=\"");
            label(&mut out, &s.service);
            let _ = writeln!(out, "\"}} {}", s.count);
        }
        out.push_str(
            "# HELP errcat_audit_lines Audit-log lines read (lines counted + malformed lines).\n",
        );
        out.push_str("# TYPE errcat_audit_lines gauge\n");
        let _ = writeln!(out, "errcat_audit_lines {}", self.lines);
        out.push_str("# HELP errcat_audit_malformed_lines Malformed audit-log lines by kind.\n");
        out.push_str("# TYPE errcat_audit_malformed_lines gauge\n");
        for (kind, n) in &self.malformed_lines.by_kind {
            let _ = writeln!(out, "errcat_audit_malformed_lines{{kind=\"{kind}\"}} {n}");
        }
        out
    }
}
