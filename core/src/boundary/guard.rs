//! The panic-to-`Internal` conversion: the one place a bug in errcat becomes an error instead of an abort, a
//! signal or an unwinding into a host runtime.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::{Error, ErrorKind, Result};

/// Runs `body`; a panic inside it becomes an `Internal` error whose message says it is a bug and what panicked.
/// Every binding export runs inside it, so no panic crosses a language boundary.
///
/// ```
/// let err = errcat::boundary::guard(|| -> errcat::Result<()> { panic!("boom") }).unwrap_err();
/// assert_eq!(err.kind(), errcat::ErrorKind::Internal);
/// assert!(err.message().contains("boom"));
/// ```
// Inlined into every export: the answer is then written in place instead of copied out of the guard's frame
// (without a panic, catch_unwind costs nothing else).
#[inline(always)]
pub fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(panic_error(payload.as_ref())))
}

/// The error for a caught panic payload.
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic");
    Error::new(
        ErrorKind::Internal,
        format!("internal error in errcat (a bug, please report it): {what}"),
    )
}
