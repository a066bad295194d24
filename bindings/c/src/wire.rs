//! Errors on the wire: an error value with a cause chain, rendered as problem+json or as the Arklet envelope.

use std::ffi::c_char;

use errcat_core::{CodedError, Error, ErrorCode, ErrorKind};

use crate::guard;
use crate::status::errcat_status;
use crate::strings::{arg, c_string_lossy, out_arg, owned};

/// The longest cause chain accepted (it also stops a chain that loops back on itself).
pub const ERRCAT_MAX_CAUSE_DEPTH: usize = 64;

/// An error value to render: a code, a detail for this occurrence, and optionally the error that caused it.
/// Built by the caller; errcat only reads it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_error_value {
    /// A two-level code (`Arklet.InstallBizFailed`, an alias) or a blobstore status number (`"613"`, at the
    /// newest version).
    pub code: *const c_char,
    /// What happened this time (`install biz demo:1.0.0 failed`).
    pub detail: *const c_char,
    /// The cause, or NULL.
    pub cause: *const errcat_error_value,
}

/// Converts the chain at `value`, innermost cause first, checking every pointer and the depth.
unsafe fn coded(value: *const errcat_error_value) -> errcat_core::Result<CodedError> {
    let mut chain = Vec::new();
    let mut next = value;
    while let Some(v) = next.as_ref() {
        if chain.len() == ERRCAT_MAX_CAUSE_DEPTH {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("the cause chain is deeper than {ERRCAT_MAX_CAUSE_DEPTH} (or loops)"),
            ));
        }
        let code = ErrorCode::resolve(arg(v.code, "value.code")?, None, None)?;
        chain.push(CodedError::from_code(code, arg(v.detail, "value.detail")?));
        next = v.cause;
    }
    let mut values = chain.into_iter().rev();
    let innermost = values
        .next()
        .ok_or_else(|| Error::new(ErrorKind::InvalidArgument, "value is NULL"))?;
    Ok(values.fold(innermost, |cause, outer| outer.with_cause(cause)))
}

unsafe fn render(
    value: *const errcat_error_value,
    out: *mut *mut c_char,
    to_text: fn(&CodedError) -> String,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        *out = owned(c_string_lossy(to_text(&coded(value)?)));
        Ok(())
    })
}

/// RFC 9457 `application/problem+json` for `value` and its causes (the exact text every errcat binding renders).
/// Owned: free `*out` with `errcat_string_free`. An unknown code fails with its lookup error.
///
/// # Safety
/// `value` is NULL or points to an `errcat_error_value` whose strings are NULL or NUL-terminated and whose cause
/// chain is made of such values; `out` is NULL or points to a `char *`.
#[no_mangle]
pub unsafe extern "C" fn errcat_problem_json(
    value: *const errcat_error_value,
    out: *mut *mut c_char,
) -> errcat_status {
    render(value, out, CodedError::to_problem_json)
}

/// The Arklet response envelope `{code, message, errorStackTrace, errorCode}` for `value` and its causes. Owned:
/// free `*out` with `errcat_string_free`.
///
/// # Safety
/// As for `errcat_problem_json`.
#[no_mangle]
pub unsafe extern "C" fn errcat_arklet_json(
    value: *const errcat_error_value,
    out: *mut *mut c_char,
) -> errcat_status {
    render(value, out, CodedError::to_arklet_json)
}
