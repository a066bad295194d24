//! Follow mode: audit logs read as the blobstore writes them, counted for as long as the follower runs.
//!
//! Each [`Follower::poll`] lists the followed files and directories (recursively; hidden entries skipped) and reads
//! what was appended since the last poll, with positioned reads from the descriptor it holds for each file:
//! - files are known by device and inode, so a file renamed inside a followed directory is the same file; one
//!   renamed out of it or unlinked (the writer removes the oldest) is read to its end through the descriptor, then
//!   closed;
//! - new files are picked up by their base36 rotation index (`<index>-<offset><suffix>`); the newest index of a
//!   directory is the active file, whose unfinished last line is in flight (held, not counted); in an older file
//!   an unfinished last line counts once the file is read to its end (the writer never splits a line across
//!   files);
//! - a file smaller than what was read of it was truncated in place (`copytruncate`, `: > file`): it is read again
//!   from 0, with a warning; a copy of a rotated file under another name (same directory, same index and start
//!   offset: `1-8vn08w.gz` beside `1-8vn08w`) is not read twice;
//! - gzip files (rotated logs compressed by an operator) are read once, whole.
//!
//! Counts only grow: truncation and rotation change what is read next, never what was counted. Memory is the
//! counts (proportional to distinct keys), a block per file being read, at most one unfinished line per file and a
//! bounded list of recent warnings: not the lines read.
//!
//! Polling (no inotify): the caller decides how often; a poll reads at most [`POLL_BUDGET`] bytes and says whether
//! more is waiting.

use std::collections::{HashMap, VecDeque};
use std::fs::{self, File};
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::filter::Setup;
use crate::input::ranges::read_at;
use crate::input::stream::{run_stream, Cutter};
use crate::input::{rotation_index, Input};
use crate::notes::{InFlight, Warning};
use crate::reduce::fold_tree;
use crate::report::{self, Report};
use crate::stats::{split_key, Partial, UnitCount, UnitId, MS_BUCKETS};
use crate::AuditOptions;
use errcat::{Error, ErrorKind, Result};

/// Bytes read per poll at most (then [`Follower::poll`] returns `true`: call it again).
pub const POLL_BUDGET: u64 = 64 << 20;

/// One positioned read.
const BLOCK: usize = 4 << 20;

/// Warnings kept (the most recent); all are counted in [`FollowStats::warnings`].
const KEEP_WARNINGS: usize = 64;

/// Rotation keys of closed files remembered, so that a compressed or copied rotated file is not read twice.
const KEEP_CLOSED_KEYS: usize = 4096;

/// How deep directories are followed.
const MAX_DEPTH: usize = 32;

/// Counters of the follower itself (they only grow, except `followed`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FollowStats {
    /// Polls done.
    pub polls: u64,
    /// Bytes read from files (compressed bytes for gzip).
    pub bytes_read: u64,
    /// Files opened.
    pub files_opened: u64,
    /// Files read to their end and closed (unlinked or renamed away).
    pub files_closed: u64,
    /// Files found truncated under the reader and read again from 0.
    pub truncations: u64,
    /// Warnings given.
    pub warnings: u64,
    /// Files followed now.
    pub followed: u64,
}

/// The request durations of one (service, api), in the blobstore's millisecond buckets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationHistogram {
    /// The module (`BLOBNODE`).
    pub service: String,
    /// The `api` label.
    pub api: String,
    /// Upper bounds (ms) of the buckets: 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000.
    pub bounds: &'static [u64],
    /// Requests per bucket (not cumulative); the last slot is above the last bound.
    pub counts: Vec<u64>,
    /// Sum of the durations, microseconds.
    pub sum_us: u64,
}

/// Everything a report or an exposition needs, taken at one moment.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The report of everything counted so far; `inputs` lists the files followed now.
    pub report: Report,
    /// The follower's own counters.
    pub stats: FollowStats,
    /// Durations per (service, api).
    pub durations: Vec<DurationHistogram>,
}

/// A file being followed.
struct Tracked {
    slot: u32,
    path: PathBuf,
    id: (u64, u64),
    /// (directory, rotation index, start offset) when the name has them.
    key: Option<(PathBuf, u64, u64)>,
    file: File,
    gzip: bool,
    /// Next byte to read.
    offset: u64,
    cutter: Cutter,
    /// Lines read from it (since its last truncation): line numbers continue from here.
    lines: u64,
    seq: u64,
    /// Seen in the last listing.
    present: bool,
    /// Read to its end once (gzip: read whole).
    done: bool,
}

