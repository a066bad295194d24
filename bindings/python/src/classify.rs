//! `classify(body, command, http_status, tunnel)`: the core's `classify_flat`, written packed by the core
//! (`errcat::boundary::call_packed`), read straight into the package's frozen objects. The layout is the core's
//! (bindings/README.md, `classify_flat`); the classes, their field names and the answer table's objects are the
//! package's, registered once by [`shapes`]. Nothing is judged here: each packed value becomes the Python value
//! `convert::out` would make of it and is stored by position into the field of that name, with
//! `PyObject_GenericSetAttr` (what `object.__setattr__` does, without the frozen class's `__setattr__`): no
//! `__init__`, no intermediate lists, no `Out`.

use std::cell::RefCell;

use errcat::boundary::{call_packed, Packed};
use pyo3::exceptions::PyRuntimeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rustc_hash::FxHashMap;

/// What the package registers (`_classify`): the classes, their field names in the core's member order, the
/// answer table and how an item of a composite answer is made.
struct Shapes {
    classification: Class,
    evidence: Class,
    /// Answer id → `(Resolved, retryable)`, `None` for a status answer.
    answers: Py<PyList>,
    /// `item(key, classification, error)`: a `ClassifiedItem`; `error` is `[kind, message]` or `None`.
    item: Py<PyAny>,
    /// The placeholders of evidence without any (a shared empty read-only mapping).
    no_placeholders: Py<PyAny>,
}

/// A class and its fields (interned), in order.
struct Class {
    class: Py<PyType>,
    fields: Vec<Py<PyString>>,
}

impl Class {
    fn new(class: Bound<'_, PyType>, fields: Vec<Bound<'_, PyString>>) -> PyResult<Class> {
        let py = class.py();
        let fields = fields
            .into_iter()
            .map(|f| Ok(PyString::intern(py, &f.to_cow()?).unbind()));
        Ok(Class {
            fields: fields.collect::<PyResult<_>>()?,
            class: class.unbind(),
        })
    }

    /// An instance made by the class's `__new__` (no `__init__`), its fields set to `values` in order.
    fn make<'py>(
        &self,
        py: Python<'py>,
        values: impl IntoIterator<Item = Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let class = self.class.bind(py).as_type_ptr();
        // SAFETY: attached; `tp_new` of a heap type (a dataclass: `object.__new__`) called with no arguments, as
        // `type.__call__` would; each field set on the new object by the generic setter (`object.__setattr__`).
        unsafe {
            let tp_new: ffi::newfunc =
                std::mem::transmute(ffi::PyType_GetSlot(class, ffi::Py_tp_new));
            let empty = PyTuple::empty(py);
            let obj = tp_new(class, empty.as_ptr(), std::ptr::null_mut());
            let obj = Bound::from_owned_ptr_or_err(py, obj)?;
            for (field, value) in self.fields.iter().zip(values) {
                if ffi::PyObject_GenericSetAttr(obj.as_ptr(), field.as_ptr(), value.as_ptr()) != 0 {
                    return Err(PyErr::fetch(py));
                }
            }
            Ok(obj)
        }
    }
}

static SHAPES: PyOnceLock<Shapes> = PyOnceLock::new();

/// Registers the package's classes for [`classify`] (the first registration stays).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn shapes(
    py: Python<'_>,
    classification: Bound<'_, PyType>,
    fields: Vec<Bound<'_, PyString>>,
    evidence: Bound<'_, PyType>,
    evidence_fields: Vec<Bound<'_, PyString>>,
    answers: Bound<'_, PyList>,
    item: Bound<'_, PyAny>,
    no_placeholders: Bound<'_, PyAny>,
) -> PyResult<()> {
    if fields.len() != 7 || evidence_fields.len() != EVIDENCE {
        return Err(PyRuntimeError::new_err(
            "errcat: not the fields classify makes",
        ));
    }
    let _ = SHAPES.set(
        py,
        Shapes {
            classification: Class::new(classification, fields)?,
            evidence: Class::new(evidence, evidence_fields)?,
            answers: answers.unbind(),
            item: item.unbind(),
            no_placeholders: no_placeholders.unbind(),
        },
    );
    Ok(())
}

