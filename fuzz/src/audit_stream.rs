//! A whole log through `errcat_audit::analyze`: as a regular file (mapped, cut into ranges, parsed on all cores)
//! and as a stream (a pipe, read once by one thread in blocks), against the same log counted line by line.
//!
//! Input: the log's bytes; the first byte also picks `max_api_level` (2, 3 or 4). Invariants:
//! - lines read = lines counted + malformed lines, and each figure is the line-by-line one: the hot path (one pass
//!   for TABs and newlines, `parse_hot`, the api-label cache) counts exactly what `parse_line` and `Record::api`
//!   say, series for series `(service, api, method, host, code)`, malformed lines by kind and by line number;
//! - the file and the pipe give the same report, but for an unfinished last line: in flight in the file (it may
//!   still be written), a line of the pipe (the stream ended);
//! - the report's JSON parses, and its Prometheus text parses back to its series.

use std::path::PathBuf;

use errcat_audit::{analyze, AuditOptions, Report};

use super::support::{check_report, ended, Expected, ScratchFile};

/// The options of a fuzzed analysis: the level from the first byte.
pub fn options(data: &[u8]) -> AuditOptions {
    AuditOptions {
        max_api_level: data.first().map_or(2, |b| 2 + usize::from(b % 3)),
        ..AuditOptions::default()
    }
}

pub fn run(data: &[u8]) {
    let options = options(data);
    let file = ScratchFile::new(".log", data);
    let analysed = analyze(&[file.path().to_path_buf()], &options);
    if data.starts_with(&[0x1f, 0x8b]) {
        // Read as gzip: the audit_gzip target's. Whatever it holds, a report or an Io error.
        if let Err(e) = analysed {
            assert_eq!(e.kind(), errcat::ErrorKind::Io, "{e:?}");
        }
        return;
    }
    let report = analysed.expect("a readable file");
    assert!(!report.inputs[0].gzip);
    check_report(&report, data);
    if let Some(piped) = through_pipe(data, &options) {
        let piped = piped.expect("a pipe reads");
        // A stream that ended has nothing in flight: its unfinished last line is a line.
        assert_eq!(Expected::from_report(&piped), Expected::of(&ended(data), piped.max_api_level));
        assert!(piped.in_flight.is_empty(), "{:?}", piped.in_flight);
        assert_eq!(piped.inputs[0].bytes, data.len() as u64);
    }
}

/// `analyze` of `data` written into a pipe by another thread (`/proc/self/fd/N` names the read end), so that the
/// stream reader reads it; `None` where there is no `/proc`. A successful analysis must have read the whole stream.
///
/// Known, reported for audit/src/input.rs: the stream reader gives up on `EINTR` (a signal handled without
/// `SA_RESTART`, as libFuzzer's own timeout alarm is, arriving while it waits on the pipe). That answer is not an
/// input's fault and is skipped here (`None`) until the reader retries.
pub fn through_pipe(data: &[u8], options: &AuditOptions) -> Option<errcat::Result<Report>> {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    let (mut reader, mut writer) = std::io::pipe().ok()?;
    let path = PathBuf::from(format!("/proc/self/fd/{}", reader.as_raw_fd()));
    if !path.exists() {
        return None;
    }
    let owned = data.to_vec();
    let feeder = std::thread::spawn(move || writer.write_all(&owned));
    let report = analyze(&[path], options);
    // Whatever the analysis did, the writer must be able to finish (a write to a pipe without a reader would end a
    // libFuzzer process with SIGPIPE): read what it left.
    let mut unread = Vec::new();
    reader.read_to_end(&mut unread).expect("the pipe reads");
    feeder.join().expect("the writer thread").expect("the pipe takes the data");
    if report.is_ok() {
        assert!(
            unread.is_empty(),
            "the analysis left {} of {} bytes of the stream unread",
            unread.len(),
            data.len()
        );
    }
    Some(report)
}
