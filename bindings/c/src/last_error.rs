//! The last error of each thread, and what its readers answer. A failing export stores its error here; a succeeding
//! one leaves it alone (like `errno`). The readers hand out owned copies (freed with `errcat_string_free`), so a
//! later call invalidates nothing.

use std::cell::RefCell;
use std::ffi::c_char;
use std::ptr::null_mut;

use errcat_core::boundary::guard;
use errcat_core::Error;

use crate::args::owned;
use crate::errcat_status;

thread_local! {
    static LAST: RefCell<Option<Error>> = const { RefCell::new(None) };
}

pub(crate) fn set(error: Error) {
    // `try_with`: during thread teardown the slot may be gone.
    let _ = LAST.try_with(|slot| *slot.borrow_mut() = Some(error));
}

/// `f` of this thread's last error, or `none` when there is none (or on a panic, which becomes the last error).
fn read<T>(none: T, f: impl FnOnce(&Error) -> Option<T>) -> T {
    match guard(|| Ok(LAST.with(|slot| slot.borrow().as_ref().and_then(f)))) {
        Ok(value) => value.unwrap_or(none),
        Err(error) => {
            set(error);
            none
        }
    }
}

pub(crate) fn status() -> errcat_status {
    read(errcat_status::ERRCAT_OK, |e| Some(e.kind().into()))
}

pub(crate) fn message() -> *mut c_char {
    read(null_mut(), |e| Some(owned(e.to_string())))
}

pub(crate) fn json() -> *mut c_char {
    read(null_mut(), |e| Some(owned(e.to_json())))
}

pub(crate) fn suggestion_count() -> usize {
    read(0, |e| Some(e.suggestions().len()))
}

pub(crate) fn suggestion(index: usize) -> *mut c_char {
    read(null_mut(), |e| e.suggestions().get(index).map(|s| owned(s.clone())))
}

pub(crate) fn candidate_count() -> usize {
    read(0, |e| Some(e.candidates().len()))
}

pub(crate) fn candidate(index: usize) -> *mut c_char {
    read(null_mut(), |e| e.candidates().get(index).map(|s| owned(s.clone())))
}
