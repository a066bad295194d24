//! Gzip logs through `errcat_audit::analyze`: a gzip file built from the input (one member or two, as a file or
//! through a pipe), and broken gzip (the magic followed by the input, or a valid file cut short).
//!
//! Input: byte 0 picks the mode, byte 1 where to cut (the member boundary or the truncation), the rest is the log.
//! Invariants:
//! - a well-formed gzip file, of one member or several, gives exactly the report of the plain log (line by line,
//!   as in `audit_stream`), from a file and from a pipe alike, and the input is reported as gzip;
//! - broken gzip gives an `Io` error or a report that keeps every invariant of a report; never a panic, and memory
//!   stays bounded (`-rss_limit_mb`).

use std::io::Write;

use errcat::ErrorKind;
use errcat_audit::analyze;
use flate2::write::GzEncoder;
use flate2::Compression;

use super::audit_stream::{options, through_pipe};
use super::support::{check_report, check_report_shape, ended, ScratchFile};

fn gzip(data: &[u8], level: u32) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::new(level));
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

pub fn run(data: &[u8]) {
    let (mode, cut, log) = match data {
        [mode, cut, log @ ..] => (*mode, usize::from(*cut), log),
        _ => return,
    };
    let options = options(log);
    let level = (cut % 10) as u32;
    match mode % 4 {
        // One member, or two cut at `cut` (MultiGzDecoder reads on after the first).
        0 | 1 => {
            let gz = if mode % 4 == 0 {
                gzip(log, level)
            } else {
                let at = cut.min(log.len());
                [gzip(&log[..at], level), gzip(&log[at..], level)].concat()
            };
            let file = ScratchFile::new(".log.gz", &gz);
            let report = analyze(&[file.path().to_path_buf()], &options).expect("valid gzip");
            assert!(report.inputs[0].gzip);
            assert_eq!(report.inputs[0].bytes, gz.len() as u64);
            check_report(&report, &ended(log)); // a gzip file is complete: nothing in flight
        }
        // Through a pipe: gzip recognised by peeking at the stream.
        2 => {
            let gz = gzip(log, level);
            if let Some(report) = through_pipe(&gz, &options) {
                let report = report.expect("valid gzip");
                assert!(report.inputs[0].gzip);
                assert_eq!(report.inputs[0].bytes, gz.len() as u64);
                check_report(&report, &ended(log)); // a gzip file is complete: nothing in flight
            }
        }
        // Broken: the magic and then anything, or a valid file cut short.
        _ => {
            let broken = if cut % 2 == 0 {
                [&[0x1f, 0x8b][..], log].concat()
            } else {
                let gz = gzip(log, level);
                gz[..gz.len() * (cut / 2) / 128].to_vec()
            };
            let file = ScratchFile::new(".gz", &broken);
            match analyze(&[file.path().to_path_buf()], &options) {
                Ok(report) => check_report_shape(&report),
                Err(e) => assert_eq!(e.kind(), ErrorKind::Io, "{e:?}"),
            }
        }
    }
}
