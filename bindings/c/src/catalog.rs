//! The catalog as a whole: its entries (all, filtered, by id), their JSON, the exports, the library version, and
//! the answer table other languages load.

use std::ffi::c_char;
use std::sync::OnceLock;

use errcat_core::boundary::{answer_table, ops};
use errcat_core::{Entry, Error};

use crate::args::{opt, owned};
use crate::generated::errcat_status;
use crate::guard;
use crate::lookup::fill;
use crate::table::{errcat_entry, ENTRIES};

/// Which entries `errcat_entries` yields. Every non-NULL, non-empty field narrows; NULL fields (or a NULL filter)
/// yield everything. Names are read like every errcat name: case and surrounding whitespace ignored, a service
/// may be its audit-log module (`BLOBNODE`), a version may omit its `v`. A reporter implies the Koupleless system,
/// a service or version the blobstore.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_filter {
    /// `koupleless` or `blobstore`.
    pub system: *const c_char,
    /// `Arklet`, `ModuleController` or `KouplelessBoard`.
    pub reporter: *const c_char,
    /// A blobstore service (`Access`, `BlobNode`, ... or `BLOBNODE`).
    pub service: *const c_char,
    /// A CubeFS version (`v3.5.0`, `master`): only entries valid then.
    pub version: *const c_char,
}

/// A NUL-terminated copy of a static string, made once.
fn static_c(text: &'static str, cell: &'static OnceLock<std::ffi::CString>) -> *const c_char {
    cell.get_or_init(|| std::ffi::CString::new(text).unwrap_or_default()).as_ptr()
}

/// The library version (`"0.1.0"`). Static: never free it.
#[no_mangle]
pub extern "C" fn errcat_version() -> *const c_char {
    static CELL: OnceLock<std::ffi::CString> = OnceLock::new();
    guard::value(c"unknown".as_ptr(), || static_c(errcat_core::VERSION, &CELL))
}

/// Number of catalog entries; ids run from 0 to this - 1, and an array of this many pointers holds any result of
/// `errcat_find` or `errcat_entries`.
#[no_mangle]
pub extern "C" fn errcat_entry_count() -> usize {
    ENTRIES.len()
}

/// The entry with `id`, or NULL when `id >= errcat_entry_count()`. Static: never free it.
#[no_mangle]
pub extern "C" fn errcat_entry_by_id(id: usize) -> *const errcat_entry {
    ENTRIES.get(id).map_or(std::ptr::null(), |e| e as *const _)
}

/// The entries passing `filter` (NULL = all), in catalog order: Koupleless tables first, then blobstore codes.
/// Writes up to `capacity` entry pointers (static: never free them) to `out` and the total to `*out_count`;
/// `errcat_entry_count()` slots are always enough. An unknown filter name is `ERRCAT_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn errcat_entries(
    filter: *const errcat_filter, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> errcat_status {
    guard::call(|| {
        let found = match filter.as_ref() {
            None => ops::entries(None, None, None, None)?,
            Some(f) => ops::entries(
                opt(f.system, "filter.system")?,
                opt(f.reporter, "filter.reporter")?,
                opt(f.service, "filter.service")?,
                opt(f.version, "filter.version")?,
            )?,
        };
        fill(found, out, capacity, out_count)
    })
}

/// The entry as the JSON object of the catalog export (`errcat explain --json`'s `entry`). Owned: free `*out`
/// with `errcat_string_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_json(entry: *const errcat_entry, out_json: *mut *mut c_char) -> errcat_status {
    guard::fill(out_json, std::ptr::null_mut(), || {
        // Accept only entries of the table (by address), never an arbitrary struct.
        let id = ENTRIES.iter().position(|e| std::ptr::eq(e, entry));
        let entry = id
            .and_then(Entry::by_id)
            .ok_or_else(|| Error::invalid_argument("entry is NULL or not an entry errcat returned"))?;
        Ok(owned(errcat_core::export::entry_json(entry).to_string()))
    })
}

/// The catalog in `format` (`json`, `md`/`markdown` or `csv`; NULL = `json`); `lang` (`en`, `zh`, `zh-CN`; NULL =
/// `en`) picks the language of Markdown and CSV. The JSON export equals `testdata/catalog.json` byte for byte.
/// Owned: free `*out` with `errcat_string_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_export(
    format: *const c_char, lang: *const c_char, out_text: *mut *mut c_char,
) -> errcat_status {
    guard::fill(out_text, std::ptr::null_mut(), || Ok(owned(ops::export(opt(format, "format")?, opt(lang, "lang")?)?)))
}

/// The table of every successful `lookup` and `status` answer with its stable id (format in the errcat README,
/// "The answer table"), which language packages load once to serve repeated calls without crossing. Static: never
/// free it.
#[no_mangle]
pub extern "C" fn errcat_answer_table() -> *const c_char {
    static CELL: OnceLock<std::ffi::CString> = OnceLock::new();
    guard::value(std::ptr::null(), || static_c(answer_table(), &CELL))
}

/// Runs any errcat operation by name (`lookup`, `status`, `render`, `audit`, ... as the README's operations table
/// lists them) with its arguments as a JSON array, through the same dispatcher every language binding uses; the
/// answer as JSON in `*out` (owned: free it with `errcat_string_free`). For bindings over this library (Go) and
/// for arguments a C string cannot carry (a NUL, bytes that are not UTF-8, as `{"bytes": "<base64>"}`).
#[no_mangle]
pub unsafe extern "C" fn errcat_call(
    op: *const c_char, args_json: *const c_char, out_json: *mut *mut c_char,
) -> errcat_status {
    guard::fill(out_json, std::ptr::null_mut(), || {
        let op = crate::args::text(op, "op")?;
        // Room for a body of MAX_BODY_LEN with every byte escaped.
        let args = crate::args::opt_up_to(args_json, "args", 6 * errcat_core::boundary::MAX_BODY_LEN)?;
        let answer = errcat_core::boundary::call_json(op, args.unwrap_or("[]"), errcat_audit::boundary::call)?;
        Ok(owned(answer))
    })
}
