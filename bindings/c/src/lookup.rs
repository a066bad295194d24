//! Codes and numbers: `errcat_lookup` and `errcat_blobstore_status`, whose calls the answer table lists are served
//! from the static tables (one hash and one compare) and any other by the core, whose answer points into the same
//! tables; `errcat_find`, `errcat_search`, a version's status table and the service of a number.

use std::ffi::c_char;

use errcat_core::boundary::{names::opt_name, ops, Number, MAX_STRING_LEN};
use errcat_core::{Result, Version};

use crate::args::{counted, fill_entries, judge, opt, read, required, text};
use crate::tables::{self, listed_lookup, listed_status, resolved, service_name, status_match};
use crate::{errcat_entry, errcat_resolved, errcat_status_match};

pub(crate) unsafe fn lookup(code: *const c_char, reporter: *const c_char) -> Result<errcat_resolved> {
    lookup_n(code, usize::MAX, reporter)
}

/// Each argument is read once; the core judges them, in order, when the table does not list the call.
pub(crate) unsafe fn lookup_n(
    code: *const c_char, code_len: usize, reporter: *const c_char,
) -> Result<errcat_resolved> {
    let code = match code_len {
        usize::MAX => read(code, MAX_STRING_LEN),
        n => Some(counted(code, n, "code")?),
    };
    let reporter = read(reporter, MAX_STRING_LEN);
    if let Some(answer) = code.and_then(|code| listed_lookup(code, reporter)) {
        return Ok(*answer);
    }
    Ok(resolved(ops::lookup(required(judge(code, "code")?, "code")?, judge(reporter, "reporter")?)?))
}

pub(crate) unsafe fn status(code: i64, version: *const c_char) -> Result<errcat_status_match> {
    let version = read(version, MAX_STRING_LEN);
    match listed_status(code, version) {
        Some(answer) => Ok(*answer),
        None => Ok(status_match(ops::status(&Number::Int(code), judge(version, "version")?)?)),
    }
}

pub(crate) unsafe fn status_table(version: *const c_char) -> Result<*const errcat_status_match> {
    Ok(tables::status_table(opt_name::<Version>("version", opt(version, "version")?)?.unwrap_or(Version::NEWEST)))
}

pub(crate) unsafe fn service_of(code: i64, version: *const c_char) -> Result<*const c_char> {
    Ok(service_name(ops::service_of(&Number::Int(code), opt(version, "version")?)?))
}

pub(crate) unsafe fn find(
    code: *const c_char, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> Result<()> {
    fill_entries(ops::find(text(code, "code")?)?, out, capacity, out_count)
}

pub(crate) unsafe fn search(
    words: *const c_char, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> Result<()> {
    fill_entries(ops::search(text(words, "words")?)?, out, capacity, out_count)
}
