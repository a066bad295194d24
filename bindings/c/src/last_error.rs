//! The last error of each thread and the exports that read it. A failing export stores its error here; a
//! succeeding one leaves it alone (like `errno`). The readers hand out owned copies (free them with
//! `errcat_string_free`), so a later call invalidates nothing.

use std::cell::RefCell;
use std::ffi::c_char;

use errcat_core::Error;

use crate::args::owned;
use crate::generated::errcat_status;
use crate::guard;

thread_local! {
    static LAST: RefCell<Option<Error>> = const { RefCell::new(None) };
}

pub(crate) fn set(error: Error) {
    // `try_with`: during thread teardown the slot may be gone.
    let _ = LAST.try_with(|slot| *slot.borrow_mut() = Some(error));
}

/// `f` of this thread's last error, or `none` when there is none (or on a panic).
fn read<T>(none: T, f: impl FnOnce(&Error) -> Option<T>) -> T {
    guard::value(None, || LAST.with(|slot| slot.borrow().as_ref().and_then(f))).unwrap_or(none)
}

/// The status of this thread's last failed call; `ERRCAT_OK` when none failed.
#[no_mangle]
pub extern "C" fn errcat_last_error_status() -> errcat_status {
    read(errcat_status::ERRCAT_OK, |e| Some(e.kind().into()))
}

/// This thread's last error as people read it (with "did you mean ..."), or NULL. Owned.
#[no_mangle]
pub extern "C" fn errcat_last_error_message() -> *mut c_char {
    read(std::ptr::null_mut(), |e| Some(owned(e.to_string())))
}

/// This thread's last error as JSON, `{"kind","message","suggestions","candidates"}`, or NULL. Owned.
#[no_mangle]
pub extern "C" fn errcat_last_error_json() -> *mut c_char {
    read(std::ptr::null_mut(), |e| Some(owned(e.to_json())))
}

/// How many close matches the last error suggests (`ERRCAT_NOT_FOUND`, `ERRCAT_INVALID_CODE`).
#[no_mangle]
pub extern "C" fn errcat_last_error_suggestion_count() -> usize {
    read(0, |e| Some(e.suggestions().len()))
}

/// Suggestion `index` of the last error (best first), or NULL when out of range. Owned.
#[no_mangle]
pub extern "C" fn errcat_last_error_suggestion(index: usize) -> *mut c_char {
    read(std::ptr::null_mut(), |e| e.suggestions().get(index).map(|s| owned(s.clone())))
}

/// How many candidates the last `ERRCAT_AMBIGUOUS` error names.
#[no_mangle]
pub extern "C" fn errcat_last_error_candidate_count() -> usize {
    read(0, |e| Some(e.candidates().len()))
}

/// Candidate `index` of the last error (`Reporter/Source.Type`), or NULL when out of range. Owned.
#[no_mangle]
pub extern "C" fn errcat_last_error_candidate(index: usize) -> *mut c_char {
    read(std::ptr::null_mut(), |e| e.candidates().get(index).map(|s| owned(s.clone())))
}
