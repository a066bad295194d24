//! Koupleless answers on the wire: an error value with its cause chain rendered as problem+json or as the Arklet
//! envelope, and a real Arklet / ModuleController answer classified into its two-level code.

use std::ffi::{c_char, c_void};

use errcat_core::boundary::{self, ops, Number, MAX_BODY_LEN};
use errcat_core::{Error, ErrorCode, Result};

use crate::args::{opt, owned, text};
use crate::{errcat_error_value, errcat_packed};

pub(crate) unsafe fn problem_json(value: *const errcat_error_value) -> Result<*mut c_char> {
    render("problem", value)
}

pub(crate) unsafe fn arklet_json(value: *const errcat_error_value) -> Result<*mut c_char> {
    render("arklet", value)
}

unsafe fn render(rendering: &str, value: *const errcat_error_value) -> Result<*mut c_char> {
    let mut next = value;
    // Lazy: the core stops pulling links past its depth limit, so a chain that loops ends.
    let chain = std::iter::from_fn(|| {
        // SAFETY: the caller's contract: NULL or a valid errcat_error_value, each cause likewise.
        let v = unsafe { next.as_ref() }?;
        next = v.cause;
        Some(unsafe { link(v) })
    });
    Ok(owned(ops::render(rendering, chain)?))
}

/// One link of the chain as the core reads it.
unsafe fn link(v: &errcat_error_value) -> Result<(ErrorCode, String)> {
    let code = ops::error_code(
        text(v.code, "value.code")?,
        opt(v.reporter, "value.reporter")?,
        opt(v.version, "value.version")?,
    )?;
    Ok((code, text(v.detail, "value.detail")?.to_string()))
}

pub(crate) unsafe fn classify(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
) -> Result<*mut c_char> {
    Ok(owned(classified(body, body_len, command, http_status, tunnel, ops::classify)?.into_json()))
}

pub(crate) unsafe fn enrich(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
) -> Result<*mut c_char> {
    let enriched = classified(body, body_len, command, http_status, tunnel, |bytes, c, s, t| {
        ops::classify(bytes, c, s, t)?.enrich(bytes)
    })?;
    Ok(owned(enriched))
}

pub(crate) unsafe fn classify_packed(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
) -> Result<errcat_packed> {
    let packed = classified(body, body_len, command, http_status, tunnel, boundary::classify_flat_packed)?;
    // The answer itself is the owner: its buffers are handed out as they are (boxing each as a slice would
    // reallocate it to its length).
    let mut owner = Box::new(packed);
    Ok(errcat_packed {
        text: owner.text.as_mut_ptr().cast::<c_char>(),
        text_len: owner.text.len(),
        shape: owner.shape.as_mut_ptr(),
        shape_len: owner.shape.len(),
        owner: Box::into_raw(owner).cast::<c_void>(),
    })
}

/// Frees what [`classify_packed`] answered and zeroes it; NULL or an empty answer is a no-op.
pub(crate) unsafe fn free_packed(p: *mut errcat_packed) {
    if let Some(p) = p.as_mut() {
        if !p.owner.is_null() {
            drop(Box::from_raw(p.owner.cast::<boundary::Packed>()));
        }
        *p = errcat_packed::NONE;
    }
}

/// `op` (the core's classification, as JSON, enriched or packed) of the arguments of the classify exports: the body
/// NULL only when empty and at most the core's limit.
unsafe fn classified<T>(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
    op: impl FnOnce(&[u8], Option<&str>, Option<&Number>, Option<&str>) -> Result<T>,
) -> Result<T> {
    if body.is_null() && body_len > 0 || body_len > MAX_BODY_LEN {
        return Err(Error::invalid_argument(format!("body is NULL or longer than {MAX_BODY_LEN} bytes")));
    }
    let bytes = if body.is_null() { &[][..] } else { std::slice::from_raw_parts(body.cast::<u8>(), body_len) };
    let status = Number::Int(i64::from(http_status));
    op(bytes, opt(command, "command")?, Some(&status), opt(tunnel, "tunnel")?)
}