/// What the report says about one file.
#[derive(Clone)]
struct Slot {
    input: Input,
    lines: u64,
    malformed: u64,
    /// Still followed (else kept only while a listed malformed line names it).
    open: bool,
}

/// Follows audit-log files and directories.
pub struct Follower {
    targets: Vec<PathBuf>,
    options: AuditOptions,
    /// What every partial counts with (no time window in follow mode).
    setup: Arc<Setup>,
    total: Partial,
    tracked: Vec<Tracked>,
    slots: Vec<Option<Slot>>,
    closed_keys: VecDeque<(PathBuf, u64, u64)>,
    warnings: VecDeque<Warning>,
    missing: Vec<bool>,
    stats: FollowStats,
}

fn io_error(path: &Path, e: io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn identity(m: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn identity(m: &fs::Metadata) -> (u64, u64) {
    (0, m.len()) // no stable identity: a rename looks like a new file
}

impl Follower {
    /// Follows `paths` (files or directories; each must exist now). `-` cannot be followed (read stdin with a
    /// plain analysis).
    pub fn new(paths: &[PathBuf], options: AuditOptions) -> Result<Follower> {
        if paths.is_empty() {
            return Err(Error::invalid_argument(
                "nothing to follow: name files or directories",
            ));
        }
        for p in paths {
            if p.as_os_str().is_empty() {
                return Err(Error::new(
                    ErrorKind::Io,
                    "empty path (name a file or a directory)",
                ));
            }
            if p.as_os_str() == "-" {
                return Err(Error::invalid_argument(
                    "stdin cannot be followed: name files or directories",
                ));
            }
            fs::metadata(p).map_err(|e| io_error(p, e))?;
        }
        let setup = Arc::new(crate::setup(&options, (None, None)));
        Ok(Follower {
            targets: paths.to_vec(),
            total: Partial::new(&setup),
            setup,
            options,
            tracked: Vec::new(),
            slots: Vec::new(),
            closed_keys: VecDeque::new(),
            warnings: VecDeque::new(),
            missing: vec![false; paths.len()],
            stats: FollowStats::default(),
        })
    }

    /// The follower's counters.
    pub fn stats(&self) -> FollowStats {
        FollowStats {
            followed: self.tracked.len() as u64,
            ..self.stats
        }
    }

    /// Lines read so far (counted + malformed), without building a report.
    pub fn lines(&self) -> u64 {
        self.total.lines
    }

    fn warn(&mut self, w: Warning) {
        self.stats.warnings += 1;
        if self.warnings.len() == KEEP_WARNINGS {
            self.warnings.pop_front();
        }
        self.warnings.push_back(w);
    }

    /// Lists the targets and reads what was appended, at most [`POLL_BUDGET`] bytes; returns whether more is
    /// waiting. Errors of single files are warnings; the follower goes on.
    pub fn poll(&mut self) -> bool {
        self.stats.polls += 1;
        let listed = self.list();
        for t in &mut self.tracked {
            t.present = false;
        }
        for (path, meta) in listed {
            let id = identity(&meta);
            if let Some(t) = self.tracked.iter_mut().find(|t| t.id == id) {
                t.present = true;
                if t.path != path {
                    t.path = path.clone(); // renamed inside a followed directory: the same file
                    if let Some(Some(s)) = self.slots.get_mut(t.slot as usize) {
                        s.input.path = Some(path);
                    }
                }
                continue;
            }
            self.open(path, id);
        }
        // Read, oldest index first within a directory.
        let mut budget = POLL_BUDGET;
        let mut order: Vec<usize> = (0..self.tracked.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.tracked[a], &self.tracked[b]);
            let k = |t: &Tracked| {
                (
                    t.path.parent().map(Path::to_path_buf),
                    t.key.as_ref().map(|k| k.1),
                    t.slot,
                )
            };
            k(a).cmp(&k(b))
        });
        let mut more = false;
        for i in order {
            if budget == 0 {
                more = true;
                break;
            }
            more |= self.read(i, &mut budget);
        }
        self.finish_older();
        self.close_gone();
        more
    }

    /// The regular files the targets stand for now, in reading order.
    fn list(&mut self) -> Vec<(PathBuf, fs::Metadata)> {
        let mut out = Vec::new();
        for k in 0..self.targets.len() {
            let target = self.targets[k].clone();
            match fs::metadata(&target) {
                Ok(m) if m.is_dir() => walk(&target, 0, &mut out),
                Ok(m) if m.is_file() => out.push((target, m)),
                Ok(_) => {}
                Err(e) => {
                    if !self.missing[k] {
                        self.missing[k] = true;
                        self.warn(Warning::unreadable(&target.display().to_string(), 0, &e));
                    }
                    continue;
                }
            }
            self.missing[k] = false;
        }
        out
    }

    /// Starts following a file found in a listing.
    fn open(&mut self, path: PathBuf, id: (u64, u64)) {
        let key = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(rotation_index)
            .map(|(i, o)| {
                (
                    path.parent().map(Path::to_path_buf).unwrap_or_default(),
                    i,
                    o,
                )
            });
        if let Some(k) = &key {
            // A copy (copytruncate's, or a compressed one) of a rotated file already read.
            if self.tracked.iter().any(|t| t.key.as_ref() == Some(k))
                || self.closed_keys.contains(k)
            {
                return;
            }
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return, // gone again
            Err(e) => {
                let w = Warning::unreadable(&path.display().to_string(), 0, &e);
                self.warn(w);
                return;
            }
        };
        let mut magic = [0u8; 2];
        let gzip = read_at(&file, &mut magic, 0).is_ok_and(|n| n == 2) && magic == [0x1f, 0x8b];
        let slot = self.free_slot();
        self.slots[slot as usize] = Some(Slot {
            input: Input {
                path: Some(path.clone()),
                bytes: 0,
                gzip,
                regular: true,
                active: !gzip,
            },
            lines: 0,
            malformed: 0,
            open: true,
        });
        self.stats.files_opened += 1;
        self.tracked.push(Tracked {
            slot,
            path,
            id,
            key,
            file,
            gzip,
            offset: 0,
            cutter: Cutter::default(),
            lines: 0,
            seq: 0,
            present: true,
            done: false,
        });
    }

    /// A slot for a new file: a closed one no listed malformed line names, else a new one.
    fn free_slot(&mut self) -> u32 {
        let named: Vec<u32> = self
            .total
            .first_malformed
            .iter()
            .map(|m| m.unit.input)
            .collect();
        for (i, s) in self.slots.iter_mut().enumerate() {
            let free = s.as_ref().is_none_or(|s| !s.open);
            if free && !named.contains(&(i as u32)) {
                *s = None;
                return i as u32;
            }
        }
        self.slots.push(None);
        (self.slots.len() - 1) as u32
    }

    /// Reads what was appended to tracked file `i`; returns whether more is waiting.
    fn read(&mut self, i: usize, budget: &mut u64) -> bool {
        let level = Arc::clone(&self.setup);
        let t = &mut self.tracked[i];
        if t.gzip {
            if !t.done {
                t.done = true;
                let size = t.file.metadata().map_or(0, |m| m.len());
                let file = match t.file.try_clone() {
                    Ok(f) => f,
                    Err(_) => return false,
                };
                let r = flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file));
                let (p, error) = run_stream(t.slot, r, &level);
                t.offset = size;
                self.stats.bytes_read += size;
                let (slot, name) = (t.slot, t.path.display().to_string());
                self.add(i, p);
                if let Some(Some(s)) = self.slots.get_mut(slot as usize) {
                    s.input.bytes = size;
                }
                if let Some(e) = error {
                    self.warn(Warning::unreadable(&name, 0, &e));
                }
            }
            return false;
        }
        let size = match t.file.metadata() {
            Ok(m) => m.len(),
            Err(e) => {
                let w = Warning::unreadable(&t.path.display().to_string(), t.offset, &e);
                self.warn(w);
                return false;
            }
        };
        if size < t.offset {
            let w = Warning::truncated(&t.path.display().to_string(), t.offset, size);
            t.offset = 0;
            t.cutter.reset();
            t.lines = 0;
            self.stats.truncations += 1;
            self.warn(w);
        }
        let t = &mut self.tracked[i];
        let mut blocks: Vec<Piece> = Vec::new();
        let mut failed = None;
        while t.offset < size && *budget > 0 {
            let want = (BLOCK as u64).min(size - t.offset).min(*budget) as usize;
            let (file, offset) = (&t.file, t.offset);
            let seq = &mut t.seq;
            let mut out = |lines: Vec<u8>, too_long: Option<(Vec<u8>, u64)>| {
                blocks.push((*seq, lines, too_long));
                *seq += 1;
            };
            let got = t.cutter.read(
                want,
                |buf| {
                    let before = buf.len();
                    buf.resize(before + want, 0);
                    let got = read_at(file, &mut buf[before..], offset);
                    buf.truncate(before + *got.as_ref().unwrap_or(&0));
                    got
                },
                &mut out,
            );
            match got {
                Ok(n) => {
                    t.offset += n as u64;
                    *budget -= n as u64;
                    self.stats.bytes_read += n as u64;
                    t.cutter.flush(&mut out);
                    if n < want {
                        break; // shrank meanwhile: the next poll sees it
                    }
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let more = t.offset < size;
        let (slot, offset, name) = (t.slot, t.offset, t.path.display().to_string());
        if let Some(Some(s)) = self.slots.get_mut(slot as usize) {
            s.input.bytes = offset;
        }
        if let Some(e) = failed {
            self.warn(Warning::unreadable(&name, offset, &e));
        }
        if !blocks.is_empty() {
            let p = count_blocks(slot, blocks, &level);
            self.add(i, p);
        }
        more
    }

    /// Adds the counts `p` of tracked file `i` (its units numbered from the file's own line count) to the total.
    fn add(&mut self, i: usize, mut p: Partial) {
        let t = &mut self.tracked[i];
        let mut units = std::mem::take(&mut p.units);
        units.sort_by_key(|u| u.unit);
        let mut base = HashMap::with_capacity(units.len());
        let (mut lines, mut malformed) = (0u64, 0u64);
        for u in &units {
            base.insert(u.unit, t.lines + lines);
            lines += u.lines;
            malformed += u.malformed;
        }
        for m in &mut p.first_malformed {
            m.line += base.get(&m.unit).copied().unwrap_or(t.lines);
            m.unit.seq = 0;
        }
        t.lines += lines;
        if let Some(Some(s)) = self.slots.get_mut(t.slot as usize) {
            s.lines += lines;
            s.malformed += malformed;
        }
        let total = std::mem::replace(&mut self.total, Partial::new(&self.setup));
        self.total = total.merge(p);
    }

    /// A file with a newer index in its directory is complete: its unfinished last line, once it is read to its
    /// end, is a line.
    fn finish_older(&mut self) {
        let level = Arc::clone(&self.setup);
        for i in 0..self.tracked.len() {
            let t = &self.tracked[i];
            if t.gzip || t.cutter.unfinished().is_none() || self.is_active(i) {
                continue;
            }
            let t = &mut self.tracked[i];
            let size = t.file.metadata().map_or(0, |m| m.len());
            if t.offset < size {
                continue;
            }
            let mut blocks = Vec::new();
            let seq = &mut t.seq;
            t.cutter.finish(&mut |lines, too_long| {
                blocks.push((*seq, lines, too_long));
                *seq += 1;
            });
            let p = count_blocks(t.slot, blocks, &level);
            self.add(i, p);
        }
    }

    /// Whether tracked file `i` may still be written: no file of its directory has a higher rotation index.
    fn is_active(&self, i: usize) -> bool {
        let t = &self.tracked[i];
        let Some((dir, index, _)) = &t.key else {
            return t.present;
        };
        t.present
            && !self.tracked.iter().any(|o| {
                o.key
                    .as_ref()
                    .is_some_and(|(d, x, _)| d == dir && x > index)
            })
    }

    /// Files no longer listed (unlinked or renamed away) that are read to their end: counted, closed.
    fn close_gone(&mut self) {
        let level = Arc::clone(&self.setup);
        let mut i = 0;
        while i < self.tracked.len() {
            let t = &self.tracked[i];
            let size = t.file.metadata().map_or(0, |m| m.len());
            if t.present || (!t.gzip && t.offset < size) {
                i += 1;
                continue;
            }
            let t = &mut self.tracked[i];
            let mut blocks = Vec::new();
            let seq = &mut t.seq;
            t.cutter.finish(&mut |lines, too_long| {
                blocks.push((*seq, lines, too_long));
                *seq += 1;
            });
            if !blocks.is_empty() {
                let p = count_blocks(t.slot, blocks, &level);
                self.add(i, p);
            }
            let t = self.tracked.swap_remove(i);
            if let Some(Some(s)) = self.slots.get_mut(t.slot as usize) {
                s.open = false;
            }
            if let Some(k) = t.key {
                if self.closed_keys.len() == KEEP_CLOSED_KEYS {
                    self.closed_keys.pop_front();
                }
                self.closed_keys.push_back(k);
            }
            self.stats.files_closed += 1;
        }
    }

    /// The report of everything counted so far.
    pub fn report(&self) -> Report {
        self.snapshot().report
    }

    /// The report, the follower's counters and the duration histograms, at this moment.
    pub fn snapshot(&self) -> Snapshot {
        self.capture().build()
    }

    /// What [`Follower::snapshot`] is built from, copied: the only part that needs the follower, so a server
    /// holding it behind a lock releases the lock before the (longer) build.
    pub fn capture(&self) -> Capture {
        let slots = self.slots.iter().map(|s| {
            s.as_ref()
                .map(|s| (s.input.clone(), s.lines, s.malformed, s.open))
        });
        let mut in_flight: Vec<InFlight> = (0..self.tracked.len())
            .filter(|&i| self.is_active(i))
            .filter_map(|i| {
                let t = &self.tracked[i];
                let (bytes, head) = t.cutter.unfinished()?;
                Some(InFlight::new(t.path.display().to_string(), bytes, head))
            })
            .collect();
        in_flight.sort_by(|a, b| a.input.cmp(&b.input));
        Capture {
            total: self.total.clone(),
            slots: slots.collect(),
            options: self.options.clone(),
            in_flight,
            warnings: self.warnings.iter().cloned().collect(),
            stats: self.stats(),
        }
    }
}

/// A copy of a follower's state at one moment ([`Follower::capture`]); [`Capture::build`] makes its snapshot.
#[derive(Clone, Debug)]
pub struct Capture {
    total: Partial,
    /// Per input slot (none: a free slot): the input, its lines and malformed lines, and whether it is followed
    /// now (else read to its end and closed, so counted but not listed).
    slots: Vec<Option<(Input, u64, u64, bool)>>,
    options: AuditOptions,
    in_flight: Vec<InFlight>,
    warnings: Vec<Warning>,
    stats: FollowStats,
}

impl Capture {
    /// The snapshot of the captured state.
    pub fn build(self) -> Snapshot {
        let mut p = self.total;
        p.seal();
        let durations = p
            .groups
            .iter()
            .map(|(k, g)| {
                let (module, api) = split_key(k);
                DurationHistogram {
                    service: String::from_utf8_lossy(module).into_owned(),
                    api: String::from_utf8_lossy(api).into_owned(),
                    bounds: &MS_BUCKETS,
                    counts: g.ms.to_vec(),
                    sum_us: g.sum_us,
                }
            })
            .collect();
        let placeholder = Input {
            path: None,
            bytes: 0,
            gzip: false,
            regular: false,
            active: false,
        };
        let mut inputs = Vec::with_capacity(self.slots.len());
        for (i, slot) in self.slots.iter().enumerate() {
            match slot {
                Some((input, lines, malformed, _)) => {
                    p.units.push(UnitCount {
                        unit: UnitId {
                            input: i as u32,
                            seq: 0,
                        },
                        lines: *lines,
                        malformed: *malformed,
                    });
                    inputs.push(input.clone());
                }
                None => inputs.push(placeholder.clone()),
            }
        }
        let mut report = report::build(p, &inputs, &self.options, &Default::default());
        let mut open = self.slots.iter().map(|s| s.as_ref().is_some_and(|s| s.3));
        report.inputs.retain(|_| open.next().unwrap_or(false));
        report.in_flight = self.in_flight;
        report.warnings = self.warnings;
        Snapshot {
            report,
            stats: self.stats,
            durations,
        }
    }
}

/// A block of one file: its sequence number, whole lines, and maybe a too-long line (head, length).
type Piece = (u64, Vec<u8>, Option<(Vec<u8>, u64)>);

/// Counts blocks of one file on all cores.
fn count_blocks(slot: u32, blocks: Vec<Piece>, level: &Arc<Setup>) -> Partial {
    let count = |p: &mut Partial, (seq, lines, too_long): &Piece| {
        let unit = UnitId {
            input: slot,
            seq: *seq,
        };
        match too_long {
            Some((head, len)) => p.feed_too_long(unit, lines, head, *len),
            None => p.feed(unit, lines),
        }
        Ok::<_, std::convert::Infallible>(())
    };
    // One block per partial, merged in a fixed order (see `crate::reduce`).
    match fold_tree(&blocks, 1, level, &count) {
        Ok(p) => p,
        Err(never) => match never {},
    }
}

/// The regular files under `dir`, in reading order (rotation index, then name; subdirectories after).
fn walk(dir: &Path, depth: usize, out: &mut Vec<(PathBuf, fs::Metadata)>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = fs::metadata(&path) else {
            continue; // removed since listed
        };
        if meta.is_dir() {
            dirs.push((name, path));
        } else if meta.is_file() {
            let key = rotation_index(&name).map_or((1, 0, 0), |(i, o)| (0, i, o));
            files.push((key, name, path, meta));
        }
    }
    files.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    dirs.sort();
    out.extend(files.into_iter().map(|(_, _, p, m)| (p, m)));
    for (_, d) in dirs {
        walk(&d, depth + 1, out);
    }
}
