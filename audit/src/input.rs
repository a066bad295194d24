//! Inputs: files, directories (rotated files ordered by their base36 index), `-` for stdin, gzip recognised by
//! its magic bytes. Plain files are cut into ranges at line boundaries, read with `pread` (never mapped: a file
//! that shrinks while it is read must not stop the process) and parsed by all cores ([`ranges`]); streams (stdin,
//! FIFOs, gzip) are read by one thread and cut into blocks that all cores parse ([`stream`]). Memory holds a few
//! blocks per core, never the whole input, and no line longer than [`MAX_LINE_BYTES`].

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::Mutex;

use flate2::read::MultiGzDecoder;

use super::filter::Setup;
use super::notes::{InFlight, Notes, Warning};
use super::stats::Partial;
use errcat::{Error, ErrorKind, Result};

pub(crate) mod ranges;
pub(crate) mod stream;

/// The longest line kept, in bytes, without its `\n` (1 MiB; an audit-log line is a few KiB: bodies are cut at
/// 2 KiB, request parameters at 1 KiB). A longer line is counted as one malformed line of kind `too_long` and
/// skipped in constant memory, whatever the reader (file, stdin, FIFO, gzip, follow mode).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Size of a block cut from a stream.
pub(crate) const CHUNK: u64 = 8 << 20;

/// Plain files opened at once (each batch's ranges are read by all cores, then its files are closed).
const FILES_PER_BATCH: usize = 128;

/// How deep directories are followed (guards against symlink loops).
const MAX_DEPTH: usize = 32;

/// One file to read, or stdin.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// `None` = stdin.
    pub path: Option<PathBuf>,
    /// Bytes on disk (0 for stdin until read).
    pub bytes: u64,
    pub gzip: bool,
    /// A regular file: it can be measured and read in ranges. Anything else (stdin, a FIFO, a pipe such as
    /// `<(zcat log.gz)`, a character device) is a stream: opened once and read front to back.
    pub regular: bool,
    /// A plain file that may still be written: no other input of its directory has a higher rotation index. A
    /// last line without `\n` at its end is in flight (not counted); in an older file it counts.
    pub active: bool,
}

impl Input {
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }
}

fn io_error(path: &Path, e: io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{}: {e}", path.display()))
}

/// The rotation index and start offset of a file named `<index base36>-<offset base36><suffix>` (`0-0`,
/// `1-8vn08w`, `0-0.log`, `2-1a.gz`), as the blobstore's large-file log names them.
///
/// ```
/// use errcat_audit::rotation_index;
/// assert_eq!(rotation_index("1-8vn08w"), Some((1, 536_870_912)));
/// assert_eq!(rotation_index("a-0.log"), Some((10, 0)));
/// assert_eq!(rotation_index("audit.log"), None);
/// ```
pub fn rotation_index(name: &str) -> Option<(u64, u64)> {
    let (index, rest) = name.split_once('-')?;
    let digits = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let index = u64::from_str_radix(index, 36).ok()?;
    let offset = u64::from_str_radix(&rest[..digits], 36).ok()?;
    Some((index, offset))
}

/// The files `paths` stand for, in reading order: a directory's files by rotation index (then name; files not
/// named like rotated logs after those), then its subdirectories by name; hidden entries are skipped. `-` is
/// stdin. A missing or unreadable path is an `Io` error naming it.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str().is_empty() {
            return Err(Error::new(
                ErrorKind::Io,
                "empty path (name a file, a directory, or - for stdin)",
            ));
        }
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let meta = fs::metadata(p).map_err(|e| io_error(p, e))?;
        if meta.is_dir() {
            walk(p, 0, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::new(
            ErrorKind::Io,
            format!(
                "{}: directories nested too deep (a symlink loop?)",
                dir.display()
            ),
        ));
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            // Removed since the directory was listed (a rotation): nothing to read.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error(&path, e)),
        };
        if meta.is_dir() {
            dirs.push((name, path));
        } else {
            let key = rotation_index(&name).map_or((1, 0, 0), |(i, o)| (0, i, o));
            files.push((key, name, path));
        }
    }
    files.sort();
    dirs.sort();
    out.extend(files.into_iter().map(|(_, _, p)| p));
    for (_, d) in dirs {
        walk(&d, depth + 1, out)?;
    }
    Ok(())
}

