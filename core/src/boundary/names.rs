//! Name arguments: reporter, source, service, system, version, format, language, retry class. One policy for all:
//! surrounding whitespace is ignored, case is ignored, a service may also be written as its audit-log module
//! (`BLOBNODE`), a version with or without its `v`, a language as a locale tag (`zh-CN`); an empty optional name
//! means "not given"; anything else is `InvalidArgument` listing the accepted names.

use super::args::invalid;
use crate::export::Format;
use crate::{ErrorKind, Lang, Reporter, Result, RetryClass, Service, Source, System, Version};

/// A value that name arguments can spell.
pub trait Named: Copy + Sized + 'static {
    /// What the value is, for messages (`reporter`).
    const WHAT: &'static str;

    /// Every value, in declaration order.
    fn every() -> Vec<Self>;

    /// The canonical name (first spelling).
    fn canonical(self) -> &'static str;

    /// Whether `text` (trimmed, non-empty) names this value.
    fn is_named(self, text: &str) -> bool {
        self.canonical().eq_ignore_ascii_case(text)
    }
}

/// Parses a name argument given as `Some(text)`: `Ok(None)` when absent or empty.
pub fn opt_name<T: Named>(arg: &str, text: Option<&str>) -> Result<Option<T>> {
    let Some(text) = text.map(|t| t.trim_matches(|c: char| c.is_ascii_whitespace())) else {
        return Ok(None);
    };
    if text.is_empty() {
        return Ok(None);
    }
    match T::every().into_iter().find(|v| v.is_named(text)) {
        Some(v) => Ok(Some(v)),
        None => {
            let known: Vec<&str> = T::every().into_iter().map(Named::canonical).collect();
            let _ = arg;
            Err(crate::Error::invalid_argument(format!(
                "unknown {} {text:?} (one of {})",
                T::WHAT,
                known.join(", ")
            )))
        }
    }
}

/// Parses a name argument that must be given (an empty one is `InvalidArgument`).
pub fn name<T: Named>(arg: &str, text: &str) -> Result<T> {
    opt_name(arg, Some(text))?
        .ok_or_else(|| invalid(arg, format_args!("is empty (expected a {})", T::WHAT)))
}

/// The position, in declaration order, of the value `text` names in the enumeration `of` (`source`, `reporter`,
/// `service`, `system`, `retry_class`, `error_kind`, `lang`, `version`: the keys of
/// [`enum_names`](super::enum_names)), by the policy above. For hosts whose enums are generated: their
/// `fromName` asks here, so they read names as every other language does.
pub fn index(of: &str, text: &str) -> Result<usize> {
    fn position<T: Named + PartialEq>(text: &str) -> Result<usize> {
        let value = name::<T>("name", text)?;
        Ok(T::every().iter().position(|v| *v == value).unwrap_or(0))
    }
    match of {
        "source" => position::<Source>(text),
        "reporter" => position::<Reporter>(text),
        "service" => position::<Service>(text),
        "system" => position::<System>(text),
        "retry_class" => position::<RetryClass>(text),
        "error_kind" => position::<ErrorKind>(text),
        "lang" => position::<Lang>(text),
        "version" => position::<Version>(text),
        other => Err(invalid(
            "enumeration",
            format_args!("{other:?} is not one errcat names"),
        )),
    }
}

macro_rules! named_by_name {
    ($ty:ty, $what:literal, $all:expr) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            fn every() -> Vec<Self> {
                $all.to_vec()
            }
            fn canonical(self) -> &'static str {
                self.name()
            }
        }
    };
}
named_by_name!(Reporter, "reporter", Reporter::ALL);
named_by_name!(Source, "source", Source::ALL);
named_by_name!(System, "system", System::ALL);
named_by_name!(RetryClass, "retry class", RetryClass::ALL);
named_by_name!(ErrorKind, "error kind", ErrorKind::ALL);

