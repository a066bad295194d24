//! `errcat audit` as a process on inputs that change: a file truncated under a one-shot analysis (exit 0, a
//! warning, a report), memory under 256 MiB on streams whatever their line lengths (VmHWM of the child), and
//! `--follow --listen` on a directory a writer appends to, rotates, unlinks from and truncates once: `/metrics`
//! fetched with curl over loopback while lines are written passes `promtool check metrics` (when installed: `make
//! promtool`), a line appended shows up there within a few intervals, SIGTERM prints the final report and exits 0,
//! and the final counts equal awk over a copy of every line written. No assertion on timing.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("errcat-cli-live-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

fn line(i: u64) -> String {
    let svc = ["ACCESS", "BLOBNODE", "PROXY", "SCHEDULER", "CLUSTERMGR"][(i % 5) as usize];
    let code = [200, 200, 651, 613, 499, 552, 701, 640][(i % 8) as usize];
    format!(
        "REQ\t{svc}\t{}\tGET\t/shard/get/diskid/{}\t{{\"Host\":\"h\"}}\t\t{code}\t{{}}\t\t9\t{}\n",
        17_580_744_000_000_000 + i,
        i % 7,
        (i * 7919) % 6_000_000
    )
}

/// The VmHWM (peak resident memory) of a running process, in KiB.
fn vm_hwm_kib(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let l = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    l.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("a JSON report")
}

/// The per-language scenario as well: `errcat audit --format json big.log` while `big.log` is truncated to 0.
#[test]
fn a_file_truncated_under_a_one_shot_analysis_is_a_warning_not_a_signal() {
    let dir = Scratch::new("truncate");
    let log = dir.0.join("big.log");
    let text: String = (0..600_000).map(line).collect(); // ~60 MB
    let mut warned = 0;
    for attempt in 0..12u64 {
        fs::write(&log, &text).unwrap();
        let child = errcat()
            .args(["audit", "--format", "json"])
            .arg(&log)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(attempt * 3));
        OpenOptions::new()
            .write(true)
            .open(&log)
            .unwrap()
            .set_len(0)
            .unwrap(); // truncate -s 0
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "no signal: {:?}", out.status);
        let r = json(&out.stdout);
        assert_eq!(
            r["lines"],
            r["counted"].as_u64().unwrap() + r["malformed"].as_u64().unwrap()
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(w) = r["warnings"].as_array().and_then(|w| w.first()) {
            warned += 1;
            assert_eq!(w["kind"], "shrank");
            assert!(
                stderr.contains("shrank while it was read") && stderr.contains("big.log"),
                "{stderr}"
            );
            assert!(w["offset"].as_u64().unwrap() < w["size"].as_u64().unwrap());
        }
    }
    assert!(
        warned > 0,
        "at least one of 12 truncations came while the file was read"
    );
}