/// Opens the inputs: sizes, gzip magic, and which plain files may still be written.
pub(crate) fn open_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = expand_paths(paths)?
        .into_iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                return Ok(Input {
                    path: None,
                    bytes: 0,
                    gzip: false,
                    regular: false,
                    active: false,
                });
            }
            // A file found in a directory and removed since: read as empty, and the report says it vanished.
            let vanished = Input {
                path: Some(p.clone()),
                bytes: 0,
                gzip: false,
                regular: true,
                active: false,
            };
            // Metadata first: reading the magic of a FIFO would consume bytes nobody can read again.
            let meta = match fs::metadata(&p) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vanished),
                m => m.map_err(|e| io_error(&p, e))?,
            };
            if !meta.is_file() {
                return Ok(Input {
                    path: Some(p),
                    bytes: 0,
                    gzip: false,
                    regular: false,
                    active: false,
                });
            }
            let mut f = match File::open(&p) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vanished),
                f => f.map_err(|e| io_error(&p, e))?,
            };
            let mut magic = [0u8; 2];
            let n = read_full(&mut f, &mut magic).map_err(|e| io_error(&p, e))?;
            let gzip = n == 2 && magic == [0x1f, 0x8b];
            Ok(Input {
                gzip,
                path: Some(p),
                bytes: meta.len(),
                regular: true,
                active: !gzip,
            })
        })
        .collect::<Result<Vec<Input>>>()?;
    mark_active(&mut inputs);
    Ok(inputs)
}

