//! Inputs and the report: counts against an independent `awk -F'\t'` count, gzip, directory ordering by base36
//! index, files split across cores (line numbers stay exact), the JSON report's invariant, I/O errors.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat::{ErrorKind, Version};
use errcat_audit::{analyze, expand_paths, AuditOptions, ErrorCodes, Report};

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("errcat-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A deterministic generator of plain 12-field lines (xorshift), independent of the parser under test.
struct Gen(u64);

const SERVICES: [(&str, &[&str], &[u16]); 6] = [
    (
        "ACCESS",
        &["/put", "/get", "/delete", "/v1/alloc"],
        &[200, 200, 200, 206, 400, 429, 499, 552, 597],
    ),
    (
        "BLOBNODE",
        &[
            "/shard/get/diskid/1/vuid/2/bid/3",
            "/shard/put/diskid/4",
            "/chunk/list/diskid/9",
        ],
        &[200, 200, 200, 651, 613, 596, 640],
    ),
    (
        "CLUSTERMGR",
        &["/volume/alloc", "/disk/heartbeat", "/service/get"],
        &[200, 200, 908, 914, 909],
    ),
    (
        "PROXY",
        &["/volume/alloc", "/cacher/volume/1"],
        &[200, 200, 801, 802],
    ),
    (
        "SCHEDULER",
        &["/inspect/acquire", "/task/report"],
        &[200, 700, 700, 704],
    ),
    (
        "SHARDNODE",
        &["/blob/get", "/blob/create"],
        &[200, 200, 825, 820],
    ),
];

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn line(&mut self, i: u64) -> String {
        let (svc, paths, codes) = *self.pick(&SERVICES);
        let path = *self.pick(paths);
        let code = *self.pick(codes);
        let method = *self.pick(&["GET", "POST", "PUT"]);
        let pad = "x".repeat((self.next() % 200) as usize);
        format!(
            "REQ\t{svc}\t{}\t{method}\t{path}\t{{\"Host\":\"10.0.0.1:9500\",\"User-Agent\":\"{pad}\"}}\t\t{code}\t\
             {{\"Trace-Log\":[\"{svc}\"]}}\t{}\t{}\t{}\n",
            17_580_744_000_000_000 + i * 10_000,
            if code >= 400 { "{\"error\":\"x\"}" } else { "" },
            self.next() % 1000,
            self.next() % 100_000
        )
    }

    fn text(&mut self, lines: u64) -> String {
        (0..lines).map(|i| self.line(i)).collect()
    }
}

fn per_service_code(report: &Report) -> BTreeMap<(String, u16), u64> {
    let mut out = BTreeMap::new();
    for s in &report.series {
        *out.entry((s.service.clone(), s.code)).or_default() += s.count;
    }
    out
}

fn options() -> AuditOptions {
    AuditOptions::default()
}

#[test]
fn counts_equal_an_independent_awk_count() {
    let dir = Scratch::new("awk");
    // ~20 MB: more than two 8 MiB ranges, so the parallel split is exercised.
    let path = dir.file(
        "big.log",
        Gen(0x9e37_79b9_7f4a_7c15).text(90_000).as_bytes(),
    );
    assert!(std::fs::metadata(&path).unwrap().len() > 16 << 20);
    let out = Command::new("awk")
        .arg("-F\t")
        .arg("{c[$2\" \"$8]++} END {for (k in c) print k, c[k]}")
        .arg(&path)
        .output()
        .expect("awk must be installed for this test");
    assert!(out.status.success());
    let mut awk = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let f: Vec<&str> = line.split(' ').collect();
        awk.insert(
            (f[0].to_string(), f[1].parse::<u16>().unwrap()),
            f[2].parse::<u64>().unwrap(),
        );
    }
    let report = analyze(&[path], &options()).unwrap();
    assert_eq!(
        (report.lines, report.counted, report.malformed),
        (90_000, 90_000, 0)
    );
    assert_eq!(per_service_code(&report), awk);
    assert_eq!(
        awk.keys()
            .map(|k| &k.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        6
    );
}

