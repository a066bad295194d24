//! Partial reports (audit/PARTIAL.md): the decoder of `errcat audit merge` against hostile bytes, and the
//! write–merge round trip against one pass.
//!
//! Input: a selector byte, then the rest. Selector bit 0 clear: the rest is a partial report as received (any
//! bytes). Set: the rest is an audit log, written to a file, analysed once and written as a partial; bits 1–7 then
//! pick a byte of that partial to corrupt (xor with the selector) when they are not 0. Invariants:
//! - merging any bytes gives a report whose lines = counted + malformed, or an `InvalidArgument` error (a partial
//!   of another schema, catalog or setup, or one that does not decode), never a panic or another kind; merging
//!   into a partial (`merge_to_partial`) answers alike, and that partial merges to the same report;
//! - a log's partial, merged alone, gives the report of one pass over the log (`support::Expected`, the series,
//!   the malformed lines, the time span), and a corrupted one is judged like any bytes.

use errcat::ErrorKind;
use errcat_audit::{analyze, merge_partials, merge_to_partial, write_partial, AuditOptions};

use super::support::{check_report_shape, Expected, ScratchFile};

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if selector & 1 == 0 {
        return judge(rest);
    }
    let file = ScratchFile::new(".log", rest);
    let paths = [file.path().to_path_buf()];
    let options = AuditOptions::default();
    let one_pass = analyze(&paths, &options).expect("a readable file");
    let mut bytes = write_partial(&paths, &options).expect("a partial of a readable file");
    let merged = merge_partials(&[("p", &bytes)]).expect("a partial errcat wrote merges");
    check_report_shape(&merged);
    assert_eq!(Expected::from_report(&merged), Expected::from_report(&one_pass));
    assert_eq!(merged.in_flight.len(), one_pass.in_flight.len());
    let at = usize::from(selector >> 1);
    if at > 0 {
        let at = at * 7 % bytes.len();
        bytes[at] ^= selector;
        judge(&bytes);
    }
}

/// Merges `bytes` as one partial, both ways: a report, or an `InvalidArgument` error.
fn judge(bytes: &[u8]) {
    let parts = [("p", bytes)];
    match merge_partials(&parts) {
        Ok(report) => {
            check_report_shape(&report);
            let again = merge_to_partial(&parts).expect("a partial that merges also merges to a partial");
            let report2 = merge_partials(&[("q", &again)]).expect("errcat's own partial merges");
            assert_eq!(Expected::from_report(&report2), Expected::from_report(&report));
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
            let staged = merge_to_partial(&parts).expect_err("a partial that does not merge cannot be merged into one");
            assert_eq!(staged.kind(), ErrorKind::InvalidArgument, "{staged}");
        }
    }
}