/// `classify_flat` of the arguments as the package's `Classification`.
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
        let mut args = [body, command, http_status, tunnel]
            .into_iter()
            .map(crate::convert::arg)
            .collect::<PyResult<Vec<_>>>()?;
        let packed = match call_packed("classify_flat", &mut args) {
            Some(Ok(packed)) => packed,
            Some(Err(e)) => return Err(crate::raise(py, &e)),
            None => {
                return Err(PyRuntimeError::new_err(
                    "errcat: classify_flat is not packed",
                ))
            }
        };
        let shapes = SHAPES
            .get(py)
            .ok_or_else(|| PyRuntimeError::new_err("errcat: classify before its shapes"))?;
        Reader::new(&packed).classified(py, shapes)
    })
}

/// A cursor over a [`Packed`] answer (format in core/src/boundary/packed.rs).
struct Reader<'a> {
    text: &'a str,
    shape: &'a [u16],
}

/// The members of evidence.
const EVIDENCE: usize = 21;
/// The evidence's members that are errcat's own text, from finite sets (core/src/classify/flat.rs): tunnel, shape,
/// command, cause origin; as are a classification's outcome, rule and why and the placeholders' names.
const OWN_TEXT: [usize; 4] = [1, 2, 3, 16];

thread_local! {
    /// The interned `str` of each text of errcat's own, made once: bounded by the catalog's rules, its placeholder
    /// names and the enumerations' names. Per thread, so no lock is taken.
    static OWN: RefCell<FxHashMap<Box<str>, Py<PyString>>> = RefCell::default();
}

fn own<'py>(py: Python<'py>, text: &str) -> Bound<'py, PyString> {
    let kept = OWN.with_borrow(|own| own.get(text).map(|s| s.bind(py).clone()));
    kept.unwrap_or_else(|| {
        let s = PyString::intern(py, text);
        OWN.with_borrow_mut(|own| own.insert(text.into(), s.clone().unbind()));
        s
    })
}

fn malformed() -> PyErr {
    PyRuntimeError::new_err("errcat: a malformed packed answer")
}

impl<'a> Reader<'a> {
    fn new(p: &'a Packed) -> Self {
        Reader {
            text: &p.text,
            shape: &p.shape,
        }
    }

    fn number(&mut self) -> PyResult<u64> {
        let (mut n, mut shift) = (0u64, 0);
        loop {
            let (&unit, rest) = self.shape.split_first().ok_or_else(malformed)?;
            self.shape = rest;
            n |= u64::from(unit & 0x7fff) << shift;
            if unit & 0x8000 == 0 || shift > 60 {
                return Ok(n);
            }
            shift += 15;
        }
    }

