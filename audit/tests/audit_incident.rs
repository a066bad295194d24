//! Incident analysis against independent counts: the timeline and every filter against awk on a generated log,
//! entity counts against awk on the path and query fields, vuid decoding, Trace-Log of the reference samples, a
//! trace rebuilt from the files of several services and hosts, and a baseline comparison that must rank a
//! planted regression (one disk starts failing) first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat_audit::{analyze, trace, AuditOptions, Baseline, ErrorCodes, Filters, TimeSpec};

const GEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../testdata/audit/gen_audit_log.py"
);
const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/blobstore-auditlog-samples.log"
);

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("errcat-incident-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn generate(dir: &Path, args: &[&str]) {
    let o = Command::new("python3")
        .arg(GEN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("python3 runs the generator");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// awk over the log: `program` prints `key count` lines; returned as a map.
fn awk(program: &str, log: &Path) -> BTreeMap<String, u64> {
    let o = Command::new("awk")
        .arg("-F\t")
        .arg(program)
        .arg(log)
        .output()
        .expect("awk runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.rsplit_once(' ')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}

/// The generated log: every line a TAB line, 17-digit start times (seconds = the first 10 digits).
fn log() -> (PathBuf, PathBuf) {
    let dir = tmp("log");
    let log = dir.join("0-0.log");
    generate(
        &dir,
        &[
            "--lines",
            "4000",
            "--seed",
            "11",
            "--out",
            log.to_str().unwrap(),
        ],
    );
    (dir, log)
}

fn opts() -> AuditOptions {
    AuditOptions::default()
}

/// awk's per-(minute, service) requests and errors (status ≥ 500) for lines passing `cond`.
fn awk_buckets(log: &Path, cond: &str) -> BTreeMap<String, u64> {
    awk(
        &format!(
            r#"$1 == "REQ" && ({cond}) {{ b = int(substr($3, 1, 10) / 60) * 60; r[b " " $2]++; if ($8 >= 500) e[b " " $2]++ }}
               END {{ for (k in r) print "r " k, r[k]; for (k in e) print "e " k, e[k] }}"#
        ),
        log,
    )
}

fn report_buckets(r: &errcat_audit::Report) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for p in &r.timeline {
        let k = format!("{} {}", p.start_us / 1_000_000, p.service);
        out.insert(format!("r {k}"), p.requests);
        if p.errors > 0 {
            out.insert(format!("e {k}"), p.errors);
        }
    }
    out
}

#[test]
fn timeline_and_filters_equal_awk() {
    let (dir, log) = log();
    let paths = [log.clone()];
    let minute = AuditOptions {
        bucket_us: Some(60_000_000),
        ..opts()
    };
    let r = analyze(&paths, &minute).unwrap();
    assert_eq!(r.timeline_bucket.label, "1m");
    assert!(r.timeline.len() > 100, "{}", r.timeline.len());
    assert_eq!(report_buckets(&r), awk_buckets(&log, "1"));
    assert_eq!(r.filtered_out, 0);

    // The default width: about an hour of requests → 1m.
    let chosen = analyze(&paths, &opts()).unwrap();
    assert_eq!(
        (
            chosen.timeline_bucket.label.as_str(),
            chosen.timeline_bucket.given
        ),
        ("1m", false)
    );
    assert_eq!(report_buckets(&chosen), awk_buckets(&log, "1"));

    // Each filter, and filters composed with each other and with time.
    let since = 1_758_074_400 + 600; // 02:10
    let until = 1_758_074_400 + 2400; // 02:40
    let window = AuditOptions {
        since: Some(TimeSpec::At(since * 1_000_000)),
        until: Some(TimeSpec::At(until * 1_000_000)),
        ..minute.clone()
    };
    let secs = "substr($3, 1, 10) + 0";
    let cases: Vec<(AuditOptions, String)> = vec![
        (
            window.clone(),
            format!("{secs} >= {since} && {secs} < {until}"),
        ),
        (
            AuditOptions {
                filters: Filters {
                    services: vec!["blobnode".into()],
                    ..Filters::default()
                },
                ..minute.clone()
            },
            r#"$2 == "BLOBNODE""#.into(),
        ),
        (
            AuditOptions {
                filters: Filters {
                    codes: Some(ErrorCodes::parse("6xx,!651").unwrap()),
                    ..Filters::default()
                },
                ..minute.clone()
            },
            "$8 >= 600 && $8 < 700 && $8 != 651".into(),
        ),
        (
            AuditOptions {
                filters: Filters {
                    apis: vec!["blobnode.shard".into(), "access.*".into()],
                    ..Filters::default()
                },
                ..minute.clone()
            },
            r#"($2 == "BLOBNODE" && $5 ~ /^\/shard\//) || $2 == "ACCESS""#.into(),
        ),
        (
            AuditOptions {
                filters: Filters {
                    hosts: vec!["10.0.1.15".into()],
                    ..Filters::default()
                },
                ..minute.clone()
            },
            r#"$6 ~ /"Host":"10\.0\.1\.15:/"#.into(),
        ),
        (
            AuditOptions {
                filters: Filters {
                    clients: vec!["10.1.0.0/24".into()],
                    ..Filters::default()
                },
                ..minute.clone()
            },
            r#"$6 ~ /"IP":"10\.1\.0\.[0-9]+(:[0-9]+)?"/"#.into(),
        ),
        (
            AuditOptions {
                filters: Filters {
                    services: vec!["BLOBNODE".into(), "ACCESS".into()],
                    codes: Some(ErrorCodes::parse("5xx,6xx").unwrap()),
                    clients: vec!["10.0.0.2".into()],
                    ..Filters::default()
                },
                ..window.clone()
            },
            format!(
                r#"($2 == "BLOBNODE" || $2 == "ACCESS") && $8 >= 500 && $8 < 700 && $6 ~ /"IP":"10\.0\.0\.2"/ && {secs} >= {since} && {secs} < {until}"#
            ),
        ),
    ];
    for (o, cond) in cases {
        let r = analyze(&paths, &o).unwrap();
        let want = awk_buckets(&log, &cond);
        assert!(!want.is_empty(), "{cond}: awk counted nothing");
        assert_eq!(report_buckets(&r), want, "{}", r.filters.describe());
        let total: u64 = want
            .iter()
            .filter(|(k, _)| k.starts_with("r "))
            .map(|(_, v)| v)
            .sum();
        assert_eq!(r.totals.requests, total, "{cond}");
        assert_eq!(r.matched + r.filtered_out, r.counted);
        assert!(r.invariant_holds(), "{}", r.invariant);
    }

    // A trace id filter keeps exactly the lines of that id.
    let any = awk(
        r#"$1 == "REQ" && $2 == "ACCESS" && $9 ~ /Traceid":"/ { match($9, /Traceid":"[0-9a-f]+/); id = substr($9, RSTART + 10, RLENGTH - 10); print id, 1; exit }"#,
        &log,
    );
    let id = any.keys().next().unwrap().clone();
    let r = analyze(
        &paths,
        &AuditOptions {
            filters: Filters {
                trace: Some(id.clone()),
                ..Filters::default()
            },
            ..opts()
        },
    )
    .unwrap();
    let lines = awk(
        &format!("index($9, \"{id}\") {{ n++ }} END {{ print \"n\", n }}"),
        &log,
    );
    assert_eq!(r.totals.requests, lines["n"]);
    assert!(
        r.totals.requests >= 2,
        "an Access request and its downstream calls"
    );

    // A relative window counts from the newest line.
    let newest = errcat_audit::newest_start(&paths).unwrap().unwrap();
    let rel = analyze(
        &paths,
        &AuditOptions {
            since: Some(TimeSpec::parse("-15m").unwrap()),
            ..opts()
        },
    )
    .unwrap();
    let w = rel.window.as_ref().unwrap();
    assert_eq!(w.since_us, Some(newest - 900_000_000));
    let from = (newest - 900_000_000) as f64 / 1e6;
    let n = awk(
        &format!("$1 == \"REQ\" && substr($3, 1, 16) / 1e6 >= {from:.6} {{ n++ }} END {{ print \"n\", n }}"),
        &log,
    );
    assert_eq!(rel.totals.requests, n["n"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn entities_equal_awk_on_the_path_and_query() {
    let (dir, log) = log();
    let r = analyze(std::slice::from_ref(&log), &opts()).unwrap();
    let disks = awk(
        r#"$1 == "REQ" && $2 == "BLOBNODE" { n = split($5, p, "/"); for (i = 1; i < n; i++) if (p[i] == "diskid") { r[p[i + 1]]++; if ($8 >= 500) e[p[i + 1]]++ } }
           END { for (k in r) print "r " k, r[k]; for (k in e) print "e " k, e[k] }"#,
        &log,
    );
    let blobnode: Vec<_> = r
        .entities
        .disk
        .iter()
        .filter(|e| e.service == "BLOBNODE")
        .collect();
    assert_eq!(blobnode.len(), 50, "the 50 with the most errors");
    for e in &blobnode {
        assert_eq!(
            Some(&e.requests),
            disks.get(&format!("r {}", e.id)),
            "disk {}",
            e.id
        );
        assert_eq!(
            e.errors,
            disks.get(&format!("e {}", e.id)).copied().unwrap_or(0),
            "disk {}",
            e.id
        );
    }
    // Most errors first, and the failing disk leads.
    assert!(blobnode.windows(2).all(|w| w[0].errors >= w[1].errors));
    assert_eq!(blobnode[0].id, "17");
    let bound = r
        .entities
        .summary
        .bounds
        .iter()
        .find(|b| b.service == "BLOBNODE" && b.kind == "disk")
        .unwrap();
    assert!(bound.exact && bound.max_undercount == 0);

    // Clustermgr's ids from the query string (RawQuery `vid=`, `disk_id=`).
    let volumes = awk(
        r#"$1 == "REQ" && $2 == "CLUSTERMGR" && match($6, /"RawQuery":"vid=[0-9]+/) { v = substr($6, RSTART + 16, RLENGTH - 16); r[v]++ } END { for (k in r) print k, r[k] }"#,
        &log,
    );
    let cm: Vec<_> = r
        .entities
        .volume
        .iter()
        .filter(|e| e.service == "CLUSTERMGR")
        .collect();
    assert!(!cm.is_empty());
    for e in cm {
        assert_eq!(Some(&e.requests), volumes.get(&e.id), "volume {}", e.id);
    }
    // Serving hosts and clients from req_header.
    let hosts = awk(
        r#"$1 == "REQ" && $2 == "BLOBNODE" && match($6, /"Host":"[^"]+/) { r[substr($6, RSTART + 8, RLENGTH - 8)]++ } END { for (k in r) print k, r[k] }"#,
        &log,
    );
    let bn_hosts: Vec<_> = r
        .entities
        .host
        .iter()
        .filter(|e| e.service == "BLOBNODE")
        .collect();
    assert_eq!(bn_hosts.len(), hosts.len());
    for e in bn_hosts {
        assert_eq!(Some(&e.requests), hosts.get(&e.id), "host {}", e.id);
    }
    let clients = awk(
        r#"$1 == "REQ" && $2 == "ACCESS" && match($6, /"IP":"[^"]+/) { r[substr($6, RSTART + 6, RLENGTH - 6)]++ } END { for (k in r) print k, r[k] }"#,
        &log,
    );
    for e in r.entities.client.iter().filter(|e| e.service == "ACCESS") {
        assert_eq!(Some(&e.requests), clients.get(&e.id), "client {}", e.id);
    }
    // Vuids: decoded, and counted from their first error on (so never more than awk's).
    for e in r.entities.vuid.iter().take(20) {
        let v: u64 = e.id.parse().unwrap();
        assert_eq!(
            (e.vid, e.index, e.epoch),
            (Some(v >> 32), Some((v >> 24) & 0xff), Some(v & 0xff_ffff))
        );
        assert!(e.errors >= 1);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn vuid_decoding_and_the_reference_samples_trace_log() {
    // Hand-computed: 283501395969 = 66 << 32 | 2 << 24 | 1; 687261876225 = 160 << 32 | 4 << 24 | 1.
    assert_eq!(errcat_audit::decode_vuid(283_501_395_969), (66, 2, 1));
    assert_eq!(errcat_audit::decode_vuid(687_261_876_225), (160, 4, 1));
    assert_eq!(
        errcat_audit::decode_vuid(u64::MAX),
        (0xffff_ffff, 0xff, 0xff_ffff)
    );
    let dir = tmp("samples");
    let log = dir.join("samples.log");
    let mut text = std::fs::read_to_string(SAMPLES).unwrap();
    // The markdelete sample failing with 651: its vuid becomes an entity with its parts decoded.
    let failing = text.lines().last().unwrap().replace("\t200\t", "\t651\t");
    text.push_str(&failing);
    text.push('\n');
    std::fs::write(&log, text).unwrap();
    let r = analyze(std::slice::from_ref(&log), &opts()).unwrap();
    let v = &r.entities.vuid[0];
    assert_eq!(
        (v.id.as_str(), v.vid, v.index, v.epoch, v.errors),
        ("283501395969", Some(66), Some(2), Some(1), 1)
    );
    let disk12 = r.entities.disk.iter().find(|e| e.id == "12").unwrap();
    assert_eq!((disk12.requests, disk12.errors), (2, 1));
    let host = r
        .entities
        .host
        .iter()
        .find(|e| e.service == "BLOBNODE" && e.id == "127.0.0.3:8889");
    assert_eq!(host.map(|h| h.requests), Some(1));
    // Trace-Log: Access's `a_0_r_19_w_2`, a stage without a duration, BlobNode's stages.
    let bench = r.tracelog.iter().find(|t| t.service == "BENCH").unwrap();
    let stage = |t: &errcat_audit::TraceLogReport, s: &str| {
        t.stages
            .iter()
            .find(|x| x.stage == s)
            .map(|x| (x.requests, x.p50_us))
            .unwrap_or_else(|| panic!("no stage {s} in {t:?}"))
    };
    assert_eq!(stage(bench, "read"), (1, Some(19_000)));
    assert_eq!(stage(bench, "write"), (1, Some(2_000)));
    assert_eq!(stage(bench, "alloc"), (1, Some(0)));
    assert_eq!(stage(bench, "PROXY"), (1, Some(0)));
    assert_eq!(stage(bench, "ACCESS").0, 1);
    let bn = r.tracelog.iter().find(|t| t.service == "BLOBNODE").unwrap();
    assert_eq!(bn.requests, 3);
    assert_eq!(stage(bn, "md.w").0, 3);
    assert_eq!(stage(bn, "dat.wai"), (1, Some(23_000)));
    assert_eq!(bn.failed, 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rpc2_lines_and_nested_downstream_errors() {
    let dir = tmp("rpc2");
    let log = dir.join("0-0.log");
    let line = |module: &str, method: &str, path: &str, req: &str, code: u16, resp: &str| {
        format!("REQ\t{module}\t17580744000000000\t{method}\t{path}\t{req}\t\t{code}\t{resp}\t\t0\t100\n")
    };
    let text = [
        line(
            "SHARDNODE",
            "NOT",
            "/blob/get",
            r#"{"IP":"10.0.0.3:41234"}"#,
            825,
            r#"{"blobstore-tracer-traceid":"t1","trace-log":"rpc.r:3|kv.get:88|SHARDNODE:120/shardnode:route version need "}"#,
        ),
        line(
            "SHARDNODE",
            "NOT",
            "/blob/get",
            r#"{"IP":"10.0.0.3:41235"}"#,
            200,
            r#"{"Blobstore-Tracer-Traceid":"t2","Trace-Log":"rpc.r:5|SHARDNODE:40"}"#,
        ),
        line(
            "ACCESS",
            "PUT",
            "/put",
            r#"{"IP":"10.1.0.9"}"#,
            500,
            r#"{"Trace-Log":["CLUSTERMGR:1/raft read index error;PROXY:3","BLOBNODE:7/disk is broken","a_3_r_0_w_9","ACCESS:12"]}"#,
        ),
    ]
    .concat();
    std::fs::write(&log, text).unwrap();
    let r = analyze(std::slice::from_ref(&log), &opts()).unwrap();
    let sn = r
        .tracelog
        .iter()
        .find(|t| t.service == "SHARDNODE")
        .unwrap();
    let kv = sn.stages.iter().find(|s| s.stage == "kv.get").unwrap();
    assert_eq!((kv.requests, kv.share, kv.p50_us), (1, 0.5, Some(88)));
    let total = sn.stages.iter().find(|s| s.stage == "SHARDNODE").unwrap();
    assert_eq!((total.requests, total.p99_us), (2, Some(120)));
    assert_eq!(sn.downstream_errors[0].module, "SHARDNODE");
    assert_eq!(
        r.entities
            .client
            .iter()
            .filter(|c| c.service == "SHARDNODE")
            .count(),
        1,
        "the port is not part of the client"
    );
    let access = r.tracelog.iter().find(|t| t.service == "ACCESS").unwrap();
    let errors: Vec<(&str, &str)> = access
        .downstream_errors
        .iter()
        .map(|e| (e.module.as_str(), e.error.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("BLOBNODE", "disk is broken"),
            ("CLUSTERMGR", "raft read index error")
        ]
    );
    assert!(access.stages.iter().any(|s| s.stage == "PROXY>CLUSTERMGR"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_trace_is_rebuilt_from_the_files_of_several_services() {
    let dir = tmp("cluster");
    let id_file = dir.join("TRACE");
    generate(
        &dir,
        &[
            "--lines",
            "3000",
            "--seed",
            "5",
            "--split-dir",
            dir.join("logs").to_str().unwrap(),
            "--trace-out",
            id_file.to_str().unwrap(),
        ],
    );
    let id = std::fs::read_to_string(&id_file)
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(
        id.len(),
        16,
        "the generator found a request on the failing disk"
    );
    let logs = dir.join("logs");
    let t = trace(
        &id,
        &[
            logs.join("access"),
            logs.join("proxy"),
            logs.join("blobnode"),
            logs.join("clustermgr"),
        ],
        &opts(),
    )
    .unwrap();
    let services: std::collections::BTreeSet<&str> =
        t.hops.iter().map(|h| h.service.as_str()).collect();
    assert!(
        ["ACCESS", "BLOBNODE", "PROXY"]
            .iter()
            .all(|s| services.contains(s)),
        "{services:?}"
    );
    let files: std::collections::BTreeSet<&str> = t.hops.iter().map(|h| h.input.as_str()).collect();
    assert!(files.len() >= 3, "{files:?}");
    // In time order, the Access request (which made the others) first.
    assert_eq!(t.hops[0].service, "ACCESS");
    assert_eq!(t.hops[0].offset_us, Some(0));
    assert!(t.hops.windows(2).all(|w| w[0].start_us <= w[1].start_us));
    let failing = t
        .hops
        .iter()
        .find(|h| h.path.contains("/diskid/17/") && h.error)
        .unwrap();
    assert!([613, 602].contains(&failing.code), "{failing:?}");
    assert!(!failing.meaning.is_empty());
    let log = failing.trace_log.as_deref().unwrap();
    assert!(
        log.contains("/disk is broken") || log.contains("/blobnode: out of limit"),
        "{log}"
    );
    // Every line holding the id, no other.
    let grep = Command::new("grep")
        .args(["-rFc", &id])
        .arg(&logs)
        .output()
        .unwrap();
    let n: u64 = String::from_utf8(grep.stdout)
        .unwrap()
        .lines()
        .map(|l| l.rsplit(':').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(t.hops.len() as u64, n);
    let json: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
    assert_eq!(json["schema"], "errcat.audit.trace/1");
    assert_eq!(json["hops"].as_array().unwrap().len(), t.hops.len());
    // Unknown ids find nothing; a substring of an id is not the id.
    assert!(
        trace("ffffffffffffffff", std::slice::from_ref(&logs), &opts())
            .unwrap()
            .hops
            .is_empty()
    );
    assert!(trace(&id[..12], &[logs], &opts()).unwrap().hops.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_baseline_ranks_the_planted_regression_first() {
    let dir = tmp("baseline");
    let before = dir.join("before.log");
    let after = dir.join("after.log");
    generate(
        &dir,
        &[
            "--lines",
            "6000",
            "--seed",
            "3",
            "--span",
            "1800",
            "--fail-at",
            "2",
            "--out",
            before.to_str().unwrap(),
        ],
    );
    generate(
        &dir,
        &[
            "--lines",
            "6000",
            "--seed",
            "3",
            "--span",
            "1800",
            "--start",
            "1800",
            "--failing-disk",
            "17",
            "--fail-at",
            "0",
            "--out",
            after.to_str().unwrap(),
        ],
    );
    let o = AuditOptions {
        baseline: Some(Baseline {
            paths: vec![before.clone()],
            ..Baseline::default()
        }),
        ..opts()
    };
    let r = analyze(std::slice::from_ref(&after), &o).unwrap();
    let b = r.baseline.as_ref().unwrap();
    let top = &b.changes[0];
    assert_eq!(
        (
            top.level,
            top.service.as_str(),
            top.key.as_str(),
            top.reason
        ),
        ("disk", "BLOBNODE", "17", "error_share"),
        "{}",
        serde_json::to_string_pretty(&b.changes[..5]).unwrap()
    );
    assert!(top.current.error_share > 0.5 && top.baseline.error_share < 0.2);
    assert!(top.significance >= 3.0);
    // The same through a time range of one set of paths.
    let both = dir.join("both.log");
    let text =
        std::fs::read_to_string(&before).unwrap() + &std::fs::read_to_string(&after).unwrap();
    std::fs::write(&both, text).unwrap();
    let o = AuditOptions {
        since: Some(TimeSpec::At((1_758_074_400 + 1800) * 1_000_000)),
        baseline: Some(Baseline {
            until: Some(TimeSpec::At((1_758_074_400 + 1800) * 1_000_000)),
            ..Baseline::default()
        }),
        ..opts()
    };
    let r = analyze(&[both], &o).unwrap();
    let top = &r.baseline.as_ref().unwrap().changes[0];
    assert_eq!((top.level, top.key.as_str()), ("disk", "17"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_newest_line_of_a_rotated_directory() {
    let dir = tmp("rotated");
    let line = |ticks: u64| {
        format!("REQ\tBLOBNODE\t{ticks}\tGET\t/shard/get/diskid/1\t\t\t200\t{{}}\t\t0\t5\n")
    };
    std::fs::write(
        dir.join("0-0.log"),
        line(17_580_744_000_000_000) + &line(17_580_744_100_000_000),
    )
    .unwrap();
    // The newest file, its last line half written (in flight): skipped.
    std::fs::write(
        dir.join("1-2s.log"),
        line(17_580_744_200_000_000) + "REQ\tBLOBNODE\t1758",
    )
    .unwrap();
    let newest = errcat_audit::newest_start(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(newest, Some(1_758_074_420_000_000));
    let r = analyze(
        std::slice::from_ref(&dir),
        &AuditOptions {
            since: Some(TimeSpec::parse("-15s").unwrap()),
            ..opts()
        },
    )
    .unwrap();
    // The half-written line of the active file is in flight, not malformed.
    assert_eq!((r.matched, r.malformed, r.filtered_out), (2, 0, 1));
    assert_eq!(r.in_flight.len(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}
