//! Time: RFC 3339 and relative times (`-15m` against the newest line), durations (`--bucket 1m`), and finding the
//! newest line of the inputs without reading them whole.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use errcat::{Error, ErrorKind, Result};

use super::parse::parse_line;

/// A point in time as given on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeSpec {
    /// Microseconds since the Unix epoch.
    At(u64),
    /// This many microseconds before the newest line of the inputs (`-15m`).
    BeforeNewest(u64),
}

impl TimeSpec {
    /// `2025-09-17T02:30:00Z` (RFC 3339, any offset, fractions of a second), or `-15m`, `-1h30m`, `-2d`, `-90s`
    /// (before the newest line). An integer is microseconds since the epoch.
    ///
    /// ```
    /// use errcat_audit::TimeSpec;
    /// assert_eq!(TimeSpec::parse("2025-09-17T02:00:00Z").unwrap(), TimeSpec::At(1_758_074_400_000_000));
    /// assert_eq!(TimeSpec::parse("2025-09-17T04:00:00.5+02:00").unwrap(), TimeSpec::At(1_758_074_400_500_000));
    /// assert_eq!(TimeSpec::parse("-15m").unwrap(), TimeSpec::BeforeNewest(900_000_000));
    /// assert!(TimeSpec::parse("yesterday").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<TimeSpec> {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix('-') {
            return parse_duration(rest).map(TimeSpec::BeforeNewest);
        }
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return t.parse().map(TimeSpec::At).map_err(|_| bad_time(text));
        }
        parse_rfc3339(t)
            .map(TimeSpec::At)
            .ok_or_else(|| bad_time(text))
    }

    /// The time in µs since the epoch, `newest` being the newest line's start time.
    pub fn resolve(self, newest: Option<u64>) -> Option<u64> {
        match self {
            TimeSpec::At(t) => Some(t),
            TimeSpec::BeforeNewest(d) => newest.map(|n| n.saturating_sub(d)),
        }
    }

    /// Whether the time is relative to the newest line.
    pub fn is_relative(self) -> bool {
        matches!(self, TimeSpec::BeforeNewest(_))
    }
}

fn bad_time(text: &str) -> Error {
    Error::invalid_argument(format!(
        "bad time {text:?}: use RFC 3339 (2025-09-17T02:30:00Z, 2025-09-17T10:30:00+08:00) or a time before the \
         newest line (-15m, -1h30m, -2d)"
    ))
}

/// `90s`, `15m`, `1h30m`, `2d`, `500ms` → microseconds. A bare number is seconds.
///
/// ```
/// assert_eq!(errcat_audit::parse_duration("1h30m").unwrap(), 5_400_000_000);
/// assert_eq!(errcat_audit::parse_duration("500ms").unwrap(), 500_000);
/// assert!(errcat_audit::parse_duration("5x").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<u64> {
    let bad = || {
        Error::invalid_argument(format!(
            "bad duration {text:?}: use a number with a unit (500ms, 90s, 15m, 1h30m, 2d)"
        ))
    };
    let t = text.trim();
    if t.is_empty() {
        return Err(bad());
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<u64>()
            .ok()
            .and_then(|s| s.checked_mul(1_000_000))
            .ok_or_else(bad);
    }
    let mut total: u64 = 0;
    let mut rest = t;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = match &rest[..unit_len] {
            "us" | "µs" => 1,
            "ms" => 1_000,
            "s" => 1_000_000,
            "m" | "min" => 60_000_000,
            "h" => 3_600_000_000,
            "d" => 86_400_000_000,
            _ => return Err(bad()),
        };
        rest = &rest[unit_len..];
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    Ok(total)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RFC 3339 (`T` or a space between date and time, `Z` or `±hh:mm`, optional fraction) → µs since the epoch.
fn parse_rfc3339(t: &str) -> Option<u64> {
    let b = t.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = t.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_us = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &t[start..i.min(start + 6)];
        frac_us = digits.parse::<i64>().ok()? * 10i64.pow(6 - digits.len() as u32);
    }
    let offset_s = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        c @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            let o = oh * 3600 + om * 60;
            if *c == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset_s;
    u64::try_from(secs * 1_000_000 + frac_us).ok()
}

