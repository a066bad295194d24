//! Inputs that change while they are read: no signal, ever. A file truncated under the analysis gives a report of
//! what was read and a warning naming it; a writer truncating, renaming, unlinking and appending concurrently with
//! repeated analyses never stops the process; lines longer than `MAX_LINE_BYTES` are counted once as `too_long` on
//! every reader (files, FIFOs, gzip); an empty path is named as such.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use errcat::ErrorKind;
use errcat_audit::{analyze, AuditOptions, Report, MAX_LINE_BYTES};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("errcat-changing-{name}-{}", std::process::id()));
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

/// Line `i` of a deterministic log: every service, a few codes, bodies of varying length.
fn line(i: u64) -> String {
    let svc = ["ACCESS", "BLOBNODE", "CLUSTERMGR", "PROXY", "SCHEDULER"][(i % 5) as usize];
    let code = [200, 200, 200, 651, 613, 499, 552][(i % 7) as usize];
    format!(
        "REQ\t{svc}\t{}\tGET\t/shard/get/diskid/{}\t{{\"Host\":\"h\",\"X\":\"{}\"}}\t\t{code}\t{{}}\t\t9\t{}\n",
        17_580_744_000_000_000 + i,
        i % 13,
        "x".repeat((i % 97) as usize),
        i % 70_000
    )
}

fn lines(from: u64, n: u64) -> String {
    (from..from + n).map(line).collect()
}

fn options() -> AuditOptions {
    AuditOptions::default()
}

fn check(r: &Report) {
    assert!(r.invariant_holds(), "{}", r.invariant);
    assert_eq!(r.lines, r.counted + r.malformed);
}

/// The file is truncated to 0 once the analysis has read its first MiB: the report covers what was read and
/// says so. (Retried when the analysis happened to finish first; a signal would end the test process.)
#[test]
fn a_file_truncated_while_it_is_read_gives_a_warning_and_a_report_of_what_was_read() {
    let dir = Scratch::new("truncate");
    let path = dir.0.join("0-0.log");
    let text = lines(0, 400_000); // ~90 MB: 170 ranges
    let total = 400_000u64;
    let mut seen = None;
    for _attempt in 0..8 {
        fs::write(&path, &text).unwrap();
        let progress = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let cutter = {
            let (progress, done, path) = (progress.clone(), done.clone(), path.clone());
            std::thread::spawn(move || {
                while progress.load(Ordering::Relaxed) < 1 << 20 && !done.load(Ordering::Relaxed) {
                    std::thread::yield_now();
                }
                // What `truncate -s 0` and `: > file` do (logrotate copytruncate).
                OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .unwrap()
                    .set_len(0)
                    .unwrap();
            })
        };
        let options = AuditOptions {
            progress: Some(progress),
            ..options()
        };
        let r = analyze(std::slice::from_ref(&path), &options).unwrap();
        done.store(true, Ordering::Relaxed);
        cutter.join().unwrap();
        check(&r);
        if let Some(w) = r.warnings.first() {
            seen = Some((r.clone(), w.clone()));
            break;
        }
        assert_eq!(r.lines, total, "no warning: everything was read");
    }
    let (r, w) = seen.expect("the truncation came while the file was read in one of 8 attempts");
    assert_eq!(w.kind, "shrank");
    assert_eq!(w.input, path.display().to_string());
    assert!(
        w.message.contains(&path.display().to_string()),
        "{}",
        w.message
    );
    assert!(w.message.contains("shrank"), "{}", w.message);
    assert_eq!(w.size, text.len() as u64);
    assert!(w.offset < w.size, "{w:?}");
    assert!(r.lines < total, "fewer lines than written: {}", r.lines);
    // Every line counted is a whole line the writer wrote: none cut in two, so none malformed.
    assert_eq!(r.malformed, 0, "{:?}", r.malformed_lines);
    assert!(r.in_flight.is_empty());
}

