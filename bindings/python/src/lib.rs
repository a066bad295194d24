//! `errcat._native`: the pyo3 extension module behind the `errcat` Python package (`python/`). It decides nothing
//! (bindings/README.md): [`call`] converts Python values to `errcat::boundary::Arg`s mechanically ([`convert`]),
//! runs `errcat_audit::boundary::call` and converts the `Out` or the error back; [`fast::fast`] serves positional
//! `lookup`/`status` calls from the package's answer-table dicts; [`classify::classify`] makes the package's
//! classification objects from the core's classification. Everything runs inside `errcat::boundary::guard`.

use errcat::boundary::guard;
use errcat::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

mod classify;
mod convert;
mod fast;

/// The package's exception classes, one per `ErrorKind` in declaration order (registered by `errcat._errors`).
static ERRORS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();

/// The `errcat.Error` subclass of `e`'s kind, carrying its message, suggestions and candidates.
fn raise(py: Python<'_>, e: &Error) -> PyErr {
    let made = match ERRORS.get(py) {
        Some(classes) => classes
            .bind(py)
            .get_item(e.kind() as usize)
            .and_then(|class| class.call1((e.to_string(), e.suggestions(), e.candidates()))),
        None => Err(PyRuntimeError::new_err(e.to_string())),
    };
    made.map_or_else(|failed| failed, PyErr::from_value)
}

/// Runs `body` in the core's panic guard: a panic becomes `errcat.InternalError`.
fn guarded<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    guard(|| Ok(body())).unwrap_or_else(|e| Err(raise(py, &e)))
}

/// Registers the package's exception classes (a tuple in `ErrorKind` order); the first registration stays.
#[pyfunction]
fn init(py: Python<'_>, errors: Bound<'_, PyTuple>) {
    let _ = ERRORS.set(py, errors.unbind());
}

/// `call(op, *args)`: operation `op` of the core (bindings/README.md, "Operations"); `audit` without the GIL.
#[pyfunction]
#[pyo3(signature = (op, *args))]
fn call<'py>(py: Python<'py>, op: &str, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let args = args
            .iter()
            .map(|a| convert::arg(&a))
            .collect::<PyResult<Vec<_>>>()?;
        let out = match op {
            "audit" => py.detach(|| errcat_audit::boundary::call(op, args)),
            _ => errcat_audit::boundary::call(op, args),
        };
        convert::out(py, out.map_err(|e| raise(py, &e))?)
    })
}

/// Panics inside the guard, so the tests can prove the guard works (no input reaches a panic).
#[pyfunction]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guarded(py, || panic!("deliberate panic for the panic-guard test"))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(init, m)?)?;
    m.add_function(wrap_pyfunction!(fast::fast, m)?)?;
    m.add_function(wrap_pyfunction!(classify::classify, m)?)?;
    m.add_function(wrap_pyfunction!(classify::shapes, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)
}