/// A plain file is no longer written when another input of the same directory has a higher rotation index (the
/// blobstore writes only the newest index, and never splits a line across files).
fn mark_active(inputs: &mut [Input]) {
    let index = |i: &Input| {
        let p = i.path.as_ref()?;
        let name = p.file_name()?.to_str()?;
        Some((p.parent().map(Path::to_path_buf), rotation_index(name)?.0))
    };
    let mut newest: std::collections::HashMap<Option<PathBuf>, u64> = Default::default();
    for (dir, at) in inputs.iter().filter_map(index) {
        let slot = newest.entry(dir).or_insert(at);
        *slot = (*slot).max(at);
    }
    for i in inputs.iter_mut().filter(|i| i.active) {
        if let Some((dir, at)) = index(i) {
            i.active = newest.get(&dir).is_none_or(|&n| n <= at);
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Total bytes on disk of the inputs `paths` stand for (stdin counts 0): what a progress bar would show.
pub fn input_size(paths: &[PathBuf]) -> Result<u64> {
    Ok(open_inputs(paths)?.iter().map(|i| i.bytes).sum())
}

/// Reads every input and counts it; records in `inputs` what only reading tells (stdin: bytes, gzip), and
/// returns what the report must say besides the counts (files that shrank, lines in flight).
pub(crate) fn run(
    inputs: &mut [Input],
    level: &Arc<Setup>,
    progress: Option<&AtomicU64>,
) -> Result<(Partial, Notes)> {
    let notes = Mutex::new(Notes::default());
    let mut total = Partial::new(level);
    // Plain files, a batch at a time: each file opened once (a rename or an unlink meanwhile changes nothing),
    // its ranges read with pread and parsed on all cores.
    let plain: Vec<usize> = (0..inputs.len())
        .filter(|&i| inputs[i].regular && !inputs[i].gzip)
        .collect();
    for batch in plain.chunks(FILES_PER_BATCH) {
        let mut files = Vec::with_capacity(batch.len());
        for &i in batch {
            let path = inputs[i]
                .path
                .as_deref()
                .expect("a regular file has a path");
            match File::open(path) {
                Ok(f) => files.push((i, f)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => lock(&notes)
                    .warnings
                    .push(Warning::vanished(&inputs[i].name())),
                Err(e) => return Err(io_error(path, e)),
            }
        }
        let partial = ranges::read_files(&files, inputs, level, progress, &notes)?;
        total = total.merge(partial);
    }
    // Streams (gzip files, stdin, FIFOs and pipes): one reader thread, blocks parsed by all cores.
    for (i, input) in inputs.iter_mut().enumerate() {
        if input.regular && !input.gzip {
            continue;
        }
        let name = input.path.clone().unwrap_or_else(|| PathBuf::from("-"));
        let (partial, error) = match &input.path {
            Some(path) if input.regular => {
                let f = match File::open(path) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        lock(&notes).warnings.push(Warning::vanished(&input.name()));
                        continue;
                    }
                    f => f.map_err(|e| io_error(path, e))?,
                };
                let counted = Counting {
                    inner: f,
                    progress,
                    read: None,
                };
                let r = MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counted));
                let (partial, error) = stream::run_stream(i as u32, r, level);
                // A gzip file that shrank while it was read ends early: say so, keep what was read.
                match error {
                    Some(e) if fs::metadata(path).is_ok_and(|m| m.len() < input.bytes) => {
                        lock(&notes).warnings.push(Warning::gzip_shrank(
                            &input.name(),
                            input.bytes,
                            &e,
                        ));
                        (partial, None)
                    }
                    e => (partial, e),
                }
            }
            Some(path) => {
                let f = File::open(path).map_err(|e| io_error(path, e))?;
                sniff_stream(i as u32, f, input, level, progress)
            }
            None => sniff_stream(i as u32, io::stdin(), input, level, progress),
        };
        if let Some(e) = error {
            return Err(io_error(&name, e));
        }
        total = total.merge(partial);
    }
    total.seal();
    let mut notes = notes.into_inner().unwrap_or_else(|p| p.into_inner());
    notes.sort();
    Ok((total, notes))
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Reads a stream that can be read only once: gzip is recognised by peeking at the buffered first bytes, and
/// `input` learns the bytes read and whether they were gzip.
fn sniff_stream<R: Read + Send>(
    seq: u32,
    reader: R,
    input: &mut Input,
    level: &Arc<Setup>,
    progress: Option<&AtomicU64>,
) -> (Partial, Option<io::Error>) {
    let read = AtomicU64::new(0);
    let counted = Counting {
        inner: reader,
        progress,
        read: Some(&read),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, counted);
    let out = match buffered.fill_buf() {
        Err(e) => (Partial::new(level), Some(e)),
        Ok(head) => {
            input.gzip = head.starts_with(&[0x1f, 0x8b]);
            if input.gzip {
                stream::run_stream(seq, MultiGzDecoder::new(buffered), level)
            } else {
                stream::run_stream(seq, buffered, level)
            }
        }
    };
    input.bytes = read.load(Ordering::Relaxed);
    out
}

/// A reader that reports the bytes it reads.
struct Counting<'a, R> {
    inner: R,
    progress: Option<&'a AtomicU64>,
    read: Option<&'a AtomicU64>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // A signal whose handler lacks SA_RESTART (Python's, libFuzzer's alarm) interrupts a read that waits on a
        // pipe: read again, as std's read_to_end does, rather than fail the analysis.
        let n = loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        for c in [self.progress, self.read].into_iter().flatten() {
            c.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// What an in-flight line looks like in the report.
pub(crate) fn in_flight(input: &Input, bytes: u64, head: &[u8]) -> InFlight {
    InFlight::new(input.name(), bytes, head)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader interrupted by a signal (EINTR) before each read that then succeeds.
    struct Interrupting(bool, &'static [u8]);

    impl Read for Interrupting {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0 = !self.0;
            if self.0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            self.1.read(buf)
        }
    }

    #[test]
    fn an_interrupted_read_is_read_again() {
        let mut counting = Counting {
            inner: Interrupting(false, b"REQ\n"),
            progress: None,
            read: None,
        };
        let mut all = Vec::new();
        counting.read_to_end(&mut all).unwrap();
        let mut once = [0u8; 8];
        let mut fresh = Counting {
            inner: Interrupting(false, b"xy"),
            progress: None,
            read: None,
        };
        assert_eq!(
            fresh.read(&mut once).unwrap(),
            2,
            "one read call returns the data, not EINTR"
        );
        assert_eq!(all, b"REQ\n");
    }
}
