//! Errors on the wire: an error value with a cause chain, rendered as problem+json or as the Arklet envelope.

use std::ffi::c_char;

use errcat_core::boundary::ops;

use crate::args::{opt, owned, text};
use crate::generated::errcat_status;
use crate::guard;

/// The longest cause chain accepted below an error value (the core's limit; it also stops a chain that loops).
pub const ERRCAT_MAX_CAUSE_DEPTH: usize = 64;
const _: () = assert!(ERRCAT_MAX_CAUSE_DEPTH == errcat_core::boundary::MAX_CAUSE_DEPTH);

/// An error value to render: a code, a detail for this occurrence, and optionally the error that caused it.
/// Built by the caller; errcat only reads it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_error_value {
    /// A two-level code (`Arklet.InstallBizFailed`, an alias) or a blobstore status number (`"613"`).
    pub code: *const c_char,
    /// What happened this time (`install biz demo:1.0.0 failed`).
    pub detail: *const c_char,
    /// The cause, or NULL.
    pub cause: *const errcat_error_value,
    /// The reporter whose table the code is looked up in, or NULL.
    pub reporter: *const c_char,
    /// The CubeFS version of a status number, or NULL for the newest.
    pub version: *const c_char,
}

/// One link of the chain as the core reads it.
unsafe fn link(v: &errcat_error_value) -> errcat_core::Result<(errcat_core::ErrorCode, String)> {
    let code = ops::error_code(
        text(v.code, "value.code")?,
        opt(v.reporter, "value.reporter")?,
        opt(v.version, "value.version")?,
    )?;
    Ok((code, text(v.detail, "value.detail")?.to_string()))
}

unsafe fn render(rendering: &str, value: *const errcat_error_value, out_text: *mut *mut c_char) -> errcat_status {
    guard::fill(out_text, std::ptr::null_mut(), || {
        let mut next = value;
        // Lazy: the core stops pulling links past its depth limit, so a chain that loops ends.
        let chain = std::iter::from_fn(|| {
            // SAFETY: the caller's contract: NULL or a valid errcat_error_value, each cause likewise.
            let v = unsafe { next.as_ref() }?;
            next = v.cause;
            Some(unsafe { link(v) })
        });
        Ok(owned(ops::render(rendering, chain)?))
    })
}

/// RFC 9457 `application/problem+json` for `value` and its causes (the exact text every errcat binding renders).
/// Owned: free `*out` with `errcat_string_free`. An unknown code fails with its lookup error; a chain of more than
/// `ERRCAT_MAX_CAUSE_DEPTH` causes is `ERRCAT_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn errcat_problem_json(value: *const errcat_error_value, out: *mut *mut c_char) -> errcat_status {
    render("problem", value, out)
}

/// The Arklet response envelope `{code, message, errorStackTrace, errorCode}` for `value` and its causes. Owned:
/// free `*out` with `errcat_string_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_arklet_json(value: *const errcat_error_value, out: *mut *mut c_char) -> errcat_status {
    render("arklet", value, out)
}
