//! The boundary: every policy at the edge between errcat and a host language, decided here once. A binding passes
//! host values through ([`Arg`]) and converts the answer ([`Out`], an [`answers::Answer`] id, an entry id); it
//! decides nothing, so two languages cannot disagree on an input.
//!
//! | argument | policy |
//! |---|---|
//! | any text | valid Unicode (invalid UTF-8 or a lone surrogate is `InvalidArgument`), at most [`MAX_STRING_LEN`] bytes |
//! | a code (`lookup`, `find`, `parse`, error values) | strict syntax, judged by the catalog: a NUL, a space or a wrong case is `InvalidCode` |
//! | a code written as a number (`find`, error values) | optional sign and digits: a status number, `InvalidCode` outside 0..=999 |
//! | a status number | an integer 0..=999; any other number (negative, a fraction, beyond 64 bits) is `InvalidCode` |
//! | a name (reporter, source, service, system, version, format, language, retry class) | surrounding whitespace and case ignored; a service may be its audit-log module (`BLOBNODE`), a version may omit its `v`, a language may be a locale tag (`zh-CN`) |
//! | an optional name that is empty | not given (the reading Go's zero values and C's empty strings force) |
//! | a required name that is empty | `InvalidArgument` |
//! | a detail | any text, a NUL included (JSON escapes it) |
//! | a cause chain | at most [`MAX_CAUSE_DEPTH`] causes below the error, else `InvalidArgument` |
//! | a path | any bytes but NUL (file names need not be UTF-8), not empty; at most [`MAX_PATHS`] per call; none = an empty report |
//! | a missing required argument (null) | `InvalidArgument` naming it |
//! | a panic inside errcat | `Internal`, "internal error in errcat (a bug, please report it): …" |

mod answers;
pub mod args;
mod call;
mod guard;
mod json;
pub mod limits;
pub mod names;
pub mod ops;
mod packed;
pub mod static_map;

pub use answers::{table as answer_table, Answer};
pub use args::{Arg, Number};
pub use call::{call, call_packed, classification_of, classify_flat_packed, Key, Out, Text};
pub use guard::{guard, panic_error};
pub use json::call_json;
pub use limits::{
    MAX_ARG_LEN, MAX_BODY_LEN, MAX_CAUSE_DEPTH, MAX_LIST_DEPTH, MAX_LIST_LEN, MAX_PART_LEN,
    MAX_PATHS, MAX_STRING_LEN,
};
pub use packed::{pack, Packed};
pub use static_map::StaticMap;

/// The names of every enumeration hosts mirror, in declaration order (`source`, `reporter`, `service`, `system`,
/// `retry_class`, `error_kind`, `lang`, `version`); `None` for another name.
pub fn enum_names(of: &str) -> Option<Vec<&'static str>> {
    use crate::*;
    Some(match of {
        "source" => Source::ALL.iter().map(|s| s.name()).collect(),
        "reporter" => Reporter::ALL.iter().map(|r| r.name()).collect(),
        "service" => Service::ALL.iter().map(|s| s.name()).collect(),
        "system" => System::ALL.iter().map(|s| s.name()).collect(),
        "retry_class" => RetryClass::ALL.iter().map(|r| r.name()).collect(),
        "error_kind" => ErrorKind::ALL.iter().map(|k| k.name()).collect(),
        "lang" => vec!["en", "zh"],
        "version" => Version::all().map(|v| v.name()).collect(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::tables::{ERROR_KIND_NAMES, LANG_NAMES, RETRY_CLASS_NAMES, SYSTEM_NAMES};

    #[test]
    fn hand_written_enums_match_the_field_description() {
        assert_eq!(super::enum_names("retry_class").unwrap(), RETRY_CLASS_NAMES);
        assert_eq!(super::enum_names("system").unwrap(), SYSTEM_NAMES);
        assert_eq!(super::enum_names("error_kind").unwrap(), ERROR_KIND_NAMES);
        assert_eq!(super::enum_names("lang").unwrap(), LANG_NAMES);
    }
}
