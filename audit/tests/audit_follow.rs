//! Follow mode with real files: a writer appends, rotates by size to the next base36 index, unlinks the oldest,
//! renames, compresses a rotated file and once truncates the active file in place; the follower's final counts
//! equal an independent `awk` count over a copy of every line written.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use errcat_audit::follow::Follower;
use errcat_audit::{AuditOptions, Report};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("errcat-follow-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("access")).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn line(i: u64) -> String {
    let svc = ["ACCESS", "BLOBNODE", "PROXY", "SCHEDULER"][(i % 4) as usize];
    let code = [200, 200, 651, 613, 499, 552, 701][(i % 7) as usize];
    if i.is_multiple_of(101) {
        return format!("REQ\t{svc}\tbad\n"); // some malformed lines: too few fields
    }
    format!(
        "REQ\t{svc}\t{}\tGET\t/shard/get/{}\t{{}}\t\t{code}\t{{}}\t\t9\t{}\n",
        17_580_744_000_000_000 + i,
        i % 5,
        i % 9000
    )
}

fn base36(mut n: u64) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// The blobstore's writer, in miniature: one active file named `<index>-<offset>` in base36, rotated by size,
/// at most `backup` files kept; every line also goes to `copy` (outside the followed directory).
struct Writer {
    dir: PathBuf,
    copy: fs::File,
    index: u64,
    offset: u64,
    size: u64,
    next: u64,
    files: Vec<PathBuf>,
}

impl Writer {
    fn new(dir: &Path, copy: &Path) -> Writer {
        let mut w = Writer {
            dir: dir.to_path_buf(),
            copy: fs::File::create(copy).unwrap(),
            index: 0,
            offset: 0,
            size: 0,
            next: 0,
            files: Vec::new(),
        };
        w.files.push(w.active());
        fs::write(w.active(), "").unwrap();
        w
    }

    fn active(&self) -> PathBuf {
        self.dir
            .join(format!("{}-{}", base36(self.index), base36(self.offset)))
    }

    fn append(&mut self, n: u64) {
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(&line(self.next));
            self.next += 1;
        }
        self.write(text.as_bytes());
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut f = OpenOptions::new().append(true).open(self.active()).unwrap();
        f.write_all(bytes).unwrap();
        self.copy.write_all(bytes).unwrap();
        self.size += bytes.len() as u64;
    }

    /// Rotates when the active file is over `limit` bytes; unlinks the oldest beyond `backup` files.
    fn rotate(&mut self, limit: u64, backup: usize) {
        self.rotate_then(limit, backup, &|_| {});
    }

    /// The same, calling `before_unlink(n)` before the file of the `n`-th rotation (0-based) is unlinked.
    fn rotate_then(&mut self, limit: u64, backup: usize, before_unlink: &dyn Fn(u64)) {
        if self.size < limit {
            return;
        }
        self.offset += self.size;
        self.index += 1;
        self.size = 0;
        fs::write(self.active(), "").unwrap();
        self.files.push(self.active());
        while self.files.len() > backup {
            before_unlink(self.index + 1 - self.files.len() as u64);
            fs::remove_file(self.files.remove(0)).unwrap();
        }
    }
}

