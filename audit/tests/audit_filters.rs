//! Property: under every filter and window, lines read = lines counted + malformed lines, lines counted = lines
//! matched + lines filtered out, the matched lines are what the services, the timeline and the series add up to,
//! and a filter never changes what is malformed.

use std::path::PathBuf;

use errcat_audit::{analyze, AuditOptions, ErrorCodes, Filters, TimeSpec};
use proptest::prelude::*;

/// A well-formed line with chosen fields, or junk.
fn line() -> impl Strategy<Value = String> {
    let good = (
        prop::sample::select(vec!["BLOBNODE", "ACCESS", "CLUSTERMGR", "SHARDNODE", "ACCESS@10.0.0.9:9500"]),
        0u64..7200,
        prop::sample::select(vec!["GET", "POST", "NOT"]),
        prop::sample::select(vec![
            "/shard/get/diskid/3/vuid/283501395969/bid/9",
            "/put",
            "/volume/get",
            "/blob/get",
            "/chunk/list/diskid/17",
        ]),
        prop::sample::select(vec!["10.0.1.1:8889", "10.0.1.2:8889", ""]),
        prop::sample::select(vec!["10.1.0.1", "10.1.0.2:4000", "10.2.0.1", ""]),
        prop::sample::select(vec![200u16, 404, 499, 613, 651, 825]),
        prop::sample::select(vec!["aaaa", "bbbb", "aaaab", ""]),
        prop::sample::select(vec![
            r#""Trace-Log":["net.r","BLOBNODE:3/disk is broken"]"#,
            r#""trace-log":"rpc.r:3|SHARDNODE:9""#,
            r#""Trace-Log":["PROXY","a_0_r_1_w_2","ACCESS:4"]"#,
            "",
        ]),
        any::<bool>(),
    )
        .prop_map(|(module, secs, method, path, host, ip, code, trace, log, json)| {
            let start = (1_758_074_400 + secs) * 10_000_000;
            let mut req = String::from("{");
            if !host.is_empty() {
                req.push_str(&format!(r#""Host":"{host}""#));
            }
            if !ip.is_empty() {
                if req.len() > 1 {
                    req.push(',');
                }
                req.push_str(&format!(r#""IP":"{ip}""#));
            }
            req.push('}');
            let mut resp = format!(r#"{{"Blobstore-Tracer-Traceid":"{trace}""#);
            if !log.is_empty() {
                resp.push(',');
                resp.push_str(log);
            }
            resp.push('}');
            if json {
                format!(
                    r#"{{"req_type":"REQ","module":"{module}","start_time":{start},"method":"{method}","path":"{path}","req_header":{req},"status_code":{code},"resp_header":{resp},"duration":77}}"#
                )
            } else {
                format!("REQ\t{module}\t{start}\t{method}\t{path}\t{req}\t\t{code}\t{resp}\t\t0\t{}", secs * 3)
            }
        });
    prop_oneof![
        8 => good,
        1 => "[a-zA-Z0-9 \t{}:\"]{0,40}",
        1 => Just("REQ\tBLOBNODE\tx\tGET\t/\t\t\t200\t\t\t0\t1".to_string()),
    ]
}

fn filters() -> impl Strategy<Value = (Filters, Option<u64>, Option<u64>)> {
    (
        prop::sample::subsequence(vec!["BLOBNODE", "access", "SHARDNODE"], 0..3),
        prop::sample::subsequence(
            vec!["blobnode.shard", "access.*", "clustermgr.volume"],
            0..2,
        ),
        prop::option::of(prop::sample::select(vec!["6xx", "200", "4xx,!404", "sla"])),
        prop::sample::subsequence(vec!["10.0.1.1", "10.0.9.9:1", "10.0.0.9:9500"], 0..2),
        prop::sample::subsequence(vec!["10.1.0.0/16", "10.2.0.1", "::1"], 0..2),
        prop::option::of(prop::sample::select(vec!["aaaa", "bbbb", "zzzz"])),
        prop::option::of(0u64..7200),
        prop::option::of(0u64..7200),
    )
        .prop_map(|(s, a, c, h, cl, t, since, until)| {
            let own = |v: Vec<&str>| v.into_iter().map(String::from).collect();
            (
                Filters {
                    services: own(s),
                    apis: own(a),
                    codes: c.map(|c| ErrorCodes::parse(c).unwrap()),
                    hosts: own(h),
                    clients: own(cl),
                    trace: t.map(String::from),
                },
                since.map(|s| (1_758_074_400 + s) * 1_000_000),
                until.map(|u| (1_758_074_400 + u) * 1_000_000),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_line_is_counted_once_under_every_filter(lines in prop::collection::vec(line(), 1..80), f in filters()) {
        prop_assume!(lines.iter().all(|l| !l.contains('\n')));
        let dir = std::env::temp_dir().join(format!("errcat-audit-filters-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path: PathBuf = dir.join("0-0.log");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let (filters, since, until) = f;
        let o = AuditOptions {
            filters,
            since: since.map(TimeSpec::At),
            until: until.map(TimeSpec::At),
            ..AuditOptions::default()
        };
        let all = analyze(std::slice::from_ref(&path), &AuditOptions::default()).unwrap();
        let r = analyze(std::slice::from_ref(&path), &o).unwrap();
        prop_assert_eq!(r.lines, lines.len() as u64);
        prop_assert_eq!(r.lines, r.counted + r.malformed);
        prop_assert_eq!(r.counted, r.matched + r.filtered_out);
        prop_assert!(r.invariant_holds(), "{}", r.invariant);
        // A filter does not change what is malformed or counted, only what matches.
        prop_assert_eq!((r.counted, r.malformed), (all.counted, all.malformed));
        prop_assert_eq!(r.totals.requests, r.matched);
        prop_assert_eq!(r.services.iter().map(|s| s.requests).sum::<u64>(), r.matched);
        prop_assert_eq!(r.series.iter().map(|s| s.count).sum::<u64>(), r.matched);
        let dated = r.timeline.iter().map(|p| p.requests).sum::<u64>();
        prop_assert!(dated <= r.matched);
        if since.is_some() || until.is_some() {
            prop_assert_eq!(dated, r.matched, "with a window every matched line has a time");
        }
        prop_assert!(r.matched <= all.matched);
    }
}