/// A writer appends, truncates in place, renames the file out and back and rotates to new files while the
/// analysis runs, over and over: every analysis returns a report (or, for a path renamed away at that moment, a
/// typed Io error naming it); the process never gets a signal.
#[test]
fn a_writer_truncating_renaming_and_appending_never_stops_an_analysis() {
    let dir = Scratch::new("writer");
    let live = dir.0.join("0-0");
    fs::write(&live, lines(0, 100_000)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let rounds = Arc::new(AtomicU64::new(0));
    let writer = {
        let (stop, rounds, dir, live) = (stop.clone(), rounds.clone(), dir.0.clone(), live.clone());
        std::thread::spawn(move || {
            let mut i = 100_000u64;
            let mut round = 0u64;
            while !stop.load(Ordering::Relaxed) && round < 100_000 {
                let mut f = OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(&live)
                    .unwrap();
                f.write_all(lines(i, 2_000).as_bytes()).unwrap();
                i += 2_000;
                match round % 4 {
                    // copytruncate: shrink in place, to half or to nothing
                    0 => f.set_len(f.metadata().unwrap().len() / 2).unwrap(),
                    1 => f.set_len(0).unwrap(),
                    // renamed away and back
                    2 => {
                        let away = dir.join("1-0");
                        fs::rename(&live, &away).unwrap();
                        fs::rename(&away, &live).unwrap();
                    }
                    // rotated: a new file, the old one unlinked
                    _ => {
                        let next = dir.join(format!("{}-0", round % 7 + 2));
                        fs::write(&next, lines(i, 500)).unwrap();
                        let _ = fs::remove_file(&next);
                    }
                }
                round += 1;
                rounds.store(round, Ordering::Relaxed);
            }
        })
    };
    let mut reports = 0;
    for k in 0..40 {
        let target = if k % 2 == 0 { &dir.0 } else { &live };
        match analyze(std::slice::from_ref(target), &options()) {
            Ok(r) => {
                check(&r);
                reports += 1;
            }
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Io, "{e}");
                assert!(e.message().contains(&live.display().to_string()), "{e}");
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(reports > 0);
    assert!(rounds.load(Ordering::Relaxed) > 0, "the writer ran");
}

fn too_long_line(len: usize) -> Vec<u8> {
    let mut l = b"REQ\tACCESS\t1\tGET\t/put\t{\"a\":\"".to_vec();
    l.resize(len, b'y');
    l.push(b'\n');
    l
}

/// One over-long line among ordinary ones, on every reader: counted once as `too_long` at its line number.
#[test]
fn an_over_long_line_is_one_malformed_line_on_every_reader() {
    let dir = Scratch::new("long");
    let mut text = lines(0, 1_000).into_bytes();
    text.extend(too_long_line(MAX_LINE_BYTES + 1));
    text.extend(lines(1_000, 1_000).into_bytes());
    text.extend(too_long_line(20 << 20)); // longer than a stream block and many file ranges
    text.extend(lines(2_000, 10).into_bytes());
    text.extend(too_long_line(MAX_LINE_BYTES)); // at the limit: kept (and malformed for its field count)
    let plain = dir.0.join("0-0.log");
    fs::write(&plain, &text).unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&text).unwrap();
    let gz = dir.0.join("0-0.log.gz");
    fs::write(&gz, enc.finish().unwrap()).unwrap();
    let fifo = dir.0.join("log.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for path in [&plain, &gz, &fifo] {
        let writer = (path == &fifo).then(|| {
            let (fifo, text) = (fifo.clone(), text.clone());
            std::thread::spawn(move || fs::write(fifo, text).unwrap())
        });
        let r = analyze(std::slice::from_ref(path), &options()).unwrap();
        if let Some(w) = writer {
            w.join().unwrap();
        }
        check(&r);
        let name = path.display();
        assert_eq!(
            (r.lines, r.counted, r.malformed),
            (2_013, 2_010, 3),
            "{name}"
        );
        assert_eq!(r.malformed_lines.by_kind["too_long"], 2, "{name}");
        assert_eq!(r.malformed_lines.by_kind["field_count"], 1, "{name}");
        let first: Vec<(u64, &str)> = r
            .malformed_lines
            .first
            .iter()
            .map(|m| (m.line, m.kind))
            .collect();
        assert_eq!(
            first,
            [
                (1_001, "too_long"),
                (2_002, "too_long"),
                (2_013, "field_count")
            ],
            "{name}"
        );
        let m = &r.malformed_lines.first[1];
        assert!(
            m.reason.contains(&(20u64 << 20).to_string()),
            "{}",
            m.reason
        );
        assert!(m.excerpt.starts_with("REQ→ACCESS"), "{}", m.excerpt);
    }
}

#[test]
fn an_empty_path_is_named_as_such() {
    let e = analyze(&[PathBuf::new()], &options()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().starts_with("empty path"), "{e}");
    // Any slice is accepted: the empty list is an empty report.
    assert_eq!(analyze(&[], &options()).unwrap().lines, 0);
}