#[test]
fn split_files_keep_exact_line_numbers_and_counts() {
    let dir = Scratch::new("split");
    let mut lines: Vec<String> = Gen(7)
        .text(80_000)
        .lines()
        .map(|l| format!("{l}\n"))
        .collect();
    // Malformed lines at known numbers: the first ones, the last one, and those around the 8 MiB range
    // boundaries (the line that straddles a boundary and its neighbours).
    let mut bad_at = vec![1usize, 2, 80_000];
    let mut offset = 0;
    for (i, l) in lines.iter().enumerate() {
        let next = offset + l.len();
        if (offset..next).contains(&(8 << 20)) || (offset..next).contains(&(16 << 20)) {
            bad_at.extend([i, i + 1, i + 2]); // 1-based: the line before, the straddling one, the one after
        }
        offset = next;
    }
    bad_at.sort();
    for &n in &bad_at {
        lines[n - 1] = "garbage line\n".to_string();
    }
    let text = lines.concat();
    let one = dir.file("one.log", text.as_bytes());
    assert!(text.len() > 16 << 20, "{} bytes", text.len());
    let report = analyze(std::slice::from_ref(&one), &options()).unwrap();
    assert_eq!(report.lines, 80_000);
    assert_eq!(report.malformed, bad_at.len() as u64);
    let got: Vec<u64> = report
        .malformed_lines
        .first
        .iter()
        .map(|m| m.line)
        .collect();
    assert_eq!(got, bad_at.iter().map(|&n| n as u64).collect::<Vec<_>>());
    assert!(report
        .malformed_lines
        .first
        .iter()
        .all(|m| m.kind == "no_req"));

    // The same lines in small pieces (one range each) give the same counts.
    let mut pieces = Vec::new();
    for (i, chunk) in lines.chunks(7_000).enumerate() {
        pieces.push(dir.file(&format!("pieces/{i}-0"), chunk.concat().as_bytes()));
    }
    let split = analyze(&[dir.0.join("pieces")], &options()).unwrap();
    assert_eq!(per_service_code(&split), per_service_code(&report));
    assert_eq!(split.lines, report.lines);
    let third = bad_at[2];
    assert_eq!(
        split.malformed_lines.first[2].line as usize,
        (third - 1) % 7_000 + 1
    );
    assert!(split.malformed_lines.first[2]
        .input
        .ends_with(&format!("/{}-0", (third - 1) / 7_000)));
    // Deterministic: the same report twice.
    assert_eq!(
        analyze(&[one], &options()).unwrap().to_json(),
        report.to_json()
    );
}

#[test]
fn gzip_is_read_transparently() {
    let dir = Scratch::new("gz");
    let text = Gen(11).text(3_000) + "bad\n";
    let plain = dir.file("0-0.log", text.as_bytes());
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    let gz = dir.file("1-0.log.gz", &enc.finish().unwrap());
    let a = analyze(&[plain], &options()).unwrap();
    let b = analyze(&[gz], &options()).unwrap();
    assert!(b.inputs[0].gzip && !a.inputs[0].gzip);
    assert_eq!((b.lines, b.malformed), (3_001, 1));
    assert_eq!(b.malformed_lines.first[0].line, 3_001);
    assert_eq!(per_service_code(&a), per_service_code(&b));
    assert_eq!(a.services, b.services);
}

/// A FIFO (as `<(zcat log.gz)` gives) can be read only once: nothing may be consumed before the analysis reads it.
#[test]
fn fifos_and_pipes_are_read_once_front_to_back() {
    let dir = Scratch::new("fifo");
    let text = Gen(12).text(2_000) + "bad\n";
    let plain = dir.file("0-0.log", text.as_bytes());
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    let expected = analyze(&[plain], &options()).unwrap();
    for (name, bytes) in [
        ("plain.fifo", text.as_bytes().to_vec()),
        ("gz.fifo", enc.finish().unwrap()),
    ] {
        let fifo = dir.0.join(name);
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, bytes).unwrap())
        };
        let got = analyze(std::slice::from_ref(&fifo), &options()).unwrap();
        writer.join().unwrap();
        assert_eq!((got.lines, got.malformed), (2_001, 1), "{name}");
        assert_eq!(got.inputs[0].gzip, name == "gz.fifo");
        assert_eq!(
            per_service_code(&got),
            per_service_code(&expected),
            "{name}"
        );
    }
}

