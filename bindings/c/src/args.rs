//! C arguments → what the core's boundary policies read: a `const char *` is read once, never past a limit, and
//! judged by the core (UTF-8, length); owned strings are handed out and freed.

use std::ffi::{c_char, CString};

use errcat_core::boundary::{args::utf8, MAX_STRING_LEN};
use errcat_core::{Error, Result};

/// The bytes of the NUL-terminated string `ptr` (NULL is `None`), never more than `limit` + 1 of them (POSIX
/// strnlen: SIMD, and bounded), so a huge or unterminated buffer costs nothing; [`judge`] refuses the excess.
pub(crate) unsafe fn read<'a>(ptr: *const c_char, limit: usize) -> Option<&'a [u8]> {
    (!ptr.is_null()).then(|| std::slice::from_raw_parts(ptr.cast::<u8>(), libc::strnlen(ptr, limit + 1)))
}

/// The counted string (`ptr`, `len`), which may hold any bytes, a NUL included (the core judges it); `(NULL, 0)` is
/// the empty string.
pub(crate) unsafe fn counted<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a [u8]> {
    match (ptr.is_null(), len) {
        (true, 0) => Ok(b""),
        (true, _) => Err(Error::invalid_argument(format!("{name} is NULL"))),
        (false, _) => Ok(std::slice::from_raw_parts(ptr.cast::<u8>(), len)),
    }
}

/// What [`read`] read of argument `name`, as text: at most `MAX_STRING_LEN` bytes of UTF-8 (the core's check).
pub(crate) fn judge<'a>(bytes: Option<&'a [u8]>, name: &str) -> Result<Option<&'a str>> {
    match bytes {
        Some(b) if b.len() > MAX_STRING_LEN => {
            Err(Error::invalid_argument(format!("{name} is longer than {MAX_STRING_LEN} bytes")))
        }
        Some(b) => utf8(name, b).map(Some),
        None => Ok(None),
    }
}

/// A required argument: NULL (`None`) is `InvalidArgument`.
pub(crate) fn required<T>(value: Option<T>, name: &str) -> Result<T> {
    value.ok_or_else(|| Error::invalid_argument(format!("{name} is missing (NULL)")))
}

/// An optional string argument.
pub(crate) unsafe fn opt<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    judge(read(ptr, MAX_STRING_LEN), name)
}

/// A required string argument.
pub(crate) unsafe fn text<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    required(opt(ptr, name)?, name)
}

/// `text` handed to the caller; only `errcat_string_free` may release it. A NUL inside (never in catalog data,
/// possible in echoed input) becomes U+FFFD.
pub(crate) fn owned(text: String) -> *mut c_char {
    CString::new(text)
        .unwrap_or_else(|e| {
            let cleaned = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
            CString::new(cleaned).unwrap_or_default()
        })
        .into_raw()
}

/// Releases what [`owned`] handed out; NULL is a no-op.
pub(crate) unsafe fn free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}
