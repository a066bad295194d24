//! errcat errors as Python exceptions: one class per [`ErrorKind`], all under `errcat.Error` (python/errcat/_errors.py).

use errcat::Error;
use pyo3::prelude::*;

use crate::host;

/// The `errcat.Error` subclass of `e`'s kind, carrying its message, suggestions and candidates.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let raised = host::get(py).and_then(|h| {
        h.error_class(e.kind())
            .bind(py)
            .call1((e.to_string(), e.suggestions(), e.candidates()))
    });
    match raised {
        Ok(exception) => PyErr::from_value(exception),
        Err(failed) => failed,
    }
}

/// `Result<T, errcat::Error>` → `PyResult<T>`.
pub trait IntoPyResult<T> {
    /// Converts the error to its Python exception.
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for errcat::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}