#[test]
fn directories_are_read_by_rotation_index() {
    let dir = Scratch::new("dirs");
    // Name order would be 0-0, 1-8vn08w, 10-0, 2-0.log, notes.txt, z-0.gz; the index order is 0, 1, 2, z (35),
    // 10 (36), then names that are not rotated logs.
    let names = [
        "z-0.gz",
        "10-0",
        "2-0.log",
        "0-0",
        "notes.txt",
        "1-8vn08w",
        ".hidden",
    ];
    for (i, name) in names.iter().enumerate() {
        // Every file: one good line and one malformed line, so line numbers tell which file is which.
        let body = format!("{}bad {i}\n", Gen(i as u64 + 1).line(0));
        if name.ends_with(".gz") {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(body.as_bytes()).unwrap();
            dir.file(&format!("blobnode/{name}"), &enc.finish().unwrap());
        } else {
            dir.file(&format!("blobnode/{name}"), body.as_bytes());
        }
    }
    dir.file("access/0-0", Gen(99).line(0).as_bytes());
    let order: Vec<String> = expand_paths(std::slice::from_ref(&dir.0))
        .unwrap()
        .iter()
        .map(|p| p.strip_prefix(&dir.0).unwrap().display().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "access/0-0",
            "blobnode/0-0",
            "blobnode/1-8vn08w",
            "blobnode/2-0.log",
            "blobnode/z-0.gz",
            "blobnode/10-0",
            "blobnode/notes.txt"
        ]
    );
    let report = analyze(std::slice::from_ref(&dir.0), &options()).unwrap();
    assert_eq!(report.inputs.len(), 7);
    assert_eq!((report.lines, report.malformed), (13, 6));
    let firsts: Vec<(String, u64)> = report
        .malformed_lines
        .first
        .iter()
        .map(|m| {
            (
                Path::new(&m.input)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                m.line,
            )
        })
        .collect();
    let want: Vec<(String, u64)> = ["0-0", "1-8vn08w", "2-0.log", "z-0.gz", "10-0", "notes.txt"]
        .iter()
        .map(|n| (n.to_string(), 2))
        .collect();
    assert_eq!(firsts, want);
    assert!(report.malformed_lines.first[0].excerpt.starts_with("bad 3"));
}

