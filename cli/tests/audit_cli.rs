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
