//! Errors on the wire: the coded error value, rendered as problem+json and as the Arklet envelope.

use std::sync::Arc;

use errcat::{ErrorCode, Reporter};

use crate::api::version;
use crate::{guard, ErrcatError, HostString};

/// An error value: a code, a detail for this occurrence, and optionally the error that caused it. Immutable;
/// `withCause` returns a new value.
#[derive(Debug, uniffi::Object)]
pub struct CodedError(errcat::CodedError);

#[uniffi::export]
impl CodedError {
    /// An error value for `code`: digits are a blobstore status at `version` (default: newest), anything else a
    /// two-level code (or alias) looked up in `reporter`'s table when given.
    #[uniffi::constructor(default(reporter = None, version = None))]
    pub fn new(
        code: HostString,
        detail: HostString,
        reporter: Option<HostString>,
        version: Option<HostString>,
    ) -> Result<Arc<CodedError>, ErrcatError> {
        guard(|| {
            let reporter = reporter.as_deref().map(Reporter::from_name).transpose()?;
            let code = ErrorCode::resolve(&code, reporter, self::version(version.as_ref())?)?;
            Ok(Arc::new(CodedError(errcat::CodedError::from_code(
                code, detail.0,
            ))))
        })
    }

    /// A copy of this value with `cause` as its cause (replacing any previous cause).
    pub fn with_cause(&self, cause: Arc<CodedError>) -> Arc<CodedError> {
        Arc::new(CodedError(self.0.clone().with_cause(cause.0.clone())))
    }

    /// The code as text: `Source.Type` or the status number.
    pub fn code(&self) -> String {
        self.0.code().text()
    }

    /// The detail of this occurrence.
    pub fn detail(&self) -> String {
        self.0.detail().to_string()
    }

    /// The cause, if any.
    pub fn cause(&self) -> Option<Arc<CodedError>> {
        self.0.cause().map(|c| Arc::new(CodedError(c.clone())))
    }

    /// RFC 9457 `application/problem+json`, identical in every errcat language.
    pub fn to_problem_json(&self) -> String {
        self.0.to_problem_json()
    }

    /// The Arklet envelope `{code, message, errorStackTrace, errorCode}`, identical in every errcat language.
    pub fn to_arklet_json(&self) -> String {
        self.0.to_arklet_json()
    }
}
