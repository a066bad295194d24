//! The two-level code `Source.Type` as a value: strict parsing and composing.

use std::fmt;

use crate::syntax::{is_pascal_case, MAX_PART_LEN};
use crate::tables::source_by_name;
use crate::{Error, Result, Source};

/// A syntactically valid two-level code: a known Level-1 [`Source`] and a PascalCase type, joined by one `.`.
///
/// The type need not be catalogued: codes combine at run time. Use [`crate::lookup`] to resolve it to an entry.
///
/// ```
/// use errcat::{Code, Source};
/// let code = Code::parse("Arklet.InstallBizFailed").unwrap();
/// assert_eq!(code.source(), Source::Arklet);
/// assert_eq!(code.error_type(), "InstallBizFailed");
/// assert_eq!(code.to_string(), "Arklet.InstallBizFailed");
/// assert_eq!(Code::compose(Source::User, "DiskFull").unwrap().to_string(), "User.DiskFull");
/// assert!(Code::parse("arklet.installBizFailed").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code<'a> {
    source: Source,
    error_type: &'a str,
}

impl<'a> Code<'a> {
    /// Parses `text` strictly: exactly one `.`, both parts PascalCase, the source one of [`Source::ALL`].
    /// Any violation is an [`crate::ErrorKind::InvalidCode`] error saying which rule failed.
    pub fn parse(text: &'a str) -> Result<Code<'a>> {
        match split(text) {
            Some((source, error_type)) => Ok(Code { source, error_type }),
            None => Err(diagnose(text)),
        }
    }

    /// A code whose type is already known to be valid (a catalogued spelling).
    pub(crate) fn trusted(source: Source, error_type: &'a str) -> Code<'a> {
        Code { source, error_type }
    }

    /// Builds `source.error_type`, checking the type like [`Code::parse`] does.
    pub fn compose(source: Source, error_type: &'a str) -> Result<Code<'a>> {
        check_type(error_type, error_type)?;
        Ok(Code { source, error_type })
    }

    /// The Level-1 source.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The Level-2 type, as written.
    pub fn error_type(&self) -> &'a str {
        self.error_type
    }
}

/// The fast path of [`Code::parse`]: one scan for the `.`, one over the type, one `match` for the source.
#[inline]
fn split(text: &str) -> Option<(Source, &str)> {
    if text.len() > 2 * MAX_PART_LEN + 1 {
        return None;
    }
    // A plain scan: sources are short, too short for `split_once`'s searcher to pay off.
    let dot = text.bytes().position(|b| b == b'.')?;
    let (source, error_type) = (&text[..dot], &text[dot + 1..]);
    // A second '.' fails the PascalCase check; known source names are PascalCase by construction.
    if !is_pascal_case(error_type) {
        return None;
    }
    Some((source_by_name(source)?, error_type))
}

/// The precise error for text that [`split`] rejected.
fn diagnose(text: &str) -> Error {
    if text.is_empty() {
        return Error::invalid_code("empty code (expected Source.Type)");
    }
    if text.len() > 2 * MAX_PART_LEN + 1 {
        return Error::invalid_code(format!(
            "code is {} bytes long; at most {} are accepted",
            text.len(),
            2 * MAX_PART_LEN + 1
        ));
    }
    let Some((source, error_type)) = text.split_once('.') else {
        return Error::invalid_code(format!("{text:?} has no \".\" (expected Source.Type)"));
    };
    if error_type.contains('.') {
        return Error::invalid_code(format!(
            "{text:?} has more than one \".\" (expected Source.Type)"
        ));
    }
    match parse_source(text, source).and_then(|_| check_type(text, error_type)) {
        Err(e) => e,
        Ok(()) => Error::new(
            crate::ErrorKind::Internal,
            format!("{text:?} was rejected without a reason"),
        ),
    }
}

fn parse_source(text: &str, source: &str) -> Result<Source> {
    if !is_pascal_case(source) {
        return Err(Error::invalid_code(format!(
            "{text:?}: source {source:?} is not PascalCase"
        )));
    }
    Source::from_name(source).map_err(|_| {
        let known: Vec<&str> = Source::ALL.iter().map(|s| s.name()).collect();
        Error::invalid_code(format!(
            "{text:?}: unknown source {source:?} (one of {})",
            known.join(", ")
        ))
    })
}

fn check_type(text: &str, error_type: &str) -> Result<()> {
    if error_type.is_empty() {
        return Err(Error::invalid_code(format!("{text:?}: empty type")));
    }
    if !is_pascal_case(error_type) {
        return Err(Error::invalid_code(format!(
            "{text:?}: type {error_type:?} is not PascalCase (ASCII letters and digits, capital first)"
        )));
    }
    Ok(())
}

impl fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.source.name(), self.error_type)
    }
}
