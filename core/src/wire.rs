//! Errors on the wire: a coded error value with an optional cause chain, rendered as RFC 9457
//! `application/problem+json` and as the Arklet envelope with an added `errorCode`.

use serde_json::{json, Map, Value};

use crate::{lookup, status, Error, Reporter, Resolved, Result, StatusMatch, Version};

/// The code an error value carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A resolved Koupleless code.
    Koupleless(Resolved),
    /// A blobstore status at a version.
    Blobstore(StatusMatch),
}

impl ErrorCode {
    /// Resolves `code`: digits are a blobstore status at `version`, anything else a two-level code looked up in
    /// `reporter`'s table.
    pub fn resolve(
        code: &str,
        reporter: Option<Reporter>,
        version: Option<Version>,
    ) -> Result<ErrorCode> {
        if !code.is_empty() && code.len() <= 3 && code.bytes().all(|b| b.is_ascii_digit()) {
            let n = code
                .parse::<i64>()
                .map_err(|_| Error::invalid_code(format!("{code:?} is not a status code")))?;
            Ok(ErrorCode::Blobstore(status(n, version)?))
        } else {
            Ok(ErrorCode::Koupleless(lookup(code, reporter)?))
        }
    }

    /// The code as text: `Source.Type` or the status number.
    pub fn text(&self) -> String {
        match self {
            ErrorCode::Koupleless(r) => r.to_string(),
            ErrorCode::Blobstore(m) => m.entry.code.to_string(),
        }
    }
}

/// An error value: a code, a detail for this occurrence, and optionally the error that caused it.
///
/// ```
/// use errcat::CodedError;
/// let cause = CodedError::new("User.MetaspaceFull", "Metaspace 512m used").unwrap();
/// let err = CodedError::new("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed").unwrap().with_cause(cause);
/// let problem: serde_json::Value = serde_json::from_str(&err.to_problem_json()).unwrap();
/// assert_eq!(problem["type"], "urn:errcat:koupleless:Arklet.InstallBizFailed");
/// assert_eq!(problem["cause"]["code"], "User.MetaspaceFull");
/// let arklet: serde_json::Value = serde_json::from_str(&err.to_arklet_json()).unwrap();
/// assert_eq!(arklet["code"], "FAILED");
/// assert_eq!(arklet["errorCode"], "Arklet.InstallBizFailed");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodedError {
    code: ErrorCode,
    detail: String,
    cause: Option<Box<CodedError>>,
}

impl CodedError {
    /// An error value for `code` (a two-level code, an alias or a status number at the newest version).
    pub fn new(code: &str, detail: impl Into<String>) -> Result<CodedError> {
        Ok(CodedError::from_code(
            ErrorCode::resolve(code, None, None)?,
            detail,
        ))
    }

    /// An error value for an already resolved code.
    pub fn from_code(code: ErrorCode, detail: impl Into<String>) -> CodedError {
        CodedError {
            code,
            detail: detail.into(),
            cause: None,
        }
    }

    /// Sets the error that caused this one (replacing any previous cause).
    pub fn with_cause(mut self, cause: CodedError) -> CodedError {
        self.cause = Some(Box::new(cause));
        self
    }

    /// The code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The detail of this occurrence.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The cause, if any.
    pub fn cause(&self) -> Option<&CodedError> {
        self.cause.as_deref()
    }

    fn problem(&self) -> Value {
        let mut p = Map::new();
        match self.code {
            ErrorCode::Koupleless(r) => {
                p.insert("type".into(), json!(format!("urn:errcat:koupleless:{r}")));
                p.insert("title".into(), json!(r.entry.meaning.en));
                p.insert("detail".into(), json!(self.detail));
                p.insert("code".into(), json!(r.to_string()));
                p.insert("reporter".into(), json!(r.entry.reporter.name()));
                p.insert("retryable".into(), json!(r.entry.retryable));
                p.insert("solution".into(), json!(r.entry.solution.en));
            }
            ErrorCode::Blobstore(m) => {
                let e = m.entry;
                p.insert(
                    "type".into(),
                    json!(format!("urn:errcat:blobstore:{}", e.code)),
                );
                p.insert("title".into(), json!(e.meaning(crate::Lang::En)));
                p.insert("status".into(), json!(e.code));
                p.insert("detail".into(), json!(self.detail));
                p.insert("code".into(), json!(e.code.to_string()));
                p.insert("service".into(), json!(e.service.name()));
                p.insert("retryable".into(), json!(e.retry.retryable()));
                p.insert("retry".into(), json!(e.retry.name()));
                p.insert("version".into(), json!(m.version.name()));
            }
        }
        if let Some(cause) = &self.cause {
            p.insert("cause".into(), cause.problem());
        }
        Value::Object(p)
    }

    /// RFC 9457 `application/problem+json`: `type` (`urn:errcat:koupleless:Source.Type` or
    /// `urn:errcat:blobstore:<n>`), `title` (the English meaning), `status` (blobstore only: the number is the
    /// HTTP status), `detail`, then the extension members `code`, `reporter`/`service`, `retryable`, `solution` or
    /// `retry`/`version`, and `cause` (the cause's problem object, recursively).
    pub fn to_problem_json(&self) -> String {
        self.problem().to_string()
    }

    /// The Arklet response envelope `{code, message, errorStackTrace, errorCode}`: `code` is `FAILED`, `message` the
    /// detail, `errorStackTrace` the cause chain as `Caused by:` lines (omitted without a cause, like every null
    /// field), `errorCode` the two-level code. Decoders that ignore unknown fields (ModuleController) are unaffected.
    pub fn to_arklet_json(&self) -> String {
        let mut envelope = Map::new();
        envelope.insert("code".into(), json!("FAILED"));
        envelope.insert("message".into(), json!(self.detail));
        let mut trace = Vec::new();
        let mut cause = self.cause();
        while let Some(c) = cause {
            trace.push(format!("Caused by: {}: {}", c.code.text(), c.detail));
            cause = c.cause();
        }
        if !trace.is_empty() {
            envelope.insert("errorStackTrace".into(), json!(trace.join("\n")));
        }
        envelope.insert("errorCode".into(), json!(self.code.text()));
        Value::Object(envelope).to_string()
    }
}
