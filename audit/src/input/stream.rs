//! Streams (stdin, FIFOs, pipes, gzip): one thread reads blocks cut after a `\n` and all cores parse them. No line
//! is held longer than [`MAX_LINE_BYTES`]: a longer one is skipped up to its `\n` in constant memory and counted
//! once as `too_long`, so memory stays a few blocks whatever the input (`/dev/zero` included).

use std::io::{self, Read};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{lock, CHUNK};
use crate::filter::Setup;
use crate::reduce::InOrder;
use crate::stats::{Partial, UnitId};
use crate::MAX_LINE_BYTES;

/// Bytes of a too-long line kept for its excerpt.
const HEAD: usize = 480;

/// A block of complete lines, maybe followed by one line too long to keep (its head and length).
struct Block {
    seq: u64,
    lines: Vec<u8>,
    too_long: Option<(Vec<u8>, u64)>,
}

/// Reads `reader` to its end; returns what was counted and the read error that stopped it, if any (the blocks
/// read before an error are counted).
pub(crate) fn run_stream<R: Read + Send>(
    input: u32,
    reader: R,
    level: &Arc<Setup>,
) -> (Partial, Option<io::Error>) {
    let (tx, rx) = sync_channel::<Block>(2);
    std::thread::scope(|s| {
        let producer = s.spawn(move || produce(reader, |b| tx.send(b).is_ok()));
        // Each block into its own partial, merged in block order (see `crate::reduce`).
        let merged = Mutex::new(InOrder::new(level));
        rx.into_iter().par_bridge().for_each(|b| {
            let mut p = Partial::new(level);
            let unit = UnitId { input, seq: b.seq };
            match &b.too_long {
                Some((head, len)) => p.feed_too_long(unit, &b.lines, head, *len),
                None => p.feed(unit, &b.lines),
            }
            lock(&merged).add(b.seq, p);
        });
        let partial = merged
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .finish();
        let error = match producer.join() {
            Ok(r) => r.err(),
            Err(_) => Some(io::Error::other("the reader thread panicked")),
        };
        (partial, error)
    })
}

/// Reads blocks of about [`CHUNK`] bytes cut after a `\n` and hands them to `send` (false = stop).
fn produce<R: Read>(mut reader: R, mut send: impl FnMut(Block) -> bool) -> io::Result<()> {
    let mut cutter = Cutter::default();
    let mut seq = 0;
    let stopped = std::cell::Cell::new(false);
    let mut out = |lines: Vec<u8>, too_long: Option<(Vec<u8>, u64)>| {
        if !stopped.get() {
            stopped.set(!send(Block {
                seq,
                lines,
                too_long,
            }));
            seq += 1;
        }
    };
    loop {
        let n = cutter.read(
            CHUNK as usize,
            |buf| (&mut reader).take(CHUNK).read_to_end(buf),
            &mut out,
        )?;
        if n == 0 {
            cutter.finish(&mut out);
            return Ok(());
        }
        if cutter.buffered() >= CHUNK as usize {
            cutter.flush(&mut out);
        }
        if stopped.get() {
            return Ok(());
        }
    }
}

/// Cuts bytes that arrive in pieces into blocks of whole lines, holding at most [`MAX_LINE_BYTES`] of an unfinished
/// line: a longer one is skipped up to its `\n` (its head and length kept) and handed out on its own.
#[derive(Default)]
pub(crate) struct Cutter {
    /// Whole lines, then the unfinished one from `line_start`.
    buf: Vec<u8>,
    line_start: usize,
    /// Inside a too-long line: its head and its bytes so far.
    skip: Option<(Vec<u8>, u64)>,
    scratch: Vec<u8>,
}

/// Receives a block of whole lines, or (with empty lines) one too-long line's head and length.
pub(crate) type Out<'a> = dyn FnMut(Vec<u8>, Option<(Vec<u8>, u64)>) + 'a;

