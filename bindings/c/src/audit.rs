//! Blobstore audit-log analysis: the whole log crosses the boundary once, as paths; the report comes back as JSON.

use std::ffi::c_char;
use std::path::PathBuf;

use errcat_audit::{analyze, AuditOptions};
use errcat_core::{Error, ErrorKind, Version};

use crate::guard;
use crate::status::errcat_status;
use crate::strings::{arg, c_string_lossy, opt_arg, out_arg, owned};

/// The most paths one `errcat_audit_analyze` call accepts.
pub const ERRCAT_MAX_AUDIT_PATHS: usize = 4096;

/// How to analyse audit logs. A NULL options pointer means all defaults.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_audit_options {
    /// The CubeFS version whose catalog explains the codes (NULL = newest).
    pub version: *const c_char,
    /// Segments of the `api` label, like the blobstore's `max_api_level` (0 = default, 2).
    pub max_api_level: usize,
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

/// Analyses the audit logs at `paths` (`paths_len` files or directories; `"-"` = stdin): counts per
/// service/API/code, error share, latency percentiles, unknown codes, malformed lines. `ERRCAT_IO` when a path
/// cannot be read. On failure `*out` is zeroed (nothing to free).
///
/// # Safety
/// `paths` is NULL (then `paths_len` must be 0) or points to `paths_len` NUL-terminated strings; `options` is NULL
/// or points to an `errcat_audit_options`; `out` is NULL or points to an `errcat_audit_report`.
#[no_mangle]
pub unsafe extern "C" fn errcat_audit_analyze(
    paths: *const *const c_char,
    paths_len: usize,
    options: *const errcat_audit_options,
    out: *mut errcat_audit_report,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = errcat_audit_report {
            lines: 0,
            malformed: 0,
            json: std::ptr::null_mut(),
        };
        if paths_len > ERRCAT_MAX_AUDIT_PATHS || (paths.is_null() && paths_len > 0) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("paths is NULL or holds more than {ERRCAT_MAX_AUDIT_PATHS} paths"),
            ));
        }
        let mut list = Vec::with_capacity(paths_len);
        for i in 0..paths_len {
            list.push(PathBuf::from(arg(*paths.add(i), "paths[i]")?));
        }
        let mut opts = AuditOptions::default();
        if let Some(o) = options.as_ref() {
            opts.version = opt_arg(o.version, "options.version")?
                .map(Version::parse)
                .transpose()?;
            if o.max_api_level > 0 {
                opts.max_api_level = o.max_api_level;
            }
        }
        let report = analyze(&list, &opts)?;
        *out = errcat_audit_report {
            lines: report.lines,
            malformed: report.malformed,
            json: owned(c_string_lossy(report.to_json())),
        };
        Ok(())
    })
}
