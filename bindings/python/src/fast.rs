//! The fast path of `errcat.lookup` and `errcat.status`: a raw vectorcall entry point in front of the pyo3 functions.
//!
//! Under `abi3-py39` pyo3 registers functions with the tuple/dict calling convention (`METH_VARARGS |
//! METH_KEYWORDS`): every call allocates an argument tuple and runs the generic argument parser, which alone costs
//! more than a whole `dict.get`. The two hot functions are therefore registered by hand with `METH_FASTCALL |
//! METH_KEYWORDS` (the arguments arrive as a C array, nothing is allocated) and answer the common call — a single
//! positional argument of exactly `str` (lookup) or exactly `int` (status) — from a per-function `dict` that maps
//! the argument object to the result object the pyo3 function returned for it before. Everything else (a miss,
//! keywords, a second argument, a subclass, a wrong type) goes to the unchanged pyo3 function, so the semantics are
//! the pyo3 function's by construction; the cache only remembers what it answered. (A miss that binds the parameters
//! without doubt — one or two positional arguments, or `code=` / the option by name, each once — calls the
//! function's Rust body directly, skipping the argument tuple; any other call goes through the pyo3 function object,
//! whose parser raises the `TypeError` it deserves.)
//!
//! What is cached: only successes (an error is raised afresh on every call), only for an argument of the exact type
//! (so `status(552.0)` or `status(True)`, which compare and hash equal to cached ints, never reach the dict), only
//! for a `str` of at most [`MAX_KEY_CHARS`] characters, and never more than [`cap`] entries per function (the catalog
//! has a few hundred answers; a flood of distinct inputs stops growing the cache at the cap). The values are the
//! objects `host` caches by entry id, so a hit returns the very object the slow path would.
//!
//! Why `METH_FASTCALL` is safe in a wheel for CPython 3.9, although it joined the stable ABI only in 3.10: the flag
//! (`0x0080`) and the `_PyCFunctionFastWithKeywords` signature `(self, const args[], nargs, kwnames)` are public and
//! unchanged since CPython 3.7, and the 3.9 interpreter dispatches on the flag in `PyCMethod_New` (stable ABI
//! since 3.9) for any extension, limited API or not; 3.10 only promised to keep it. The limited-API headers of 3.9
//! merely do not declare the constant, so it is declared here. Thread safety: every step runs attached to the
//! interpreter with the GIL held; between the dict lookup and the incref no Python code can run (the keys are exact
//! `str`/`int`, whose hash and equality are C code), and entries are only ever added or cleared as a whole. An abi3
//! module cannot be loaded by a free-threaded interpreter, so no other case arises.

use std::ffi::{c_int, CStr};
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};

use crate::guard::guard;

/// `METH_FASTCALL`: declared by the CPython headers since 3.7, by pyo3-ffi only for abi3-py310 and up.
const METH_FASTCALL: c_int = 0x0080;

/// The longest `str` argument that is remembered (the longest catalogued code is far shorter).
pub const MAX_KEY_CHARS: isize = 256;

/// The default bound on remembered answers per function.
const DEFAULT_CAP: usize = 4096;

static CAP: AtomicUsize = AtomicUsize::new(DEFAULT_CAP);

/// The most answers one function remembers.
pub fn cap() -> usize {
    CAP.load(Ordering::Relaxed)
}

/// `_PyCFunctionFastWithKeywords`.
type FastCallWithKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// The Rust function behind a pyo3 function of the form `f(code, option=None)`.
type Direct = for<'py> fn(
    Python<'py>,
    &Bound<'py, PyAny>,
    Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>>;

/// One fast-path function: its cache, the pyo3 function behind it, and which argument type it remembers.
pub struct Lane {
    name: &'static CStr,
    /// `name(signature)\n--\n\ndoc`, the form CPython splits into `__text_signature__` and `__doc__`.
    doc: &'static CStr,
    key: Key,
    /// The name of the optional second parameter (the first is `code`).
    option: &'static CStr,
    /// The `#[pyfunction]`'s Rust body, for calls that bind `code` (and maybe the option) without any doubt.
    direct: Direct,
    cache: OnceLock<Py<PyDict>>,
    /// The pyo3 function object, for every other call: its parser raises the `TypeError` such a call deserves.
    slow: OnceLock<Py<PyAny>>,
}

#[derive(Clone, Copy)]
enum Key {
    Str,
    Int,
}

impl Key {
    /// Whether `arg` has exactly the key type (no subclass: a subclass may redefine hashing and equality).
    ///
    /// # Safety
    /// `arg` must be a live object.
    #[inline(always)]
    unsafe fn exact(self, arg: *mut ffi::PyObject) -> bool {
        // SAFETY: `arg` is live (the caller's contract).
        unsafe {
            match self {
                Key::Str => ffi::PyUnicode_CheckExact(arg) != 0,
                Key::Int => ffi::PyLong_CheckExact(arg) != 0,
            }
        }
    }
}

