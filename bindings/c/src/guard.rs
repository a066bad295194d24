//! How every export runs (the generated bodies call these): inside the core's guard, which turns a panic into
//! `Internal`, with a failure stored as the thread's last error. A success leaves the last error alone (like
//! `errno`), so the hot path never reaches thread-local storage.

use errcat_core::boundary::guard;
use errcat_core::{Entry, Error, Result};

use crate::tables::entry;
use crate::{errcat_entry, errcat_status, last_error};

/// Runs `body`: `ERRCAT_OK`, or the kind of its error, which becomes the thread's last error.
#[inline(always)] // into each export, with the guard: the hot path is then one function
fn call(body: impl FnOnce() -> Result<()>) -> errcat_status {
    match guard(body) {
        Ok(()) => errcat_status::ERRCAT_OK,
        Err(error) => failed(error),
    }
}

/// Stores `error` as the thread's last error (out of line: the hot path succeeds).
#[cold]
fn failed(error: Error) -> errcat_status {
    let status = errcat_status::from(error.kind());
    last_error::set(error);
    status
}

/// Runs `body` for the out-parameter `out`: `*out` is its answer, or `none` when it fails (a NULL `out` is
/// `ERRCAT_INVALID_ARGUMENT`).
#[inline(always)]
pub(crate) fn fill<T>(out: *mut T, none: T, body: impl FnOnce() -> Result<T>) -> errcat_status {
    // SAFETY: the caller passes NULL or a pointer to writable storage for a T (the documented contract).
    let Some(slot) = (unsafe { out.as_mut() }) else {
        return call(|| Err(Error::invalid_argument("out is NULL")));
    };
    *slot = none;
    call(|| {
        *slot = body()?;
        Ok(())
    })
}

/// Runs `body` for the caller's array `out` (room for `capacity` entry pointers) and `*out_count`: up to `capacity`
/// of its entries go to `out` and their number to `*out_count` (0 when it fails).
pub(crate) unsafe fn list(
    out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize, body: impl FnOnce() -> Result<Vec<Entry>>,
) -> errcat_status {
    call(|| {
        let count = out_count.as_mut().ok_or_else(|| Error::invalid_argument("out_count is NULL"))?;
        *count = 0;
        if out.is_null() && capacity > 0 {
            return Err(Error::invalid_argument("out is NULL but capacity > 0"));
        }
        let entries = body()?;
        for (i, e) in entries.iter().take(capacity).enumerate() {
            *out.add(i) = entry(*e);
        }
        *count = entries.len();
        Ok(())
    })
}
