//! The status every errcat function returns, one value per error kind.

use errcat_core::ErrorKind;

/// What an errcat call returned. `ERRCAT_OK` is 0; every other value is one error kind, the same kinds every
/// errcat binding uses. After a failure, `errcat_last_error_message()` says what went wrong on this thread.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum errcat_status {
    /// Success.
    ERRCAT_OK = 0,
    /// No entry for the code; the last error's suggestions hold close matches.
    ERRCAT_NOT_FOUND = 1,
    /// Several entries match and nothing chooses; the last error's candidates name them.
    ERRCAT_AMBIGUOUS = 2,
    /// The text is not a well-formed code (`Source.Type`, PascalCase, known source) or status number.
    ERRCAT_INVALID_CODE = 3,
    /// Another argument is wrong: NULL, not UTF-8, too long, an unknown version, reporter, format, ...
    ERRCAT_INVALID_ARGUMENT = 4,
    /// Reading input failed (audit logs).
    ERRCAT_IO = 5,
    /// A bug in errcat: a panic was caught at the boundary. The library stays usable.
    ERRCAT_INTERNAL = 6,
}

impl From<ErrorKind> for errcat_status {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::NotFound => errcat_status::ERRCAT_NOT_FOUND,
            ErrorKind::Ambiguous => errcat_status::ERRCAT_AMBIGUOUS,
            ErrorKind::InvalidCode => errcat_status::ERRCAT_INVALID_CODE,
            ErrorKind::InvalidArgument => errcat_status::ERRCAT_INVALID_ARGUMENT,
            ErrorKind::Io => errcat_status::ERRCAT_IO,
            ErrorKind::Internal => errcat_status::ERRCAT_INTERNAL,
        }
    }
}

/// The kind's name as written in the conformance vectors (`"NotFound"`), `"Ok"` for `ERRCAT_OK`, `"Unknown"` for
/// any other value. Static: never free it.
#[no_mangle]
pub extern "C" fn errcat_status_name(status: i32) -> *const std::ffi::c_char {
    let name: &'static std::ffi::CStr = match status {
        0 => c"Ok",
        1 => c"NotFound",
        2 => c"Ambiguous",
        3 => c"InvalidCode",
        4 => c"InvalidArgument",
        5 => c"Io",
        6 => c"Internal",
        _ => c"Unknown",
    };
    name.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_its_own_status_in_declaration_order() {
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            let status = errcat_status::from(*kind);
            assert_eq!(status as i32, i as i32 + 1);
            let name = unsafe { std::ffi::CStr::from_ptr(errcat_status_name(status as i32)) };
            assert_eq!(name.to_str().unwrap(), kind.name());
        }
    }
}
