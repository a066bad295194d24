//! `errcat audit` as a process: table, JSON, Prometheus text, stdin (plain and gzip), exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/audit/demo.log");

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("errcat runs")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("errcat runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

#[test]
fn table_for_people() {
    let o = errcat(&["audit", DEMO]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    let head = out.lines().next().unwrap();
    assert!(
        head.starts_with("errcat audit ") && head.contains(" malformed"),
        "{head}"
    );
    for needle in [
        "SERVICE",
        "BLOBNODE",
        "SHARDNODE",
        "TOTAL",
        "bid not found",
        "blobnode.shard",
        "Codes unknown to the catalog at master",
        "Malformed lines 9",
        "demo.log:",
        "field_count",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("✓ lines read ") && last.contains(" = lines counted "),
        "{last}"
    );
    // Top codes first: in each code list, counts never increase.
    let all = stdout(&errcat(&["audit", "--top", "0", DEMO]));
    assert!(all.len() >= out.len());
}

#[test]
fn json_is_the_full_report() {
    let o = errcat(&["audit", "--format", "json", "--max-api-level", "3", DEMO]);
    assert_eq!(o.status.code(), Some(0));
    let r = json(&o);
    assert_eq!(r["schema"], "errcat.audit/2");
    assert_eq!(r["max_api_level"], 3);
    assert_eq!(r["cubefs_version"], "master");
    let n = |v: &serde_json::Value| v.as_u64().unwrap();
    assert_eq!(n(&r["lines"]), n(&r["counted"]) + n(&r["malformed"]));
    let apis: Vec<&str> = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["apis"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["api"].as_str().unwrap())
        })
        .collect();
    assert!(apis.contains(&"scheduler.inspect.acquire"), "{apis:?}");
    assert!(apis.contains(&"blobnode.shard.get"), "{apis:?}");
}

#[test]
fn prom_reconstructs_service_response_code() {
    let o = errcat(&["audit", "--format", "prom", DEMO]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with(
        "# HELP service_response_code service response code\n# TYPE service_response_code counter\n"
    ));
    let sample = out
        .lines()
        .find(|l| l.starts_with("service_response_code{api=\"blobnode.shard\",code=\"651\",host=\"\",method=\"GET\",service=\"BLOBNODE\"} "))
        .unwrap_or_else(|| panic!("no blobnode.shard 651 GET sample in\n{out}"));
    assert!(sample.rsplit(' ').next().unwrap().parse::<u64>().unwrap() > 0);
    assert!(
        out.contains("host=\"127.0.0.2:9500\""),
        "MODULE@host:port gives the host label"
    );
    // The samples add up to the counted lines.
    let total: u64 = out
        .lines()
        .filter(|l| l.starts_with("service_response_code{"))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap())
        .sum();
    let r = json(&errcat(&["audit", "--format", "json", DEMO]));
    assert_eq!(total, r["counted"].as_u64().unwrap());
    assert!(out.contains(&format!("errcat_audit_lines {}\n", r["lines"])));
    assert!(out.contains("errcat_audit_malformed_lines{kind=\"field_count\"} 1\n"));
}

#[test]
fn stdin_plain_and_gzip() {
    let demo = std::fs::read(DEMO).unwrap();
    let by_path = json(&errcat(&["audit", "--format", "json", DEMO]));
    let plain = with_stdin(&["audit", "--format", "json"], &demo);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let plain = json(&plain);
    let mut enc = flate2_free_gzip(&demo);
    let gz = json(&with_stdin(&["audit", "--format", "json", "-"], &enc));
    for r in [&plain, &gz] {
        assert_eq!(r["inputs"][0]["path"], "-");
        assert_eq!(r["lines"], by_path["lines"]);
        assert_eq!(r["services"], by_path["services"]);
        assert_eq!(r["series"], by_path["series"]);
        assert_eq!(
            r["malformed_lines"]["first"][0]["line"],
            by_path["malformed_lines"]["first"][0]["line"]
        );
    }
    assert_eq!(gz["inputs"][0]["gzip"], true);
    enc.clear();
}