impl Cutter {
    /// Appends what `read` adds to the vector it is given (at most about `max` bytes); returns that count.
    pub fn read(
        &mut self,
        max: usize,
        read: impl FnOnce(&mut Vec<u8>) -> io::Result<usize>,
        out: &mut Out<'_>,
    ) -> io::Result<usize> {
        if self.skip.is_some() {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            scratch.reserve(max.min(CHUNK as usize));
            let got = read(&mut scratch);
            if let Ok(n) = got {
                self.skipped(&scratch[..n], out);
            }
            self.scratch = scratch;
            return got;
        }
        let before = self.buf.len();
        let got = read(&mut self.buf)?;
        self.appended(before, out);
        Ok(got)
    }

    /// Bytes `data` of a too-long line (and maybe what follows its end).
    fn skipped(&mut self, data: &[u8], out: &mut Out<'_>) {
        let Some((_, len)) = &mut self.skip else {
            return;
        };
        match memchr::memchr(b'\n', data) {
            None => *len += data.len() as u64,
            Some(nl) => {
                *len += nl as u64;
                let skip = self.skip.take();
                out(Vec::new(), skip);
                let before = self.buf.len();
                self.buf.extend_from_slice(&data[nl + 1..]);
                self.appended(before, out);
            }
        }
    }

    /// `buf[before..]` was just appended.
    fn appended(&mut self, before: usize, out: &mut Out<'_>) {
        if let Some(nl) = memchr::memrchr(b'\n', &self.buf[before..]) {
            self.line_start = before + nl + 1;
        }
        if self.buf.len() - self.line_start > MAX_LINE_BYTES {
            // The unfinished line is too long: hand out the whole lines before it, keep its head, skip the rest.
            let start = self.line_start;
            let head = self.buf[start..start + HEAD].to_vec();
            let len = (self.buf.len() - start) as u64;
            self.buf.truncate(start);
            self.flush(out);
            self.buf = Vec::new(); // give the memory back while skipping
            self.skip = Some((head, len));
        }
    }

    /// Bytes held (whole lines and the unfinished one).
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Hands out the whole lines held; keeps the unfinished one.
    pub fn flush(&mut self, out: &mut Out<'_>) {
        if self.line_start == 0 {
            return;
        }
        let rest = self.buf[self.line_start..].to_vec();
        let mut lines = std::mem::replace(&mut self.buf, rest);
        lines.truncate(self.line_start);
        self.line_start = 0;
        out(lines, None);
    }

    /// The end of the input: everything held is handed out, an unfinished last line as a line.
    pub fn finish(&mut self, out: &mut Out<'_>) {
        if let Some(skip) = self.skip.take() {
            out(std::mem::take(&mut self.buf), Some(skip));
        } else if !self.buf.is_empty() {
            out(std::mem::take(&mut self.buf), None);
        }
        self.line_start = 0;
    }

    /// The unfinished line: its bytes so far and its beginning (none when nothing is pending).
    pub fn unfinished(&self) -> Option<(u64, &[u8])> {
        match &self.skip {
            Some((head, len)) => Some((*len, head)),
            None if self.buf.len() > self.line_start => {
                let rest = &self.buf[self.line_start..];
                Some((rest.len() as u64, rest))
            }
            None => None,
        }
    }

    /// Forgets everything held (the file was truncated under the reader).
    pub fn reset(&mut self) {
        *self = Cutter::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &[u8]) -> Vec<(usize, Option<u64>)> {
        let mut out = Vec::new();
        produce(input, |b| {
            out.push((b.lines.len(), b.too_long.map(|t| t.1)));
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn a_too_long_line_is_skipped_and_measured() {
        let chunk = CHUNK as usize;
        let mut input = b"a\nb\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', chunk + 5));
        input.extend_from_slice(b"\nc\n");
        assert_eq!(
            blocks(&input),
            [(4, None), (0, Some(chunk as u64 + 5)), (2, None)]
        );
        // Ending inside the line.
        let mut input = b"a\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 2 * chunk));
        assert_eq!(blocks(&input), [(2, None), (0, Some(2 * chunk as u64))]);
        // A long line inside a block stays in it (the accumulator counts it as too long).
        let mut input = vec![b'y'; MAX_LINE_BYTES + 1];
        input.push(b'\n');
        assert_eq!(blocks(&input), [(MAX_LINE_BYTES + 2, None)]);
    }
}