/// Bytes read from the end of each file to find its newest line.
const TAIL: u64 = 1 << 20;

/// The newest start time (µs) in the inputs: the largest start time among the lines of the last MiB of each
/// plain file (lines are appended in order, so the newest are at the end; a half-written last line is skipped
/// like any malformed one); gzip files are read whole. `None` when no line has a start time. Stdin and other
/// streams cannot be read twice: an `InvalidArgument` error says so.
pub fn newest_start(paths: &[PathBuf]) -> Result<Option<u64>> {
    let mut newest = None;
    let io = |p: &std::path::Path, e: std::io::Error| {
        Error::new(ErrorKind::Io, format!("{}: {e}", p.display()))
    };
    for p in super::input::expand_paths(paths)? {
        let stream_error = || {
            Error::invalid_argument(format!(
                "{}: a time relative to the newest line (-15m) needs files: a stream cannot be read twice; give an \
                 RFC 3339 time instead",
                p.display()
            ))
        };
        if p.as_os_str() == "-" {
            return Err(stream_error());
        }
        let meta = std::fs::metadata(&p).map_err(|e| io(&p, e))?;
        if !meta.is_file() {
            return Err(stream_error());
        }
        let mut f = File::open(&p).map_err(|e| io(&p, e))?;
        let mut magic = [0u8; 2];
        let gzip = f.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        let mut best = |line: &[u8]| {
            if let Some(t) = parse_line(line).ok().and_then(|r| r.start_us()) {
                newest = Some(newest.map_or(t, |n: u64| n.max(t)));
            }
        };
        if gzip {
            f.seek(SeekFrom::Start(0)).map_err(|e| io(&p, e))?;
            let mut r = BufReader::new(flate2::read::MultiGzDecoder::new(BufReader::new(f)));
            let mut line = Vec::new();
            loop {
                line.clear();
                if r.read_until(b'\n', &mut line).map_err(|e| io(&p, e))? == 0 {
                    break;
                }
                best(line.strip_suffix(b"\n").unwrap_or(&line));
            }
            continue;
        }
        let len = meta.len();
        let from = len.saturating_sub(TAIL);
        f.seek(SeekFrom::Start(from)).map_err(|e| io(&p, e))?;
        let mut buf = Vec::with_capacity((len - from) as usize);
        f.take(len - from)
            .read_to_end(&mut buf)
            .map_err(|e| io(&p, e))?;
        let mut data = &buf[..];
        if from > 0 {
            // The first bytes may be the end of a line that started before: skip to the next line.
            data = memchr::memchr(b'\n', data).map_or(&[][..], |nl| &data[nl + 1..]);
        }
        for line in data.split(|&c| c == b'\n') {
            best(line);
        }
    }
    Ok(newest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_with_the_report_format() {
        for us in [
            0u64,
            1_679_364_113_777_089,
            1_758_074_400_000_000,
            4_102_444_800_123_456,
        ] {
            let text = super::super::report::rfc3339(us);
            assert_eq!(parse_rfc3339(&text), Some(us), "{text}");
        }
        assert_eq!(
            parse_rfc3339("2025-09-17 02:00:00z"),
            Some(1_758_074_400_000_000)
        );
        assert_eq!(
            parse_rfc3339("2025-09-17T02:00:00-01:30"),
            Some(1_758_079_800_000_000)
        );
        for bad in [
            "2025-09-17",
            "2025-13-01T00:00:00Z",
            "2025-09-17T02:00:00",
            "2025-09-17T02:00:00+0100",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), 90_000_000);
        assert_eq!(parse_duration("2d").unwrap(), 172_800_000_000);
        assert_eq!(parse_duration("60").unwrap(), 60_000_000);
        for bad in ["", "m", "5 m", "-5m", "5y", "99999999999999999999s"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
