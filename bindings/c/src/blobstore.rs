//! Blobstore status numbers: the entry valid at a CubeFS version, and the service a number belongs to.

use std::ffi::c_char;

use errcat_core::{Entry, Version};

use crate::guard;
use crate::status::errcat_status;
use crate::strings::{opt_arg, out_arg};
use crate::table::{errcat_entry, table};

/// A status number resolved at a version by `errcat_blobstore_status`. Pointers are static: never free them.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_status_match {
    /// The entry.
    pub entry: *const errcat_entry,
    /// The version asked about (`master` when none was given).
    pub version: *const c_char,
    /// Whether the entry is defined at `version`. `false` means the number is known only in other versions and
    /// `entry` is the nearest one in time ("552 = access limited, until v3.5.0, now 429").
    pub valid: bool,
}

fn version_arg(version: *const c_char) -> errcat_core::Result<Option<Version>> {
    // SAFETY: forwarded from the export's contract (NULL or a NUL-terminated string).
    unsafe { opt_arg(version, "version") }?
        .map(Version::parse)
        .transpose()
}

/// The blobstore entry for status `code` at CubeFS `version` (`v3.5.0`, `3.5.0`, `master`; NULL = newest).
/// When no entry is valid at that version the nearest one is returned with `valid == false`. Does not allocate
/// on success.
///
/// Errors: `ERRCAT_INVALID_CODE` (outside 0..=999), `ERRCAT_NOT_FOUND` (no entry in any version),
/// `ERRCAT_INVALID_ARGUMENT` (unknown version, NULL `out`); `*out` is zeroed then.
///
/// # Safety
/// `version` is NULL or a NUL-terminated string; `out` is NULL or points to an `errcat_status_match`.
#[no_mangle]
pub unsafe extern "C" fn errcat_blobstore_status(
    code: i64,
    version: *const c_char,
    out: *mut errcat_status_match,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = errcat_status_match {
            entry: std::ptr::null(),
            version: std::ptr::null(),
            valid: false,
        };
        let m = errcat_core::status(code, version_arg(version)?)?;
        let t = table();
        *out = errcat_status_match {
            entry: t.entry(Entry::Blobstore(m.entry)),
            version: t.version_name(m.version).as_ptr(),
            valid: m.valid,
        };
        Ok(())
    })
}

/// The service status `code` belongs to at `version` (NULL = newest): the service of the entry valid then, else
/// the service whose range covers the number. `*out` receives a static name (`BlobNode`): never free it.
/// `ERRCAT_NOT_FOUND` when neither says.
///
/// # Safety
/// `version` is NULL or a NUL-terminated string; `out` is NULL or points to a `const char *`.
#[no_mangle]
pub unsafe extern "C" fn errcat_service_of(
    code: i64,
    version: *const c_char,
    out: *mut *const c_char,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null();
        let service = errcat_core::service_of(code, version_arg(version)?)?;
        *out = table().service(service).as_ptr();
        Ok(())
    })
}
