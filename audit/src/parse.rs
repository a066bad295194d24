//! One audit-log line → a [`Record`] borrowing from the line's bytes, or the reason it is malformed.
//!
//! The TAB format (12 fields, 14 accepted, 13 = a TAB inside the path or the response body) is parsed without
//! allocating: fields are found with `memchr` and every text field is a slice of the line. The JSON format
//! (`log_format: json`) is detected per line and parsed by [`super::json_line`].

use std::borrow::Cow;
use std::fmt;

use memchr::{memchr, memchr_iter, memmem};

/// How a line was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineFormat {
    /// TAB-separated fields (the default `log_format`).
    Tab,
    /// One JSON object per line (`log_format: json`).
    Json,
}

/// Why a line could not be counted. The names (`field_count`, …) are part of the JSON report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MalformedKind {
    /// Nothing but white space.
    Empty,
    /// Neither a `REQ<TAB>` field nor a JSON object with `"req_type":"REQ"`.
    NoReq,
    /// Not 12 (13, 14) TAB-separated fields.
    FieldCount,
    /// The module field is empty.
    EmptyModule,
    /// The start time is not a non-negative integer.
    BadStartTime,
    /// The status code is missing, not an integer, or above 999.
    BadStatus,
    /// The response length is not a non-negative integer.
    BadLength,
    /// The duration is not a non-negative integer.
    BadDuration,
    /// A JSON line that is not a well-formed object.
    BadJson,
    /// A line longer than [`crate::MAX_LINE_BYTES`]: skipped (its bytes are not kept), counted once.
    TooLong,
}

impl MalformedKind {
    /// Every kind, in report order.
    pub const ALL: [MalformedKind; 10] = [
        MalformedKind::Empty,
        MalformedKind::NoReq,
        MalformedKind::FieldCount,
        MalformedKind::EmptyModule,
        MalformedKind::BadStartTime,
        MalformedKind::BadStatus,
        MalformedKind::BadLength,
        MalformedKind::BadDuration,
        MalformedKind::BadJson,
        MalformedKind::TooLong,
    ];

    /// The kind's name in the JSON report: `empty`, `no_req`, `field_count`, `empty_module`, `bad_start_time`,
    /// `bad_status`, `bad_length`, `bad_duration`, `bad_json`, `too_long`.
    pub fn name(self) -> &'static str {
        match self {
            MalformedKind::Empty => "empty",
            MalformedKind::NoReq => "no_req",
            MalformedKind::FieldCount => "field_count",
            MalformedKind::EmptyModule => "empty_module",
            MalformedKind::BadStartTime => "bad_start_time",
            MalformedKind::BadStatus => "bad_status",
            MalformedKind::BadLength => "bad_length",
            MalformedKind::BadDuration => "bad_duration",
            MalformedKind::BadJson => "bad_json",
            MalformedKind::TooLong => "too_long",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for MalformedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A line that cannot be counted: the kind, and for [`MalformedKind::FieldCount`] the number of fields found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// Why.
    pub kind: MalformedKind,
    /// TAB-separated fields found (0 for JSON lines and lines without `REQ`).
    pub fields: usize,
}

impl Malformed {
    pub(crate) fn new(kind: MalformedKind) -> Malformed {
        Malformed { kind, fields: 0 }
    }

    /// The reason for people: `9 fields (expected 12 or 14)`, `status code is not an integer in 0..=999`, …
    pub fn reason(&self) -> String {
        match self.kind {
            MalformedKind::Empty => "empty line".into(),
            MalformedKind::NoReq => "no REQ field (not an audit-log line)".into(),
            MalformedKind::FieldCount => {
                format!("{} TAB-separated fields (expected 12 or 14)", self.fields)
            }
            MalformedKind::EmptyModule => "empty module field".into(),
            MalformedKind::BadStartTime => "start time is not a non-negative integer".into(),
            MalformedKind::BadStatus => "status code is not an integer in 0..=999".into(),
            MalformedKind::BadLength => "response length is not a non-negative integer".into(),
            MalformedKind::BadDuration => "duration is not a non-negative integer".into(),
            MalformedKind::BadJson => "not a well-formed JSON audit record".into(),
            MalformedKind::TooLong => {
                format!("line longer than {} bytes", crate::MAX_LINE_BYTES)
            }
        }
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.reason())
    }
}

