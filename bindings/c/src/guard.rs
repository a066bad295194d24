//! Every status-returning export runs here: the core's guard turns a panic into `Internal`, and a failure becomes
//! the thread's last error. A success does not touch the last error (like `errno`), so the hot path never
//! reaches thread-local storage.

use errcat_core::boundary::guard;

use crate::generated::errcat_status;
use crate::last_error;

/// Runs `body`, returning `ERRCAT_OK` or the kind of its error, which it stores as the thread's last error.
pub(crate) fn call(body: impl FnOnce() -> errcat_core::Result<()>) -> errcat_status {
    match guard(body) {
        Ok(()) => errcat_status::ERRCAT_OK,
        Err(error) => {
            let status = errcat_status::from(error.kind());
            last_error::set(error);
            status
        }
    }
}

/// Runs an export that fills `*out`: `*out` is `none` until `body` answers, and stays `none` when it fails (a NULL
/// `out` is `ERRCAT_INVALID_ARGUMENT`).
pub(crate) fn fill<T>(out: *mut T, none: T, body: impl FnOnce() -> errcat_core::Result<T>) -> errcat_status {
    call(|| {
        let slot = crate::args::out(out, "out")?;
        *slot = none;
        *slot = body()?;
        Ok(())
    })
}

/// Runs an export that returns a value rather than a status: `fallback` on a panic (stored as the last error).
pub(crate) fn value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    guard(|| Ok(body())).unwrap_or_else(|error| {
        last_error::set(error);
        fallback
    })
}
