//! `--format html`: one self-contained page; input-derived text escaped everywhere and the embedded JSON safe
//! inside its script element (a hostile log line cannot close it); numbers carry their JSON path and value.

use errcat_audit::{analyze, merge_partials, write_partial, AuditOptions};

const HOSTILE: &str = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";

fn hostile_log() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("hostile.log");
    let lines = [
        format!("REQ\tBLOBNODE\t16793641137770897\tGET\t/shard/get/{HOSTILE}\t{{\"Host\":\"{HOSTILE}\"}}\t\t651\t{{}}\t\t0\t68"),
        "REQ\tBLOBNODE\t16793641137770898\tGET\t/shard/get/diskid/2\t\t\t200\t{}\t\t9\t40".to_string(),
        format!("REQ\t{HOSTILE}\t16793641137770899\tPUT\t/x\t\t\t299\t{{}}\t\t1\t3"),
        format!("garbage {HOSTILE}"),
        format!("REQ\tSHARDNODE\t16793641137770900\tGET\t/item/get\t\t{{\"Trace-Log\":[\"{HOSTILE}:3\"]}}\t500\t{{}}\t\t1\t3"),
    ];
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    log
}

#[test]
fn hostile_text_is_escaped_and_the_json_cannot_close_its_script() {
    let log = hostile_log();
    let report = analyze(std::slice::from_ref(&log), &AuditOptions::default()).unwrap();
    let html = report.to_html();
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the page's own two scripts"
    );
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img"), "no element from the input");
    assert!(
        html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "shown as text"
    );
    // The embedded JSON is the report, escapes decoded.
    let start = html
        .find(r#"<script type="application/json" id="report-data">"#)
        .unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    let embedded: serde_json::Value = serde_json::from_str(body).unwrap();
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(embedded, json);
    assert!(embedded.to_string().contains(HOSTILE));
    // No network: no URL the browser would fetch, and a policy that allows none.
    assert!(html.contains("default-src 'none'"));
    for bad in ["http://", "https://", "src=\"", "<link", "@import"] {
        assert!(!html.contains(bad), "{bad}");
    }
}

#[test]
fn every_number_names_its_json_member_with_its_value() {
    let log = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/audit/demo.log"
    ));
    let report = analyze(std::slice::from_ref(&log), &AuditOptions::default()).unwrap();
    let html = report.to_html();
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let mut checked = 0;
    for part in html.split(" data-k=\"").skip(1) {
        let key = &part[..part.find('"').unwrap()];
        let v = part.split(" data-v=\"").nth(1).unwrap();
        let v = &v[..v.find('"').unwrap()];
        let mut at = &json;
        for seg in key.split('.') {
            at = match seg.parse::<usize>() {
                Ok(i) if at.is_array() => &at[i],
                _ => &at[seg],
            };
        }
        let shown: serde_json::Value = serde_json::from_str(v).unwrap();
        assert_eq!(&shown, at, "{key}");
        checked += 1;
    }
    assert!(checked > 500, "{checked}");
    // From merged partials, the same page.
    let p = write_partial(std::slice::from_ref(&log), &AuditOptions::default()).unwrap();
    assert_eq!(merge_partials(&[("p", &p)]).unwrap().to_html(), html);
}
