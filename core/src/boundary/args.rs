//! Arguments as a host hands them over, and how each kind is read: the policies of the boundary table in the
//! README ("The boundary"), implemented once. Bindings build an [`Arg`] from a host value without judging it.

use std::borrow::Cow;

use super::limits::MAX_STRING_LEN;
use crate::{Error, ErrorKind, Result};

/// One argument of an operation, as the host has it. Bindings convert mechanically: null/None/undefined is
/// `Absent`, a host string is `Str` (or `Utf16`, for hosts whose strings are UTF-16 and may hold lone
/// surrogates), bytes are `Bytes`, numbers are `Int`, `Float` or (beyond 64 bits) `BigInt` with their decimal text.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Not given.
    Absent,
    /// A string known to be valid UTF-8.
    Str(String),
    /// A string as UTF-16 code units (Java, JavaScript); a lone surrogate is judged by the core.
    Utf16(Vec<u16>),
    /// Bytes (C, Go, Python `bytes`, a Node `Buffer`): text arguments must be UTF-8; paths may be any bytes.
    Bytes(Vec<u8>),
    /// An integer.
    Int(i64),
    /// A floating-point number (a JavaScript number).
    Float(f64),
    /// An integer beyond 64 bits, as its decimal text.
    BigInt(String),
    /// A boolean.
    Bool(bool),
    /// A list (paths, a cause chain, a link of it).
    List(Vec<Arg>),
    /// A host value of another type, by the host's name for it (`dict`, `object`); always an error.
    Other(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<Option<&str>> for Arg {
    fn from(s: Option<&str>) -> Arg {
        s.map_or(Arg::Absent, Arg::from)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Int(n)
    }
}

impl Arg {
    /// The host's kind of value, for messages.
    fn kind(&self) -> Cow<'_, str> {
        match self {
            Arg::Absent => "nothing".into(),
            Arg::Str(_) | Arg::Utf16(_) => "a string".into(),
            Arg::Bytes(_) => "bytes".into(),
            Arg::Int(_) | Arg::Float(_) | Arg::BigInt(_) => "a number".into(),
            Arg::Bool(_) => "a boolean".into(),
            Arg::List(_) => "a list".into(),
            Arg::Other(t) => Cow::Owned(format!("a {t}")),
        }
    }
}

/// A failure to read argument `name`.
pub(crate) fn invalid(name: &str, why: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::InvalidArgument, format!("{name} {why}"))
}

/// Checks the length of a text argument.
pub fn check_len(name: &str, text: &str) -> Result<()> {
    if text.len() > MAX_STRING_LEN {
        return Err(invalid(
            name,
            format_args!(
                "is {} bytes long; at most {MAX_STRING_LEN} are accepted",
                text.len()
            ),
        ));
    }
    Ok(())
}

