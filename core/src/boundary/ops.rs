//! The operations with their arguments as text and numbers, each applying the boundary's policies before calling
//! the catalog: what every binding calls (the C exports directly; the others through [`super::call`]).

use super::args::{check_len, invalid, Number};
use super::limits::MAX_CAUSE_DEPTH;
use super::names::{name, opt_name};
use crate::export::Format;
use crate::{
    Code, CodedError, Entry, Error, ErrorCode, Filter, Lang, Reporter, Resolved, Result, Service,
    Source, StatusMatch, System, Version,
};

/// A status number from a [`Number`]: an integer in 0..=999, else `InvalidCode`.
pub fn status_number(code: &Number) -> Result<i64> {
    match code {
        Number::Int(n) if (0..=999).contains(n) => Ok(*n),
        other => Err(Error::invalid_code(format!(
            "{} is not a status code (0..=999)",
            other.text()
        ))),
    }
}

/// Whether `text` is written as a number (optional sign, then ASCII digits): then it means a status number,
/// judged by [`status_number`]; otherwise it is a two-level code.
pub fn number_text(text: &str) -> Option<Number> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map_or_else(|_| Number::Other(text.to_string()), Number::Int),
    )
}

fn version(text: Option<&str>) -> Result<Option<Version>> {
    opt_name("version", text)
}

/// `lookup(code, reporter?)`.
pub fn lookup(code: &str, reporter: Option<&str>) -> Result<Resolved> {
    check_len("code", code)?;
    crate::lookup(code, opt_name::<Reporter>("reporter", reporter)?)
}

/// `find(code)`: a two-level code, a bare type (`InstallBizFailed`) or a status number written as text.
pub fn find(code: &str) -> Result<Vec<Entry>> {
    check_len("code", code)?;
    match number_text(code) {
        Some(n) => crate::find(&status_number(&n)?.to_string()),
        None => crate::find(code),
    }
}

/// `status(number, version?)`.
pub fn status(code: &Number, version_name: Option<&str>) -> Result<StatusMatch> {
    let version = version(version_name)?;
    crate::status(status_number(code)?, version)
}

/// `service_of(number, version?)`.
pub fn service_of(code: &Number, version_name: Option<&str>) -> Result<Service> {
    let version = version(version_name)?;
    crate::service_of(status_number(code)?, version)
}

/// `parse(text)`.
pub fn parse(text: &str) -> Result<Code<'_>> {
    check_len("text", text)?;
    Code::parse(text)
}

/// `compose(source, type)`: the source is a name argument (`arklet` is `Arklet`).
pub fn compose<'a>(source: &str, error_type: &'a str) -> Result<Code<'a>> {
    check_len("type", error_type)?;
    Code::compose(name::<Source>("source", source)?, error_type)
}

/// `entries(system?, reporter?, service?, version?)`.
pub fn entries(
    system: Option<&str>,
    reporter: Option<&str>,
    service: Option<&str>,
    version_name: Option<&str>,
) -> Result<Vec<Entry>> {
    let filter = Filter {
        system: opt_name::<System>("system", system)?,
        reporter: opt_name("reporter", reporter)?,
        service: opt_name("service", service)?,
        version: version(version_name)?,
    };
    Ok(crate::entries(filter).collect())
}

/// `export(format?, lang?)`: JSON and English by default.
pub fn export(format: Option<&str>, lang: Option<&str>) -> Result<String> {
    let format = opt_name("format", format)?.unwrap_or(Format::Json);
    let lang = opt_name("lang", lang)?.unwrap_or(Lang::En);
    Ok(crate::export(format, lang))
}

/// The code of an error value: digits are a blobstore status at `version`, anything else a two-level code looked
/// up in `reporter`'s table. Both options are checked whatever the code is.
pub fn error_code(
    code: &str,
    reporter: Option<&str>,
    version_name: Option<&str>,
) -> Result<ErrorCode> {
    check_len("code", code)?;
    let reporter = opt_name::<Reporter>("reporter", reporter)?;
    let version = version(version_name)?;
    match number_text(code) {
        Some(n) => Ok(ErrorCode::Blobstore(crate::status(
            status_number(&n)?,
            version,
        )?)),
        None => Ok(ErrorCode::Koupleless(crate::lookup(code, reporter)?)),
    }
}

/// How an error value is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendering {
    /// RFC 9457 `application/problem+json`.
    Problem,
    /// The Arklet envelope with `errorCode`.
    Arklet,
}

impl super::names::Named for Rendering {
    const WHAT: &'static str = "rendering";
    fn every() -> Vec<Self> {
        vec![Rendering::Problem, Rendering::Arklet]
    }
    fn canonical(self) -> &'static str {
        match self {
            Rendering::Problem => "problem",
            Rendering::Arklet => "arklet",
        }
    }
}

/// Renders a cause chain given outermost first as (code, detail) links, folding it innermost first. More than
/// [`MAX_CAUSE_DEPTH`] causes is `InvalidArgument` (at most that many + 2 links are pulled, so a chain that loops
/// ends); an empty chain too; the first failing link's error is the answer.
pub fn render(
    rendering: &str,
    chain: impl IntoIterator<Item = Result<(ErrorCode, String)>>,
) -> Result<String> {
    let rendering = name::<Rendering>("rendering", rendering)?;
    let mut links = Vec::new();
    for link in chain {
        let link = link?;
        if links.len() > MAX_CAUSE_DEPTH {
            return Err(invalid(
                "cause chain",
                format_args!("is deeper than {MAX_CAUSE_DEPTH} causes"),
            ));
        }
        check_len("detail", &link.1)?;
        links.push(link);
    }
    let mut links = links.into_iter().rev();
    let (code, detail) = links
        .next()
        .ok_or_else(|| invalid("error value", "is missing"))?;
    let error = links.fold(
        CodedError::from_code(code, detail),
        |cause, (code, detail)| CodedError::from_code(code, detail).with_cause(cause),
    );
    Ok(match rendering {
        Rendering::Problem => error.to_problem_json(),
        Rendering::Arklet => error.to_arklet_json(),
    })
}

/// `search(words)`: entries whose code, meaning, solution, message or description holds every word.
pub fn search(words: &str) -> Result<Vec<Entry>> {
    check_len("words", words)?;
    Ok(crate::search(words))
}

/// `classify(body, command?, http_status?, tunnel?)`: the context's names are read by `ClassifyContext::parse`; an
/// HTTP status is an integer (0 = not given).
pub fn classify(
    body: &[u8],
    command: Option<&str>,
    http_status: Option<&Number>,
    tunnel: Option<&str>,
) -> Result<crate::Classification> {
    let status = match http_status {
        None => None,
        Some(Number::Int(n)) => Some(*n),
        Some(other) => {
            return Err(invalid(
                "http_status",
                format_args!("{} is not an HTTP status", other.text()),
            ))
        }
    };
    let context = crate::ClassifyContext::parse(command, status, tunnel)?;
    crate::classify(body, &context)
}
