//! `fast(name, doc, table, by_option, slow)`: the function exported as `errcat.lookup` / `errcat.status`. A
//! positional call `f(key)` or `f(key, option)` with an exact `str`/`int` key and a `None` or exact `str` option is
//! answered from the package's answer-table dicts (`table[key]`, `by_option[option][key]`); any other call, a miss
//! included, goes unchanged to `slow`, the package's Python function. No cache: the dicts are the immutable answer
//! table loaded at import. Exact types only, so hashing and comparing run no Python code and nothing runs between
//! the lookup and the incref (the GIL is held: abi3 modules do not load in free-threaded interpreters).

use std::ffi::{c_int, CString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::ffi::{self, PyObject, Py_ssize_t};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

/// `METH_FASTCALL`: public and honoured for every extension since CPython 3.7, in the stable ABI since 3.10, so
/// the 3.9 limited-API headers (and pyo3-ffi under abi3-py39) do not declare it.
const METH_FASTCALL: c_int = 0x0080;

type Args = *const *mut PyObject;
type FastCall =
    unsafe extern "C" fn(*mut PyObject, Args, Py_ssize_t, *mut PyObject) -> *mut PyObject;

/// What a function made by [`fast`] needs besides its table (its `self`): one slot per function, so that the
/// common call reads nothing but its arguments and the table.
struct Slot {
    by_option: Py<PyDict>,
    slow: Py<PyAny>,
}
static SLOTS: [OnceLock<Slot>; 4] = [const { OnceLock::new() }; 4];
static USED: AtomicUsize = AtomicUsize::new(0);
const SERVE: [FastCall; 4] = [serve::<0>, serve::<1>, serve::<2>, serve::<3>];

/// A positional call whose arguments are in the table gets the stored answer; any other goes to [`forward`].
unsafe extern "C" fn serve<const S: usize>(
    table: *mut PyObject,
    args: Args,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls it attached, with `n` live arguments and `self` the table dict; the slot is set.
    unsafe {
        let exact_str = |o| ffi::PyUnicode_CheckExact(o) != 0;
        if kw.is_null()
            && (n == 1 || n == 2)
            && (exact_str(*args) || ffi::PyLong_CheckExact(*args) != 0)
        {
            let mut table = table;
            if n == 2 && *args.add(1) != ffi::Py_None() {
                table = match (exact_str(*args.add(1)), SLOTS[S].get()) {
                    (true, Some(s)) => {
                        ffi::PyDict_GetItemWithError(s.by_option.as_ptr(), *args.add(1))
                    }
                    _ => std::ptr::null_mut(),
                };
            }
            if !table.is_null() && ffi::PyDict_CheckExact(table) != 0 {
                let hit = ffi::PyDict_GetItemWithError(table, *args); // borrowed
                if !hit.is_null() {
                    ffi::Py_INCREF(hit);
                    return hit;
                }
            }
            if !ffi::PyErr_Occurred().is_null() {
                return std::ptr::null_mut(); // exact str and int hash without error; propagate one if ever
            }
        }
        forward(&SLOTS[S], args, n, kw)
    }
}

/// Any other call: `slow(*args, **kwargs)`.
///
/// # Safety
/// As [`serve`].
#[cold]
#[inline(never)]
unsafe fn forward(
    slot: &OnceLock<Slot>,
    args: Args,
    n: Py_ssize_t,
    kw: *mut PyObject,
) -> *mut PyObject {
    unsafe {
        let py = Python::assume_attached();
        let arg = |i: isize| Bound::from_borrowed_ptr(py, *args.offset(i));
        let forwarded = crate::guarded(py, || {
            let keywords = PyDict::new(py);
            if let Some(names) = Bound::from_borrowed_ptr_or_opt(py, kw) {
                for (i, name) in names.cast::<PyTuple>()?.iter().enumerate() {
                    keywords.set_item(name, arg(n + i as isize))?;
                }
            }
            let slot = slot
                .get()
                .ok_or_else(|| PyRuntimeError::new_err("errcat: no slot"))?;
            slot.slow
                .bind(py)
                .call(PyTuple::new(py, (0..n).map(arg))?, Some(&keywords))
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

/// Makes the function `name` of module `errcat` (at most four per process); `doc` starts with its text signature
/// (`name(...)\n--\n\n`).
#[pyfunction]
pub fn fast<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    table: Bound<'py, PyDict>,
    by_option: Bound<'py, PyDict>,
    slow: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let s = USED.fetch_add(1, Ordering::Relaxed);
    let (Some(entry), Some(slot)) = (SERVE.get(s), SLOTS.get(s)) else {
        return Err(PyRuntimeError::new_err(
            "errcat._native.fast: every slot is taken",
        ));
    };
    let _ = slot.set(Slot {
        by_option: by_option.unbind(),
        slow: slow.unbind(),
    });
    // CPython keeps pointers to the definition for the function's lifetime: it is made once per process.
    let leak = |s: &str| -> PyResult<*const std::ffi::c_char> {
        let s = CString::new(s).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Box::leak(s.into_boxed_c_str()).as_ptr())
    };
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: leak(name)?,
        // SAFETY: CPython calls it with the fastcall-with-keywords signature, `serve`'s, because of `ml_flags`.
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunction: unsafe { std::mem::transmute::<FastCall, ffi::PyCFunction>(*entry) },
        },
        ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: leak(doc)?,
    }));
    let module = PyString::new(py, "errcat");
    // SAFETY: an immortal definition and live objects; the new reference is owned by the `Bound`.
    unsafe {
        let function = ffi::PyCFunction_NewEx(def, table.as_ptr(), module.as_ptr());
        Bound::from_owned_ptr_or_err(py, function)
    }
}