/// Bytes as a text argument, borrowed: at most [`MAX_STRING_LEN`] bytes of UTF-8, else `InvalidArgument`.
pub fn utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.len() > MAX_STRING_LEN {
        return Err(invalid(
            name,
            format_args!(
                "is {} bytes long; at most {MAX_STRING_LEN} are accepted",
                bytes.len()
            ),
        ));
    }
    if bytes.is_ascii() {
        // SAFETY: ASCII is UTF-8. Codes and names nearly always are ASCII, checked a word at a time this way.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        invalid(
            name,
            format_args!(
                "is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Decodes UTF-16; a lone surrogate is `InvalidArgument` naming its position.
fn from_utf16(name: &str, units: &[u16]) -> Result<String> {
    let mut out = Vec::with_capacity(units.len());
    let (mut at, mut position) = (0, 0);
    while at < units.len() {
        // ASCII, most of any text, a unit to a byte a run at a time; the rest a character at a time.
        let run = ascii_run(&units[at..]);
        out.extend(units[at..at + run].iter().map(|&u| u as u8));
        (at, position) = (at + run, position + run);
        match char::decode_utf16(units[at..].iter().copied()).next() {
            Some(Ok(c)) => {
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                (at, position) = (at + c.len_utf16(), position + 1);
            }
            Some(Err(e)) => {
                return Err(invalid(
                    name,
                    format_args!(
                        "is not valid Unicode: a lone surrogate {:#06x} at position {position}",
                        e.unpaired_surrogate()
                    ),
                ))
            }
            None => break,
        }
    }
    // UTF-8 by construction: checking it again costs less than a pass by character.
    String::from_utf8(out).map_err(|e| invalid(name, e))
}

/// How many units `units` starts with that are ASCII: whole blocks of 16 tested at once, then one by one.
fn ascii_run(units: &[u16]) -> usize {
    let blocks = units.chunks_exact(16);
    let ascii = |block: &[u16]| block.iter().fold(0, |any, &u| any | u) < 0x80;
    let whole = blocks.take_while(|b| ascii(b)).count() * 16;
    whole + units[whole..].iter().take_while(|&&u| u < 0x80).count()
}

/// A text argument: `None` when absent; invalid UTF-8, a lone surrogate, more than [`MAX_STRING_LEN`] bytes or a
/// non-text value is `InvalidArgument` naming the argument.
pub fn opt_text(name: &str, arg: Arg) -> Result<Option<String>> {
    let text = match arg {
        Arg::Absent => return Ok(None),
        Arg::Str(s) => s,
        Arg::Utf16(units) => {
            if units.len() > MAX_STRING_LEN {
                return Err(invalid(
                    name,
                    format_args!("is longer than {MAX_STRING_LEN} bytes"),
                ));
            }
            from_utf16(name, &units)?
        }
        Arg::Bytes(bytes) => utf8(name, &bytes)?.to_string(),
        other => {
            return Err(invalid(
                name,
                format_args!("must be a string, not {}", other.kind()),
            ))
        }
    };
    check_len(name, &text)?;
    Ok(Some(text))
}

/// A text argument that must be given.
pub fn text(name: &str, arg: Arg) -> Result<String> {
    opt_text(name, arg)?.ok_or_else(|| invalid(name, "is missing"))
}

/// A raw byte argument (a response body, a partial report): strings are taken as their UTF-8 bytes; at most
/// `limit` bytes.
pub fn bytes(name: &str, arg: Arg, limit: usize) -> Result<Vec<u8>> {
    let bytes = match arg {
        Arg::Bytes(b) => b,
        Arg::Str(s) => s.into_bytes(),
        // More code units than `limit` are more bytes too: refused as too long, however the string ends.
        Arg::Utf16(units) if units.len() > limit => {
            return Err(invalid(name, format_args!("is longer than {limit} bytes")))
        }
        Arg::Utf16(units) => from_utf16(name, &units)?.into_bytes(),
        Arg::Absent => return Err(invalid(name, "is missing")),
        other => {
            return Err(invalid(
                name,
                format_args!("must be bytes or a string, not {}", other.kind()),
            ))
        }
    };
    if bytes.len() > limit {
        return Err(invalid(
            name,
            format_args!(
                "is {} bytes long; at most {limit} are accepted",
                bytes.len()
            ),
        ));
    }
    Ok(bytes)
}

/// A path argument: any bytes but NUL (a Linux file name need not be UTF-8); empty is `InvalidArgument`.
pub fn path(name: &str, arg: Arg) -> Result<std::path::PathBuf> {
    let bytes = match arg {
        Arg::Bytes(b) => b,
        Arg::Absent => return Err(invalid(name, "is missing")),
        other @ (Arg::Str(_) | Arg::Utf16(_)) => text(name, other)?.into_bytes(),
        other => {
            return Err(invalid(
                name,
                format_args!("must be a path, not {}", other.kind()),
            ))
        }
    };
    if bytes.is_empty() {
        return Err(invalid(name, "is empty"));
    }
    if bytes.len() > MAX_STRING_LEN {
        return Err(invalid(
            name,
            format_args!(
                "is {} bytes long; at most {MAX_STRING_LEN} are accepted",
                bytes.len()
            ),
        ));
    }
    if bytes.contains(&0) {
        return Err(invalid(name, "contains a NUL byte"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Ok(std::ffi::OsString::from_vec(bytes).into())
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes)
            .map(Into::into)
            .map_err(|_| invalid(name, "is not valid UTF-8"))
    }
}

/// A list argument.
pub fn list(name: &str, arg: Arg) -> Result<Vec<Arg>> {
    match arg {
        Arg::List(items) => Ok(items),
        Arg::Absent => Err(invalid(name, "is missing")),
        other => Err(invalid(
            name,
            format_args!("must be a list, not {}", other.kind()),
        )),
    }
}

/// An optional boolean.
pub fn opt_bool(name: &str, arg: Arg) -> Result<Option<bool>> {
    match arg {
        Arg::Absent => Ok(None),
        Arg::Bool(b) => Ok(Some(b)),
        other => Err(invalid(
            name,
            format_args!("must be a boolean, not {}", other.kind()),
        )),
    }
}

/// A number as the core judges it: an integer, or why not (a fraction, not finite, beyond 64 bits).
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    /// An integer that fits 64 bits.
    Int(i64),
    /// Any other number, as its text (`2.5`, `18446744073709551616`, `NaN`).
    Other(String),
}

impl Number {
    /// The number as text, for messages.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Number::Int(n) => Cow::Owned(n.to_string()),
            Number::Other(t) => Cow::Borrowed(t),
        }
    }
}

