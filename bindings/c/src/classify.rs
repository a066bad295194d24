//! Classifying real Arklet / ModuleController answers into two-level codes.

use std::ffi::c_char;

use errcat_core::boundary::{ops, Number, MAX_BODY_LEN};
use errcat_core::{Classification, Error};

use crate::args::{opt, owned};
use crate::generated::errcat_status;
use crate::guard;

unsafe fn classified<'a>(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
) -> errcat_core::Result<(Classification, &'a [u8])> {
    if body.is_null() && body_len > 0 || body_len > MAX_BODY_LEN {
        return Err(Error::invalid_argument(format!("body is NULL or longer than {MAX_BODY_LEN} bytes")));
    }
    let bytes = if body.is_null() { &[][..] } else { std::slice::from_raw_parts(body.cast::<u8>(), body_len) };
    let status = Number::Int(i64::from(http_status));
    Ok((ops::classify(bytes, opt(command, "command")?, Some(&status), opt(tunnel, "tunnel")?)?, bytes))
}

/// Classifies an answer exactly as received (`body_len` bytes, at most 16 MiB): `command` (`installBiz`, ...; NULL =
/// unknown), `http_status` (0 = not given) and `tunnel` (`http`, `mqtt`, `client`; NULL = `http`) say how it came.
/// `*out` is the classification as JSON, the object `errcat classify --json` prints (owned). An answer no rule knows
/// is `ERRCAT_NOT_FOUND`; input that is not an answer (not JSON, not UTF-8, too large) `ERRCAT_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn errcat_classify(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
    out: *mut *mut c_char,
) -> errcat_status {
    guard::fill(out, std::ptr::null_mut(), || {
        Ok(owned(classified(body, body_len, command, http_status, tunnel)?.0.to_json()))
    })
}

/// The answer with the `errorCode` of its classification added (every other byte kept; ModuleController's decoder
/// ignores the new member). Arguments and errors as for `errcat_classify`; `*out` is owned.
#[no_mangle]
pub unsafe extern "C" fn errcat_classify_enrich(
    body: *const c_char, body_len: usize, command: *const c_char, http_status: i32, tunnel: *const c_char,
    out: *mut *mut c_char,
) -> errcat_status {
    guard::fill(out, std::ptr::null_mut(), || {
        let (c, bytes) = classified(body, body_len, command, http_status, tunnel)?;
        Ok(owned(c.enrich(bytes)?))
    })
}