/// gzip through the system's `gzip` (the CLI crate does not depend on flate2).
fn flate2_free_gzip(data: &[u8]) -> Vec<u8> {
    let mut child = Command::new("gzip")
        .arg("-c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip must be installed for this test");
    let mut stdin = child.stdin.take().unwrap();
    let input = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn version_changes_the_explanations() {
    let r = json(&errcat(&[
        "audit",
        "--format",
        "json",
        "--version",
        "v3.5.0",
        DEMO,
    ]));
    assert_eq!(r["cubefs_version"], "v3.5.0");
    let unknown: Vec<u64> = r["unknown_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_u64().unwrap())
        .collect();
    assert!(!unknown.contains(&552), "{unknown:?}");
    let master = json(&errcat(&["audit", "--format", "json", DEMO]));
    let unknown: Vec<u64> = master["unknown_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_u64().unwrap())
        .collect();
    assert!(
        unknown.contains(&552) && unknown.contains(&640),
        "{unknown:?}"
    );
}

#[test]
fn errors_flag() {
    let sla = json(&errcat(&["audit", "--format", "json", DEMO]));
    let http = json(&errcat(&[
        "audit", "--format", "json", "--errors", "http", DEMO,
    ]));
    assert_eq!(http["error_codes"], "400-999");
    assert!(http["totals"]["errors"].as_u64() > sla["totals"]["errors"].as_u64());
    let o = errcat(&["audit", "--errors", "5zz", DEMO]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("5zz"));
}

#[test]
fn usage_and_io_errors() {
    let o = errcat(&["audit", "/no/such/file.log"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/no/such/file.log"), "{err}");
    assert_eq!(
        errcat(&["audit", "--version", "v9.9.9", DEMO])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        errcat(&["audit", "--format", "xml", DEMO]).status.code(),
        Some(2)
    );
}

#[test]
fn input_text_cannot_drive_the_terminal() {
    // #14's reproduction: ESC, OSC and BEL in a malformed line's excerpt (and in a module and a path).
    let dir = std::env::temp_dir().join(format!("errcat-cli-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let esc = dir.join("esc.log");
    std::fs::write(
        &esc,
        b"REQ\tACCESS\t\x1b]0;pwned\x07\x1b[2J\tGET\n\
          REQ\tACC\x1bESS\t17580744000000000\tGET\t/p\x07ath\t{\"Host\":\"h\x1b[31m:1\"}\t\t651\t{\"Trace-Log\":[\"X\x1b]0;t\x07:1\"]}\t\t0\t5\n",
    )
    .unwrap();
    for args in [
        vec!["audit"],
        vec!["audit", "--top", "0", "--entities", "50"],
    ] {
        let mut a: Vec<&str> = args.clone();
        a.push(esc.to_str().unwrap());
        let o = errcat(&a);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            !o.stdout.iter().any(|&b| b == 0x1b || b == 0x07),
            "raw ESC/BEL in\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
        let out = stdout(&o);
        assert!(out.contains(r"\x1b]0;pwned\x07\x1b[2J"), "{out}");
    }
    let o = errcat(&["audit", "trace", "x", esc.to_str().unwrap()]);
    assert!(!o.stdout.iter().any(|&b| b == 0x1b || b == 0x07));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn incident_sections_in_the_table() {
    let out = stdout(&errcat(&["audit", DEMO]));
    for needle in [
        "Timeline  ",
        "buckets of 1m",
        "Entities: disk",
        "Entities: vuid",
        "(vid ",
        "Where the time went (Trace-Log)",
        "downstream error",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    // The failing disk leads its table.
    let disks = out.split("Entities: disk").nth(1).unwrap();
    let first = disks.lines().nth(2).unwrap();
    assert!(first.contains("BLOBNODE  17 "), "{first}");
    let r = json(&errcat(&["audit", "--format", "json", DEMO]));
    assert_eq!(r["entities"]["disk"][0]["id"], "17");
    assert_eq!(r["timeline_bucket"]["label"], "1m");
    assert!(r["timeline"].as_array().unwrap().len() > 60);
    assert!(!r["tracelog"].as_array().unwrap().is_empty());
}

#[test]
fn time_windows_filters_and_baseline_flags() {
    let all = json(&errcat(&["audit", "--format", "json", DEMO]));
    let last = json(&errcat(&[
        "audit", "--format", "json", "--since", "-15m", DEMO,
    ]));
    let w = &last["window"];
    assert!(
        w["since"].as_str().unwrap().starts_with("2025-09-17T02:"),
        "{w}"
    );
    let (m, f) = (
        last["matched"].as_u64().unwrap(),
        last["filtered_out"].as_u64().unwrap(),
    );
    assert!(m > 0 && f > 0);
    assert_eq!(m + f, all["counted"].as_u64().unwrap());
    let table = stdout(&errcat(&[
        "audit",
        "--since",
        "-15m",
        "--service",
        "blobnode",
        "--code",
        "6xx",
        DEMO,
    ]));
    assert!(
        table.contains("filters service=blobnode code=6xx"),
        "{table}"
    );
    assert!(table.contains(" matched, "), "{table}");
    assert!(
        table.contains("lines counted "),
        "the second invariant is stated"
    );
    let b = json(&errcat(&[
        "audit",
        "--format",
        "json",
        "--since",
        "-20m",
        "--baseline",
        "..-20m",
        DEMO,
    ]));
    let changes = b["baseline"]["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    // The demo is small: the failing disk and its host lead (the library's test ranks the disk first on a
    // larger log).
    assert!(
        changes[..3]
            .iter()
            .any(|c| c["level"] == "disk" && c["key"] == "17"),
        "{:?}",
        &changes[..3]
    );
    let t = stdout(&errcat(&[
        "audit",
        "--since",
        "-20m",
        "--baseline",
        "..-20m",
        DEMO,
    ]));
    assert!(t.contains("What changed"), "{t}");
    let bucket = json(&errcat(&[
        "audit", "--format", "json", "--bucket", "5m", DEMO,
    ]));
    assert_eq!(bucket["timeline_bucket"]["label"], "5m");
    assert_eq!(bucket["timeline_bucket"]["given"], true);
    for bad in [
        vec!["audit", "--since", "yesterday", DEMO],
        vec!["audit", "--bucket", "0", DEMO],
        vec!["audit", "--code", "6zz", DEMO],
        vec!["audit", "--baseline", "-1h", DEMO],
    ] {
        let o = errcat(&bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
    }
    // A relative time needs files: a stream cannot be read twice.
    let o = with_stdin(&["audit", "--since", "-5m"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("stream"));
}

#[test]
fn trace_prints_the_hops_in_time_order() {
    let demo = std::fs::read_to_string(DEMO).unwrap();
    // A trace id with lines from several services: the Access put hitting the failing disk.
    let id = demo
        .lines()
        .filter(|l| l.contains("/diskid/17/") && l.contains("\t613\t"))
        .find_map(|l| {
            let at = l.find("Traceid\":\"")? + 10;
            let id = &l[at..at + 16];
            (demo.matches(id).count() >= 3).then(|| id.to_string())
        })
        .expect("a traced request on the failing disk");
    let o = errcat(&["audit", "trace", &id, DEMO]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    assert!(out.starts_with(&format!("trace {id}  ")), "{out}");
    for needle in [
        "ACCESS",
        "BLOBNODE",
        "613",
        "The disk is bad.",
        "Trace-Log",
        "+0µs",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    let j = json(&errcat(&["audit", "trace", "--format", "json", &id, DEMO]));
    assert_eq!(j["schema"], "errcat.audit.trace/1");
    let hops = j["hops"].as_array().unwrap();
    assert_eq!(hops.len(), demo.matches(id.as_str()).count());
    assert_eq!(hops[0]["service"], "ACCESS");
    let starts: Vec<u64> = hops
        .iter()
        .map(|h| h["start_us"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Paths as positional arguments still work next to the subcommand (a file named like it is a path).
    assert_eq!(errcat(&["audit", "trace"]).status.code(), Some(2));
}
