//! `classify(body, command, http_status, tunnel)`: the core's classification of the arguments
//! (`errcat::boundary::classification_of`, the policies of `classify_flat`) made straight into the package's
//! frozen objects, the members of the flat view (bindings/README.md, `classify_flat`) each set on its field as
//! `object.__setattr__` sets it: no `__init__`, no `Out`, no intermediate lists. Nothing is judged here; the
//! classes, the answer table's objects and how an item is made are the package's, registered by [`shapes`].
//! errcat's own text (rule ids, reasons, the enumerations' names) is one interned `str` each.

use std::cell::RefCell;

use errcat::boundary::{classification_of, Answer, Text};
use errcat::{Classification, ClassifiedItem, Evidence};
use pyo3::exceptions::PyRuntimeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rustc_hash::FxHashMap;

use crate::convert::text;

/// A classification's fields, as the package's `Classification` has them.
#[rustfmt::skip]
const FIELDS: [&str; 7] = ["outcome", "code", "rule", "why", "retryable", "evidence", "results"];
/// The evidence's fields, in the flat view's order (the package's `Evidence`).
#[rustfmt::skip]
const EVIDENCE: [&str; 21] = [
    "key", "tunnel", "shape", "command", "http_status", "envelope", "data_code", "message", "data_message",
    "state", "reason", "error", "exception", "exception_message", "cause", "cause_message", "cause_origin",
    "cause_frame", "causes", "frames", "placeholders",
];

/// A class and its fields (interned).
struct Class {
    class: Py<PyType>,
    fields: Vec<Py<PyString>>,
}

/// What the package registers (`_classify`).
struct Shapes {
    classification: Class,
    evidence: Class,
    /// Answer id → the answer table's `Resolved`; `None` for a status answer.
    answers: Py<PyList>,
    /// `item(key, classification, error)`: a `ClassifiedItem`; `error` is `(kind, message)` or `None`.
    item: Py<PyAny>,
    /// The placeholders of evidence without any: one empty read-only mapping.
    no_placeholders: Py<PyAny>,
}

static SHAPES: PyOnceLock<Shapes> = PyOnceLock::new();

/// Registers the package's classes for [`classify`] (the first registration stays).
#[pyfunction]
pub fn shapes(
    py: Python<'_>,
    classification: Bound<'_, PyType>,
    evidence: Bound<'_, PyType>,
    answers: Bound<'_, PyList>,
    item: Bound<'_, PyAny>,
    no_placeholders: Bound<'_, PyAny>,
) {
    let class = |class: Bound<'_, PyType>, fields: &[&str]| Class {
        class: class.unbind(),
        fields: fields
            .iter()
            .map(|f| PyString::intern(py, f).unbind())
            .collect(),
    };
    let _ = SHAPES.set(
        py,
        Shapes {
            classification: class(classification, &FIELDS),
            evidence: class(evidence, &EVIDENCE),
            answers: answers.unbind(),
            item: item.unbind(),
            no_placeholders: no_placeholders.unbind(),
        },
    );
}

/// The package's `Classification` of the arguments.
#[pyfunction]
#[pyo3(signature = (body, command, http_status, tunnel, /))]
pub fn classify<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    command: &Bound<'py, PyAny>,
    http_status: &Bound<'py, PyAny>,
    tunnel: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    crate::guarded(py, || {
        let [b, c, h, t] = [body, command, http_status, tunnel].map(crate::convert::arg);
        let c = classification_of(&mut [b?, c?, h?, t?]).map_err(|e| crate::raise(py, &e))?;
        let shapes = SHAPES
            .get(py)
            .ok_or_else(|| PyRuntimeError::new_err("errcat: no shapes"))?;
        classification(py, shapes, &c)
    })
}

fn classification<'py>(
    py: Python<'py>,
    s: &Shapes,
    c: &Classification,
) -> PyResult<Bound<'py, PyAny>> {
    let code = match c.code() {
        Some(r) => s
            .answers
            .bind(py)
            .get_item(Answer::Lookup(r).id() as usize)?,
        None => py.None().into_bound(py),
    };
    let items = c.results().iter().map(|i| item(py, s, i));
    let results = PyTuple::new(py, items.collect::<PyResult<Vec<_>>>()?)?;
    let values = [
        own(py, c.outcome().name()),
        code,
        own(py, c.rule()),
        own(py, c.why()),
        c.retryable().into_pyobject(py)?.into_any(),
        evidence(py, s, c.evidence())?,
        results.into_any(),
    ];
    make(py, &s.classification, values)
}

