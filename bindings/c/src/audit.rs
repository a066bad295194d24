//! Blobstore audit logs: the whole log crosses the boundary once, as paths, and the report comes back as JSON; a
//! partial report (audit/PARTIAL.md) is one machine's counts as bytes, merged with others into the report one pass
//! over all their inputs gives.

use std::ffi::{c_char, CStr};
use std::path::PathBuf;

use errcat_audit::{boundary, AuditOptions, ErrorCodes, MAX_PARTIALS};
use errcat_core::boundary::{args, names::opt_name, Arg};
use errcat_core::{Error, Result, Version};

use crate::args::{opt, owned};
use crate::{errcat_audit_options, errcat_audit_partial, errcat_audit_report};

pub(crate) unsafe fn analyze(
    paths: *const *const c_char, paths_len: usize, options: *const errcat_audit_options,
) -> Result<errcat_audit_report> {
    let analysed = boundary::audit(read_paths(paths, paths_len)?, &read_options(options)?)?;
    Ok(errcat_audit_report { lines: analysed.lines, malformed: analysed.malformed, json: owned(analysed.to_json()) })
}

pub(crate) unsafe fn partial(
    paths: *const *const c_char, paths_len: usize, options: *const errcat_audit_options,
) -> Result<errcat_audit_partial> {
    let bytes = boundary::partial(read_paths(paths, paths_len)?, &read_options(options)?)?.into_boxed_slice();
    let len = bytes.len();
    Ok(errcat_audit_partial { data: Box::into_raw(bytes).cast::<u8>(), len })
}

pub(crate) unsafe fn merge(
    partials: *const *const u8, lens: *const usize, count: usize,
) -> Result<errcat_audit_report> {
    if count > 0 && (partials.is_null() || lens.is_null()) {
        return Err(Error::invalid_argument("partials or lens is NULL but count > 0"));
    }
    // One more than the core takes is enough for it to refuse the list.
    let list: Vec<Vec<u8>> = (0..count.min(MAX_PARTIALS + 1))
        .map(|i| match *partials.add(i) {
            p if p.is_null() => Err(Error::invalid_argument(format!("partials[{i}] is NULL"))),
            p => Ok(std::slice::from_raw_parts(p, *lens.add(i)).to_vec()),
        })
        .collect::<Result<_>>()?;
    let (lines, malformed, json) = boundary::merge(&list, "json")?;
    Ok(errcat_audit_report { lines, malformed, json: owned(String::from_utf8(json).unwrap_or_default()) })
}

/// Frees what [`partial`] answered and zeroes it; NULL or an empty partial is a no-op.
pub(crate) unsafe fn free_partial(p: *mut errcat_audit_partial) {
    if let Some(p) = p.as_mut() {
        if !p.data.is_null() {
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(p.data, p.len)));
        }
        *p = errcat_audit_partial::NONE;
    }
}

/// The `paths` of an audit call, judged by the core (their number before any pointer is read).
unsafe fn read_paths(paths: *const *const c_char, paths_len: usize) -> Result<Vec<PathBuf>> {
    if paths.is_null() && paths_len > 0 {
        return Err(Error::invalid_argument("paths is NULL but paths_len > 0"));
    }
    boundary::check_path_count(paths_len)?;
    (0..paths_len)
        .map(|i| match *paths.add(i) {
            p if p.is_null() => args::path(&format!("paths[{i}]"), Arg::Absent),
            p => args::path(&format!("paths[{i}]"), Arg::Bytes(CStr::from_ptr(p).to_bytes().to_vec())),
        })
        .collect()
}

/// The options of an audit call (NULL = defaults).
unsafe fn read_options(options: *const errcat_audit_options) -> Result<AuditOptions> {
    let mut opts = AuditOptions::default();
    if let Some(o) = options.as_ref() {
        opts.version = opt_name::<Version>("version", opt(o.version, "options.version")?)?;
        opts.max_api_level = o.max_api_level.max(2);
        if let Some(spec) = opt(o.errors, "options.errors")? {
            opts.errors = ErrorCodes::parse(spec)?;
        }
    }
    Ok(opts)
}
