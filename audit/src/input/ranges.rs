//! Plain files, read in ranges with `pread` and parsed on all cores.
//!
//! A file is opened once; its ranges are read with positioned reads into a per-thread buffer (no map: a file that
//! another process truncates while it is read only makes a read return fewer bytes, never a signal). A range owns
//! the lines that start in it, the last one read on to its `\n`. Reads never go past the size the file had when the
//! inputs were opened: what is appended later is not read. A read that ends before that size means the file shrank:
//! the report covers what was read and a warning says how much that was.

use std::cell::RefCell;
use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::{in_flight, io_error, lock, Input};
use crate::filter::Setup;
use crate::notes::{Notes, Warning};
use crate::reduce::fold_tree;
use crate::stats::{Partial, UnitId};
use crate::MAX_LINE_BYTES;

/// Size of a range: small enough that the buffer a range is read into stays in the core's cache while it is
/// parsed.
pub(crate) const RANGE: u64 = 512 << 10;

/// Read past a range's end at once to finish its last line: a few lines' worth (they average about 500 bytes), so
/// that the copy out of the page cache is not a tenth more than the range (it was 64 KiB).
const FIRST_TAIL: usize = 4 << 10;

/// Longer last lines are read on in steps of this.
const TAIL: usize = 64 << 10;

/// Ranges counted into one partial (see [`crate::reduce`]): a function of the input only, so that the report is
/// too. At most [`LEAVES`] partials, since each costs a merge and a fresh start of every summary (about 1.3 ms
/// on the 512 MiB log), and at least 4 ranges (2 MiB) in each.
fn ranges_per_leaf(ranges: usize) -> usize {
    ranges.div_ceil(LEAVES).max(4)
}

/// Partials per batch of files at most: as many cores as can count one batch at once.
const LEAVES: usize = 16;

/// Bytes of a too-long line kept for its excerpt.
const HEAD: usize = 480;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads the opened plain files `files` (index into `inputs`, file) range by range on all cores.
pub(crate) fn read_files(
    files: &[(usize, File)],
    inputs: &[Input],
    level: &Arc<Setup>,
    progress: Option<&AtomicU64>,
    notes: &Mutex<Notes>,
) -> errcat::Result<Partial> {
    // Per file: bytes of its ranges read, and whether a read came up short (the file shrank).
    let shrank: Vec<Shrink> = files.iter().map(|_| Shrink::default()).collect();
    let mut work = Vec::new();
    for (k, (i, _)) in files.iter().enumerate() {
        for seq in 0..inputs[*i].bytes.div_ceil(RANGE) {
            work.push((k, seq));
        }
    }
    let count = |p: &mut Partial, &(k, seq): &(usize, u64)| {
        let (i, file) = &files[k];
        let input = &inputs[*i];
        let start = seq * RANGE;
        let end = (start + RANGE).min(input.bytes);
        let unit = UnitId {
            input: *i as u32,
            seq,
        };
        let range = Range {
            file,
            input,
            start,
            end,
            shrank: &shrank[k],
            notes,
        };
        BUFFER
            .with(|cell| range.read(p, unit, &mut cell.borrow_mut()))
            .map_err(|e| io_error(input.path.as_deref().unwrap_or("-".as_ref()), e))?;
        if let Some(c) = progress {
            c.fetch_add(end - start, Ordering::Relaxed);
        }
        Ok::<_, errcat::Error>(())
    };
    let partial = fold_tree(&work, ranges_per_leaf(work.len()), level, &count)?;
    for (k, s) in shrank.iter().enumerate() {
        if s.short.load(Ordering::Relaxed) {
            let (i, file) = &files[k];
            let now = file.metadata().ok().map(|m| m.len());
            let read = s.read.load(Ordering::Relaxed);
            lock(notes).warnings.push(Warning::shrank(
                &inputs[*i].name(),
                read,
                inputs[*i].bytes,
                now,
            ));
        }
    }
    Ok(partial)
}

/// What the ranges of one file found.
#[derive(Default)]
struct Shrink {
    /// Bytes of the ranges read (each range's own bytes, not the tails read past it).
    read: AtomicU64,
    /// A read ended before the size the file had when it was opened.
    short: std::sync::atomic::AtomicBool,
}

impl Shrink {
    fn short(&self) {
        self.short.store(true, Ordering::Relaxed);
    }
}

/// One range of one file.
struct Range<'a> {
    file: &'a File,
    input: &'a Input,
    start: u64,
    end: u64,
    shrank: &'a Shrink,
    notes: &'a Mutex<Notes>,
}