impl Named for Service {
    const WHAT: &'static str = "service";
    fn every() -> Vec<Self> {
        Service::ALL.to_vec()
    }
    fn canonical(self) -> &'static str {
        self.name()
    }
    fn is_named(self, text: &str) -> bool {
        self.name().eq_ignore_ascii_case(text)
            || self.module().is_some_and(|m| m.eq_ignore_ascii_case(text))
    }
}

impl Named for Version {
    const WHAT: &'static str = "CubeFS version";
    fn every() -> Vec<Self> {
        Version::all().collect()
    }
    fn canonical(self) -> &'static str {
        self.name()
    }
    fn is_named(self, text: &str) -> bool {
        let name = self.name();
        name.eq_ignore_ascii_case(text)
            || name
                .strip_prefix('v')
                .is_some_and(|bare| bare.eq_ignore_ascii_case(text))
    }
}

impl Named for Lang {
    const WHAT: &'static str = "language";
    fn every() -> Vec<Self> {
        vec![Lang::En, Lang::Zh]
    }
    fn canonical(self) -> &'static str {
        self.code()
    }
    /// `en`, `zh`, or a locale tag whose primary subtag is one of them (`zh-CN`, `en_US`, `zh-Hans`).
    fn is_named(self, text: &str) -> bool {
        let primary = text.split(['-', '_']).next().unwrap_or(text);
        self.code().eq_ignore_ascii_case(primary)
    }
}

impl Named for Format {
    const WHAT: &'static str = "export format";
    fn every() -> Vec<Self> {
        vec![Format::Json, Format::Markdown, Format::Csv]
    }
    fn canonical(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }
    fn is_named(self, text: &str) -> bool {
        self.canonical().eq_ignore_ascii_case(text)
            || (self == Format::Markdown && text.eq_ignore_ascii_case("markdown"))
    }
}

/// The spellings of `value` that the answer table lists (hosts serve them without crossing): the canonical name
/// and, where it differs, its lowercase form or the version without `v`.
pub fn table_spellings<T: Named>(value: T) -> Vec<String> {
    let canonical = value.canonical();
    let mut out = vec![canonical.to_string()];
    let lower = canonical.to_ascii_lowercase();
    if lower != canonical {
        out.push(lower);
    }
    if let Some(bare) = canonical.strip_prefix('v') {
        out.push(bare.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_variant() {
        for text in ["arklet", "Arklet", "ARKLET", " arklet\t"] {
            assert_eq!(
                name::<Reporter>("reporter", text).unwrap(),
                Reporter::Arklet
            );
        }
        for text in ["BLOBNODE", "blobnode", "BlobNode", "blobNode"] {
            assert_eq!(name::<Service>("service", text).unwrap(), Service::BlobNode);
        }
        for text in ["v3.5.0", "3.5.0", "V3.5.0", " 3.5.0 "] {
            assert_eq!(name::<Version>("version", text).unwrap().name(), "v3.5.0");
        }
        assert_eq!(
            name::<Version>("version", "MASTER").unwrap(),
            Version::NEWEST
        );
        assert_eq!(name::<Lang>("lang", "zh-CN").unwrap(), Lang::Zh);
        assert_eq!(
            name::<Format>("format", "Markdown").unwrap(),
            Format::Markdown
        );
        assert_eq!(opt_name::<Reporter>("reporter", Some("  ")).unwrap(), None);
        assert_eq!(opt_name::<Reporter>("reporter", None).unwrap(), None);
        let err = name::<Reporter>("reporter", "Arkletx").unwrap_err();
        assert!(
            err.message()
                .contains("one of Arklet, ModuleController, KouplelessBoard"),
            "{err}"
        );
        assert!(name::<Reporter>("reporter", "").is_err());
        assert!(name::<Reporter>("reporter", "Ark\0let").is_err());
        assert_eq!(index("service", " blobnode ").unwrap(), 1);
        assert_eq!(index("error_kind", "notfound").unwrap(), 0);
        assert_eq!(index("version", "3.2.0").unwrap(), 0);
        assert!(index("reporter", "")
            .unwrap_err()
            .message()
            .contains("is empty"));
        assert!(index("colour", "red").is_err());
    }
}
