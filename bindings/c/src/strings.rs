//! Strings across the boundary: checked input (`const char *` → `&str`) and owned output (`char *` that only
//! `errcat_string_free` releases).

use std::ffi::{c_char, CString};

use errcat_core::{Error, ErrorKind, Result};

/// The longest string argument accepted, in bytes (without the NUL). Longer input is rejected with
/// `ERRCAT_INVALID_ARGUMENT` after reading at most this many bytes + 1, so a huge or unterminated buffer costs
/// nothing.
pub const ERRCAT_MAX_STRING_LEN: usize = 65536;

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, message)
}

/// Reads the NUL-terminated string `ptr` (argument `name`) as UTF-8: NULL, too long or not UTF-8 is an
/// `InvalidArgument` error naming the argument.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string, or to at least `ERRCAT_MAX_STRING_LEN + 1` readable bytes.
pub(crate) unsafe fn arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str> {
    if ptr.is_null() {
        return Err(invalid(format!("{name} is NULL")));
    }
    let mut len = 0;
    // Bounded scan instead of strlen: never reads more than the limit + 1 bytes.
    while *ptr.add(len) != 0 {
        if len == ERRCAT_MAX_STRING_LEN {
            return Err(invalid(format!(
                "{name} is longer than {ERRCAT_MAX_STRING_LEN} bytes"
            )));
        }
        len += 1;
    }
    let bytes = std::slice::from_raw_parts(ptr.cast::<u8>(), len);
    std::str::from_utf8(bytes).map_err(|e| invalid(format!("{name} is not valid UTF-8 ({e})")))
}

/// Like [`arg`], but NULL means "not given".
///
/// # Safety
/// As for [`arg`].
pub(crate) unsafe fn opt_arg<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        arg(ptr, name).map(Some)
    }
}

/// Reads the counted string (`ptr`, `len`), which may hold any bytes, an embedded NUL included (the core then
/// judges the text: a NUL is never part of a valid code). Too long or not UTF-8 is an `InvalidArgument` error.
/// `(NULL, 0)` is the empty string.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes.
pub(crate) unsafe fn counted_arg<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<&'a str> {
    if ptr.is_null() {
        return if len == 0 {
            Ok("")
        } else {
            Err(invalid(format!("{name} is NULL")))
        };
    }
    if len > ERRCAT_MAX_STRING_LEN {
        return Err(invalid(format!(
            "{name} is longer than {ERRCAT_MAX_STRING_LEN} bytes"
        )));
    }
    let bytes = std::slice::from_raw_parts(ptr.cast::<u8>(), len);
    std::str::from_utf8(bytes).map_err(|e| invalid(format!("{name} is not valid UTF-8 ({e})")))
}

/// Checks an out-pointer argument.
pub(crate) fn out_arg<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T> {
    // SAFETY: the caller passes NULL or a pointer to writable storage for a T (the documented contract).
    unsafe { ptr.as_mut() }.ok_or_else(|| invalid(format!("{name} is NULL")))
}

/// `text` as a C string; a NUL inside (never in catalog data, possible in echoed input) becomes U+FFFD.
pub(crate) fn c_string_lossy(text: String) -> CString {
    CString::new(text).unwrap_or_else(|e| {
        let cleaned = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\u{FFFD}");
        CString::new(cleaned).unwrap_or_default()
    })
}

/// Hands `text` to the caller; only [`errcat_string_free`] may release it.
pub(crate) fn owned(text: CString) -> *mut c_char {
    text.into_raw()
}

/// Releases a string errcat allocated for the caller (an export, rendered JSON, an error message). NULL is a no-op.
/// Never pass anything else: not the static strings of `errcat_entry`, not a string from `malloc`.
///
/// # Safety
/// `s` is NULL or a pointer returned by errcat as owned, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn errcat_string_free(s: *mut c_char) {
    crate::guard::value((), || {
        if !s.is_null() {
            drop(CString::from_raw(s));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        unsafe {
            assert_eq!(arg(c"Arklet.X".as_ptr(), "code").unwrap(), "Arklet.X");
            assert_eq!(
                arg(std::ptr::null(), "code").unwrap_err().kind(),
                ErrorKind::InvalidArgument
            );
            let bad = [0xffu8 as c_char, 0];
            assert_eq!(
                arg(bad.as_ptr(), "code").unwrap_err().kind(),
                ErrorKind::InvalidArgument
            );
            let huge = CString::new(vec![b'A'; 1 << 20]).unwrap();
            assert!(arg(huge.as_ptr(), "code")
                .unwrap_err()
                .message()
                .contains("longer"));
            let edge = CString::new(vec![b'A'; ERRCAT_MAX_STRING_LEN]).unwrap();
            assert_eq!(
                arg(edge.as_ptr(), "code").unwrap().len(),
                ERRCAT_MAX_STRING_LEN
            );
            assert_eq!(opt_arg(std::ptr::null(), "reporter").unwrap(), None);
            let nul = b"Arklet.X\0Y";
            let with_nul = counted_arg(nul.as_ptr().cast(), nul.len(), "code").unwrap();
            assert_eq!(
                with_nul, "Arklet.X\0Y",
                "a NUL is data, for the core to judge"
            );
            assert_eq!(counted_arg(std::ptr::null(), 0, "code").unwrap(), "");
        }
    }

    #[test]
    fn lossy_strings_never_fail() {
        assert_eq!(
            c_string_lossy("a\0b".into()).to_str().unwrap(),
            "a\u{FFFD}b"
        );
    }
}
