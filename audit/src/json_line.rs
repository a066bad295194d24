//! The JSON line format (`log_format: json`): one object per line with the keys of the TAB format
//! (`req_type`, `module`, `start_time`, `method`, `path`, `req_header`, `req_params`, `status_code`,
//! `resp_header`, `resp_body`, `resp_length`, `duration`).
//!
//! A small scanner finds the top-level members without building a tree: strings without escapes and the header
//! objects are borrowed from the line; only a string holding a `\` escape is unescaped into owned bytes.

use std::borrow::Cow;

use super::parse::{parse_number, split_module, LineFormat, Malformed, MalformedKind, Record};

/// Parses a line that starts with `{`.
pub(crate) fn parse(line: &[u8]) -> Result<Record<'_>, Malformed> {
    let members = scan(line).ok_or(Malformed::new(MalformedKind::BadJson))?;
    let mut rec = Record {
        format: LineFormat::Json,
        fields: 0,
        module: Cow::Borrowed(&[]),
        host: Cow::Borrowed(&[]),
        start_time: None,
        method: Cow::Borrowed(&[]),
        path: Cow::Borrowed(&[]),
        req_header: Cow::Borrowed(&[]),
        req_params: Cow::Borrowed(&[]),
        status: 0,
        resp_header: Cow::Borrowed(&[]),
        resp_body: Cow::Borrowed(&[]),
        resp_length: None,
        duration_us: None,
    };
    let mut req_type = false;
    let mut status = None;
    let mut module: Cow<'_, [u8]> = Cow::Borrowed(&[]);
    for (key, value) in members {
        let bad = |kind| Malformed::new(kind);
        match key {
            b"req_type" => req_type = text(value).as_deref() == Some(&b"REQ"[..]),
            b"module" => module = text(value).ok_or(bad(MalformedKind::BadJson))?,
            b"method" => rec.method = text(value).ok_or(bad(MalformedKind::BadJson))?,
            b"path" => rec.path = text(value).ok_or(bad(MalformedKind::BadJson))?,
            b"req_params" => rec.req_params = text(value).ok_or(bad(MalformedKind::BadJson))?,
            b"resp_body" => rec.resp_body = text(value).ok_or(bad(MalformedKind::BadJson))?,
            b"req_header" => rec.req_header = Cow::Borrowed(raw_object(value)),
            b"resp_header" => rec.resp_header = Cow::Borrowed(raw_object(value)),
            b"start_time" => {
                rec.start_time = number(value).ok_or(bad(MalformedKind::BadStartTime))?
            }
            b"status_code" => {
                status = Some(
                    number(value)
                        .flatten()
                        .filter(|&n| n <= 999)
                        .ok_or(bad(MalformedKind::BadStatus))?,
                )
            }
            b"resp_length" => {
                rec.resp_length = number(value).ok_or(bad(MalformedKind::BadLength))?
            }
            b"duration" => {
                rec.duration_us = number(value).ok_or(bad(MalformedKind::BadDuration))?
            }
            _ => {}
        }
    }
    if !req_type {
        return Err(Malformed::new(MalformedKind::NoReq));
    }
    rec.module = match module {
        Cow::Borrowed(b) => {
            let (m, h) = split_module(b);
            rec.host = Cow::Borrowed(h);
            Cow::Borrowed(m)
        }
        Cow::Owned(b) => {
            let (m, h) = split_module(&b);
            rec.host = Cow::Owned(h.to_vec());
            Cow::Owned(m.to_vec())
        }
    };
    if rec.module.is_empty() {
        return Err(Malformed::new(MalformedKind::EmptyModule));
    }
    rec.status = status.ok_or(Malformed::new(MalformedKind::BadStatus))? as u16;
    Ok(rec)
}

/// `{}` or an object as raw JSON text; `null` → empty.
fn raw_object(value: &[u8]) -> &[u8] {
    if value == b"null" {
        &[]
    } else {
        value
    }
}

/// A JSON string's content (unescaped when it holds escapes); `null` → empty. `None` for other values.
fn text(value: &[u8]) -> Option<Cow<'_, [u8]>> {
    if value == b"null" {
        return Some(Cow::Borrowed(&[]));
    }
    let inner = value.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    if !inner.contains(&b'\\') {
        return Some(Cow::Borrowed(inner));
    }
    serde_json::from_slice::<String>(value)
        .ok()
        .map(|s| Cow::Owned(s.into_bytes()))
}

/// A JSON integer (or a string of digits); `null` → `Some(None)`; anything else → `None`.
fn number(value: &[u8]) -> Option<Option<u64>> {
    if value == b"null" {
        return Some(None);
    }
    let digits = value
        .strip_prefix(b"\"")
        .and_then(|v| v.strip_suffix(b"\""))
        .unwrap_or(value);
    if digits.is_empty() {
        return Some(None);
    }
    parse_number(digits).map(Some).or_else(|| {
        // 1.0e3 and friends: accept a JSON number that is an exact non-negative integer.
        let f: f64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (f >= 0.0 && f.fract() == 0.0 && f < 1.8e19).then_some(Some(f as u64))
    })
}

/// The top-level members of an object spanning the whole of `line` (trailing white space allowed), as
/// (key without quotes, raw value). `None` when the line is not one well-formed object.
fn scan(line: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut s = Scanner { b: line, i: 0 };
    s.expect(b'{')?;
    let mut members = Vec::with_capacity(12);
    s.ws();
    if s.peek()? == b'}' {
        s.i += 1;
    } else {
        loop {
            s.ws();
            let key = s.string()?;
            s.ws();
            s.expect(b':')?;
            s.ws();
            let start = s.i;
            s.value(0)?;
            members.push((&key[1..key.len() - 1], &line[start..s.i]));
            s.ws();
            match s.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    s.ws();
    (s.i == line.len()).then_some(members)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// A string token, quotes included.
    fn string(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        self.expect(b'"')?;
        loop {
            let rest = &self.b[self.i..];
            let at = memchr::memchr2(b'"', b'\\', rest)?;
            self.i += at + 1;
            if rest[at] == b'"' {
                return Some(&self.b[start..self.i]);
            }
            self.next()?; // the escaped character
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > 64 {
            return None;
        }
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let close = if self.next()? == b'{' { b'}' } else { b']' };
                self.ws();
                if self.peek()? == close {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    if close == b'}' {
                        self.string()?;
                        self.ws();
                        self.expect(b':')?;
                        self.ws();
                    }
                    self.value(depth + 1)?;
                    self.ws();
                    match self.next()? {
                        b',' => continue,
                        c if c == close => return Some(()),
                        _ => return None,
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(
                    self.peek(),
                    Some(b'0'..=b'9' | b'a'..=b'z' | b'+' | b'-' | b'.' | b'E')
                ) {
                    self.i += 1;
                }
                let token = &self.b[start..self.i];
                let ok = matches!(token, b"true" | b"false" | b"null")
                    || (!token.is_empty()
                        && token
                            .iter()
                            .all(|c| c.is_ascii_digit() || b"+-.eE".contains(c)));
                ok.then_some(())
            }
        }
    }
}
