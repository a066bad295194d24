//! One audit-log line through `errcat_audit::parse_line` (TAB format mostly; JSON lines are `audit_json`'s).
//!
//! Input: the line's bytes. Invariants:
//! - a record has a non-empty module without `@`, a status in 0..=999, and 12, 13 or 14 TAB fields (0 for JSON);
//! - a TAB record is the plain split of the line at its TABs (the parser finds them with `memchr` and a fixed
//!   layout): method, path, headers, params, body are those fields, the numbers are their decimal values, and
//!   with 13 fields the extra TAB lies in the path or in the body;
//! - a `FieldCount` error carries the number of fields, which is not 12, 13 or 14; `Empty` means white space;
//! - a trailing `\r` is ignored, and anything before a line's `REQ<TAB>` without a `{` is skipped (`grep -n`);
//! - the record's api label is computed at every level without panicking, and is the one `api_label` gives.

use errcat_audit::{api_label, parse_line, LineFormat, MalformedKind, Record};

pub fn run(data: &[u8]) {
    let parsed = parse_line(data);
    assert_eq!(parse_line(data), parsed, "deterministic");
    if !data.ends_with(b"\r") {
        let mut crlf = data.to_vec();
        crlf.push(b'\r');
        assert_eq!(parse_line(&crlf), parsed, "a trailing CR is ignored");
    }
    if data.starts_with(b"REQ\t") {
        let mut grep = b"42:".to_vec();
        grep.extend_from_slice(data);
        assert_eq!(parse_line(&grep), parsed, "a grep -n prefix is skipped");
    }
    match &parsed {
        Ok(rec) => check_record(data, rec),
        Err(m) => {
            assert!(!m.reason().is_empty());
            match m.kind {
                MalformedKind::FieldCount => {
                    assert!(!matches!(m.fields, 12..=14), "{m:?}");
                    let from = tab_line(data).expect("a field count error on a REQ line");
                    assert_eq!(m.fields, from.split(|&b| b == b'\t').count(), "{m:?}");
                }
                MalformedKind::Empty => assert!(data.iter().all(u8::is_ascii_whitespace)),
                _ => {}
            }
        }
    }
}

/// The part of `line` from its `REQ<TAB>` on, when it is read as a TAB line (no `{` before it), `\r` stripped.
fn tab_line(line: &[u8]) -> Option<&[u8]> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let at = line.windows(4).position(|w| w == b"REQ\t")?;
    (!line[..at].contains(&b'{')).then_some(&line[at..])
}

/// A decimal number the way the audit log writes one: digits only, at most 19.
fn decimal(field: &[u8]) -> Option<Option<u64>> {
    if field.is_empty() {
        return Some(None);
    }
    if field.len() > 19 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(field).ok()?.parse().ok().map(Some)
}

fn check_record(data: &[u8], rec: &Record<'_>) {
    assert!(!rec.module.is_empty());
    assert!(!rec.module.contains(&b'@'));
    assert!(rec.status <= 999);
    match rec.format {
        LineFormat::Json => assert_eq!(rec.fields, 0),
        LineFormat::Tab => {
            let line = tab_line(data).expect("a TAB record comes from a REQ line");
            let f: Vec<&[u8]> = line.split(|&b| b == b'\t').collect();
            assert_eq!(rec.fields, f.len());
            let join = |a: &[u8], b: &[u8]| [a, b"\t", b].concat();
            // Logical fields 0..=11 from the physical ones: the 13th field is an extra TAB in the path or the
            // body; a 14th field is ignored.
            let logical: Vec<Vec<u8>> = match f.len() {
                12 | 14 => f[..12].iter().map(|x| x.to_vec()).collect(),
                13 if rec.path.as_ref() == join(f[4], f[5]).as_slice() => {
                    let mut v: Vec<Vec<u8>> = f[..4].iter().map(|x| x.to_vec()).collect();
                    v.push(join(f[4], f[5]));
                    v.extend(f[6..].iter().map(|x| x.to_vec()));
                    v
                }
                13 => {
                    let mut v: Vec<Vec<u8>> = f[..9].iter().map(|x| x.to_vec()).collect();
                    v.push(join(f[9], f[10]));
                    v.extend(f[11..].iter().map(|x| x.to_vec()));
                    v
                }
                n => panic!("a record with {n} fields"),
            };
            assert_eq!(logical.len(), 12);
            let module_field = &logical[1];
            let (module, host) = match module_field.iter().position(|&b| b == b'@') {
                Some(at) => (&module_field[..at], &module_field[at + 1..]),
                None => (&module_field[..], &b""[..]),
            };
            assert_eq!(rec.module.as_ref(), module);
            assert_eq!(rec.host.as_ref(), host);
            assert_eq!(Some(rec.start_time), decimal(&logical[2]));
            assert_eq!(rec.method.as_ref(), logical[3].as_slice());
            assert_eq!(rec.path.as_ref(), logical[4].as_slice());
            assert_eq!(rec.req_header.as_ref(), logical[5].as_slice());
            assert_eq!(rec.req_params.as_ref(), logical[6].as_slice());
            assert_eq!(Some(Some(u64::from(rec.status))), decimal(&logical[7]));
            assert_eq!(rec.resp_header.as_ref(), logical[8].as_slice());
            assert_eq!(rec.resp_body.as_ref(), logical[9].as_slice());
            assert_eq!(Some(rec.resp_length), decimal(&logical[10]));
            assert_eq!(Some(rec.duration_us), decimal(&logical[11]));
        }
    }
    for level in 0..6 {
        let label = rec.api(level);
        assert!(!label.is_empty());
        if let (Ok(m), Ok(me), Ok(p)) = (
            std::str::from_utf8(&rec.module),
            std::str::from_utf8(&rec.method),
            std::str::from_utf8(&rec.path),
        ) {
            assert_eq!(label, api_label(m, me, p, level));
        }
    }
}
