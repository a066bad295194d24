//! The two-level code `Source.Type` as a value: strict parsing and composing, answered as an `errcat_code`.

use std::ffi::c_char;

use errcat_core::boundary::ops;
use errcat_core::{Code, Result};

use crate::args::text;
use crate::errcat_code;
use crate::tables::source_name;

pub(crate) unsafe fn parse(code_text: *const c_char) -> Result<errcat_code> {
    value(ops::parse(text(code_text, "text")?)?)
}

pub(crate) unsafe fn compose(source: *const c_char, error_type: *const c_char) -> Result<errcat_code> {
    value(ops::compose(text(source, "source")?, text(error_type, "error_type")?)?)
}

fn value(code: Code<'_>) -> Result<errcat_code> {
    let mut value = errcat_code { source: source_name(code.source()), ..errcat_code::NONE };
    copy(code.error_type(), &mut value.error_type);
    copy(&code.to_string(), &mut value.code);
    Ok(value)
}

/// Copies `text` and a NUL into `buffer`. The capacities are the core's limits (asserted in generated.rs), so a code
/// always fits; if one did not (a bug), the slice would panic inside the guard: `ERRCAT_INTERNAL`.
fn copy(text: &str, buffer: &mut [c_char]) {
    for (dst, src) in buffer[..=text.len()].iter_mut().zip(text.bytes().chain([0])) {
        *dst = src as c_char;
    }
}
