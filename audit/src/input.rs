//! Inputs: files, directories (rotated files ordered by their base36 index), `-` for stdin, gzip recognised by
//! its magic bytes. Plain files are cut into ranges at line boundaries and read by all cores; streams (stdin,
//! gzip) are read by one thread and cut into blocks that all cores parse. Memory holds a few blocks per core,
//! never the whole input.

use std::cell::RefCell;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use memmap2::Mmap;
use rayon::prelude::*;

use super::filter::Setup;
use super::stats::{Partial, UnitId};
use errcat::{Error, ErrorKind, Result};

/// Size of a range of a plain file, and of a block cut from a stream.
pub(crate) const CHUNK: u64 = 8 << 20;

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
    /// A regular file: it can be measured, mapped and read in ranges. Anything else (stdin, a FIFO, a pipe such as
    /// `<(zcat log.gz)`, a character device) is a stream: opened once and read front to back.
    pub regular: bool,
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
        let meta = fs::metadata(&path).map_err(|e| io_error(&path, e))?;
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

/// Opens the inputs: sizes and gzip magic.
pub(crate) fn open_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    expand_paths(paths)?
        .into_iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                return Ok(Input {
                    path: None,
                    bytes: 0,
                    gzip: false,
                    regular: false,
                });
            }
            // Metadata first: reading the magic of a FIFO would consume bytes nobody can read again.
            let meta = fs::metadata(&p).map_err(|e| io_error(&p, e))?;
            if !meta.is_file() {
                return Ok(Input {
                    path: Some(p),
                    bytes: 0,
                    gzip: false,
                    regular: false,
                });
            }
            let mut f = File::open(&p).map_err(|e| io_error(&p, e))?;
            let mut magic = [0u8; 2];
            let n = read_full(&mut f, &mut magic).map_err(|e| io_error(&p, e))?;
            Ok(Input {
                gzip: n == 2 && magic == [0x1f, 0x8b],
                path: Some(p),
                bytes: meta.len(),
                regular: true,
            })
        })
        .collect()
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

/// Reads every input and counts it; records in `inputs` what only reading tells (stdin: bytes, gzip).
pub(crate) fn run(
    inputs: &mut [Input],
    level: &Arc<Setup>,
    progress: Option<&AtomicU64>,
) -> Result<Partial> {
    // Plain files: mapped into memory when possible (no copy out of the page cache), else read range by range;
    // ranges are parsed in parallel either way.
    let maps: Vec<Option<Mmap>> = inputs
        .iter()
        .map(|input| match (&input.path, input.gzip) {
            (Some(path), false) if input.regular && input.bytes > 0 => map_file(path),
            _ => None,
        })
        .collect();
    let mut ranges = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if let (Some(path), false, true) = (&input.path, input.gzip, input.regular) {
            let source = match &maps[i] {
                // Only what the file held when it was opened, as the read path does.
                Some(map) => Source::Mapped(map, map.len().min(input.bytes as usize)),
                None => Source::Read(path.as_path()),
            };
            let n = input.bytes.div_ceil(CHUNK).max(1);
            for seq in 0..n {
                let start = seq * CHUNK;
                let end = (start + CHUNK).min(input.bytes);
                ranges.push((i as u32, seq, source, start, end, input.bytes));
            }
        }
    }
    let files = ranges
        .into_par_iter()
        .try_fold(
            || Partial::new(level),
            |mut p, (input, seq, source, start, end, len)| {
                let unit = UnitId { input, seq };
                match source {
                    Source::Mapped(map, len) => feed_mapped(&mut p, unit, map, len, start, end),
                    Source::Read(path) => {
                        with_range(path, start, end, len, |data| p.feed(unit, data))
                            .map_err(|e| io_error(path, e))?
                    }
                }
                if let Some(c) = progress {
                    c.fetch_add(end - start, Ordering::Relaxed);
                }
                Ok::<_, Error>(p)
            },
        )
        .try_reduce(|| Partial::new(level), |a, b| Ok(a.merge(b)))?;
    drop(maps);
    let mut total = files;
    // Streams (gzip files, stdin, FIFOs and pipes): one reader thread, blocks parsed by all cores.
    for (i, input) in inputs.iter_mut().enumerate() {
        if input.regular && !input.gzip {
            continue;
        }
        let name = input.path.clone().unwrap_or_else(|| PathBuf::from("-"));
        let partial = match &input.path {
            Some(path) if input.regular => {
                let f = File::open(path).map_err(|e| io_error(path, e))?;
                let counted = Counting {
                    inner: f,
                    progress,
                    read: None,
                };
                let r = MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counted));
                run_stream(i as u32, r, level).map_err(|e| io_error(path, e))?
            }
            Some(path) => {
                let f = File::open(path).map_err(|e| io_error(path, e))?;
                sniff_stream(i as u32, f, input, level, progress).map_err(|e| io_error(&name, e))?
            }
            None => sniff_stream(i as u32, io::stdin(), input, level, progress)
                .map_err(|e| io_error(&name, e))?,
        };
        total = total.merge(partial);
    }
    total.seal();
    Ok(total)
}

