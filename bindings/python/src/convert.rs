//! Python values ↔ `Arg`/`Out`, mechanically: no value is judged here, the core does that. Reading a value runs no
//! Python code of its own (no `__str__`, `__index__` or `encode` of a subclass is called), so each is read once.

use std::cell::RefCell;

use errcat::boundary::{Arg, Out, Text};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyList, PyString, PyTuple};

/// A Python value as an `Arg`: `None` → `Absent`, `str` → `Str` (with a lone surrogate: `Utf16`), `bool` → `Bool`,
/// `int` → `Int` (beyond 64 bits: `BigInt`), `float` → `Float`, `bytes`/`bytearray` → `Bytes`, `list`/`tuple` →
/// `List`, an `os.PathLike` → its file-system encoded bytes, anything else → `Other(type name)`.
pub fn arg(v: &Bound<'_, PyAny>) -> PyResult<Arg> {
    if !(v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>()) {
        return scalar(v);
    }
    // Deep nesting is Python's RecursionError, as for any recursive conversion in CPython (each level's frame
    // is kept small: the other conversions are in `scalar`).
    // SAFETY: attached to the interpreter; each Enter is paired with a Leave.
    if unsafe { ffi::Py_EnterRecursiveCall(c" in errcat argument conversion".as_ptr()) } != 0 {
        return Err(PyErr::fetch(v.py()));
    }
    let items = items(v);
    unsafe { ffi::Py_LeaveRecursiveCall() };
    Ok(Arg::List(items?))
}

fn items(v: &Bound<'_, PyAny>) -> PyResult<Vec<Arg>> {
    let mut items = Vec::new();
    for item in v.try_iter()? {
        items.push(arg(&item?)?);
    }
    Ok(items)
}

#[inline(never)]
fn scalar(v: &Bound<'_, PyAny>) -> PyResult<Arg> {
    let py = v.py();
    Ok(if v.is_none() {
        Arg::Absent
    } else if let Ok(s) = v.cast::<PyString>() {
        match s.to_cow() {
            Ok(text) => Arg::Str(text.into_owned()),
            Err(_) => Arg::Utf16(utf16(s)?),
        }
    } else if let Ok(b) = v.cast::<PyBool>() {
        Arg::Bool(b.is_true())
    } else if let Ok(n) = v.cast::<PyInt>() {
        match n.extract::<i64>() {
            Ok(n) => Arg::Int(n),
            // SAFETY: `n` is a live int; the new reference is owned by the `Bound`.
            Err(_) => Arg::BigInt(unsafe {
                Bound::from_owned_ptr_or_err(py, ffi::PyNumber_ToBase(n.as_ptr(), 10))?
                    .extract::<String>()?
            }),
        }
    } else if let Ok(f) = v.cast::<PyFloat>() {
        Arg::Float(f.value())
    } else if let Ok(b) = v.cast::<PyBytes>() {
        Arg::Bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = v.cast::<PyByteArray>() {
        Arg::Bytes(b.to_vec())
    } else if v.is_instance(&py.import("os")?.getattr("PathLike")?)? {
        let fs = py.import("os")?.getattr("fsencode")?.call1((v,))?;
        Arg::Bytes(fs.cast::<PyBytes>()?.as_bytes().to_vec())
    } else {
        Arg::Other(v.get_type().name()?.to_string())
    })
}

/// A string holding lone surrogates as UTF-16 code units (`utf-16-le` with `surrogatepass`), for the core to judge.
fn utf16(s: &Bound<'_, PyString>) -> PyResult<Vec<u16>> {
    let (codec, errors) = (c"utf-16-le".as_ptr(), c"surrogatepass".as_ptr());
    // SAFETY: `s` is a live str; the C API encodes without looking up methods of a subclass.
    let bytes = unsafe {
        Bound::from_owned_ptr_or_err(
            s.py(),
            ffi::PyUnicode_AsEncodedString(s.as_ptr(), codec, errors),
        )?
    };
    let units = bytes.cast::<PyBytes>()?.as_bytes().chunks_exact(2);
    Ok(units.map(|u| u16::from_le_bytes([u[0], u[1]])).collect())
}

/// An `Out` as a Python value: `None`, `bool`, `int`, `str`, `list`, `dict` (in the core's member order).
pub fn out(py: Python<'_>, out: Out) -> PyResult<Bound<'_, PyAny>> {
    Ok(match out {
        Out::Null => py.None().into_bound(py),
        Out::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Out::Int(n) => n.into_pyobject(py)?.into_any(),
        Out::Str(s) => text(py, s).into_any(),
        Out::List(items) => {
            // SAFETY: attached; a new list of `len` slots, each set once (a slot left empty on an error is
            // released as such); `PyList_SetItem` takes the item's reference.
            let list = unsafe {
                Bound::from_owned_ptr_or_err(py, ffi::PyList_New(items.len() as ffi::Py_ssize_t))?
            };
            for (i, item) in items.into_iter().enumerate() {
                let item = self::out(py, item)?.into_ptr();
                unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item) };
            }
            list
        }
        Out::Map(members) => {
            let dict = pyo3::types::PyDict::new(py);
            for (name, value) in members {
                dict.set_item(text(py, name), self::out(py, value)?)?;
            }
            dict.into_any()
        }
    })
}

thread_local! {
    /// Interned `str`s of the core's fixed text (member names, rule ids, names), made once each: a dict's keys then
    /// cost no new `str` and no hashing (a `str` keeps its hash). Bounded: only borrowed (`'static`) text is kept,
    /// by its address. Per thread, so no lock is taken; every thread holds the same interned objects.
    static NAMES: RefCell<rustc_hash::FxHashMap<(usize, usize), Py<PyString>>> = RefCell::default();
}

pub(crate) fn text(py: Python<'_>, text: Text) -> Bound<'_, PyString> {
    let Text::Borrowed(name) = text else {
        return PyString::new(py, &text);
    };
    let key = (name.as_ptr() as usize, name.len());
    let kept = NAMES.with_borrow(|names| names.get(&key).map(|s| s.bind(py).clone()));
    kept.unwrap_or_else(|| {
        let s = PyString::intern(py, name);
        NAMES.with_borrow_mut(|names| names.insert(key, s.clone().unbind()));
        s
    })
}