    /// The next text of `units` UTF-16 units.
    fn text(&mut self) -> PyResult<&'a str> {
        let units = self.number()? as usize;
        let ascii = self
            .text
            .as_bytes()
            .get(..units)
            .is_some_and(|t| t.is_ascii());
        let len = match ascii {
            true => units,
            false => {
                let mut seen = 0;
                let end = self.text.char_indices().find_map(|(i, c)| {
                    let at = (seen >= units).then_some(i);
                    seen += c.len_utf16();
                    at
                });
                end.unwrap_or(self.text.len())
            }
        };
        let (text, rest) = self.text.split_at_checked(len).ok_or_else(malformed)?;
        self.text = rest;
        Ok(text)
    }

    /// The next value's tag and, for a list or a map, its length.
    fn tag(&mut self) -> PyResult<(u64, usize)> {
        let tag = self.number()?;
        Ok((tag, if tag >= 5 { self.number()? as usize } else { 0 }))
    }

    /// The next value as `convert::out` makes it.
    fn value<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let (tag, n) = self.tag()?;
        self.rest(py, tag, n)
    }

    fn rest<'py>(&mut self, py: Python<'py>, tag: u64, n: usize) -> PyResult<Bound<'py, PyAny>> {
        Ok(match tag {
            0 => py.None().into_bound(py),
            1 | 2 => pyo3::types::PyBool::new(py, tag == 2).to_owned().into_any(),
            3 => {
                let z = self.number()?;
                (((z >> 1) as i64) ^ -((z & 1) as i64))
                    .into_pyobject(py)?
                    .into_any()
            }
            4 => PyString::new(py, self.text()?).into_any(),
            5 => {
                let list = PyList::empty(py);
                for _ in 0..n {
                    list.append(self.value(py)?)?;
                }
                list.into_any()
            }
            6 => {
                let dict = PyDict::new(py);
                for _ in 0..n {
                    let name = own(py, self.text()?); // a placeholder's name: errcat's own
                    dict.set_item(name, self.value(py)?)?;
                }
                dict.into_any()
            }
            _ => return Err(malformed()),
        })
    }

    /// The next value, text of errcat's own or null: its text is the interned `str` of it.
    fn own<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.tag()? {
            (4, _) => Ok(own(py, self.text()?).into_any()),
            (tag, n) => self.rest(py, tag, n),
        }
    }

    /// A list of `n` values, to be read by the caller.
    fn list(&mut self, n: usize) -> PyResult<()> {
        match self.tag()? {
            (5, len) if len == n => Ok(()),
            _ => Err(malformed()),
        }
    }

    /// `[key, outcome, rule, why, error, evidence, results, answer]`: a `Classification` (an item of a composite
    /// answer: the package's `ClassifiedItem`).
    fn classified<'py>(&mut self, py: Python<'py>, s: &Shapes) -> PyResult<Bound<'py, PyAny>> {
        self.list(8)?;
        let key = self.value(py)?;
        let (outcome, rule, why, error) =
            (self.own(py)?, self.own(py)?, self.own(py)?, self.value(py)?);
        if !error.is_none() {
            for _ in 0..3 {
                self.value(py)?; // evidence, results, answer: null, [], null
            }
            return s.item.bind(py).call1((key, py.None(), error));
        }
        let evidence = self.evidence(py, s)?;
        let (tag, n) = self.tag()?;
        let results = match (tag, n) {
            (5, 0) => PyTuple::empty(py),
            (5, n) => {
                let items = (0..n)
                    .map(|_| self.classified(py, s))
                    .collect::<PyResult<Vec<_>>>()?;
                PyTuple::new(py, items)?
            }
            _ => return Err(malformed()),
        };
        let answer = self.value(py)?;
        let (code, retryable) = match answer.is_none() {
            true => (py.None().into_bound(py), py.None().into_bound(py)),
            false => {
                let row = s.answers.bind(py).get_item(answer.extract::<usize>()?)?;
                (row.get_item(0)?, row.get_item(1)?)
            }
        };
        let values = [
            outcome,
            code,
            rule,
            why,
            retryable,
            evidence,
            results.into_any(),
        ];
        let c = s.classification.make(py, values)?;
        match key.is_none() {
            true => Ok(c),
            false => s.item.bind(py).call1((key, c, py.None())),
        }
    }

    /// The evidence's 21 values, the last its placeholders (a map, read-only in Python).
    fn evidence<'py>(&mut self, py: Python<'py>, s: &Shapes) -> PyResult<Bound<'py, PyAny>> {
        self.list(EVIDENCE)?;
        let mut values = Vec::with_capacity(EVIDENCE);
        for i in 0..EVIDENCE - 1 {
            values.push(match OWN_TEXT.contains(&i) {
                true => self.own(py)?,
                false => self.value(py)?,
            });
        }
        let placeholders = match self.tag()? {
            (6, 0) => s.no_placeholders.bind(py).clone(),
            (6, n) => {
                let dict = self.rest(py, 6, n)?;
                // SAFETY: attached; `dict` is a live dict; the new reference is owned by the `Bound`.
                unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDictProxy_New(dict.as_ptr()))? }
            }
            _ => return Err(malformed()),
        };
        values.push(placeholders);
        s.evidence.make(py, values)
    }
}
