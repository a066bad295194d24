//! The panic guard: no Rust panic crosses into Python. A caught panic becomes `errcat.InternalError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use errcat::{Error, ErrorKind};
use pyo3::prelude::*;

use crate::errors;

/// Runs `f`, turning a panic into `errcat.InternalError` (pyo3 alone would raise `PanicException`, a
/// `BaseException` that `except Exception` does not catch).
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(errors::to_py(
            py,
            &Error::new(ErrorKind::Internal, format!("errcat panicked: {what}")),
        ))
    })
}

/// Panics inside the guard, so the tests can prove the guard works (no vector can reach a panic).
#[pyfunction]
#[pyo3(name = "_panic_for_test")]
pub fn panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || panic!("deliberate panic for the panic-guard test"))
}
