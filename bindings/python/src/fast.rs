//! `fast(name, doc, table, by_option, slow)`: the function object the package exports as `errcat.lookup` and
//! `errcat.status`. A positional call `f(key)` or `f(key, option)` whose key is an exact `str` or `int` and whose
//! option is `None` or an exact `str` is answered from the package's answer-table dicts (`table[key]`, or
//! `by_option[option][key]`) at the cost of a dict lookup; every other call, a miss included, goes unchanged to
//! `slow`, the package's Python function, which crosses to the core. There is no cache: the dicts are the immutable
//! answer table the package loaded at import. Exact types only, so hashing and comparing run no Python code, and
//! between the lookup and the incref nothing else runs (the GIL is held; abi3 modules do not load in free-threaded
//! interpreters).
//!
//! `METH_FASTCALL` (`0x0080`, the calling convention `(self, args[], nargs, kwnames)`) is public and unchanged since
//! CPython 3.7 and honoured by `PyCMethod_New` on 3.9 for any extension; it joined the stable ABI in 3.10, so the
//! 3.9 limited-API headers (and pyo3-ffi under abi3-py39) do not declare it: it is declared here.

use std::ffi::{c_int, CString};

use pyo3::exceptions::PyValueError;
use pyo3::ffi::{self, PyObject, Py_ssize_t};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

const METH_FASTCALL: c_int = 0x0080;

type FastCall = unsafe extern "C" fn(
    *mut PyObject,
    *const *mut PyObject,
    Py_ssize_t,
    *mut PyObject,
) -> *mut PyObject;

/// The stored answer for a positional call, or NULL. `state` is `(table, by_option, slow)`.
///
/// # Safety
/// Attached to the interpreter; `args` holds `nargs` (1 or 2) live objects; `state` is the tuple [`fast`] made.
#[inline(always)]
unsafe fn stored(state: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    unsafe {
        let key = *args;
        if ffi::PyUnicode_CheckExact(key) == 0 && ffi::PyLong_CheckExact(key) == 0 {
            return std::ptr::null_mut();
        }
        let mut table = ffi::PyTuple_GetItem(state, 0);
        if nargs == 2 && *args.add(1) != ffi::Py_None() {
            let option = *args.add(1);
            if ffi::PyUnicode_CheckExact(option) == 0 {
                return std::ptr::null_mut();
            }
            table = ffi::PyDict_GetItem(ffi::PyTuple_GetItem(state, 1), option);
            if table.is_null() || ffi::PyDict_CheckExact(table) == 0 {
                return std::ptr::null_mut();
            }
        }
        // A borrowed reference; an exact str or int hashes and compares without error.
        ffi::PyDict_GetItem(table, key)
    }
}

unsafe extern "C" fn serve(
    state: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls it attached, with a valid vectorcall argument vector and the state tuple as `self`.
    unsafe {
        if kwnames.is_null() && (nargs == 1 || nargs == 2) {
            let hit = stored(state, args, nargs);
            if !hit.is_null() {
                ffi::Py_INCREF(hit);
                return hit;
            }
        }
        let py = Python::assume_attached();
        let arg = |i: isize| Bound::from_borrowed_ptr(py, *args.offset(i));
        let forwarded = crate::guarded(py, || {
            let keywords = PyDict::new(py);
            if let Some(names) = Bound::from_borrowed_ptr_or_opt(py, kwnames) {
                for (i, name) in names.cast::<PyTuple>()?.iter().enumerate() {
                    keywords.set_item(name, arg(nargs + i as isize))?;
                }
            }
            let slow = Bound::from_borrowed_ptr(py, ffi::PyTuple_GetItem(state, 2));
            slow.call(PyTuple::new(py, (0..nargs).map(arg))?, Some(&keywords))
        });
        match forwarded {
            Ok(answer) => answer.into_ptr(),
            Err(e) => {
                e.restore(py);
                std::ptr::null_mut()
            }
        }
    }
}

/// Makes the function `name` (`doc` starts with its text signature, `name(...)\n--\n\n`) of module `errcat`.
#[pyfunction]
pub fn fast<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    table: Bound<'py, PyDict>,
    by_option: Bound<'py, PyDict>,
    slow: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    // CPython keeps pointers to the definition for the function's lifetime: it is made once per process.
    let leak = |s: &str| -> PyResult<*const std::ffi::c_char> {
        let s = CString::new(s).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Box::leak(s.into_boxed_c_str()).as_ptr())
    };
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: leak(name)?,
        ml_meth: ffi::PyMethodDefPointer {
            // SAFETY: CPython calls it with the fastcall-with-keywords signature, `serve`'s, because of `ml_flags`.
            PyCFunction: unsafe { std::mem::transmute::<FastCall, ffi::PyCFunction>(serve) },
        },
        ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: leak(doc)?,
    }));
    let state = PyTuple::new(py, [table.into_any(), by_option.into_any(), slow])?;
    let module = PyString::new(py, "errcat");
    // SAFETY: an immortal definition and live objects; the new reference is owned by the `Bound`.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyCFunction_NewEx(def, state.as_ptr(), module.as_ptr())) }
}