/// One request of an audit log. Text fields borrow from the line (JSON strings with escapes are unescaped into
/// owned bytes); numbers are parsed; empty numeric fields are `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    /// TAB or JSON.
    pub format: LineFormat,
    /// TAB-separated fields of the line (12, 13 or 14); 0 for JSON lines.
    pub fields: usize,
    /// The module (`BLOBNODE`), without any `@host:port` suffix.
    pub module: Cow<'a, [u8]>,
    /// The `host:port` after `@` in the module field of newer builds (`ACCESS@127.0.0.2:9500`); empty otherwise.
    pub host: Cow<'a, [u8]>,
    /// The start time as written: 100-ns ticks (17 digits) or microseconds (16 digits) since the Unix epoch.
    pub start_time: Option<u64>,
    /// HTTP verb, or `NOT`/`SYN`/`PSH`/`FIN` for rpc2.
    pub method: Cow<'a, [u8]>,
    /// The decoded URL path (may contain a TAB).
    pub path: Cow<'a, [u8]>,
    /// The request header JSON object (raw JSON text), may be empty.
    pub req_header: Cow<'a, [u8]>,
    /// The request params, may be empty.
    pub req_params: Cow<'a, [u8]>,
    /// The HTTP status written (where the blobstore's special codes appear).
    pub status: u16,
    /// The response header JSON object (raw JSON text), may be empty.
    pub resp_header: Cow<'a, [u8]>,
    /// The response body when logged, may be empty.
    pub resp_body: Cow<'a, [u8]>,
    /// Bytes of response body written.
    pub resp_length: Option<u64>,
    /// Request duration in microseconds.
    pub duration_us: Option<u64>,
}

/// Start times at or above this are 100-ns ticks (17 digits since 2001); below, microseconds (16 digits until 2286).
pub const TICKS_THRESHOLD: u64 = 10_000_000_000_000_000;

/// A start time as written → microseconds since the Unix epoch, by magnitude (see [`TICKS_THRESHOLD`]).
pub fn start_time_us(raw: u64) -> u64 {
    if raw >= TICKS_THRESHOLD {
        raw / 10
    } else {
        raw
    }
}

impl Record<'_> {
    /// The start time in microseconds since the Unix epoch (100-ns ticks and microseconds told apart by magnitude).
    pub fn start_us(&self) -> Option<u64> {
        self.start_time.map(start_time_us)
    }

    /// The module as text (lossy for invalid UTF-8).
    pub fn module_str(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.module)
    }

    /// The `api` label of `service_response_code` for this request (see [`super::api_label`]).
    pub fn api(&self, max_api_level: usize) -> String {
        let mut out = Vec::new();
        super::api::write_api(
            &self.module,
            &self.method,
            &self.path,
            max_api_level,
            &mut out,
        );
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Parses one line (without its `\n`; a trailing `\r` is ignored). Anything before the first `REQ<TAB>` is
/// skipped (`grep -n` output parses); a line whose first `{` comes before any `REQ<TAB>` is read as JSON.
///
/// ```
/// use errcat_audit::{parse_line, MalformedKind};
/// let r = parse_line(b"REQ\tBLOBNODE\t16793641137770897\tGET\t/shard/get/diskid/1\t\t\t651\t{}\t\t0\t68").unwrap();
/// assert_eq!((&*r.module, r.status, r.duration_us), (&b"BLOBNODE"[..], 651, Some(68)));
/// assert_eq!(parse_line(b"REQ\tBLOBNODE\t1").unwrap_err().kind, MalformedKind::FieldCount);
/// ```
pub fn parse_line(line: &[u8]) -> Result<Record<'_>, Malformed> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let req = if line.starts_with(b"REQ\t") {
        Some(0)
    } else {
        memmem::find(line, b"REQ\t")
    };
    let brace = match req {
        Some(0) => None,
        Some(at) => memchr(b'{', &line[..at]),
        None => memchr(b'{', line),
    };
    match (req, brace) {
        (_, Some(at)) => super::json_line::parse(&line[at..]),
        (Some(at), None) => parse_tab(&line[at..]),
        (None, None) if line.iter().all(u8::is_ascii_whitespace) => {
            Err(Malformed::new(MalformedKind::Empty))
        }
        (None, None) => Err(Malformed::new(MalformedKind::NoReq)),
    }
}

/// Field positions of the 12 logical fields inside the physical TAB-separated fields.
struct Layout {
    /// Physical field index of each logical field; the path and the body may span two physical fields.
    start: [u8; 12],
    end: [u8; 12],
}

const PLAIN: Layout = Layout {
    start: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    end: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
/// 13 fields, the extra TAB in the path (fields 4 and 5 rejoined).
const TAB_IN_PATH: Layout = Layout {
    start: [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12],
    end: [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12],
};
/// 13 fields, the extra TAB in the response body (an XML body can contain anything).
const TAB_IN_BODY: Layout = Layout {
    start: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12],
    end: [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12],
};

