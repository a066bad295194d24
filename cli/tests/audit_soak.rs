//! Soak (run by `make test-audit-soak`, part of `make test`; `#[ignore]` for a plain `cargo test`): several million
//! lines through `errcat audit --follow`, rotated every 4 MiB with the oldest files unlinked; the follower's
//! resident memory, read from /proc/<pid>/status, stays flat (the last sample within 16 MiB of the one taken
//! after the first fifth of the lines) and its peak under 256 MiB; the final report counts every line.
//! `ERRCAT_CLI` names the CLI to soak (make passes the shipped, zig-linked release build, so this test needs no
//! release build of its own); without it, the CLI cargo built beside this test.

use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn status_kib(pid: u32, key: &str) -> u64 {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let l = s.lines().find(|l| l.starts_with(key)).unwrap();
    l.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn metric(base: &str, name: &str) -> u64 {
    let out = Command::new("curl")
        .args(["-s", &format!("{base}/metrics")])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |v| v.parse().unwrap())
}

fn wait_for(base: &str, name: &str, at_least: u64) {
    for _ in 0..6000 {
        if metric(base, name) >= at_least {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{name} never reached {at_least}");
}

#[test]
#[ignore = "a minute of soak: make test-audit-soak"]
fn memory_stays_flat_over_millions_of_lines_and_rotations() {
    let dir = std::env::temp_dir().join(format!("errcat-soak-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let cli = std::env::var_os("ERRCAT_CLI").unwrap_or_else(|| env!("CARGO_BIN_EXE_errcat").into());
    let mut child = Command::new(cli)
        .args([
            "audit",
            "--follow",
            "--interval",
            "1",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .split_whitespace()
        .find_map(|w| w.strip_suffix("/metrics"))
        .unwrap()
        .to_string();
    let pid = child.id();
    const LINES: u64 = 4_000_000;
    const PER_ROUND: u64 = 20_000;
    let (mut index, mut size, mut next) = (0u64, 0u64, 0u64);
    let mut files = vec![dir.join("0-0")];
    fs::write(&files[0], "").unwrap();
    let mut early = 0;
    let mut samples = Vec::new();
    while next < LINES {
        let mut text = String::with_capacity(PER_ROUND as usize * 120);
        for i in next..next + PER_ROUND {
            let svc = ["ACCESS", "BLOBNODE", "PROXY", "SCHEDULER"][(i % 4) as usize];
            let code = [200, 200, 651, 613, 499, 552][(i % 6) as usize];
            text.push_str(&format!(
                "REQ\t{svc}\t{}\tGET\t/shard/get/diskid/{}\t{{}}\t\t{code}\t{{}}\t\t9\t{}\n",
                17_580_744_000_000_000 + i,
                i % 11,
                i % 100_000
            ));
        }
        next += PER_ROUND;
        let active = files.last().unwrap().clone();
        OpenOptions::new()
            .append(true)
            .open(&active)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        size += text.len() as u64;
        if size >= 4 << 20 {
            index += 1;
            size = 0;
            files.push(dir.join(format!("{index:x}-0")));
            fs::write(files.last().unwrap(), "").unwrap();
            if files.len() > 4 {
                wait_for(&base, "errcat_audit_files_opened_total", index - 3 + 1);
                fs::remove_file(files.remove(0)).unwrap();
            }
        }
        if next % 200_000 == 0 {
            wait_for(&base, "errcat_audit_lines_read_total", next);
            let rss = status_kib(pid, "VmRSS:");
            samples.push(rss);
            if next == LINES / 5 {
                early = rss;
            }
        }
    }
    wait_for(&base, "errcat_audit_lines_read_total", LINES);
    let last = status_kib(pid, "VmRSS:");
    let peak = status_kib(pid, "VmHWM:");
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    let _ = fs::remove_dir_all(&dir);
    eprintln!(
        "soak: {LINES} lines, {index} rotations; VmRSS after 1/5: {early} KiB, at the end: {last} KiB, VmHWM {peak} \
         KiB; samples {samples:?}"
    );
    assert_eq!(status.code(), Some(0));
    assert!(index > 50, "{index} rotations");
    assert!(
        last <= early + 16 * 1024,
        "memory grew: {early} KiB → {last} KiB ({samples:?})"
    );
    assert!(peak < 256 * 1024, "VmHWM {peak} KiB");
}