/// Streams with lines of any length: memory stays far under 256 MiB.
#[test]
fn memory_on_streams_does_not_follow_line_length() {
    // 1 GiB of zeros (no newline at all, like /dev/zero), then lines of growing length up to 64 MiB, plain and
    // gzip-compressed.
    let zeros = vec![0u8; 1 << 20];
    let mut long = Vec::new();
    for k in 0..8 {
        long.extend(std::iter::repeat_n(
            b'x',
            (1usize << (3 * k + 5)).min(64 << 20),
        ));
        long.push(b'\n');
        long.extend(line(k as u64).as_bytes());
    }
    let mut gz = flate2_like_gzip(&long);
    type Feed = Box<dyn Fn(&mut dyn Write)>;
    let cases: Vec<(&str, Feed)> = vec![
        (
            "zeros",
            Box::new(move |w: &mut dyn Write| {
                for _ in 0..1024 {
                    w.write_all(&zeros).unwrap();
                }
            }),
        ),
        (
            "long lines",
            Box::new({
                let long = long.clone();
                move |w: &mut dyn Write| w.write_all(&long).unwrap()
            }),
        ),
        (
            "gzip",
            Box::new({
                let gz = std::mem::take(&mut gz);
                move |w: &mut dyn Write| w.write_all(&gz).unwrap()
            }),
        ),
    ];
    for (name, feed) in cases {
        let mut child = errcat()
            .args(["audit", "--format", "json", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        feed(&mut stdin);
        stdin.flush().unwrap();
        // All but a pipe's worth is consumed: the peak so far is the peak of the run.
        let hwm = vm_hwm_kib(child.id());
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r = json(&out.stdout);
        assert!(hwm < 256 * 1024, "{name}: VmHWM {hwm} KiB");
        eprintln!(
            "{name}: VmHWM {hwm} KiB, {} lines, too_long {}",
            r["lines"], r["malformed_lines"]["by_kind"]["too_long"]
        );
        assert!(
            r["malformed_lines"]["by_kind"]["too_long"]
                .as_u64()
                .unwrap()
                >= 1,
            "{name}"
        );
    }
}

/// A gzip member of `data` (stored blocks: no compression library needed in the CLI's tests).
fn flate2_like_gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    for (i, chunk) in data.chunks(65_535).enumerate() {
        let last = (i + 1) * 65_535 >= data.len();
        out.push(u8::from(last));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(chunk);
    }
    if data.is_empty() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    out.extend((!crc).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

fn curl(url: &str) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-s", "-w", "\n%{http_code}", url])
        .output()
        .expect("curl must be installed for this test");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap();
    (code.parse().unwrap_or(0), body.to_string())
}

fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |v| v.parse().unwrap())
}

/// `promtool check metrics` on `text`, when promtool is installed (`make promtool` installs it).
fn promtool(text: &str) {
    let Ok(mut child) = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("!!! promtool is not installed: the exposition is NOT checked (make promtool installs it) !!!");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn awk_counts(copy: &Path) -> BTreeMap<(String, u16), u64> {
    let out = Command::new("awk")
        .arg("-F\t")
        .arg("{c[$2\" \"$8]++} END {for (k in c) print k, c[k]}")
        .arg(copy)
        .output()
        .unwrap();
    let mut m = BTreeMap::new();
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        let f: Vec<&str> = l.split(' ').collect();
        m.insert(
            (f[0].to_string(), f[1].parse().unwrap()),
            f[2].parse().unwrap(),
        );
    }
    m
}

struct Followed {
    child: Child,
    base: String,
    stdout: std::thread::JoinHandle<Vec<String>>,
}

fn follow(dir: &Path) -> Followed {
    let mut child = errcat()
        .args([
            "audit",
            "--follow",
            "--interval",
            "0.2",
            "--listen",
            "127.0.0.1:0",
        ])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .and_then(|u| u.strip_suffix("/metrics"))
        .unwrap_or_else(|| panic!("the address on stderr: {first}"))
        .to_string();
    std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = stderr.read_to_string(&mut rest);
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stdout = std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut l = String::new();
        while stdout.read_line(&mut l).unwrap_or(0) > 0 {
            lines.push(std::mem::take(&mut l));
        }
        lines
    });
    Followed {
        child,
        base,
        stdout,
    }
}