/// The TAB positions of a line (at most 14 kept) and the field count.
pub(crate) struct Fields<'a, 't> {
    line: &'a [u8],
    tabs: &'t [usize; 14],
    count: usize,
}

/// Writes the positions of the first 14 TABs of `line` into `tabs`; returns the field count (TABs + 1).
fn split_tabs(line: &[u8], tabs: &mut [usize; 14]) -> usize {
    let mut n = 0;
    for p in memchr_iter(b'\t', line) {
        if n < tabs.len() {
            tabs[n] = p;
        }
        n += 1;
    }
    n + 1
}

impl<'a, 't> Fields<'a, 't> {
    /// A line (without `\r\n`) whose TAB positions are already known: the first 14 in `tabs` (relative to the
    /// line), `count` fields in all (TABs + 1).
    #[inline]
    pub(crate) fn new(line: &'a [u8], tabs: &'t [usize; 14], count: usize) -> Fields<'a, 't> {
        Fields { line, tabs, count }
    }

    /// Physical fields `first..=last` as one slice (the TABs between them included).
    #[inline(always)]
    fn span(&self, first: u8, last: u8) -> &'a [u8] {
        let (first, last) = (usize::from(first), usize::from(last));
        let start = if first == 0 {
            0
        } else {
            self.tabs[first - 1] + 1
        };
        let end = if last + 1 < self.count {
            self.tabs[last]
        } else {
            self.line.len()
        };
        &self.line[start..end]
    }

    /// Inlined, so that a constant layout folds into the TAB positions read.
    #[inline(always)]
    fn get(&self, layout: &Layout, field: usize) -> &'a [u8] {
        self.span(layout.start[field], layout.end[field])
    }
}

/// Logical field numbers (the table in the reference).
const MODULE: usize = 1;
const START: usize = 2;
const METHOD: usize = 3;
const PATH: usize = 4;
const REQ_HEADER: usize = 5;
const REQ_PARAMS: usize = 6;
const STATUS: usize = 7;
const RESP_HEADER: usize = 8;
const RESP_BODY: usize = 9;
const RESP_LENGTH: usize = 10;
const DURATION: usize = 11;

/// The fields of a TAB line that the analysis counts, validated in the order [`parse_line`] reports them.
pub(crate) struct Hot<'a> {
    layout: &'static Layout,
    pub module: &'a [u8],
    pub host: &'a [u8],
    pub start_time: Option<u64>,
    pub method: &'a [u8],
    pub path: &'a [u8],
    pub status: u16,
    pub resp_length: Option<u64>,
    pub duration_us: Option<u64>,
    /// The request and response headers (raw JSON text).
    pub req_header: &'a [u8],
    pub resp_header: &'a [u8],
}

/// Validates a TAB line (starting at its `REQ` field) and returns the counted fields. Only the fields counted
/// and validated are looked at; the headers and the body are left untouched.
#[inline]
pub(crate) fn parse_hot<'a>(f: &Fields<'a, '_>) -> Result<Hot<'a>, Malformed> {
    match f.count {
        // Its own call with the layout a constant, so that the field positions fold (nearly every line).
        12 | 14 => parse_fields(f, &PLAIN),
        13 => {
            let header = f.get(&TAB_IN_PATH, REQ_HEADER);
            let path_ok = parse_status(f.get(&TAB_IN_PATH, STATUS)).is_some()
                && (header.is_empty() || header[0] == b'{');
            if path_ok || parse_status(f.get(&TAB_IN_BODY, STATUS)).is_none() {
                parse_fields(f, &TAB_IN_PATH)
            } else {
                parse_fields(f, &TAB_IN_BODY)
            }
        }
        n => Err(Malformed {
            kind: MalformedKind::FieldCount,
            fields: n,
        }),
    }
}

/// [`parse_hot`] with the layout chosen.
#[inline(always)]
fn parse_fields<'a>(f: &Fields<'a, '_>, layout: &'static Layout) -> Result<Hot<'a>, Malformed> {
    let bad = |kind| Malformed {
        kind,
        fields: f.count,
    };
    let (module, host) = split_module(f.get(layout, MODULE));
    if module.is_empty() {
        return Err(bad(MalformedKind::EmptyModule));
    }
    let start_time =
        optional_number(f.get(layout, START)).ok_or(bad(MalformedKind::BadStartTime))?;
    let status = parse_status(f.get(layout, STATUS)).ok_or(bad(MalformedKind::BadStatus))?;
    let resp_length =
        optional_number(f.get(layout, RESP_LENGTH)).ok_or(bad(MalformedKind::BadLength))?;
    let duration_us =
        optional_number(f.get(layout, DURATION)).ok_or(bad(MalformedKind::BadDuration))?;
    Ok(Hot {
        layout,
        module,
        host,
        start_time,
        method: f.get(layout, METHOD),
        path: f.get(layout, PATH),
        status,
        resp_length,
        duration_us,
        req_header: f.get(layout, REQ_HEADER),
        resp_header: f.get(layout, RESP_HEADER),
    })
}

