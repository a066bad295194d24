//! The two-level code `Source.Type` as a value: strict parsing and composing.

use std::ffi::c_char;

use errcat_core::boundary::{ops, MAX_PART_LEN};
use errcat_core::{Code, Error, ErrorKind};

use crate::args::{out, text};
use crate::generated::errcat_status;
use crate::guard;
use crate::table::source_name;

/// The longest Level-2 type errcat accepts, in bytes (the core's limit on a code part).
pub const ERRCAT_MAX_TYPE_LEN: usize = 128;
const _: () = assert!(ERRCAT_MAX_TYPE_LEN == MAX_PART_LEN);

/// Room for the longest type and the NUL.
pub const ERRCAT_TYPE_CAPACITY: usize = ERRCAT_MAX_TYPE_LEN + 1;

/// Room for the longest code: a source, `.`, the longest type, and the NUL.
pub const ERRCAT_CODE_CAPACITY: usize = 2 * ERRCAT_MAX_TYPE_LEN + 2;

/// A syntactically valid code, filled by `errcat_parse` and `errcat_compose`. Plain data: nothing to free.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_code {
    /// The Level-1 source (static).
    pub source: *const c_char,
    /// The Level-2 type as written, NUL-terminated.
    pub error_type: [c_char; ERRCAT_TYPE_CAPACITY],
    /// The code rendered back to text, `Source.Type`, NUL-terminated.
    pub code: [c_char; ERRCAT_CODE_CAPACITY],
}

impl errcat_code {
    fn set(&mut self, code: errcat_core::Result<Code<'_>>) -> errcat_core::Result<()> {
        self.source = std::ptr::null();
        self.error_type[0] = 0;
        self.code[0] = 0;
        let code = code?;
        copy(code.error_type(), &mut self.error_type)?;
        copy(&code.to_string(), &mut self.code)?;
        self.source = source_name(code.source());
        Ok(())
    }
}

/// Copies `text` and a NUL into `buffer`; a text that does not fit means the core's limits changed (a bug).
fn copy(text: &str, buffer: &mut [c_char]) -> errcat_core::Result<()> {
    if text.len() >= buffer.len() {
        return Err(Error::new(ErrorKind::Internal, format!("{text:?} does not fit errcat_code")));
    }
    for (dst, src) in buffer.iter_mut().zip(text.bytes()) {
        *dst = src as c_char;
    }
    buffer[text.len()] = 0;
    Ok(())
}

/// Parses `text` strictly: exactly one `.`, both parts PascalCase, a known source. The type need not be
/// catalogued (use `errcat_lookup` for that). `ERRCAT_INVALID_CODE` says which rule failed.
#[no_mangle]
pub unsafe extern "C" fn errcat_parse(code_text: *const c_char, out_code: *mut errcat_code) -> errcat_status {
    guard::call(|| out(out_code, "out")?.set(ops::parse(text(code_text, "text")?)))
}

/// Builds `source.error_type`; `source` is a name (`Arklet`, `user`: case and surrounding whitespace ignored) and
/// the type is checked like `errcat_parse`. An unknown source is `ERRCAT_INVALID_ARGUMENT`, a bad type
/// `ERRCAT_INVALID_CODE`.
#[no_mangle]
pub unsafe extern "C" fn errcat_compose(
    source: *const c_char, error_type: *const c_char, out_code: *mut errcat_code,
) -> errcat_status {
    guard::call(|| {
        let code = out(out_code, "out")?;
        let (source, error_type) = (text(source, "source")?, text(error_type, "error_type")?);
        code.set(ops::compose(source, error_type))
    })
}
