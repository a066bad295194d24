//! Error values: a code, a detail and an optional cause, rendered as problem+json and as the Arklet envelope.

use errcat::{ErrorCode, Reporter};
use napi::bindgen_prelude::*;
use napi::{Env, ValueType};
use napi_derive::napi;

use crate::args::{field, options, string, string_field};
use crate::guard::{check, guard, type_error};
use crate::ops::version;

/// Options of `new CodedError(...)`.
#[napi(object)]
pub struct CodedErrorOptions {
    /// The table to resolve a two-level code in (when the code alone is ambiguous).
    pub reporter: Option<String>,
    /// The CubeFS version a status number is resolved at (default: newest).
    pub version: Option<String>,
    /// The error that caused this one.
    #[napi(ts_type = "CodedError")]
    pub cause: Option<()>,
}

/// An error value: a code (`Source.Type` or a blobstore status number as text), a detail for this occurrence, and
/// optionally the error that caused it. Rendered identically by every errcat binding.
#[napi]
pub struct CodedError {
    inner: errcat::CodedError,
}

fn cause_of(env: &Env, value: Option<Unknown>) -> Result<Option<errcat::CodedError>> {
    let Some(value) = value else { return Ok(None) };
    if matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
        return Ok(None);
    }
    let not_coded = || type_error(env, "options.cause must be a CodedError".to_string());
    if value.get_type()? != ValueType::Object {
        return Err(not_coded());
    }
    let instance = unsafe { value.cast::<ClassInstance<CodedError>>() }.map_err(|_| not_coded())?;
    Ok(Some(instance.inner.clone()))
}

#[napi]
impl CodedError {
    /// Resolves `code` (digits: a blobstore status at `options.version`, else a two-level code in
    /// `options.reporter`'s table) and keeps `detail`. Throws like `lookup`/`status` when the code does not resolve.
    #[napi(
        constructor,
        ts_args_type = "code: string, detail: string, options?: CodedErrorOptions | null"
    )]
    pub fn new(
        env: Env,
        code: Unknown,
        detail: Unknown,
        options_arg: Option<Unknown>,
    ) -> Result<CodedError> {
        guard(&env, || {
            let code = string(&env, code, "code")?;
            let detail = string(&env, detail, "detail")?;
            let opts = options(&env, options_arg, "options")?;
            let reporter = string_field(&env, &opts, "reporter", "options")?;
            let version_name = string_field(&env, &opts, "version", "options")?;
            let cause = cause_of(&env, field(&opts, "cause")?)?;
            let resolved = (|| {
                let reporter = reporter.map(|r| Reporter::parse(&r)).transpose()?;
                ErrorCode::resolve(&code, reporter, version(version_name)?)
            })();
            let mut inner = errcat::CodedError::from_code(check(&env, resolved)?, detail);
            if let Some(cause) = cause {
                inner = inner.with_cause(cause);
            }
            Ok(CodedError { inner })
        })
    }

    /// The code as text: `Source.Type` (canonical type) or the status number.
    #[napi(getter)]
    pub fn code(&self, env: Env) -> Result<String> {
        guard(&env, || Ok(self.inner.code().text()))
    }

    /// The detail of this occurrence.
    #[napi(getter)]
    pub fn detail(&self, env: Env) -> Result<String> {
        guard(&env, || Ok(self.inner.detail().to_string()))
    }

    /// The cause, if any (a new `CodedError` object on each read).
    #[napi(getter, ts_return_type = "CodedError | null")]
    pub fn cause(&self, env: Env) -> Result<Option<CodedError>> {
        guard(&env, || {
            Ok(self.inner.cause().map(|c| CodedError { inner: c.clone() }))
        })
    }

    /// RFC 9457 `application/problem+json` text.
    #[napi]
    pub fn to_problem_json(&self, env: Env) -> Result<String> {
        guard(&env, || Ok(self.inner.to_problem_json()))
    }

    /// The Arklet response envelope `{code, message, errorStackTrace, errorCode}` as JSON text.
    #[napi]
    pub fn to_arklet_json(&self, env: Env) -> Result<String> {
        guard(&env, || Ok(self.inner.to_arklet_json()))
    }
}
