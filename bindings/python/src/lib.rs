//! `errcat._native`: the pyo3 extension module behind the `errcat` Python package (`python/`). It decides nothing
//! (bindings/README.md): [`call`] converts Python values to `errcat::boundary::Arg`s mechanically ([`convert`]),
//! runs `errcat_audit::boundary::call` and converts the `Out` or the error back; [`fast::fast`] serves positional
//! `lookup`/`status` calls from the package's answer-table dicts. Everything runs inside `errcat::boundary::guard`.

use errcat::boundary::guard;
use errcat::{Error, ErrorKind};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

mod convert;
mod fast;

/// The package's exception classes, one per `ErrorKind` in declaration order (registered by `errcat._errors`).
static ERRORS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();

/// The `errcat.Error` subclass of `e`'s kind, carrying its message, suggestions and candidates.
fn raise(py: Python<'_>, e: &Error) -> PyErr {
    let kind = ErrorKind::ALL.iter().position(|k| *k == e.kind()).unwrap_or(0);
    let made = match ERRORS.get(py) {
        Some(classes) => classes
            .bind(py)
            .get_item(kind)
            .and_then(|class| class.call1((e.to_string(), e.suggestions(), e.candidates()))),
        None => Err(PyRuntimeError::new_err(e.to_string())),
    };
    match made {
        Ok(exception) => PyErr::from_value(exception),
        Err(failed) => failed,
    }
}

/// Runs `body` in the core's panic guard: a panic becomes `errcat.InternalError`.
fn guarded<'py, T>(py: Python<'py>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    guard(|| Ok(body())).unwrap_or_else(|e| Err(raise(py, &e)))
}

/// Registers the package's exception classes (a tuple in `ErrorKind` order); the first registration stays.
#[pyfunction]
fn init(py: Python<'_>, errors: Bound<'_, PyTuple>) {
    let _ = ERRORS.set(py, errors.unbind());
}

/// `call(op, *args)`: operation `op` of the core with `args` (bindings/README.md, "Operations"). `audit` runs with
/// the GIL released.
#[pyfunction]
#[pyo3(signature = (op, *args))]
fn call<'py>(py: Python<'py>, op: &str, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let args = args.iter().map(|a| convert::arg(&a)).collect::<PyResult<Vec<_>>>()?;
        let out = if op == "audit" {
            py.detach(|| errcat_audit::boundary::call(op, args))
        } else {
            errcat_audit::boundary::call(op, args)
        };
        convert::out(py, out.map_err(|e| raise(py, &e))?)
    })
}

/// Panics inside the guard, so the tests can prove the guard works (no input reaches a panic).
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guarded(py, || panic!("deliberate panic for the panic-guard test"))
}

/// The module `errcat._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(init, m)?)?;
    m.add_function(wrap_pyfunction!(fast::fast, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
