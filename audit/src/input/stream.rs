//! Streams (stdin, FIFOs, pipes, gzip): one thread reads blocks cut after a `\n` and all cores parse them. No line
//! is held longer than [`MAX_LINE_BYTES`]: a longer one is skipped up to its `\n` in constant memory and counted
//! once as `too_long`, so memory stays a few blocks whatever the input (`/dev/zero` included).

use std::io::{self, Read};
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use super::CHUNK;
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
    level: usize,
) -> (Partial, Option<io::Error>) {
    let (tx, rx) = sync_channel::<Block>(2);
    std::thread::scope(|s| {
        let producer = s.spawn(move || produce(reader, |b| tx.send(b).is_ok()));
        let partial = rx
            .into_iter()
            .par_bridge()
            .fold(
                || Partial::new(level),
                |mut p, b| {
                    let unit = UnitId { input, seq: b.seq };
                    match &b.too_long {
                        Some((head, len)) => p.feed_too_long(unit, &b.lines, head, *len),
                        None => p.feed(unit, &b.lines),
                    }
                    p
                },
            )
            .reduce(|| Partial::new(level), Partial::merge);
        let error = match producer.join() {
            Ok(r) => r.err(),
            Err(_) => Some(io::Error::other("the reader thread panicked")),
        };
        (partial, error)
    })
}

/// Reads blocks of about [`CHUNK`] bytes cut after a `\n` and hands them to `send` (false = stop).
fn produce<R: Read>(mut reader: R, mut send: impl FnMut(Block) -> bool) -> io::Result<()> {
    let mut seq = 0;
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK as usize);
    // Where the current (unfinished) line starts in `buf`.
    let mut line_start = 0usize;
    loop {
        let before = buf.len();
        let n = (&mut reader).take(CHUNK).read_to_end(&mut buf)?;
        if n == 0 {
            if !buf.is_empty() {
                send(Block {
                    seq,
                    lines: buf,
                    too_long: None,
                });
            }
            return Ok(());
        }
        if let Some(nl) = memchr::memrchr(b'\n', &buf[before..]) {
            line_start = before + nl + 1;
        }
        if buf.len() - line_start > MAX_LINE_BYTES {
            // The unfinished line is too long: keep its head, skip the rest up to its `\n`.
            let head = buf[line_start..(line_start + HEAD).min(buf.len())].to_vec();
            let seen = (buf.len() - line_start) as u64;
            buf.truncate(line_start);
            let (len, rest) = skip_line(&mut reader, seen)?;
            let block = Block {
                seq,
                lines: std::mem::replace(&mut buf, Vec::with_capacity(CHUNK as usize)),
                too_long: Some((head, len)),
            };
            if !send(block) {
                return Ok(());
            }
            seq += 1;
            match rest {
                Some(rest) => buf.extend_from_slice(&rest),
                None => return Ok(()), // the stream ended inside the line
            }
            line_start = 0;
            continue;
        }
        if line_start == 0 || buf.len() < CHUNK as usize {
            continue; // no complete line yet, or not a block's worth: read on
        }
        let mut next = Vec::with_capacity(CHUNK as usize);
        next.extend_from_slice(&buf[line_start..]);
        buf.truncate(line_start);
        if !send(Block {
            seq,
            lines: std::mem::replace(&mut buf, next),
            too_long: None,
        }) {
            return Ok(());
        }
        seq += 1;
        line_start = 0;
    }
}

/// Reads on past a line's `seen` bytes to its `\n`; returns its whole length and the bytes read after the `\n`
/// (`None` when the stream ended first).
fn skip_line<R: Read>(reader: &mut R, mut seen: u64) -> io::Result<(u64, Option<Vec<u8>>)> {
    let mut scratch = vec![0u8; 64 << 10];
    loop {
        let n = match reader.read(&mut scratch) {
            Ok(0) => return Ok((seen, None)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        match memchr::memchr(b'\n', &scratch[..n]) {
            Some(nl) => return Ok((seen + nl as u64, Some(scratch[nl + 1..n].to_vec()))),
            None => seen += n as u64,
        }
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
        assert_eq!(blocks(&input), [(4, Some(chunk as u64 + 5)), (2, None)]);
        // Ending inside the line.
        let mut input = b"a\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 2 * chunk));
        assert_eq!(blocks(&input), [(2, Some(2 * chunk as u64))]);
        // A long line inside a block stays in it (the accumulator counts it as too long).
        let mut input = vec![b'y'; MAX_LINE_BYTES + 1];
        input.push(b'\n');
        assert_eq!(blocks(&input), [(MAX_LINE_BYTES + 2, None)]);
    }
}
