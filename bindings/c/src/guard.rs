//! The boundary every export goes through: no panic unwinds into C, every failure sets the thread's last error.

use std::panic::{catch_unwind, AssertUnwindSafe};

use errcat_core::{Error, ErrorKind};

use crate::last_error;
use crate::status::errcat_status;

/// Runs `body`, returning its status: `ERRCAT_OK`, the kind of its error, or `ERRCAT_INTERNAL` for a panic.
/// Clears the thread's last error first, so after a success there is none.
pub(crate) fn call(body: impl FnOnce() -> Result<(), Error>) -> errcat_status {
    last_error::clear();
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => errcat_status::ERRCAT_OK,
        Ok(Err(error)) => fail(error),
        Err(payload) => fail(panic_error(payload.as_ref())),
    }
}

/// Runs an export that returns a value rather than a status (a pointer, a count): `fallback` on a panic.
/// Leaves the last error alone, so these functions can be used to read it.
pub(crate) fn value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(v) => v,
        Err(payload) => {
            last_error::set(panic_error(payload.as_ref()));
            fallback
        }
    }
}

fn fail(error: Error) -> errcat_status {
    let status = errcat_status::from(error.kind());
    last_error::set(error);
    status
}

fn panic_error(payload: &(dyn std::any::Any + Send)) -> Error {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_internal_with_a_message() {
        let status = call(|| panic!("boom"));
        assert_eq!(status, errcat_status::ERRCAT_INTERNAL);
        let message =
            last_error::with(|e| e.map(|e| e.message.to_str().unwrap().to_string())).unwrap();
        assert!(message.contains("boom"), "{message}");
        // The library is still usable on this thread after the panic.
        assert_eq!(call(|| Ok(())), errcat_status::ERRCAT_OK);
        assert!(last_error::with(|e| e.is_none()));
    }

    #[test]
    fn a_panic_in_a_value_export_returns_the_fallback() {
        let got: usize = value(7, || panic!("boom"));
        assert_eq!(got, 7);
    }
}
