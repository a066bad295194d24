//! Blobstore audit-log analysis: the whole log crosses the boundary once, as paths; the report comes back as JSON.

use std::ffi::c_char;

use errcat_audit::boundary;
use errcat_core::boundary::{args, names::opt_name, Arg};
use errcat_core::{Error, Version};

use crate::args::{opt, owned};
use crate::generated::errcat_status;
use crate::guard;

/// The most paths one `errcat_audit_analyze` call accepts (the core's limit).
pub const ERRCAT_MAX_AUDIT_PATHS: usize = 4096;
const _: () = assert!(ERRCAT_MAX_AUDIT_PATHS == errcat_core::boundary::MAX_PATHS);

/// How to analyse audit logs. A NULL options pointer means all defaults.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_audit_options {
    /// The CubeFS version whose catalog explains the codes (NULL or empty = newest).
    pub version: *const c_char,
    /// Segments of the `api` label, like the blobstore's `max_api_level` (0 = default, 2).
    pub max_api_level: usize,
    /// The status codes counted as errors (`sla`, `5xx,!596`, ...; NULL = `sla`).
    pub errors: *const c_char,
}

/// The analysis of one or more audit logs, filled by `errcat_audit_analyze`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_audit_report {
    /// Lines read (= lines counted + malformed lines).
    pub lines: u64,
    /// Malformed lines.
    pub malformed: u64,
    /// The full report as JSON (schema in the README). Owned: free it with `errcat_string_free`.
    pub json: *mut c_char,
}

/// Analyses the audit logs at `paths` (`paths_len` files or directories, any bytes but NUL; `"-"` = stdin; none =
/// an empty report): counts per service/API/code, error share, latency percentiles, unknown codes, malformed
/// lines. `ERRCAT_IO` when a path cannot be read. On failure `*out` is zeroed (nothing to free).
#[no_mangle]
pub unsafe extern "C" fn errcat_audit_analyze(
    paths: *const *const c_char, paths_len: usize, options: *const errcat_audit_options,
    out_report: *mut errcat_audit_report,
) -> errcat_status {
    let none = errcat_audit_report { lines: 0, malformed: 0, json: std::ptr::null_mut() };
    guard::fill(out_report, none, || {
        if paths.is_null() && paths_len > 0 {
            return Err(Error::invalid_argument("paths is NULL but paths_len > 0"));
        }
        boundary::check_path_count(paths_len)?;
        let mut list = Vec::with_capacity(paths_len);
        for i in 0..paths_len {
            let p = *paths.add(i);
            let bytes =
                if p.is_null() { Arg::Absent } else { Arg::Bytes(std::ffi::CStr::from_ptr(p).to_bytes().to_vec()) };
            list.push(args::path(&format!("paths[{i}]"), bytes)?);
        }
        let mut opts = errcat_audit::AuditOptions::default();
        if let Some(o) = options.as_ref() {
            opts.version = opt_name::<Version>("version", opt(o.version, "options.version")?)?;
            opts.max_api_level = o.max_api_level.max(2);
            if let Some(spec) = opt(o.errors, "options.errors")? {
                opts.errors = errcat_audit::ErrorCodes::parse(spec)?;
            }
        }
        let analysed = boundary::audit(list, &opts)?;
        Ok(errcat_audit_report {
            lines: analysed.lines,
            malformed: analysed.malformed,
            json: owned(analysed.to_json()),
        })
    })
}