/// Parses a TAB line starting at its `REQ` field.
fn parse_tab(line: &[u8]) -> Result<Record<'_>, Malformed> {
    let mut tabs = [0; 14];
    let count = split_tabs(line, &mut tabs);
    let f = Fields::new(line, &tabs, count);
    let h = parse_hot(&f)?;
    Ok(Record {
        format: LineFormat::Tab,
        fields: f.count,
        module: Cow::Borrowed(h.module),
        host: Cow::Borrowed(h.host),
        start_time: h.start_time,
        method: Cow::Borrowed(h.method),
        path: Cow::Borrowed(h.path),
        req_header: Cow::Borrowed(h.req_header),
        req_params: Cow::Borrowed(f.get(h.layout, REQ_PARAMS)),
        status: h.status,
        resp_header: Cow::Borrowed(h.resp_header),
        resp_body: Cow::Borrowed(f.get(h.layout, RESP_BODY)),
        resp_length: h.resp_length,
        duration_us: h.duration_us,
    })
}

/// `ACCESS@127.0.0.2:9500` → (`ACCESS`, `127.0.0.2:9500`).
#[inline]
pub(crate) fn split_module(field: &[u8]) -> (&[u8], &[u8]) {
    // A module is a few bytes: a plain loop beats a vectorised search.
    match field.iter().position(|&c| c == b'@') {
        Some(at) => (&field[..at], &field[at + 1..]),
        None => (field, &[]),
    }
}

/// A non-negative decimal integer of at most 19 digits (19 nines wrap around modulo 2^64, as they always did).
/// Eight digits at a time (a start time has 16 or 17).
#[inline]
pub(crate) fn parse_number(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    let mut n: u64 = 0;
    let mut rest = text;
    while let Some((eight, tail)) = rest.split_first_chunk::<8>() {
        // Byte i holds digit i (the most significant first) once '0' is taken away from every byte.
        let d = u64::from_le_bytes(*eight).wrapping_sub(0x3030_3030_3030_3030);
        // Any byte below '0' borrows to >= 0x80, any above '9' reaches 0x80 when 0x76 is added.
        if (d | d.wrapping_add(0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 != 0 {
            return None;
        }
        let d = (d.wrapping_mul(10) + (d >> 8)) & 0x00ff_00ff_00ff_00ff; // pairs of digits
        let d = (d.wrapping_mul(100) + (d >> 16)) & 0x0000_ffff_0000_ffff; // groups of four
        let d = (d.wrapping_mul(10_000) + (d >> 32)) & 0xffff_ffff; // eight
        n = n.wrapping_mul(100_000_000).wrapping_add(d);
        rest = tail;
    }
    for &b in rest {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.wrapping_mul(10).wrapping_add(u64::from(d));
    }
    Some(n)
}

/// Empty → `Some(None)`; a number → `Some(Some(n))`; anything else → `None`.
fn optional_number(text: &[u8]) -> Option<Option<u64>> {
    if text.is_empty() {
        Some(None)
    } else {
        parse_number(text).map(Some)
    }
}

/// A status code: an integer in 0..=999.
pub(crate) fn parse_status(text: &[u8]) -> Option<u16> {
    parse_number(text).filter(|&n| n <= 999).map(|n| n as u16)
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    /// The digit-by-digit definition, wrapping like the eight-at-a-time version.
    fn reference(text: &[u8]) -> Option<u64> {
        if text.is_empty() || text.len() > 19 || !text.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(text.iter().fold(0u64, |n, &b| {
            n.wrapping_mul(10).wrapping_add(u64::from(b - b'0'))
        }))
    }

    #[test]
    fn parse_number_matches_digit_by_digit() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"0123456789/:09 \t-+\x00\x80\xff.a";
        for round in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 22) as usize;
            let text: Vec<u8> = (0..len)
                .map(|i| {
                    let r = state.rotate_left(i as u32 * 3);
                    if round % 3 == 0 || !r.is_multiple_of(11) {
                        b'0' + (r % 10) as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            assert_eq!(parse_number(&text), reference(&text), "{text:?}");
        }
        assert_eq!(
            parse_number(b"16793641137770897"),
            Some(16_793_641_137_770_897)
        );
        assert_eq!(parse_number(b"18446744073709551615"), None); // 20 digits
        assert_eq!(
            parse_number(b"9999999999999999999"),
            reference(b"9999999999999999999")
        );
    }
}
