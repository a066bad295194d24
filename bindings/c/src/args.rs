//! C arguments → what the core's boundary policies read: `const char *` to `&str` (bounded scan, UTF-8 checked by
//! the core), out-pointers checked, owned strings handed out and freed.

use std::ffi::{c_char, CString};

use errcat_core::boundary::{args::utf8, MAX_STRING_LEN};
use errcat_core::{Error, Result};

/// The longest string argument accepted, in bytes (without the NUL): the core's limit.
pub const ERRCAT_MAX_STRING_LEN: usize = 65536;
const _: () = assert!(ERRCAT_MAX_STRING_LEN == MAX_STRING_LEN);

/// Reads the NUL-terminated string `ptr` (argument `name`); NULL is `None`. Never reads more than the limit + 1
/// bytes, so a huge or unterminated buffer costs nothing.
pub(crate) unsafe fn opt<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    opt_up_to(ptr, name, MAX_STRING_LEN)
}

/// [`opt`] with another limit (the JSON arguments of `errcat_call`).
pub(crate) unsafe fn opt_up_to<'a>(ptr: *const c_char, name: &str, limit: usize) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // POSIX strnlen: SIMD, and never reads past the limit + 1 bytes.
    let len = libc::strnlen(ptr, limit + 1);
    if len > limit {
        return Err(Error::invalid_argument(format!("{name} is longer than {limit} bytes")));
    }
    let bytes = std::slice::from_raw_parts(ptr.cast::<u8>(), len);
    match limit {
        MAX_STRING_LEN => utf8(name, bytes).map(Some),
        _ => std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|_| Error::invalid_argument(format!("{name} is not valid UTF-8"))),
    }
}

/// Like [`opt`], but NULL is `InvalidArgument`.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    opt(ptr, name)?.ok_or_else(|| Error::invalid_argument(format!("{name} is missing (NULL)")))
}

/// The counted string (`ptr`, `len`), which may hold any bytes, a NUL included (the core judges it); `(NULL, 0)` is
/// the empty string.
pub(crate) unsafe fn counted<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return match len {
            0 => Ok(""),
            _ => Err(Error::invalid_argument(format!("{name} is NULL"))),
        };
    }
    utf8(name, std::slice::from_raw_parts(ptr.cast::<u8>(), len))
}

/// Checks an out-pointer argument.
pub(crate) fn out<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T> {
    // SAFETY: the caller passes NULL or a pointer to writable storage for a T (the documented contract).
    unsafe { ptr.as_mut() }.ok_or_else(|| Error::invalid_argument(format!("{name} is NULL")))
}

/// `text` handed to the caller; only [`errcat_string_free`] may release it. A NUL inside (never in catalog data,
/// possible in echoed input) becomes U+FFFD.
pub(crate) fn owned(text: String) -> *mut c_char {
    CString::new(text)
        .unwrap_or_else(|e| {
            let cleaned = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
            CString::new(cleaned).unwrap_or_default()
        })
        .into_raw()
}

/// Releases a string errcat allocated for the caller (an export, rendered JSON, an error message). NULL is a no-op.
/// Never pass anything else: not the static strings of `errcat_entry`, not a string from `malloc`.
#[no_mangle]
pub unsafe extern "C" fn errcat_string_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}
