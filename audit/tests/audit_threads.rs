//! The report does not depend on the number of threads or on how they were scheduled: a log with far more
//! distinct vuids and bids than the summaries keep (so that they drop entities, and their merge order matters),
//! read as a plain file (ranges) and as gzip (a stream of blocks), gives byte-identical JSON and partial reports
//! in thread pools of 1, 2, 3 and 8 threads, run after run.

use std::io::Write;
use std::path::{Path, PathBuf};

use errcat_audit::{analyze, write_partial, AuditOptions};

/// A log of BlobNode requests over many vuids and bids, a quarter of them failing (an entity enters the vuid and bid
/// summaries with its first error), from a fixed xorshift seed.
fn log(bytes: usize) -> Vec<u8> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::with_capacity(bytes + 256);
    let mut t = 1_679_364_113_000_000u64;
    while out.len() < bytes {
        let r = next();
        // Half the requests on a few dozen hot vuids and bids, the rest spread over thousands.
        let hot = r >> 63 == 0;
        let vuid = (r % if hot { 40 } else { 5000 }) << 32 | 1 << 24 | 1;
        let bid = r >> 20 & if hot { 63 } else { 0xf_ffff };
        let status = if r >> 40 & 3 == 0 { 651 } else { 200 };
        t += r >> 50 & 0xfff;
        writeln!(
            out,
            "REQ\tBLOBNODE\t{t}\tGET\t/shard/get/diskid/{}/vuid/{vuid}/bid/{bid}\t{{\"Host\":\"10.0.1.{}:8889\",\"IP\":\"10.0.0.{}\"}}\t\t{status}\t{{}}\t\t0\t{}",
            r >> 44 & 31,
            r >> 36 & 15,
            r >> 30 & 63,
            r >> 54 & 0x3ff,
        )
        .unwrap();
    }
    out
}

fn options() -> AuditOptions {
    AuditOptions {
        // Small summaries, so that they fill and drop entities within every range.
        entity_capacity: 16,
        ..AuditOptions::default()
    }
}

/// The JSON report and the partial report of `path`, counted in a pool of `threads` threads.
fn reports(path: &Path, threads: usize) -> (String, Vec<u8>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let paths = [path.to_path_buf()];
    pool.install(|| {
        let json = analyze(&paths, &options()).unwrap().to_json();
        (json, write_partial(&paths, &options()).unwrap())
    })
}

fn same_for_every_pool(path: &Path) {
    let (json, partial) = reports(path, 1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dropped = |kind: &str| {
        report["entities"]["summary"]["bounds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["kind"] == kind)
            .map(|b| b["dropped"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert!(
        dropped("vuid") > 0 && dropped("bid") > 0,
        "the vuid and bid summaries drop entities: {}",
        &report["entities"]["summary"]
    );
    for threads in [2, 3, 8, 2, 8] {
        let (j, p) = reports(path, threads);
        assert!(
            j == json,
            "{threads} threads: the JSON report differs from one thread's"
        );
        assert!(
            p == partial,
            "{threads} threads: the partial report differs from one thread's"
        );
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-threads-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_plain_file_reports_the_same_whatever_the_threads() {
    let dir = scratch("plain");
    // 6 MB: a dozen 512 KiB ranges.
    let path = dir.join("audit.log");
    std::fs::write(&path, log(6 << 20)).unwrap();
    same_for_every_pool(&path);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_stream_reports_the_same_whatever_the_threads() {
    let dir = scratch("gzip");
    // 20 MB: three 8 MiB blocks.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&log(20 << 20)).unwrap();
    let path = dir.join("audit.log.gz");
    std::fs::write(&path, enc.finish().unwrap()).unwrap();
    same_for_every_pool(&path);
    std::fs::remove_dir_all(&dir).unwrap();
}