/// A numeric argument: `None` when absent. A string or other value is `InvalidArgument`.
pub fn opt_number(name: &str, arg: Arg) -> Result<Option<Number>> {
    Ok(Some(match arg {
        Arg::Absent => return Ok(None),
        Arg::Int(n) => Number::Int(n),
        Arg::Float(f) if f.fract() == 0.0 && f >= -(2f64.powi(63)) && f < 2f64.powi(63) => {
            Number::Int(f as i64)
        }
        Arg::Float(f) => Number::Other(if f.is_finite() && f.fract() == 0.0 {
            format!("{f:.0}")
        } else {
            f.to_string()
        }),
        Arg::BigInt(text) => Number::Other(text),
        other => {
            return Err(invalid(
                name,
                format_args!("must be a number, not {}", other.kind()),
            ))
        }
    }))
}

/// A numeric argument that must be given.
pub fn number(name: &str, arg: Arg) -> Result<Number> {
    opt_number(name, arg)?.ok_or_else(|| invalid(name, "is missing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_policies() {
        assert_eq!(opt_text("code", Arg::Absent).unwrap(), None);
        let lone: Vec<u16> = vec![0x41, 0xD800];
        let err = text("code", Arg::Utf16(lone)).unwrap_err();
        assert!(err.message().contains("lone surrogate"), "{err}");
        let err = text("code", Arg::Bytes(vec![b'a', 0xff])).unwrap_err();
        assert!(err.message().contains("not valid UTF-8"), "{err}");
        assert!(text("code", Arg::Str("A".repeat(MAX_STRING_LEN))).is_ok());
        let err = text("code", Arg::Str("A".repeat(MAX_STRING_LEN + 1))).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(text("code", Arg::Int(3))
            .unwrap_err()
            .message()
            .contains("must be a string"));
    }

    #[test]
    fn utf16_decodes_as_std_does_with_ascii_runs_and_lone_surrogates_at_their_position() {
        let texts = [
            String::new(),
            "a".repeat(15),
            "a".repeat(16),
            format!("{}é{}😀z", "a".repeat(40), "b".repeat(17)),
            "😀".repeat(20),
            format!("中{}", "x".repeat(33)),
        ];
        for t in &texts {
            let units: Vec<u16> = t.encode_utf16().collect();
            assert_eq!(&from_utf16("s", &units).unwrap(), t);
        }
        for (units, position) in [
            (
                [0x41u16; 20]
                    .iter()
                    .copied()
                    .chain([0xDC00])
                    .collect::<Vec<_>>(),
                20,
            ),
            ("é😀".encode_utf16().chain([0xD800, 0x41]).collect(), 2),
        ] {
            let err = from_utf16("s", &units).unwrap_err();
            assert!(
                err.message().ends_with(&format!("at position {position}")),
                "{err}"
            );
        }
    }

    #[test]
    fn a_string_read_only_past_the_limit_is_refused_as_too_long() {
        // A binding may stop reading after MAX_ARG_LEN + 1 code units, cutting a surrogate pair in two.
        let mut units = vec![0x41; 10];
        units.push(0xD83D);
        let err = bytes("body", Arg::Utf16(units), 10).unwrap_err();
        assert!(err.message().contains("longer than 10 bytes"), "{err}");
    }

    #[test]
    fn numbers_say_what_they_are() {
        assert_eq!(number("code", Arg::Float(552.0)).unwrap(), Number::Int(552));
        assert_eq!(
            number("code", Arg::Float(2f64.powi(64))).unwrap(),
            Number::Other("18446744073709551616".into())
        );
        assert_eq!(
            number("code", Arg::Float(2.5)).unwrap(),
            Number::Other("2.5".into())
        );
    }

    #[test]
    fn paths_take_any_bytes_but_nul() {
        assert!(path("path", Arg::Bytes(vec![b'a', 0xff])).is_ok());
        assert!(path("path", Arg::Bytes(vec![b'a', 0]))
            .unwrap_err()
            .message()
            .contains("NUL"));
        assert!(path("path", Arg::Str(String::new()))
            .unwrap_err()
            .message()
            .contains("empty"));
    }
}