/// Polls `/metrics` until `done` holds (at most 600 tries, a tenth of a second apart): "eventually", not "within".
fn eventually(base: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..300 {
        let (code, body) = curl(&format!("{base}/metrics"));
        if code == 200 && done(&body) {
            return body;
        }
        last = body;
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let errcat: Vec<&str> = last
        .lines()
        .filter(|l| l.starts_with("errcat_audit_"))
        .collect();
    panic!("{what}: never seen in /metrics: {errcat:#?}");
}

#[test]
fn follow_and_listen_while_a_writer_rotates_unlinks_and_truncates() {
    let dir = Scratch::new("follow");
    let service = dir.0.join("blobnode");
    fs::create_dir_all(&service).unwrap();
    let copy_path = dir.0.join("every-line-written.log");
    let mut copy = fs::File::create(&copy_path).unwrap();
    let name = |index: u64, offset: u64| service.join(format!("{index:x}-{offset:x}")); // base36 ⊃ hex digits
    let (mut index, mut offset, mut size, mut next) = (0u64, 0u64, 0u64, 0u64);
    let mut files = vec![name(0, 0)];
    fs::write(&files[0], "").unwrap();
    let f = follow(&service); // (the copy of every line is beside it, not in it)
    let base = f.base.clone();
    for (path, status) in [("/nope", 404), ("/metrics?x=1", 200), ("/report.json", 200)] {
        assert_eq!(curl(&format!("{base}{path}")).0, status, "{path}");
    }
    let post = Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-X",
            "POST",
            &format!("{base}/metrics"),
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&post.stdout), "405");
    let mut write = |n: u64, size: &mut u64, next: &mut u64, active: &Path| {
        let text: String = (*next..*next + n).map(line).collect();
        *next += n;
        OpenOptions::new()
            .append(true)
            .open(active)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        copy.write_all(text.as_bytes()).unwrap();
        *size += text.len() as u64;
    };
    for round in 0..60u64 {
        let active = files.last().unwrap().clone();
        write(500, &mut size, &mut next, &active);
        if round % 10 == 3 {
            // Metrics while lines are written: valid exposition, counters that only grow.
            let (code, body) = curl(&format!("{base}/metrics"));
            assert_eq!(code, 200);
            promtool(&body);
        }
        if round == 30 {
            // Truncated in place once, after the follower has read it all; written on once it has noticed.
            let written = next;
            eventually(&base, &format!("caught up ({written} lines)"), |m| {
                metric(m, "errcat_audit_lines_read_total") == written
            });
            OpenOptions::new()
                .write(true)
                .open(&active)
                .unwrap()
                .set_len(0)
                .unwrap();
            size = 0;
            eventually(&base, "the truncation", |m| {
                metric(m, "errcat_audit_truncations_total") == 1
            });
        }
        if size > 200_000 {
            offset += size;
            index += 1;
            size = 0;
            files.push(name(index, offset));
            fs::write(files.last().unwrap(), "").unwrap();
            if files.len() > 4 {
                let opened = index - 3; // the oldest is the (index - 3)th file: wait until it was opened
                eventually(&base, "the oldest opened", |m| {
                    metric(m, "errcat_audit_files_opened_total") > opened
                });
                fs::remove_file(files.remove(0)).unwrap();
            }
        }
    }
    // A line appended now is in /metrics after a few intervals (polled, no timing asserted).
    let written = next;
    let body = eventually(&base, "every line", |m| {
        metric(m, "errcat_audit_lines_read_total") == written
    });
    promtool(&body);
    assert!(index >= 10, "rotated {index} times");
    let sum: u64 = body
        .lines()
        .filter(|l| l.starts_with("service_response_code{"))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(sum, written);
    // SIGTERM: the final report, exit 0.
    let Followed {
        mut child, stdout, ..
    } = f;
    // SAFETY: kill(2) on the pid of our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    let lines = stdout.join().unwrap();
    assert!(
        lines.len() >= 2,
        "NDJSON reports, one per interval, then the final one"
    );
    let last = json(lines.last().unwrap().as_bytes());
    for l in &lines {
        let r = json(l.as_bytes());
        assert_eq!(r["schema"], "errcat.audit/2");
    }
    assert_eq!(last["lines"], written);
    let mut got = BTreeMap::new();
    for s in last["series"].as_array().unwrap() {
        *got.entry((
            s["service"].as_str().unwrap().to_string(),
            s["code"].as_u64().unwrap() as u16,
        ))
        .or_default() += s["count"].as_u64().unwrap();
    }
    assert_eq!(got, awk_counts(&copy_path));
    assert!(last["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["kind"] == "truncated"));
}