fn item<'py>(py: Python<'py>, s: &Shapes, i: &ClassifiedItem) -> PyResult<Bound<'py, PyAny>> {
    let item = s.item.bind(py);
    match &i.result {
        Ok(c) => item.call1((&i.key, classification(py, s, c)?, py.None())),
        Err(e) => item.call1((&i.key, py.None(), (e.kind().name(), e.message()))),
    }
}

fn evidence<'py>(py: Python<'py>, s: &Shapes, e: &Evidence) -> PyResult<Bound<'py, PyAny>> {
    let none = || py.None().into_bound(py);
    let str = |t: &Option<String>| {
        t.as_deref()
            .map_or_else(none, |t| PyString::new(py, t).into_any())
    };
    let own = |t: Option<&'static str>| t.map_or_else(none, |t| own(py, t));
    let int = |n: usize| n.into_pyobject(py).map(|n| n.into_any());
    let placeholders = match e.placeholders.as_slice() {
        [] => s.no_placeholders.bind(py).clone(),
        members => {
            let dict = PyDict::new(py);
            for (name, value) in members {
                dict.set_item(name_of(py, name), value)?;
            }
            // SAFETY: attached; `dict` is a live dict; the new reference is owned by the `Bound`.
            unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDictProxy_New(dict.as_ptr()))? }
        }
    };
    let status = e
        .http_status
        .map(|n| n.into_pyobject(py).map(|n| n.into_any()))
        .transpose()?;
    let values = [
        str(&e.key),
        own(Some(e.tunnel.name())),
        own(Some(e.shape.name())),
        own(e.command.map(|c| c.name())),
        status.unwrap_or_else(none),
        str(&e.envelope),
        str(&e.data_code),
        str(&e.message),
        str(&e.data_message),
        str(&e.state),
        str(&e.reason),
        str(&e.error),
        str(&e.exception),
        str(&e.exception_message),
        str(&e.cause),
        str(&e.cause_message),
        own(e.cause_origin.map(|o| o.name())),
        str(&e.cause_frame),
        int(e.causes)?,
        int(e.frames)?,
        placeholders,
    ];
    make(py, &s.evidence, values)
}

/// errcat's own text: its interned `str` (`convert::text`).
fn own<'py>(py: Python<'py>, t: &'static str) -> Bound<'py, PyAny> {
    text(py, Text::Borrowed(t)).into_any()
}

thread_local! {
    /// The interned `str` of each placeholder name, made once: bounded by the catalog's patterns.
    static NAMES: RefCell<FxHashMap<Box<str>, Py<PyString>>> = RefCell::default();
}

fn name_of<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    let kept = NAMES.with_borrow(|names| names.get(name).map(|s| s.bind(py).clone()));
    kept.unwrap_or_else(|| {
        let s = PyString::intern(py, name);
        NAMES.with_borrow_mut(|names| names.insert(name.into(), s.clone().unbind()));
        s
    })
}

/// An instance of `c` made by its `__new__` (no `__init__`), its fields set to `values` in order.
fn make<'py, const N: usize>(
    py: Python<'py>,
    c: &Class,
    values: [Bound<'py, PyAny>; N],
) -> PyResult<Bound<'py, PyAny>> {
    let class = c.class.bind(py).as_type_ptr();
    // SAFETY: attached; `tp_new` of a heap type (a dataclass: `object.__new__`) called with no arguments, as
    // `type.__call__` would; each field set on the new object by the generic setter (`object.__setattr__`).
    unsafe {
        let tp_new: ffi::newfunc = std::mem::transmute(ffi::PyType_GetSlot(class, ffi::Py_tp_new));
        let obj = tp_new(class, PyTuple::empty(py).as_ptr(), std::ptr::null_mut());
        let obj = Bound::from_owned_ptr_or_err(py, obj)?;
        for (field, value) in c.fields.iter().zip(values) {
            if ffi::PyObject_GenericSetAttr(obj.as_ptr(), field.as_ptr(), value.as_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(obj)
    }
}
