//! Codes and numbers: `errcat_lookup` and `errcat_blobstore_status`, whose calls the answer table lists are served
//! from the static tables (one hash and one compare) and any other by the core, whose answer points into the same
//! tables; `errcat_find`, `errcat_search`, a version's status table and the service of a number.

use std::ffi::c_char;

use errcat_core::boundary::{names::opt_name, ops, Number, MAX_STRING_LEN};
use errcat_core::{Entry, Result, Version};

use crate::args::{counted, judge, opt, read, required, text};
use crate::tables::{self, listed_lookup, listed_status, resolved, service_name, status_match};
use crate::{errcat_resolved, errcat_status, errcat_status_match, guard};

// A call the answer table lists is answered before the guard, in a few instructions: nothing on that path can panic
// (no indexing, no allocation). Any other call goes to the core inside the guard, out of line (`#[cold]`). Each
// argument is read once: the table's spellings and the core see the same bytes. Each body inlines into its export.

#[inline(always)]
pub(crate) unsafe fn lookup(code: *const c_char, reporter: *const c_char, out: *mut errcat_resolved) -> errcat_status {
    lookup_n(code, usize::MAX, reporter, out)
}

#[inline(always)]
pub(crate) unsafe fn lookup_n(
    code: *const c_char, code_len: usize, reporter: *const c_char, out: *mut errcat_resolved,
) -> errcat_status {
    let code = match code_len {
        usize::MAX => Ok(read(code, MAX_STRING_LEN)),
        n => counted(code, n, "code").map(Some),
    };
    let reporter = read(reporter, MAX_STRING_LEN);
    let listed = code.as_ref().ok().copied().flatten().and_then(|code| listed_lookup(code, reporter));
    serve(out, listed, || unlisted_lookup(code, reporter, out))
}

#[cold]
fn unlisted_lookup(code: Result<Option<&[u8]>>, reporter: Option<&[u8]>, out: *mut errcat_resolved) -> errcat_status {
    guard::fill(out, errcat_resolved::NONE, || {
        let code = required(judge(code?, "code")?, "code")?;
        Ok(resolved(ops::lookup(code, judge(reporter, "reporter")?)?))
    })
}

#[inline(always)]
pub(crate) unsafe fn status(code: i64, version: *const c_char, out: *mut errcat_status_match) -> errcat_status {
    match version.is_null() {
        true => serve(out, listed_status(code, None), || unlisted_status(code, None, out)),
        // Out of line, so that a call without a version saves no register.
        false => status_at(code, version, out),
    }
}

#[inline(never)]
unsafe fn status_at(code: i64, version: *const c_char, out: *mut errcat_status_match) -> errcat_status {
    let version = read(version, MAX_STRING_LEN);
    serve(out, listed_status(code, version), || unlisted_status(code, version, out))
}

#[cold]
fn unlisted_status(code: i64, version: Option<&[u8]>, out: *mut errcat_status_match) -> errcat_status {
    guard::fill(out, errcat_status_match::NONE, || {
        Ok(status_match(ops::status(&Number::Int(code), judge(version, "version")?)?))
    })
}

/// `*out` = the table's answer, or what `unlisted` (the core) answers when there is none (or `out` is NULL).
#[inline(always)]
fn serve<T: Copy>(out: *mut T, answer: Option<&T>, unlisted: impl FnOnce() -> errcat_status) -> errcat_status {
    // SAFETY: the caller passes NULL or a pointer to writable storage for a T (the documented contract).
    match (unsafe { out.as_mut() }, answer) {
        (Some(out), Some(answer)) => {
            *out = *answer;
            errcat_status::ERRCAT_OK
        }
        _ => unlisted(),
    }
}

pub(crate) unsafe fn status_table(version: *const c_char) -> Result<*const errcat_status_match> {
    Ok(tables::status_table(opt_name::<Version>("version", opt(version, "version")?)?.unwrap_or(Version::NEWEST)))
}

pub(crate) unsafe fn service_of(code: i64, version: *const c_char) -> Result<*const c_char> {
    Ok(service_name(ops::service_of(&Number::Int(code), opt(version, "version")?)?))
}

pub(crate) unsafe fn find(code: *const c_char) -> Result<Vec<Entry>> {
    ops::find(text(code, "code")?)
}

pub(crate) unsafe fn search(words: *const c_char) -> Result<Vec<Entry>> {
    ops::search(text(words, "words")?)
}