// The signatures and docstrings are those of the `#[pyfunction]`s in `api.rs` (python/tests/test_fast_path.py checks
// the signatures); keep them in step.
pub static LOOKUP: Lane = Lane {
    name: c"lookup",
    doc: c"lookup(code, reporter=None)\n--\n\nResolves a two-level code (``\"Arklet.InstallBizFailed\"``) to its entry, inside ``reporter``'s table when given.",
    key: Key::Str,
    option: c"reporter",
    direct: crate::api::lookup,
    cache: OnceLock::new(),
    slow: OnceLock::new(),
};

pub static STATUS: Lane = Lane {
    name: c"status",
    doc: c"status(code, version=None)\n--\n\nThe blobstore entry for a status number at a CubeFS version (default: newest).",
    key: Key::Int,
    option: c"version",
    direct: crate::api::status,
    cache: OnceLock::new(),
    slow: OnceLock::new(),
};

unsafe extern "C" fn lookup_fast(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls it with the GIL held and a valid argument vector.
    unsafe { LOOKUP.call(args, nargs, kwnames) }
}

unsafe extern "C" fn status_fast(
    _module: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as `lookup_fast`.
    unsafe { STATUS.call(args, nargs, kwnames) }
}

impl Lane {
    /// Registers the fast function as `module.<name>`, in front of `slow` (the pyo3 function, not added itself).
    pub fn install(
        &'static self,
        module: &Bound<'_, PyModule>,
        slow: Bound<'_, PyCFunction>,
        entry: FastCallWithKeywords,
    ) -> PyResult<()> {
        let py = module.py();
        // Set once per process: pyo3 refuses to initialise the module a second time.
        let _ = self.cache.set(PyDict::new(py).unbind());
        let _ = self.slow.set(slow.into_any().unbind());
        // CPython keeps a pointer to the definition for the function's lifetime: it lives for the process.
        let def: &'static mut ffi::PyMethodDef = Box::leak(Box::new(ffi::PyMethodDef {
            ml_name: self.name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                // SAFETY: only the pointer is stored; CPython calls it with the fastcall-with-keywords signature
                // because of `ml_flags`, which is `entry`'s real signature.
                PyCFunction: unsafe {
                    std::mem::transmute::<FastCallWithKeywords, ffi::PyCFunction>(entry)
                },
            },
            ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
            ml_doc: self.doc.as_ptr(),
        }));
        let module_name = module.name()?;
        // SAFETY: a valid, immortal method definition; `module` and its name are live objects.
        let function = unsafe {
            Bound::from_owned_ptr_or_err(
                py,
                ffi::PyCFunction_NewEx(def, module.as_ptr(), module_name.as_ptr()),
            )?
        };
        module.add(self.name.to_str().expect("ASCII name"), function)
    }

    /// The call: a cache hit for one positional argument of the key type, else the pyo3 function.
    ///
    /// # Safety
    /// Called by CPython with the GIL held and a valid vectorcall argument vector.
    #[inline(always)]
    unsafe fn call(
        &self,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: per this function's contract: `args` holds at least `nargs` live objects, the GIL is held.
        unsafe {
            if nargs == 1 && kwnames.is_null() {
                let arg = *args;
                if self.key.exact(arg) {
                    if let Some(cache) = self.cache.get() {
                        // A borrowed reference, taken before any Python code can run again.
                        let hit = ffi::PyDict_GetItemWithError(cache.as_ptr(), arg);
                        if !hit.is_null() {
                            ffi::Py_INCREF(hit);
                            return hit;
                        }
                        // Hashing an exact str or int cannot fail; stay correct if it ever does.
                        if !ffi::PyErr_Occurred().is_null() {
                            return ptr::null_mut();
                        }
                    }
                }
            }
            self.miss(args, nargs, kwnames)
        }
    }

    /// A call that binds `code` and maybe the option unambiguously (one or two positional arguments, or the
    /// parameter names as keywords, each once) goes straight to the Rust body of the pyo3 function; any other call
    /// gets the tuple and dict the pyo3 function object takes, and its parser raises the `TypeError`. A success of a
    /// one-positional-argument call is remembered.
    ///
    /// # Safety
    /// As [`Lane::call`].
    #[cold]
    #[inline(never)]
    unsafe fn miss(
        &self,
        args: *const *mut ffi::PyObject,
        nargs: ffi::Py_ssize_t,
        kwnames: *mut ffi::PyObject,
    ) -> *mut ffi::PyObject {
        // SAFETY: CPython calls the function attached to the interpreter.
        let py = unsafe { Python::assume_attached() };
        let positional = usize::try_from(nargs).unwrap_or(0);
        // SAFETY: `args` holds `nargs` positional arguments followed by one value per name in `kwnames`, all
        // borrowed for the duration of the call; `kwnames` is NULL or a live tuple of str.
        let arg = |i: usize| unsafe { Bound::from_borrowed_ptr(py, *args.add(i)) };
        let names = unsafe { Bound::from_borrowed_ptr_or_opt(py, kwnames) };
        let names = names.as_ref().and_then(|n| n.cast::<PyTuple>().ok());
        let result = match self.bind(positional, names) {
            Some((code, option)) => {
                let code = arg(code);
                // pyo3 passes an explicit `None` for an optional argument as `None`; so does this.
                let option = option.map(arg).filter(|o| !o.is_none());
                (self.direct)(py, &code, option.as_ref()).inspect(|answer| {
                    if positional == 1 && names.is_none() {
                        self.remember(py, &code, answer);
                    }
                })
            }
            None => guard(py, || {
                let slow = self.slow.get().ok_or_else(|| {
                    pyo3::exceptions::PyRuntimeError::new_err("errcat._native is not initialised")
                })?;
                let tuple = PyTuple::new(py, (0..positional).map(arg))?;
                let keywords = match names {
                    None => None,
                    Some(names) => {
                        let dict = PyDict::new(py);
                        for (i, name) in names.iter().enumerate() {
                            dict.set_item(name, arg(positional + i))?;
                        }
                        Some(dict)
                    }
                };
                slow.bind(py).call(tuple, keywords.as_ref())
            }),
        };
        match result {
            Ok(answer) => answer.into_ptr(),
            Err(e) => {
                e.restore(py);
                ptr::null_mut()
            }
        }
    }

    /// Where `code` and the option are in the argument vector, when the call binds them the way pyo3's parser
    /// would accept without complaint: `code` exactly once, the option at most once, nothing else. `None` leaves the
    /// call (and its error) to the pyo3 function.
    fn bind(
        &self,
        positional: usize,
        names: Option<&Bound<'_, PyTuple>>,
    ) -> Option<(usize, Option<usize>)> {
        if positional > 2 {
            return None;
        }
        let mut code = (positional >= 1).then_some(0);
        let mut option = (positional == 2).then_some(1);
        for (i, name) in names.into_iter().flat_map(|n| n.iter()).enumerate() {
            let is = |expected: &CStr| {
                // SAFETY: `name` is a live object; a non-str compares unequal (no error is left pending for a
                // str, and CPython guarantees the keyword names are str).
                unsafe {
                    ffi::PyUnicode_Check(name.as_ptr()) != 0
                        && ffi::PyUnicode_CompareWithASCIIString(name.as_ptr(), expected.as_ptr())
                            == 0
                }
            };
            let slot = if is(c"code") {
                &mut code
            } else if is(self.option) {
                &mut option
            } else {
                return None;
            };
            if slot.replace(positional + i).is_some() {
                return None;
            }
        }
        code.map(|c| (c, option))
    }

    /// Remembers `answer` for `key` if the key is of the exact type, short, and the cache is not full.
    fn remember(&self, py: Python<'_>, key: &Bound<'_, PyAny>, answer: &Bound<'_, PyAny>) {
        // SAFETY: `key` is a live object.
        if !unsafe { self.key.exact(key.as_ptr()) } {
            return;
        }
        if let Key::Str = self.key {
            // SAFETY: `key` is a live str.
            if unsafe { ffi::PyUnicode_GetLength(key.as_ptr()) } > MAX_KEY_CHARS {
                return;
            }
        }
        let Some(cache) = self.cache.get() else {
            return;
        };
        let cache = cache.bind(py);
        if cache.len() < cap() {
            // A failure to remember (out of memory) only costs speed: the answer is returned either way.
            let _ = cache.set_item(key, answer);
        }
    }

    fn len(&self, py: Python<'_>) -> usize {
        self.cache.get().map_or(0, |c| c.bind(py).len())
    }

    fn clear(&self, py: Python<'_>) {
        if let Some(c) = self.cache.get() {
            c.bind(py).clear();
        }
    }
}

