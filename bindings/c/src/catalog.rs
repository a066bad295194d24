//! The catalog as a whole: its entries (all, filtered, by id), their JSON, the exports, the library version.

use std::ffi::c_char;

use errcat_core::{Entry, Filter, Format, Lang, Reporter, Service, System, Version};

use crate::guard;
use crate::lookup::fill;
use crate::status::errcat_status;
use crate::strings::{arg, c_string_lossy, opt_arg, out_arg, owned};
use crate::table::{errcat_entry, table};

/// Which entries `errcat_entries` yields. Every non-NULL field narrows; NULL fields (or a NULL filter) yield
/// everything. A reporter implies the Koupleless system, a service or version the blobstore.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_filter {
    /// `koupleless` or `blobstore`.
    pub system: *const c_char,
    /// `Arklet`, `ModuleController` or `KouplelessBoard` (case-insensitive).
    pub reporter: *const c_char,
    /// A blobstore service (`Access`, `BlobNode`, ... or the audit-log module name `BLOBNODE`).
    pub service: *const c_char,
    /// A CubeFS version (`v3.5.0`, `master`): only entries valid then.
    pub version: *const c_char,
}

/// The library version (`"0.1.0"`). Static: never free it.
#[no_mangle]
pub extern "C" fn errcat_version() -> *const c_char {
    guard::value(c"unknown".as_ptr(), || table().version.as_ptr())
}

/// Number of catalog entries; ids run from 0 to this - 1, and an array of this many pointers holds any result of
/// `errcat_find` or `errcat_entries`.
#[no_mangle]
pub extern "C" fn errcat_entry_count() -> usize {
    guard::value(0, || Entry::COUNT)
}

/// The entry with `id`, or NULL when `id >= errcat_entry_count()`. Static: never free it.
#[no_mangle]
pub extern "C" fn errcat_entry_by_id(id: usize) -> *const errcat_entry {
    guard::value(std::ptr::null(), || {
        table()
            .entries
            .get(id)
            .map_or(std::ptr::null(), |e| e as *const _)
    })
}

unsafe fn filter_arg(filter: *const errcat_filter) -> errcat_core::Result<Filter> {
    let Some(f) = filter.as_ref() else {
        return Ok(Filter::default());
    };
    Ok(Filter {
        system: opt_arg(f.system, "filter.system")?
            .map(System::parse)
            .transpose()?,
        reporter: opt_arg(f.reporter, "filter.reporter")?
            .map(Reporter::parse)
            .transpose()?,
        service: opt_arg(f.service, "filter.service")?
            .map(Service::parse)
            .transpose()?,
        version: opt_arg(f.version, "filter.version")?
            .map(Version::parse)
            .transpose()?,
    })
}

/// The entries passing `filter` (NULL = all), in catalog order: Koupleless tables first, then blobstore codes.
/// Writes up to `capacity` entry pointers (static: never free them) to `out` and the total to `*out_count`;
/// `errcat_entry_count()` slots are always enough. An unknown filter name is `ERRCAT_INVALID_ARGUMENT`.
///
/// # Safety
/// `filter` is NULL or points to an `errcat_filter` whose fields are NULL or NUL-terminated strings; `out` is NULL
/// or has room for `capacity` pointers; `out_count` is NULL or points to a `size_t`.
#[no_mangle]
pub unsafe extern "C" fn errcat_entries(
    filter: *const errcat_filter,
    out: *mut *const errcat_entry,
    capacity: usize,
    out_count: *mut usize,
) -> errcat_status {
    guard::call(|| {
        *crate::strings::out_arg(out_count, "out_count")? = 0;
        fill(
            errcat_core::entries(filter_arg(filter)?),
            out,
            capacity,
            out_count,
        )
    })
}

/// The entry as the JSON object of the catalog export (`errcat explain --json`'s `entry`). Owned: free
/// `*out` with `errcat_string_free`.
///
/// # Safety
/// `entry` is NULL or a pointer errcat returned; `out` is NULL or points to a `char *`.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_json(
    entry: *const errcat_entry,
    out: *mut *mut c_char,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        // Accept only entries of the table (by id, then by address), never an arbitrary struct.
        let id = entry.as_ref().map(|e| e.id);
        let known = id
            .and_then(|id| table().entries.get(id))
            .filter(|e| std::ptr::eq(*e, entry));
        let Some(known) = known else {
            return Err(errcat_core::Error::new(
                errcat_core::ErrorKind::InvalidArgument,
                "entry is NULL or not an entry errcat returned",
            ));
        };
        let entry = Entry::by_id(known.id).expect("table ids are catalog ids");
        *out = owned(c_string_lossy(
            errcat_core::export::entry_json(entry).to_string(),
        ));
        Ok(())
    })
}

/// The catalog in `format` (`json`, `md`/`markdown` or `csv`); `lang` (`en`, `zh`; NULL = `en`) picks the
/// language of Markdown and CSV. The JSON export equals `testdata/catalog.json` byte for byte. Owned: free
/// `*out` with `errcat_string_free`.
///
/// # Safety
/// `format` and `lang` are NULL or NUL-terminated strings; `out` is NULL or points to a `char *`.
#[no_mangle]
pub unsafe extern "C" fn errcat_export(
    format: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> errcat_status {
    guard::call(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        let format = Format::parse(arg(format, "format")?)?;
        let lang = opt_arg(lang, "lang")?
            .map(Lang::parse)
            .transpose()?
            .unwrap_or_default();
        *out = owned(c_string_lossy(errcat_core::export(format, lang)));
        Ok(())
    })
}
