//! What counts as an error: a set of status codes, chosen by a short spec.

use std::fmt;

use errcat::{Error, Result};

/// The status codes counted as errors (for the error share). Default: the CubeFS SLA view, where 1xx–4xx are
/// successes and every code from 500 up (5xx and the blobstore's 6xx–9xx) is an error.
///
/// ```
/// use errcat_audit::ErrorCodes;
/// let sla = ErrorCodes::default();
/// assert!(sla.contains(651) && sla.contains(500) && !sla.contains(499));
/// let custom = ErrorCodes::parse("4xx,5xx,!404,651").unwrap();
/// assert!(custom.contains(499) && !custom.contains(404) && custom.contains(651) && !custom.contains(652));
/// assert!(ErrorCodes::parse("5zz").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ErrorCodes {
    bits: [u64; 16],
    spec: String,
}

impl ErrorCodes {
    /// The CubeFS SLA view: 500–999 (`sla`).
    pub fn sla() -> ErrorCodes {
        ErrorCodes::parse("sla").expect("a valid spec")
    }

    /// Parses a spec: comma-separated items, each `sla` (500-999), `http` (400-999), a code (`651`), a range
    /// (`500-599`), a class (`5xx`), or any of those prefixed with `!` to remove it. Items apply left to right.
    pub fn parse(spec: &str) -> Result<ErrorCodes> {
        let mut codes = ErrorCodes {
            bits: [0; 16],
            spec: spec.trim().to_string(),
        };
        let bad = |item: &str| {
            Error::invalid_argument(format!(
                "bad error-code spec item {item:?} in {spec:?} (use sla, http, 651, 500-599, 5xx, !404)"
            ))
        };
        if codes.spec.is_empty() {
            return Err(bad(""));
        }
        for item in codes.spec.clone().split(',') {
            let item = item.trim();
            let (remove, body) = match item.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, item),
            };
            let (first, last) = match body.to_ascii_lowercase().as_str() {
                "sla" => (500, 999),
                "http" => (400, 999),
                b if b.len() == 3 && b.ends_with("xx") => {
                    let d = b.as_bytes()[0];
                    if !d.is_ascii_digit() {
                        return Err(bad(item));
                    }
                    let base = u16::from(d - b'0') * 100;
                    (base, base + 99)
                }
                b => match b.split_once('-') {
                    Some((a, z)) => (
                        code(a).ok_or_else(|| bad(item))?,
                        code(z).ok_or_else(|| bad(item))?,
                    ),
                    None => {
                        let c = code(b).ok_or_else(|| bad(item))?;
                        (c, c)
                    }
                },
            };
            if first > last {
                return Err(bad(item));
            }
            for c in first..=last {
                let (word, bit) = (usize::from(c / 64), c % 64);
                if remove {
                    codes.bits[word] &= !(1 << bit);
                } else {
                    codes.bits[word] |= 1 << bit;
                }
            }
        }
        Ok(codes)
    }

    /// Whether `code` counts as an error.
    #[inline]
    pub fn contains(&self, code: u16) -> bool {
        code < 1000 && self.bits[usize::from(code / 64)] & (1 << (code % 64)) != 0
    }

    /// The spec as given (`sla`).
    pub fn spec(&self) -> &str {
        &self.spec
    }

    /// The set as ranges: `500-999`, `400-403,405-999`.
    pub fn ranges(&self) -> String {
        let mut out = Vec::new();
        let mut c = 0u16;
        while c < 1000 {
            if self.contains(c) {
                let start = c;
                while c + 1 < 1000 && self.contains(c + 1) {
                    c += 1;
                }
                out.push(if start == c {
                    start.to_string()
                } else {
                    format!("{start}-{c}")
                });
            }
            c += 1;
        }
        out.join(",")
    }
}

fn code(text: &str) -> Option<u16> {
    text.trim().parse::<u16>().ok().filter(|&c| c <= 999)
}

impl Default for ErrorCodes {
    fn default() -> Self {
        ErrorCodes::sla()
    }
}

impl fmt::Debug for ErrorCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ErrorCodes({:?} = {})", self.spec, self.ranges())
    }
}