#[test]
fn json_report_states_its_invariant() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/audit/demo.log");
    let report = analyze(&[demo], &options()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let n = |v: &serde_json::Value| v.as_u64().unwrap();
    assert_eq!(json["schema"], "errcat.audit/2");
    assert_eq!(
        n(&json["lines"]),
        n(&json["counted"]) + n(&json["malformed"])
    );
    assert_eq!(
        json["invariant"],
        format!(
            "lines read {} = lines counted {} + malformed lines {}",
            report.lines, report.counted, report.malformed
        )
    );
    let services = json["services"].as_array().unwrap();
    let requests: u64 = services.iter().map(|s| n(&s["requests"])).sum();
    assert_eq!(requests, n(&json["counted"]));
    assert_eq!(n(&json["totals"]["requests"]), requests);
    for s in services {
        let by_code: u64 = s["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| n(&c["count"]))
            .sum();
        let by_api: u64 = s["apis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| n(&a["requests"]))
            .sum();
        assert_eq!(
            (by_code, by_api),
            (n(&s["requests"]), n(&s["requests"])),
            "{}",
            s["service"]
        );
    }
    let series: u64 = json["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| n(&s["count"]))
        .sum();
    assert_eq!(series, n(&json["counted"]));
    let kinds: u64 = json["malformed_lines"]["by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(n)
        .sum();
    assert_eq!(kinds, n(&json["malformed"]));
    let inputs: u64 = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| n(&i["lines"]))
        .sum();
    assert_eq!(inputs, n(&json["lines"]));
    // The demo log holds every service, every malformed kind and the special codes.
    for m in [
        "ACCESS",
        "BLOBNODE",
        "CLUSTERMGR",
        "PROXY",
        "SCHEDULER",
        "SHARDNODE",
    ] {
        assert!(services.iter().any(|s| s["service"] == m), "{m}");
    }
    assert_eq!(
        json["malformed_lines"]["by_kind"]
            .as_object()
            .unwrap()
            .len(),
        9
    );
    let codes: Vec<u64> = services
        .iter()
        .flat_map(|s| s["codes"].as_array().unwrap().iter().map(|c| n(&c["code"])))
        .collect();
    for c in [552, 613, 651, 700, 825, 499, 597] {
        assert!(codes.contains(&c), "{c}");
    }
}

#[test]
fn codes_are_explained_at_the_chosen_version() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/audit/demo.log");
    let master = analyze(std::slice::from_ref(&demo), &options()).unwrap();
    let v350 = AuditOptions {
        version: Some(Version::parse("v3.5.0").unwrap()),
        ..options()
    };
    let old = analyze(std::slice::from_ref(&demo), &v350).unwrap();
    let code = |r: &Report, svc: &str, c: u16| {
        r.services
            .iter()
            .find(|s| s.service == svc)
            .and_then(|s| s.codes.iter().find(|x| x.code == c))
            .cloned()
            .unwrap()
    };
    assert_eq!(code(&master, "ACCESS", 552).source, "other_version");
    assert!(master
        .unknown_codes
        .iter()
        .any(|u| u.code == 552 && u.range_service == Some("Access")));
    let c = code(&old, "ACCESS", 552);
    assert_eq!((c.source, c.message), ("catalog", "access limited"));
    assert!(!old.unknown_codes.iter().any(|u| u.code == 552));
    let u640 = master.unknown_codes.iter().find(|u| u.code == 640).unwrap();
    assert_eq!(
        (u640.range_service, u640.source),
        (Some("BlobNode"), "unknown")
    );
    assert_eq!(code(&master, "BLOBNODE", 651).message, "bid not found");
    assert_eq!(code(&master, "RPC", 404).source, "http");
    assert_eq!(code(&master, "SHARDNODE", 825).source, "catalog");
    assert_eq!(
        code(&old, "SHARDNODE", 825).code_service,
        Some("Proxy"),
        "825 is in Proxy's range before master"
    );

    // What counts as an error is a choice.
    let sla = code(&master, "SCHEDULER", 700);
    assert!(sla.error);
    let custom = AuditOptions {
        errors: ErrorCodes::parse("sla,!700").unwrap(),
        ..options()
    };
    let r = analyze(&[demo], &custom).unwrap();
    assert!(!code(&r, "SCHEDULER", 700).error);
    assert!(r.totals.errors < master.totals.errors);
    assert_eq!(r.error_codes, "500-699,701-999");
}

#[test]
fn inputs_that_cannot_be_read_are_io_errors_naming_the_path() {
    let e = analyze(&[PathBuf::from("/no/such/audit.log")], &options()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("/no/such/audit.log"), "{e}");
    let e = expand_paths(&[PathBuf::from("/no/such/dir")]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
}

#[test]
fn edge_inputs() {
    let dir = Scratch::new("edge");
    let empty = analyze(&[], &options()).unwrap();
    assert_eq!((empty.lines, empty.counted, empty.malformed), (0, 0, 0));
    assert!(empty.invariant_holds() && empty.time_span.is_none());
    let zero = dir.file("zero.log", b"");
    assert_eq!(analyze(&[zero], &options()).unwrap().lines, 0);
    // No trailing newline at the end of the newest file: the last line is in flight (not counted, reported); in an
    // older file of the same directory it counts. A blank line is malformed ("empty").
    let mut text = Gen(3).text(3);
    text.push('\n');
    text.push_str(Gen(4).line(9).trim_end());
    let f = dir.file("tail.log", text.as_bytes());
    let r = analyze(std::slice::from_ref(&f), &options()).unwrap();
    assert_eq!((r.lines, r.counted, r.malformed), (4, 3, 1));
    assert_eq!(r.malformed_lines.first[0].kind, "empty");
    assert_eq!(r.malformed_lines.first[0].line, 4);
    assert_eq!(r.in_flight.len(), 1);
    assert_eq!(r.in_flight[0].bytes, Gen(4).line(9).trim_end().len() as u64);
    let old = dir.file("rot/0-0", text.as_bytes());
    dir.file("rot/1-0", b"");
    let r = analyze(&[old], &options()).unwrap();
    assert_eq!(
        (r.lines, r.counted, r.in_flight.len()),
        (4, 3, 1),
        "named alone"
    );
    let r = analyze(&[dir.0.join("rot")], &options()).unwrap();
    assert_eq!(
        (r.lines, r.counted, r.in_flight.len()),
        (5, 4, 0),
        "older than 1-0"
    );
    // Only the first 10 malformed lines are listed, all are counted.
    let f = dir.file("junk.log", "x\n".repeat(25).as_bytes());
    let r = analyze(&[f], &options()).unwrap();
    assert_eq!((r.malformed, r.malformed_lines.first.len()), (25, 10));
    assert_eq!(r.malformed_lines.first[9].line, 10);
    // A line longer than MAX_LINE_BYTES is one malformed line (`too_long`), however many ranges it spans.
    let long = format!(
        "REQ\tACCESS\t1\tGET\t/put\t{{\"a\":\"{}\"}}\t\t200\t{{}}\t\t0\t5\n",
        "y".repeat(9 << 20)
    );
    let f = dir.file("long.log", (long.clone() + &long).as_bytes());
    let r = analyze(&[f], &options()).unwrap();
    assert_eq!((r.lines, r.counted, r.malformed), (2, 0, 2));
    assert_eq!(r.malformed_lines.by_kind["too_long"], 2);
}
