//! The last error of each thread, and the exports that read it.
//!
//! A failing export stores its error here; a succeeding one leaves it alone (like `errno`), so read it right after
//! the call that failed. The readers copy what they
//! return into owned strings (free them with `errcat_string_free`), so nothing they hand out is invalidated by a
//! later call.

use std::cell::RefCell;
use std::ffi::{c_char, CString};

use errcat_core::Error;
use serde_json::json;

use crate::args::owned;
use crate::guard;
use crate::status::errcat_status;

/// The failure stored for a thread, already converted for C.
pub(crate) struct LastError {
    pub(crate) status: errcat_status,
    pub(crate) message: CString,
    pub(crate) suggestions: Vec<CString>,
    pub(crate) candidates: Vec<CString>,
    pub(crate) json: String,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

pub(crate) fn set(error: Error) {
    let json = json!({
        "kind": error.kind().name(),
        "message": error.to_string(),
        "suggestions": error.suggestions(),
        "candidates": error.candidates(),
    })
    .to_string();
    let last = LastError {
        status: error.kind().into(),
        message: CString::new(error.to_string().replace('\0', "\u{FFFD}")).unwrap_or_default(),
        suggestions: error
            .suggestions()
            .iter()
            .map(|s| CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default())
            .collect(),
        candidates: error
            .candidates()
            .iter()
            .map(|s| CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default())
            .collect(),
        json,
    };
    let _ = LAST.try_with(|slot| *slot.borrow_mut() = Some(last));
}

pub(crate) fn with<T>(f: impl FnOnce(Option<&LastError>) -> T) -> T {
    LAST.with(|slot| f(slot.borrow().as_ref()))
}

/// The status of this thread's last failed call, `ERRCAT_OK` when no call has failed on this thread.
#[no_mangle]
pub extern "C" fn errcat_last_error_status() -> errcat_status {
    guard::value(errcat_status::ERRCAT_INTERNAL, || {
        with(|e| e.map_or(errcat_status::ERRCAT_OK, |e| e.status))
    })
}

/// This thread's last error as people read it (with "did you mean ..." when there are suggestions), or NULL when
/// no call has failed on this thread. Owned: free it with `errcat_string_free`.
#[no_mangle]
pub extern "C" fn errcat_last_error_message() -> *mut c_char {
    guard::value(std::ptr::null_mut(), || {
        with(|e| e.map_or(std::ptr::null_mut(), |e| e.message.clone().into_raw()))
    })
}

/// This thread's last error as JSON, `{"kind","message","suggestions","candidates"}`, or NULL when no call has
/// failed on this thread. Owned: free it with `errcat_string_free`.
#[no_mangle]
pub extern "C" fn errcat_last_error_json() -> *mut c_char {
    guard::value(std::ptr::null_mut(), || {
        with(|e| e.map_or(std::ptr::null_mut(), |e| owned(e.json.clone())))
    })
}

/// How many close matches the last `ERRCAT_NOT_FOUND` (or `ERRCAT_INVALID_CODE`) error suggests; 0 when none.
#[no_mangle]
pub extern "C" fn errcat_last_error_suggestion_count() -> usize {
    guard::value(0, || with(|e| e.map_or(0, |e| e.suggestions.len())))
}

/// Suggestion `index` of the last error (best first), or NULL when out of range. Owned: free it with
/// `errcat_string_free`.
#[no_mangle]
pub extern "C" fn errcat_last_error_suggestion(index: usize) -> *mut c_char {
    guard::value(std::ptr::null_mut(), || {
        with(|e| {
            e.and_then(|e| e.suggestions.get(index))
                .map_or(std::ptr::null_mut(), |s| s.clone().into_raw())
        })
    })
}

/// How many candidates the last `ERRCAT_AMBIGUOUS` error names; 0 when none.
#[no_mangle]
pub extern "C" fn errcat_last_error_candidate_count() -> usize {
    guard::value(0, || with(|e| e.map_or(0, |e| e.candidates.len())))
}

/// Candidate `index` of the last error, as `Reporter/Source.Type`, or NULL when out of range. Owned: free it with
/// `errcat_string_free`.
#[no_mangle]
pub extern "C" fn errcat_last_error_candidate(index: usize) -> *mut c_char {
    guard::value(std::ptr::null_mut(), || {
        with(|e| {
            e.and_then(|e| e.candidates.get(index))
                .map_or(std::ptr::null_mut(), |s| s.clone().into_raw())
        })
    })
}
