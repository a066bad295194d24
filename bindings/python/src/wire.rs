//! Error values on the wire: the package's `errcat.CodedError` passes its cause chain here to be rendered by the
//! core as problem+json or as the Arklet envelope.

use errcat::{CodedError, ErrorCode, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::PyInt;

use crate::args;
use crate::errors::IntoPyResult;
use crate::guard::guard;

/// A code argument: a two-level code, or a status number as `int` or digits.
fn code_text(code: &Bound<'_, PyAny>) -> PyResult<String> {
    if code.is_instance_of::<PyInt>() {
        return args::int(code, "code", ErrorKind::InvalidCode).map(|n| n.to_string());
    }
    args::text(code, "code", ErrorKind::InvalidCode).map(|c| c.into_owned())
}

/// Resolves a code as an error value would and returns it as text (`Source.Type` with the canonical type, or the
/// status number).
#[pyfunction]
pub fn resolve_code(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || {
        let code = code_text(code)?;
        Ok(ErrorCode::resolve(&code, None, None).or_raise(py)?.text())
    })
}

/// The core's error value for a chain of `(code, detail)` pairs, outermost first.
fn chain(py: Python<'_>, links: &Bound<'_, PyAny>) -> PyResult<CodedError> {
    let mut values = Vec::new();
    for link in links.try_iter()? {
        let link = link?;
        let (code, detail): (Bound<'_, PyAny>, Bound<'_, PyAny>) = link.extract()?;
        let code = code_text(&code)?;
        let detail = args::text(&detail, "detail", ErrorKind::InvalidArgument)?;
        values.push(CodedError::new(&code, detail.as_ref()).or_raise(py)?);
    }
    let mut values = values.into_iter().rev();
    let innermost = values.next().ok_or_else(|| {
        pyo3::exceptions::PyValueError::new_err("an error value needs at least one (code, detail)")
    })?;
    Ok(values.fold(innermost, |cause, outer| outer.with_cause(cause)))
}

/// RFC 9457 problem+json of a `(code, detail)` chain, outermost first.
#[pyfunction]
pub fn problem_json(py: Python<'_>, links: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || Ok(chain(py, links)?.to_problem_json()))
}

/// The Arklet envelope of a `(code, detail)` chain, outermost first.
#[pyfunction]
pub fn arklet_json(py: Python<'_>, links: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || Ok(chain(py, links)?.to_arklet_json()))
}
