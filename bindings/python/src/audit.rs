//! `analyze_audit`: blobstore audit logs analysed by the core with the GIL released.

use std::path::PathBuf;

use errcat::{Error, ErrorKind};
use errcat_audit::{analyze, AuditOptions};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::args;
use crate::errors::{to_py, IntoPyResult};
use crate::guard::guard;
use crate::host;

/// One path (`str`, `bytes`, `os.PathLike`) or an iterable of them.
fn paths(value: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    let single = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.hasattr("__fspath__")?;
    if single {
        return Ok(vec![value.extract()?]);
    }
    value
        .try_iter()?
        .map(|p| p.and_then(|p| p.extract::<PathBuf>()))
        .collect()
}

/// Analyses audit-log files and directories; the report's content is the core's JSON.
#[pyfunction]
#[pyo3(
    signature = (paths, version=None, max_api_level=None),
    text_signature = "(paths, version=None, max_api_level=2)"
)]
pub fn analyze_audit<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    version: Option<&Bound<'py, PyAny>>,
    max_api_level: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let paths = self::paths(paths)?;
        if paths.is_empty() {
            let e = Error::new(ErrorKind::InvalidArgument, "no audit-log path given");
            return Err(to_py(py, &e));
        }
        let level = match max_api_level.filter(|v| !v.is_none()) {
            Some(v) => args::int(v, "max_api_level", ErrorKind::InvalidArgument)?,
            None => AuditOptions::default().max_api_level as i64,
        };
        let max_api_level = usize::try_from(level).map_err(|_| {
            let e = Error::new(
                ErrorKind::InvalidArgument,
                format!("max_api_level must be ≥ 0, not {level}"),
            );
            to_py(py, &e)
        })?;
        let options = AuditOptions {
            version: args::version(version)?,
            max_api_level,
            ..AuditOptions::default()
        };
        // The whole analysis runs without the GIL: other Python threads go on meanwhile.
        let (lines, malformed, json) = py
            .detach(|| analyze(&paths, &options).map(|r| (r.lines, r.malformed, r.to_json())))
            .or_raise(py)?;
        host::get(py)?.audit_report(py, lines, malformed, json)
    })
}
