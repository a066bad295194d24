//! Blobstore status numbers: the entry valid at a CubeFS version, the whole table of a version, and the service a
//! number belongs to.

use std::ffi::c_char;
use std::sync::OnceLock;

use errcat_core::boundary::{names::opt_name, ops, Number};
use errcat_core::Version;

use crate::args::opt;
use crate::generated::errcat_status;
use crate::guard;
use crate::table::{errcat_status_match, service_name};

/// The blobstore entry for status `code` at CubeFS `version` (`v3.5.0`, `3.5.0`, `MASTER`: case and the `v` are
/// optional; NULL or empty = newest). When no entry is valid at that version the nearest one is returned with
/// `valid == false`. Does not allocate on success.
///
/// Errors: `ERRCAT_INVALID_CODE` (outside 0..=999), `ERRCAT_NOT_FOUND` (no entry in any version),
/// `ERRCAT_INVALID_ARGUMENT` (unknown version, NULL `out`); `*out` is zeroed then.
#[no_mangle]
pub unsafe extern "C" fn errcat_blobstore_status(
    code: i64, version: *const c_char, out_match: *mut errcat_status_match,
) -> errcat_status {
    guard::fill(out_match, errcat_status_match::NONE, || {
        Ok(errcat_status_match::of(ops::status(&Number::Int(code), opt(version, "version")?)?))
    })
}

/// Number of slots of a status table: one per number 0..=999.
pub const ERRCAT_STATUS_TABLE_LEN: usize = 1000;

type Tables = Vec<[errcat_status_match; ERRCAT_STATUS_TABLE_LEN]>;

/// Every version's answers, `[version][number]`, from the core (built on first use, never freed).
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        Version::all()
            .map(|v| {
                std::array::from_fn(|n| {
                    errcat_core::status(n as i64, Some(v)).map_or(errcat_status_match::NONE, errcat_status_match::of)
                })
            })
            .collect()
    })
}

/// The answers of `errcat_blobstore_status` for every number at `version` (NULL or empty = newest), as a static
/// array of `ERRCAT_STATUS_TABLE_LEN` matches indexed by number: slot `n` is what `errcat_blobstore_status(n,
/// version)` fills, with a NULL `entry` where it fails. For callers that look numbers up in a loop at the cost of
/// an array index; errors still come from `errcat_blobstore_status`.
#[no_mangle]
pub unsafe extern "C" fn errcat_status_table(
    version: *const c_char, out_table: *mut *const errcat_status_match,
) -> errcat_status {
    guard::fill(out_table, std::ptr::null(), || {
        let version = opt_name::<Version>("version", opt(version, "version")?)?.unwrap_or(Version::NEWEST);
        Ok(tables()[version.index()].as_ptr())
    })
}

/// The service status `code` belongs to at `version` (NULL = newest): the service of the entry valid then, else
/// the service whose range covers the number. `*out` receives a static name (`BlobNode`): never free it.
/// `ERRCAT_NOT_FOUND` when neither says.
#[no_mangle]
pub unsafe extern "C" fn errcat_service_of(
    code: i64, version: *const c_char, out_name: *mut *const c_char,
) -> errcat_status {
    guard::fill(out_name, std::ptr::null(), || {
        Ok(service_name(ops::service_of(&Number::Int(code), opt(version, "version")?)?))
    })
}
