//! Partial reports (audit/PARTIAL.md): one machine's counts as bytes, and the merge of any number of them into
//! the report one pass over all their inputs gives.

use std::ffi::c_char;

use errcat_audit::boundary;
use errcat_core::Error;

use crate::args::owned;
use crate::audit::{errcat_audit_options, errcat_audit_report, read_options, read_paths};
use crate::generated::errcat_status;
use crate::guard;

/// A partial report's bytes, filled by `errcat_audit_partial`. Owned: free it with `errcat_audit_partial_free`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_audit_partial {
    pub data: *mut u8,
    pub len: usize,
}

/// Analyses the audit logs at `paths` like `errcat_audit_analyze` and fills `*out` with the partial report of what
/// was counted (bytes, not NUL-terminated). On failure `*out` is zeroed (nothing to free).
#[no_mangle]
pub unsafe extern "C" fn errcat_audit_partial_write(
    paths: *const *const c_char, paths_len: usize, options: *const errcat_audit_options, out: *mut errcat_audit_partial,
) -> errcat_status {
    let none = errcat_audit_partial { data: std::ptr::null_mut(), len: 0 };
    guard::fill(out, none, || {
        let bytes = boundary::partial(read_paths(paths, paths_len)?, &read_options(options)?)?.into_boxed_slice();
        let len = bytes.len();
        Ok(errcat_audit_partial { data: Box::into_raw(bytes).cast::<u8>(), len })
    })
}

/// Merges `count` partial reports (`partials[i]`, `lens[i]` bytes each) into `*out`, the report as JSON, as if one
/// pass had read all their inputs. A partial of another schema, catalog or setup is `ERRCAT_INVALID_ARGUMENT`
/// naming it (`partials[i]`). On failure `*out` is zeroed.
#[no_mangle]
pub unsafe extern "C" fn errcat_audit_merge(
    partials: *const *const u8, lens: *const usize, count: usize, out_report: *mut errcat_audit_report,
) -> errcat_status {
    let none = errcat_audit_report { lines: 0, malformed: 0, json: std::ptr::null_mut() };
    guard::fill(out_report, none, || {
        if count > 0 && (partials.is_null() || lens.is_null()) {
            return Err(Error::invalid_argument("partials or lens is NULL but count > 0"));
        }
        let mut list = Vec::with_capacity(count.min(errcat_audit::MAX_PARTIALS + 1));
        for i in 0..count.min(errcat_audit::MAX_PARTIALS + 1) {
            let (p, n) = (*partials.add(i), *lens.add(i));
            if p.is_null() {
                return Err(Error::invalid_argument(format!("partials[{i}] is NULL")));
            }
            list.push(std::slice::from_raw_parts(p, n).to_vec());
        }
        let (lines, malformed, json) = boundary::merge(&list, "json")?;
        Ok(errcat_audit_report { lines, malformed, json: owned(String::from_utf8(json).unwrap_or_default()) })
    })
}

/// Frees what `errcat_audit_partial_write` filled and zeroes it; NULL or an empty partial is a no-op.
#[no_mangle]
pub unsafe extern "C" fn errcat_audit_partial_free(p: *mut errcat_audit_partial) {
    if let Some(p) = p.as_mut() {
        if !p.data.is_null() {
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(p.data, p.len)));
        }
        p.data = std::ptr::null_mut();
        p.len = 0;
    }
}
