//! Python arguments → core types. A wrong Python type is a `TypeError`; a value of the right type that the core
//! cannot take (a lone surrogate, an int beyond 64 bits, an unknown name) is an `errcat.Error` of the given kind.

use std::borrow::Cow;

use errcat::{Error, ErrorKind, Reporter, Service, Source, System, Version};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt, PyString};

use crate::errors::{to_py, IntoPyResult};

fn type_error(name: &str, want: &str, got: &Bound<'_, PyAny>) -> PyErr {
    let got = got
        .get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string());
    PyTypeError::new_err(format!("{name} must be {want}, not {got}"))
}

/// A `str` argument as UTF-8. Enum members of errcat's `(str, Enum)` classes are `str` too.
pub fn text<'a>(
    value: &'a Bound<'_, PyAny>,
    name: &str,
    kind: ErrorKind,
) -> PyResult<Cow<'a, str>> {
    let s = value
        .cast::<PyString>()
        .map_err(|_| type_error(name, "str", value))?;
    borrowed_utf8(s).map(Cow::Borrowed).ok_or_else(|| {
        to_py(
            value.py(),
            &Error::new(
                kind,
                format!("{name} is not valid Unicode (it holds a lone surrogate)"),
            ),
        )
    })
}

extern "C" {
    // Exported by every CPython this wheel supports (3.9+) and part of the stable ABI since 3.10. pyo3 declares it
    // only for abi3-py310 and up; under abi3-py39 its `to_cow` encodes every argument into a new bytes object and
    // copies that into a String.
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const std::os::raw::c_char;
}

/// The UTF-8 form CPython keeps inside the string object (the characters themselves for ASCII), or `None` when the
/// string holds a lone surrogate (the pending `UnicodeEncodeError` is cleared).
fn borrowed_utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<&'a str> {
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str and we are attached to the interpreter; the buffer belongs to the object and lives
    // as long as it does, which the lifetime `'a` ties to the borrow of `s`.
    let data = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if data.is_null() {
        drop(PyErr::take(s.py()));
        return None;
    }
    let len = usize::try_from(size).ok()?;
    // SAFETY: CPython returned `len` readable bytes at `data`, owned by `s` (see above).
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
    // CPython produced it as UTF-8; checking again is cheap and keeps this function sound on its own.
    std::str::from_utf8(bytes).ok()
}

/// An optional `str` argument (`None` = not given).
pub fn opt_text<'a>(
    value: Option<&'a Bound<'_, PyAny>>,
    name: &str,
    kind: ErrorKind,
) -> PyResult<Option<Cow<'a, str>>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| text(v, name, kind))
        .transpose()
}

/// An `int` argument (not `bool`) as `i64`; an int beyond 64 bits is an error of `kind`.
pub fn int(value: &Bound<'_, PyAny>, name: &str, kind: ErrorKind) -> PyResult<i64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(type_error(name, "int", value));
    }
    value.extract::<i64>().map_err(|_| {
        to_py(
            value.py(),
            &Error::new(kind, format!("{name} {value} is out of range")),
        )
    })
}

/// Parses an optional named value with the core's parser (`Reporter::from_name`, `Version::parse`, …).
fn named<T>(
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
    parse: impl FnOnce(&str) -> errcat::Result<T>,
) -> PyResult<Option<T>> {
    match opt_text(value, name, ErrorKind::InvalidArgument)? {
        None => Ok(None),
        Some(t) => parse(&t).map(Some).or_raise(value.unwrap().py()),
    }
}

/// An optional CubeFS version (`"v3.5.0"`, `"3.5.0"`, `"master"`).
pub fn version(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Version>> {
    named(value, "version", Version::parse)
}

/// An optional reporter (a `Reporter` member or its exact name).
pub fn reporter(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Reporter>> {
    named(value, "reporter", Reporter::from_name)
}

/// An optional service (a `Service` member or its exact name).
pub fn service(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Service>> {
    named(value, "service", Service::from_name)
}

/// An optional system (a `System` member or `"koupleless"` / `"blobstore"`).
pub fn system(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<System>> {
    named(value, "system", System::parse)
}

/// A source (a `Source` member or its exact name).
pub fn source(value: &Bound<'_, PyAny>) -> PyResult<Source> {
    let name = text(value, "source", ErrorKind::InvalidArgument)?;
    Source::from_name(&name).or_raise(value.py())
}