/// Reads a stream that can be read only once: gzip is recognised by peeking at the buffered first bytes, and
/// `input` learns the bytes read and whether they were gzip.
fn sniff_stream<R: Read + Send>(
    seq: u32,
    reader: R,
    input: &mut Input,
    level: &Arc<Setup>,
    progress: Option<&AtomicU64>,
) -> io::Result<Partial> {
    let read = AtomicU64::new(0);
    let counted = Counting {
        inner: reader,
        progress,
        read: Some(&read),
    };
    let mut buffered = BufReader::with_capacity(1 << 16, counted);
    input.gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let out = if input.gzip {
        run_stream(seq, MultiGzDecoder::new(buffered), level)
    } else {
        run_stream(seq, buffered, level)
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
        let n = self.inner.read(buf)?;
        for c in [self.progress, self.read].into_iter().flatten() {
            c.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// Reads a stream in blocks cut after a `\n` and parses them on all cores.
fn run_stream<R: Read + Send>(
    input: u32,
    mut reader: R,
    level: &Arc<Setup>,
) -> io::Result<Partial> {
    let (tx, rx) = sync_channel::<(u64, Vec<u8>)>(2);
    std::thread::scope(|s| {
        let producer = s.spawn(move || -> io::Result<()> {
            let mut seq = 0;
            let mut buf: Vec<u8> = Vec::with_capacity(CHUNK as usize);
            loop {
                let before = buf.len();
                let n = (&mut reader).take(CHUNK).read_to_end(&mut buf)?;
                if n == 0 {
                    if !buf.is_empty() {
                        let _ = tx.send((seq, buf));
                    }
                    return Ok(());
                }
                let Some(nl) = memchr::memrchr(b'\n', &buf[before..]) else {
                    continue; // a line longer than a block: keep reading
                };
                let cut = before + nl + 1;
                let mut next = Vec::with_capacity(CHUNK as usize);
                next.extend_from_slice(&buf[cut..]);
                buf.truncate(cut);
                if tx.send((seq, std::mem::replace(&mut buf, next))).is_err() {
                    return Ok(());
                }
                seq += 1;
            }
        });
        let partial = rx
            .into_iter()
            .par_bridge()
            .fold(
                || Partial::new(level),
                |mut p, (seq, data)| {
                    p.feed(UnitId { input, seq }, &data);
                    p
                },
            )
            .reduce(|| Partial::new(level), Partial::merge);
        producer
            .join()
            .map_err(|_| io::Error::other("the reader thread panicked"))??;
        Ok(partial)
    })
}

/// Where the bytes of a plain file come from.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// The file mapped into memory, and its length when opened (what is read of it).
    Mapped(&'a Mmap, usize),
    /// Read with `read(2)`, range by range.
    Read(&'a Path),
}

/// Maps a regular, non-empty file read-only; `None` when it is not a regular file or cannot be mapped (the
/// caller then reads it).
fn map_file(path: &Path) -> Option<Mmap> {
    let file = File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    // SAFETY: the map is only read, as plain bytes. Another process may change the file meanwhile: appended bytes
    // are not looked at (only the length seen when the inputs were opened is), rewritten bytes are read as they
    // are at that moment (like `read(2)` would), and truncating a file that is being analysed is the one case
    // that can stop the process (SIGBUS), as it would for any tool that maps its input.
    let map = unsafe { Mmap::map(&file) }.ok()?;
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    Some(map)
}

/// Counts the lines that start in `[start, end)` of a mapped file whose first `len` bytes are read. The range's
/// pages are unmapped right after, by the worker that read them, instead of all at once by one thread at the end
/// (the file's pages stay in the page cache).
fn feed_mapped(p: &mut Partial, unit: UnitId, map: &Mmap, len: usize, start: u64, end: u64) {
    p.feed(unit, lines_in(&map[..len], start, end));
    // SAFETY: the map is a read-only view of a file. Dropping the page-table entries of these pages does not change
    // what they hold: a later read (the previous range reading its last line on into this one) maps the same
    // page-cache pages again.
    #[cfg(unix)]
    {
        let (from, to) = ((start as usize).min(len), (end as usize).min(len));
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
        };
    }
}

/// The lines of `data` that start in `[start, end)` (a line starts at 0 or after a `\n`), the last one up to its
/// `\n` even past `end`: the same cut as [`with_range`], without copying.
fn lines_in(data: &[u8], start: u64, end: u64) -> &[u8] {
    let len = data.len();
    let (start, end) = ((start as usize).min(len), (end as usize).min(len));
    let begin = if start == 0 {
        0
    } else {
        match memchr::memchr(b'\n', &data[start - 1..end]) {
            Some(nl) => start + nl,
            None => return &[], // no line starts here
        }
    };
    let finish = if end == len || data[end - 1] == b'\n' {
        end
    } else {
        memchr::memchr(b'\n', &data[end..]).map_or(len, |nl| end + nl + 1)
    };
    &data[begin..finish.max(begin)]
}

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` with the lines that start in `[start, end)` of the file (the last one read to its end, even past
/// `end`). A line starts at 0 or after a `\n`.
fn with_range<R>(
    path: &Path,
    start: u64,
    end: u64,
    len: u64,
    f: impl FnOnce(&[u8]) -> R,
) -> io::Result<R> {
    BUFFER.with(|cell| {
        let mut buf = cell.borrow_mut();
        buf.clear();
        // One allocation per thread, touched once: a range, its line tail, and the byte before it.
        buf.reserve(CHUNK as usize + (1 << 20));
        let mut file = File::open(path)?;
        let from = start.saturating_sub(1);
        file.seek(SeekFrom::Start(from))?;
        (&mut file).take(end - from).read_to_end(&mut buf)?;
        let begin = if start == 0 {
            0
        } else {
            match memchr::memchr(b'\n', &buf) {
                Some(nl) => nl + 1,
                None => buf.len(), // no line starts here
            }
        };
        if begin < buf.len() && end < len && buf.last() != Some(&b'\n') {
            // The last line started here: read on to its end.
            let mut more = [0u8; 1 << 14];
            loop {
                let n = file.read(&mut more)?;
                if n == 0 {
                    break;
                }
                match memchr::memchr(b'\n', &more[..n]) {
                    Some(nl) => {
                        buf.extend_from_slice(&more[..=nl]);
                        break;
                    }
                    None => buf.extend_from_slice(&more[..n]),
                }
            }
        }
        let out = f(&buf[begin..]);
        if buf.capacity() > 4 * CHUNK as usize {
            *buf = Vec::new();
        }
        Ok(out)
    })
}