/// Registers the fast `lookup` and `status` in front of their pyo3 functions.
pub fn install(module: &Bound<'_, PyModule>) -> PyResult<()> {
    LOOKUP.install(
        module,
        wrap_pyfunction!(crate::api::lookup, module)?,
        lookup_fast,
    )?;
    STATUS.install(
        module,
        wrap_pyfunction!(crate::api::status, module)?,
        status_fast,
    )
}

/// For the tests: how many answers each fast path remembers, and the cap. With `cap`, first empties both caches
/// and sets the cap (the answers stay the same objects: the entries are cached by id behind the caches).
#[pyfunction]
#[pyo3(name = "_fast_path", signature = (cap=None))]
pub fn fast_path(py: Python<'_>, cap: Option<usize>) -> PyResult<Bound<'_, PyDict>> {
    if let Some(cap) = cap {
        CAP.store(cap, Ordering::Relaxed);
        LOOKUP.clear(py);
        STATUS.clear(py);
    }
    let stats = PyDict::new(py);
    stats.set_item("lookup", LOOKUP.len(py))?;
    stats.set_item("status", STATUS.len(py))?;
    stats.set_item("cap", self::cap())?;
    stats.set_item("max_key_chars", MAX_KEY_CHARS)?;
    Ok(stats)
}