impl Range<'_> {
    /// Counts the lines that start in `[start, end)`.
    fn read(&self, p: &mut Partial, unit: UnitId, buf: &mut Vec<u8>) -> io::Result<()> {
        let size = self.input.bytes;
        // The byte before the range (to tell whether a line starts at `start`), the range, and a tail.
        let from = self.start.saturating_sub(1);
        let want = ((self.end - from) as usize + FIRST_TAIL).min((size - from) as usize);
        grow(buf, want);
        let mut have = read_at(self.file, &mut buf[..want], from)?;
        let mut short = have < want;
        if short {
            self.shrank.short();
        }
        let mut eof = short || from + have as u64 >= size;
        let rel_end = (self.end - from) as usize;
        let body_end = rel_end.min(have);
        let own = (self.start - from) as usize; // the byte before the range is the previous range's
        self.shrank
            .read
            .fetch_add(body_end.saturating_sub(own) as u64, Ordering::Relaxed);
        let begin = if self.start == 0 {
            0
        } else {
            match memchr::memchr(b'\n', &buf[..body_end]) {
                Some(nl) => nl + 1,
                None => return Ok(()), // no line starts here
            }
        };
        if begin >= body_end {
            return Ok(()); // the next line starts in the next range (or the file shrank before it)
        }
        // The start of the last line that starts in the range.
        let last = memchr::memrchr(b'\n', &buf[begin..body_end]).map_or(begin, |nl| begin + nl + 1);
        if last == rel_end {
            p.feed(unit, &buf[begin..rel_end]); // the range ends with a `\n`
            return Ok(());
        }
        let mut search = body_end;
        loop {
            if let Some(nl) = memchr::memchr(b'\n', &buf[search..have]) {
                p.feed(unit, &buf[begin..search + nl + 1]);
                return Ok(());
            }
            search = have;
            if eof {
                // The last line has no `\n`.
                if short {
                    // Cut by the shrink: not a line the writer wrote; the warning gives the bytes read.
                    p.feed(unit, &buf[begin..last]);
                } else if self.input.active {
                    p.feed(unit, &buf[begin..last]);
                    lock(self.notes).in_flight.push(in_flight(
                        self.input,
                        (have - last) as u64,
                        &buf[last..have],
                    ));
                } else {
                    p.feed(unit, &buf[begin..have]);
                }
                return Ok(());
            }
            if have - last > MAX_LINE_BYTES {
                // Too long to keep: count it once, measure it without holding it.
                let len = self.measure(from + have as u64, (have - last) as u64)?;
                let head = &buf[last..(last + HEAD).min(have)];
                p.feed_too_long(unit, &buf[begin..last], head, len);
                return Ok(());
            }
            let more = TAIL.min((size - from) as usize - have);
            grow(buf, have + more);
            let got = read_at(self.file, &mut buf[have..have + more], from + have as u64)?;
            if got < more {
                short = true;
                self.shrank.short();
            }
            have += got;
            eof = short || from + have as u64 >= size;
        }
    }

    /// The length of a line whose first `seen` bytes end at `offset`: read on (in a small buffer) to its `\n`, or to
    /// the end of what the file held when opened.
    fn measure(&self, mut offset: u64, mut seen: u64) -> io::Result<u64> {
        let mut scratch = vec![0u8; TAIL];
        let size = self.input.bytes;
        while offset < size {
            let want = TAIL.min((size - offset) as usize);
            let got = read_at(self.file, &mut scratch[..want], offset)?;
            if let Some(nl) = memchr::memchr(b'\n', &scratch[..got]) {
                return Ok(seen + nl as u64);
            }
            seen += got as u64;
            offset += got as u64;
            if got < want {
                self.shrank.short();
                break;
            }
        }
        Ok(seen)
    }
}

/// Makes `buf` at least `n` bytes long (its bytes are overwritten by reads; zeroed only when it grows).
fn grow(buf: &mut Vec<u8>, n: usize) {
    if buf.len() < n {
        buf.resize(n, 0);
    }
}

/// Fills `buf` from `offset` with positioned reads; fewer bytes than asked only at the end of the file.
pub(crate) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    #[cfg(unix)]
    use std::os::unix::fs::FileExt;
    #[cfg(windows)]
    use std::os::windows::fs::FileExt;
    let mut n = 0;
    while n < buf.len() {
        #[cfg(unix)]
        let r = file.read_at(&mut buf[n..], offset + n as u64);
        #[cfg(windows)]
        let r = file.seek_read(&mut buf[n..], offset + n as u64);
        match r {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
