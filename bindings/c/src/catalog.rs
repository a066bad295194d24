//! The catalog as a whole: its entries (all, filtered, by id), their JSON, the exports, the library version, the
//! answer table other languages load, and the generic call every binding's dispatcher answers.

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use errcat_core::boundary::{answer_table as table, call_json, ops, MAX_BODY_LEN};
use errcat_core::{Entry, Error, Result};

use crate::args::{fill_entries, opt, owned, read, text};
use crate::tables::ENTRIES;
use crate::{errcat_entry, errcat_filter, guard};

/// `text` NUL-terminated, once, on first use (never freed).
fn c_static(text: &'static str, cell: &'static OnceLock<CString>) -> *const c_char {
    cell.get_or_init(|| CString::new(text).unwrap_or_default()).as_ptr()
}

pub(crate) fn version() -> *const c_char {
    static CELL: OnceLock<CString> = OnceLock::new();
    guard::value(c"unknown".as_ptr(), || c_static(errcat_core::VERSION, &CELL))
}

pub(crate) fn answer_table() -> *const c_char {
    static CELL: OnceLock<CString> = OnceLock::new();
    guard::value(std::ptr::null(), || c_static(table(), &CELL))
}

pub(crate) fn entry_count() -> usize {
    ENTRIES.len()
}

pub(crate) fn entry_by_id(id: usize) -> *const errcat_entry {
    ENTRIES.get(id).map_or(std::ptr::null(), std::ptr::from_ref)
}

pub(crate) unsafe fn entries(
    filter: *const errcat_filter, out: *mut *const errcat_entry, capacity: usize, out_count: *mut usize,
) -> Result<()> {
    let found = match filter.as_ref() {
        None => ops::entries(None, None, None, None)?,
        Some(f) => ops::entries(
            opt(f.system, "filter.system")?,
            opt(f.reporter, "filter.reporter")?,
            opt(f.service, "filter.service")?,
            opt(f.version, "filter.version")?,
        )?,
    };
    fill_entries(found, out, capacity, out_count)
}

pub(crate) fn entry_json(entry: *const errcat_entry) -> Result<*mut c_char> {
    // Only entries of the table (found by address), never an arbitrary struct.
    let id = ENTRIES.iter().position(|e| std::ptr::eq(e, entry));
    let entry = id
        .and_then(Entry::by_id)
        .ok_or_else(|| Error::invalid_argument("entry is NULL or not an entry errcat returned"))?;
    Ok(owned(errcat_core::export::entry_json(entry).to_string()))
}

pub(crate) unsafe fn export(format: *const c_char, lang: *const c_char) -> Result<*mut c_char> {
    Ok(owned(ops::export(opt(format, "format")?, opt(lang, "lang")?)?))
}

pub(crate) unsafe fn call(op: *const c_char, args_json: *const c_char) -> Result<*mut c_char> {
    let op = text(op, "op")?;
    // Longer than any other string: room for a body of MAX_BODY_LEN with every byte escaped.
    const LIMIT: usize = 6 * MAX_BODY_LEN;
    let args = read(args_json, LIMIT).unwrap_or(b"[]");
    if args.len() > LIMIT {
        return Err(Error::invalid_argument(format!("args is longer than {LIMIT} bytes")));
    }
    let args = std::str::from_utf8(args).map_err(|_| Error::invalid_argument("args is not valid UTF-8"))?;
    Ok(owned(call_json(op, args, errcat_audit::boundary::call)?))
}
