//! `errcat._native`: the pyo3 extension module behind the `errcat` Python package (`python/`).
//!
//! Thin by design: every function converts its Python arguments, calls the `errcat` core, and converts the result
//! back. The Python value classes (entries, enums, exceptions) live in the package's Python modules; this crate
//! builds them from what the core returns and caches the ones that describe static catalog data (see [`host`]), so
//! an entry crosses the boundary once per process. `lookup` and `status` get a fastcall entry point with a bounded
//! cache of answers in front of their pyo3 functions (see [`fast`]). Panics never cross: [`guard::guard`] turns them
//! into `errcat.InternalError`.

use pyo3::prelude::*;

mod api;
mod args;
mod audit;
mod errors;
mod fast;
mod guard;
mod host;
mod wire;

/// The module `errcat._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("VERSION", errcat::VERSION)?;
    // lookup and status: a fastcall entry point with a cache of answers in front of the pyo3 functions.
    fast::install(m)?;
    m.add_function(wrap_pyfunction!(api::find, m)?)?;
    m.add_function(wrap_pyfunction!(api::service_of, m)?)?;
    m.add_function(wrap_pyfunction!(api::parse, m)?)?;
    m.add_function(wrap_pyfunction!(api::compose, m)?)?;
    m.add_function(wrap_pyfunction!(api::entries, m)?)?;
    m.add_function(wrap_pyfunction!(api::export, m)?)?;
    m.add_function(wrap_pyfunction!(api::names, m)?)?;
    m.add_function(wrap_pyfunction!(wire::resolve_code, m)?)?;
    m.add_function(wrap_pyfunction!(wire::problem_json, m)?)?;
    m.add_function(wrap_pyfunction!(wire::arklet_json, m)?)?;
    m.add_function(wrap_pyfunction!(audit::analyze_audit, m)?)?;
    m.add_function(wrap_pyfunction!(guard::panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(fast::fast_path, m)?)?;
    Ok(())
}
