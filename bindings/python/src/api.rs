//! The catalog operations, as `errcat._native` functions. `errcat` re-exports them unchanged.

use errcat::{ErrorKind, Filter, Format, Lang, Reporter, Service, Source, System, Version};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::args;
use crate::errors::IntoPyResult;
use crate::guard::guard;
use crate::host::{self, RETRY_CLASSES};

/// Resolves a two-level code (``"Arklet.InstallBizFailed"``) to its entry, inside ``reporter``'s table when given.
#[pyfunction]
#[pyo3(signature = (code, reporter=None))]
pub fn lookup<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    reporter: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::text(code, "code", ErrorKind::InvalidCode)?;
        let reporter = args::reporter(reporter)?;
        let resolved = errcat::lookup(&code, reporter).or_raise(py)?;
        host::get(py)?.resolved(py, resolved)
    })
}

/// Every entry a code could mean (a two-level code in every table, or a status number in every version).
#[pyfunction]
pub fn find<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    guard(py, || {
        let code = args::text(code, "code", ErrorKind::InvalidCode)?;
        let found = errcat::find(&code).or_raise(py)?;
        let host = host::get(py)?;
        let objects = found
            .into_iter()
            .map(|e| host.entry(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    })
}

/// The blobstore entry for a status number at a CubeFS version (default: newest).
#[pyfunction]
#[pyo3(signature = (code, version=None))]
pub fn status<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    version: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::int(code, "code", ErrorKind::InvalidCode)?;
        let version = args::version(version)?;
        let found = errcat::status(code, version).or_raise(py)?;
        host::get(py)?.status_match(py, found)
    })
}

/// The service a status number belongs to at a CubeFS version (default: newest).
#[pyfunction]
#[pyo3(signature = (code, version=None))]
pub fn service_of<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    version: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let code = args::int(code, "code", ErrorKind::InvalidCode)?;
        let version = args::version(version)?;
        let service = errcat::service_of(code, version).or_raise(py)?;
        Ok(host::get(py)?.service(py, service).clone())
    })
}

/// Parses a two-level code strictly (PascalCase parts, one ``.``, a known source).
#[pyfunction]
pub fn parse<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let text = args::text(text, "text", ErrorKind::InvalidCode)?;
        let code = errcat::Code::parse(&text).or_raise(py)?;
        host::get(py)?.code(py, code)
    })
}

/// Builds ``source.error_type``, checking the type like ``parse`` does.
#[pyfunction]
pub fn compose<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    error_type: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let source = args::source(source)?;
        let error_type = args::text(error_type, "error_type", ErrorKind::InvalidCode)?;
        let code = errcat::Code::compose(source, &error_type).or_raise(py)?;
        host::get(py)?.code(py, code)
    })
}

/// The catalog's entries that pass every given filter, in catalog order.
#[pyfunction]
#[pyo3(signature = (system=None, reporter=None, service=None, version=None))]
pub fn entries<'py>(
    py: Python<'py>,
    system: Option<&Bound<'py, PyAny>>,
    reporter: Option<&Bound<'py, PyAny>>,
    service: Option<&Bound<'py, PyAny>>,
    version: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    guard(py, || {
        let filter = Filter {
            system: args::system(system)?,
            reporter: args::reporter(reporter)?,
            service: args::service(service)?,
            version: args::version(version)?,
        };
        let host = host::get(py)?;
        let objects = errcat::entries(filter)
            .map(|e| host.entry(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, objects)
    })
}

/// The catalog as ``json`` (both languages, = testdata/catalog.json), ``md`` or ``csv`` (in ``lang``).
#[pyfunction]
#[pyo3(signature = (format=None, lang=None), text_signature = "(format='json', lang='en')")]
pub fn export<'py>(
    py: Python<'py>,
    format: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<String> {
    guard(py, || {
        let format = args::opt_text(format, "format", ErrorKind::InvalidArgument)?;
        let lang = args::opt_text(lang, "lang", ErrorKind::InvalidArgument)?;
        let format = Format::parse(format.as_deref().unwrap_or("json")).or_raise(py)?;
        let lang = Lang::parse(lang.as_deref().unwrap_or("en")).or_raise(py)?;
        Ok(errcat::export(format, lang))
    })
}

/// The names of one of the core's enumerations, in declaration order: ``source``, ``reporter``, ``service``,
/// ``system``, ``retry_class``, ``error_kind`` or ``version``. The package builds its ``enum.Enum`` classes from
/// them, so the names exist in one place only.
#[pyfunction]
pub fn names(py: Python<'_>, of: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
    guard(py, || {
        let of = args::text(of, "of", ErrorKind::InvalidArgument)?;
        Ok(match of.as_ref() {
            "source" => Source::ALL.iter().map(|s| s.name()).collect(),
            "reporter" => Reporter::ALL.iter().map(|r| r.name()).collect(),
            "service" => Service::ALL.iter().map(|s| s.name()).collect(),
            "system" => [System::Koupleless, System::Blobstore]
                .iter()
                .map(|s| s.name())
                .collect(),
            "retry_class" => RETRY_CLASSES.iter().map(|r| r.name()).collect(),
            "error_kind" => ErrorKind::ALL.iter().map(|k| k.name()).collect(),
            "version" => Version::all().map(|v| v.name()).collect(),
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "no enumeration named {other:?}"
                )))
            }
        })
    })
}
