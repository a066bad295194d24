//! The catalog as a whole: its entries (filtered), their JSON, the exports, the library version, and the generic
//! call that every binding's dispatcher answers.

use std::ffi::c_char;

use errcat_core::boundary::{call_json, ops, MAX_BODY_LEN};
use errcat_core::{Entry, Error, Result};

use crate::args::{opt, owned, read, text};
use crate::tables::ENTRIES;
use crate::{errcat_entry, errcat_filter};

/// The crate's version, the workspace's (like the core's).
pub(crate) fn version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

pub(crate) unsafe fn entries(filter: *const errcat_filter) -> Result<Vec<Entry>> {
    match filter.as_ref() {
        None => ops::entries(None, None, None, None),
        Some(f) => ops::entries(
            opt(f.system, "filter.system")?,
            opt(f.reporter, "filter.reporter")?,
            opt(f.service, "filter.service")?,
            opt(f.version, "filter.version")?,
        ),
    }
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