fn awk_counts(copy: &Path) -> BTreeMap<(String, u16), u64> {
    let out = Command::new("awk")
        .arg("-F\t")
        .arg("NF >= 12 {c[$2\" \"$8]++} END {for (k in c) print k, c[k]}")
        .arg(copy)
        .output()
        .expect("awk");
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

fn counts(r: &Report) -> BTreeMap<(String, u16), u64> {
    let mut m = BTreeMap::new();
    for s in &r.series {
        *m.entry((s.service.clone(), s.code)).or_default() += s.count;
    }
    m
}

fn wc_l(copy: &Path) -> u64 {
    fs::read(copy)
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// Every step followed by a poll: deterministic.
#[test]
fn follows_rotation_unlink_rename_copies_and_truncation_step_by_step() {
    let dir = Scratch::new("steps");
    let service = dir.0.join("access");
    let copy = dir.0.join("all-lines-written.log");
    let mut w = Writer::new(&service, &copy);
    w.append(50);
    let mut f = Follower::new(
        std::slice::from_ref(&dir.0.join("access")),
        AuditOptions::default(),
    )
    .unwrap();
    while f.poll() {}
    assert_eq!(f.report().lines, 50);
    // A half-written line: in flight, not counted; then finished.
    let tail = line(w.next);
    w.next += 1;
    let (a, b) = tail.as_bytes().split_at(20);
    w.write(a);
    while f.poll() {}
    let r = f.report();
    assert_eq!((r.lines, r.in_flight.len()), (50, 1));
    assert_eq!(r.in_flight[0].bytes, 20);
    w.write(b);
    while f.poll() {}
    let r = f.report();
    assert_eq!((r.lines, r.in_flight.len()), (51, 0));
    // Rotations across the base36 digits (index 9 → a → … → 10), the oldest unlinked beyond 4 files.
    for round in 0..40 {
        w.append(40);
        w.rotate(2_000, 4);
        if round % 3 == 0 {
            while f.poll() {}
        }
    }
    assert!(w.index >= 36, "index {} went past z", base36(w.index));
    while f.poll() {}
    assert_eq!(f.report().lines, w.next);
    // The active file truncated in place (`: > file`), then written on: read again from 0, said so.
    w.append(30);
    while f.poll() {}
    OpenOptions::new()
        .write(true)
        .open(w.active())
        .unwrap()
        .set_len(0)
        .unwrap();
    w.size = 0;
    w.append(7);
    while f.poll() {}
    let r = f.report();
    assert_eq!(r.lines, w.next);
    assert!(
        r.warnings.iter().any(|x| x.kind == "truncated"),
        "{:?}",
        r.warnings
    );
    assert_eq!(f.stats().truncations, 1);
    // A rotated file compressed beside the original, and copytruncate's copy: not read twice.
    let older = w.files[w.files.len() - 2].clone();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&fs::read(&older).unwrap()).unwrap();
    fs::write(older.with_extension("gz"), enc.finish().unwrap()).unwrap();
    fs::copy(w.active(), format!("{}.1", w.active().display())).unwrap();
    // A rotated file renamed inside the directory: the same file.
    let oldest = w.files[0].clone();
    let renamed = oldest.with_file_name(format!(
        "{}.log",
        oldest.file_name().unwrap().to_str().unwrap()
    ));
    fs::rename(&oldest, &renamed).unwrap();
    w.files[0] = renamed;
    w.append(11);
    while f.poll() {}
    let r = f.report();
    assert_eq!(r.lines, w.next);
    assert_eq!(r.lines, wc_l(&copy));
    assert_eq!(counts(&r), awk_counts(&copy));
    assert_eq!(
        r.malformed,
        (0..w.next).filter(|i| i.is_multiple_of(101)).count() as u64
    );
    assert!(r.invariant_holds());
    // The files listed are the ones followed now (the unlinked ones were read and closed).
    assert_eq!(
        r.inputs.len(),
        fs::read_dir(&service).unwrap().count() - 2,
        "{:?}",
        r.inputs
    );
    assert!(f.stats().files_closed > 30);
}

/// The writer runs in its own thread; the follower polls in this one. The in-place truncation waits until the
/// follower has read everything written (what a real copytruncate loses otherwise is not the point here).
#[test]
fn follows_a_concurrent_writer() {
    let dir = Scratch::new("concurrent");
    let service = dir.0.join("access");
    let copy = dir.0.join("all-lines-written.log");
    let w = Arc::new(Mutex::new(Writer::new(&service, &copy)));
    let follower = Arc::new(Mutex::new(
        Follower::new(std::slice::from_ref(&service), AuditOptions::default()).unwrap(),
    ));
    let writer = {
        let (w, follower) = (w.clone(), follower.clone());
        std::thread::spawn(move || {
            for round in 0..300u64 {
                let mut w = w.lock().unwrap();
                w.append(100 + round % 37);
                // A file is unlinked only once the follower has opened it (it then reads it to its end through
                // its descriptor); a follower more than `backup` files behind loses files, as any would.
                w.rotate_then(64 << 10, 5, &|n| {
                    for _ in 0..1_000_000 {
                        if follower.lock().unwrap().stats().files_opened > n {
                            return;
                        }
                        std::thread::yield_now();
                    }
                    panic!("the follower never opened file {n}");
                });
                if round == 150 {
                    // Once the follower has read everything, truncate the active file in place, and write on
                    // only when the follower has seen the truncation (a file that grows back past the offset
                    // between two polls cannot be told from one that grew: the limit of every size-based follower).
                    let written = w.next;
                    let eventually = |done: &dyn Fn(&Follower) -> bool| {
                        for _ in 0..1_000_000 {
                            if done(&follower.lock().unwrap()) {
                                return;
                            }
                            std::thread::yield_now();
                        }
                        let f = follower.lock().unwrap();
                        panic!(
                            "the follower did not catch up: {} of {written} lines, {:?}",
                            f.lines(),
                            f.stats()
                        );
                    };
                    eventually(&|f| f.lines() == written);
                    OpenOptions::new()
                        .write(true)
                        .open(w.active())
                        .unwrap()
                        .set_len(0)
                        .unwrap();
                    w.size = 0;
                    eventually(&|f| f.stats().truncations == 1);
                }
            }
        })
    };
    let mut polls = 0u64;
    while !writer.is_finished() && polls < 1_000_000 {
        follower.lock().unwrap().poll();
        polls += 1;
        std::thread::yield_now();
    }
    writer.join().unwrap();
    let mut f = follower.lock().unwrap();
    while f.poll() {}
    let r = f.report();
    let w = w.lock().unwrap();
    assert_eq!(r.lines, w.next);
    assert_eq!(r.lines, wc_l(&copy));
    assert_eq!(counts(&r), awk_counts(&copy));
    assert!(r.invariant_holds());
    assert_eq!(f.stats().truncations, 1);
}
