//! Two-level codes: `errcat_lookup` (one entry or an error) and `errcat_find` (every entry a code could mean).

use std::ffi::c_char;

use errcat_core::{Entry, Reporter, Resolved};

use crate::guard;
use crate::status::errcat_status;
use crate::strings::{arg, counted_arg, opt_arg, out_arg};
use crate::table::{errcat_entry, table};

/// A code resolved to its entry by `errcat_lookup`. Every pointer is static: never free it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_resolved {
    /// The entry.
    pub entry: *const errcat_entry,
    /// The resolved code, `Source.Type` with the canonical type spelling (`ModuleController.ResourceConstraned`).
    pub code: *const c_char,
    /// The source given in the code.
    pub source: *const c_char,
    /// The alias spelling the code used, or NULL when it used the canonical type.
    pub alias: *const c_char,
    /// `true` when the source is not one of the entry's catalogued sources (`User.PullBizError`).
    pub dynamic: bool,
}

impl Default for errcat_resolved {
    fn default() -> Self {
        errcat_resolved {
            entry: std::ptr::null(),
            code: std::ptr::null(),
            source: std::ptr::null(),
            alias: std::ptr::null(),
            dynamic: false,
        }
    }
}

fn resolved_view(r: Resolved) -> errcat_resolved {
    let t = table();
    errcat_resolved {
        entry: t.entry(Entry::Koupleless(r.entry)),
        code: t.code(r.entry, r.source).as_ptr(),
        source: t.source(r.source).as_ptr(),
        alias: r
            .alias
            .and_then(|a| t.alias(r.entry, a))
            .map_or(std::ptr::null(), |a| a.as_ptr()),
        dynamic: r.is_dynamic(),
    }
}

fn lookup_into(
    code: &str,
    reporter: Option<&str>,
    out: &mut errcat_resolved,
) -> errcat_core::Result<()> {
    let reporter = reporter.map(Reporter::parse).transpose()?;
    *out = resolved_view(errcat_core::lookup(code, reporter)?);
    Ok(())
}

/// Resolves a two-level code (`"Arklet.InstallBizFailed"`, an alias, a dynamic `User.PullBizError`) to its entry,
/// inside `reporter`'s table when `reporter` is not NULL (`Arklet`, `ModuleController`, `KouplelessBoard`,
/// case-insensitive). Does not allocate on success.
///
/// Returns `ERRCAT_OK` and fills `*out`; else `ERRCAT_NOT_FOUND` (suggestions in the last error),
/// `ERRCAT_AMBIGUOUS` (candidates in the last error), `ERRCAT_INVALID_CODE` or `ERRCAT_INVALID_ARGUMENT`, and
/// `*out` is zeroed.
///
/// # Safety
/// `code` and `reporter` are NULL or NUL-terminated strings; `out` is NULL or points to an `errcat_resolved`.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup(
    code: *const c_char,
    reporter: *const c_char,
    out: *mut errcat_resolved,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = errcat_resolved::default();
        lookup_into(arg(code, "code")?, opt_arg(reporter, "reporter")?, out)
    })
}

/// `errcat_lookup` with a counted code (`code_len` bytes, no NUL needed) for callers whose strings carry a length
/// (Go, Rust, C++ `std::string_view`). An embedded NUL byte is part of the code, so the code is
/// `ERRCAT_INVALID_CODE`, exactly as in the bindings whose strings can hold a NUL.
///
/// # Safety
/// `code` is NULL (then `code_len` must be 0) or points to `code_len` readable bytes; `reporter` is NULL or a
/// NUL-terminated string; `out` is NULL or points to an `errcat_resolved`.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup_n(
    code: *const c_char,
    code_len: usize,
    reporter: *const c_char,
    out: *mut errcat_resolved,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = errcat_resolved::default();
        lookup_into(
            counted_arg(code, code_len, "code")?,
            opt_arg(reporter, "reporter")?,
            out,
        )
    })
}

/// Writes up to `capacity` of `entries` to `out` and their total number to `*out_count`.
pub(crate) fn fill(
    entries: impl Iterator<Item = Entry>,
    out: *mut *const errcat_entry,
    capacity: usize,
    out_count: *mut usize,
) -> errcat_core::Result<()> {
    let count = crate::strings::out_arg(out_count, "out_count")?;
    *count = 0;
    if out.is_null() && capacity > 0 {
        return Err(errcat_core::Error::new(
            errcat_core::ErrorKind::InvalidArgument,
            "out is NULL but capacity > 0",
        ));
    }
    let t = table();
    let mut n = 0;
    for entry in entries {
        if n < capacity {
            // SAFETY: the caller gave `capacity` writable slots at `out`.
            unsafe { *out.add(n) = t.entry(entry) };
        }
        n += 1;
    }
    *count = n;
    Ok(())
}

/// Every entry a code could mean: for a two-level code, the entries of its type (or alias) in every table; for a
/// number (`"552"`), the blobstore entries with that number in every version.
///
/// Writes up to `capacity` entry pointers (static: never free them) to `out` and the total number to
/// `*out_count`; call with `capacity` 0 (and `out` NULL) to learn the size. `errcat_entry_count()` is always
/// enough. `ERRCAT_NOT_FOUND` (with suggestions) when there is none.
///
/// # Safety
/// `code` is NULL or a NUL-terminated string; `out` is NULL or has room for `capacity` pointers; `out_count` is
/// NULL or points to a `size_t`.
#[no_mangle]
pub unsafe extern "C" fn errcat_find(
    code: *const c_char,
    out: *mut *const errcat_entry,
    capacity: usize,
    out_count: *mut usize,
) -> errcat_status {
    guard::call(|| {
        *crate::strings::out_arg(out_count, "out_count")? = 0;
        let found = errcat_core::find(arg(code, "code")?)?;
        fill(found.into_iter(), out, capacity, out_count)
    })
}
