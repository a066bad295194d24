//! Two-level codes: `errcat_lookup` (one entry or an error), `errcat_find` (every entry a code could mean) and
//! `errcat_search` (entries by the words of their meaning).

use std::ffi::c_char;

use errcat_core::boundary::ops;
use errcat_core::{Entry, Error};

use crate::args::{counted, opt, out, text};
use crate::generated::errcat_status;
use crate::guard;
use crate::table::{entry, errcat_entry, errcat_resolved};

/// Resolves a two-level code (`"Arklet.InstallBizFailed"`, an alias, a dynamic `User.PullBizError`) to its entry,
/// inside `reporter`'s table when `reporter` is not NULL (`Arklet`, `modulecontroller`: case and surrounding
/// whitespace are ignored; an empty one means none). Does not allocate on success.
///
/// Returns `ERRCAT_OK` and fills `*out`; else `ERRCAT_NOT_FOUND` (suggestions in the last error),
/// `ERRCAT_AMBIGUOUS` (candidates in the last error), `ERRCAT_INVALID_CODE` or `ERRCAT_INVALID_ARGUMENT`, and
/// `*out` is zeroed.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup(
    code: *const c_char, reporter: *const c_char, out: *mut errcat_resolved,
) -> errcat_status {
    errcat_lookup_n(code, usize::MAX, reporter, out)
}

/// `errcat_lookup` with a counted code (`code_len` bytes, no NUL needed) for callers whose strings carry a length
/// (Go, Rust, C++ `std::string_view`). An embedded NUL byte is part of the code, so the code is
/// `ERRCAT_INVALID_CODE`, as in every binding whose strings can hold a NUL. `code_len == SIZE_MAX` means
/// "NUL-terminated".
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup_n(
    code: *const c_char, code_len: usize, reporter: *const c_char, out_resolved: *mut errcat_resolved,
) -> errcat_status {
    guard::fill(out_resolved, errcat_resolved::NONE, || {
        let code = match code_len {
            usize::MAX => text(code, "code")?,
            n => counted(code, n, "code")?,
        };
        Ok(errcat_resolved::of(ops::lookup(code, opt(reporter, "reporter")?)?))
    })
}

/// Writes up to `capacity` of `entries` to `out` and their total number to `*out_count`.
pub(crate) fn fill(
    entries: Vec<Entry>, out_entries: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> errcat_core::Result<()> {
    let count = out(out_count, "out_count")?;
    *count = 0;
    if out_entries.is_null() && capacity > 0 {
        return Err(Error::invalid_argument("out is NULL but capacity > 0"));
    }
    for (i, e) in entries.iter().take(capacity).enumerate() {
        // SAFETY: the caller gave `capacity` writable slots at `out_entries`.
        unsafe { *out_entries.add(i) = entry(*e) };
    }
    *count = entries.len();
    Ok(())
}

/// Every entry a code could mean: for a two-level code or a bare type (`InstallBizFailed`), the entries of its type
/// (or alias) in every table; for a number (`"552"`), the blobstore entries with that number in every version.
///
/// Writes up to `capacity` entry pointers (static: never free them) to `out` and the total number to
/// `*out_count`; call with `capacity` 0 (and `out` NULL) to learn the size. `errcat_entry_count()` is always
/// enough. `ERRCAT_NOT_FOUND` (with suggestions) when there is none.
#[no_mangle]
pub unsafe extern "C" fn errcat_find(
    code: *const c_char, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> errcat_status {
    guard::call(|| fill(ops::find(text(code, "code")?)?, out, capacity, out_count))
}

/// The entries whose code, meaning, solution, message or description holds every word of `words` (case ignored;
/// Chinese words match as substrings), best first. Same output convention as `errcat_find`; no match is
/// `ERRCAT_OK` with a count of 0.
#[no_mangle]
pub unsafe extern "C" fn errcat_search(
    words: *const c_char, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> errcat_status {
    guard::call(|| fill(ops::search(text(words, "words")?)?, out, capacity, out_count))
}
