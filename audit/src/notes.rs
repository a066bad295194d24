//! What a report says besides the counts: lines in flight at the end of a file still being written, and warnings
//! about inputs that changed under the reader (shrank, vanished, truncated and read again).

use std::io;

use serde::Serialize;

/// A last line without `\n` at the end of a file that may still be written: not counted (neither as a request nor
/// as malformed), since the writer has not finished it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InFlight {
    /// The file.
    pub input: String,
    /// Bytes of the unfinished line read so far.
    pub bytes: u64,
    /// Its beginning (at most 120 characters, TABs shown as `→`).
    pub excerpt: String,
}

impl InFlight {
    pub(crate) fn new(input: String, bytes: u64, head: &[u8]) -> InFlight {
        let text = String::from_utf8_lossy(&head[..head.len().min(480)]);
        let mut excerpt: String = text
            .chars()
            .take(120)
            .map(|c| if c == '\t' { '→' } else { c })
            .collect();
        if text.chars().count() > 120 || bytes > excerpt.len() as u64 {
            excerpt.push('…');
        }
        InFlight {
            input,
            bytes,
            excerpt,
        }
    }
}

/// Something that happened to an input while it was read. The counts cover what was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The file.
    pub input: String,
    /// `shrank` (smaller than when it was opened: `offset` bytes of its `size` read), `vanished` (removed before it could be
    /// read), `truncated` (follow mode: smaller than the bytes already read, as `copytruncate` leaves it: read
    /// again from 0), `unreadable` (follow mode: a read failed; the file is tried again).
    pub kind: &'static str,
    /// Bytes of the input read when it happened.
    pub offset: u64,
    /// The size found then (`shrank`: the size when it was opened).
    pub size: u64,
    /// The same for people, naming the file.
    pub message: String,
}

impl Warning {
    pub(crate) fn shrank(input: &str, read: u64, size: u64, now: Option<u64>) -> Warning {
        let now = now.map_or_else(String::new, |n| format!(", {n} now"));
        Warning {
            message: format!(
                "{input}: the file shrank while it was read ({size} bytes when opened{now}): {read} of {size} \
                 bytes read, the report covers those"
            ),
            input: input.to_string(),
            kind: "shrank",
            offset: read,
            size,
        }
    }

    pub(crate) fn gzip_shrank(input: &str, size: u64, e: &io::Error) -> Warning {
        Warning {
            message: format!(
                "{input}: the gzip file shrank while it was read ({size} bytes when opened; {e}): the report \
                 covers what was decompressed before"
            ),
            input: input.to_string(),
            kind: "shrank",
            offset: 0,
            size,
        }
    }

    pub(crate) fn vanished(input: &str) -> Warning {
        Warning {
            message: format!("{input}: removed before it could be read"),
            input: input.to_string(),
            kind: "vanished",
            offset: 0,
            size: 0,
        }
    }

    pub(crate) fn truncated(input: &str, offset: u64, size: u64) -> Warning {
        Warning {
            message: format!(
                "{input}: truncated to {size} bytes under the reader at byte {offset} (copytruncate?): reading it \
                 again from 0"
            ),
            input: input.to_string(),
            kind: "truncated",
            offset,
            size,
        }
    }

    pub(crate) fn unreadable(input: &str, offset: u64, e: &io::Error) -> Warning {
        Warning {
            message: format!("{input}: read failed at byte {offset}: {e} (tried again)"),
            input: input.to_string(),
            kind: "unreadable",
            offset,
            size: 0,
        }
    }
}

/// The notes of one analysis.
#[derive(Clone, Debug, Default)]
pub(crate) struct Notes {
    pub in_flight: Vec<InFlight>,
    pub warnings: Vec<Warning>,
}

impl Notes {
    /// A deterministic order (by input, then offset), whatever the scheduling.
    pub fn sort(&mut self) {
        self.in_flight.sort_by(|a, b| a.input.cmp(&b.input));
        self.warnings
            .sort_by(|a, b| (&a.input, a.offset, a.kind).cmp(&(&b.input, b.offset, b.kind)));
    }
}
