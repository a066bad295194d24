//! The catalog's value types. Every instance lives in the compiled-in tables, so every reference is `'static`.

use std::fmt;

pub use crate::tables::{KouplelessEntry, Reporter, Service, Source, StatusEntry};
use crate::tables::{
    REPORTERS, REPORTER_ALL, REPORTER_NAMES, SERVICE_ALL, SERVICE_MODULES, SERVICE_NAMES,
    SOURCE_ALL, SOURCE_NAMES, SOURCE_NOTES, VERSION_NAMES,
};

/// A text published in English and Chinese. `zh` is empty where no Chinese text exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Chinese (简体中文).
    pub zh: &'static str,
}

impl Text {
    /// The text in `lang`, falling back to English when the Chinese text is missing.
    ///
    /// ```
    /// let e = errcat::lookup("Arklet.PullBizError", None).unwrap().entry;
    /// assert_eq!(e.meaning.get(errcat::Lang::Zh), "拉包失败");
    /// ```
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh if !self.zh.is_empty() => self.zh,
            _ => self.en,
        }
    }
}

/// A language of the catalog's texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Chinese.
    Zh,
}

impl Lang {
    /// `"en"` or `"zh"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a language name by the boundary's policy (`en`, `ZH`, a locale tag such as `zh-CN`).
    ///
    /// ```
    /// assert_eq!(errcat::Lang::parse("ZH").unwrap(), errcat::Lang::Zh);
    /// assert_eq!(errcat::Lang::parse("zh-CN").unwrap(), errcat::Lang::Zh);
    /// assert!(errcat::Lang::parse("fr").is_err());
    /// ```
    pub fn parse(text: &str) -> crate::Result<Lang> {
        crate::boundary::names::name("lang", text)
    }
}

/// Name lookups shared by the catalog's enums.
macro_rules! named_enum {
    ($ty:ident, $all:ident, $names:ident, $what:literal) => {
        impl $ty {
            /// Every value, in catalog order.
            pub const ALL: &'static [$ty] = &$all;

            /// The name as spelled in codes and in the catalog.
            pub fn name(self) -> &'static str {
                $names[self as usize]
            }

            /// The value named `name` (exact spelling), or `InvalidArgument`.
            pub fn from_name(name: &str) -> crate::Result<$ty> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == name)
                    .ok_or_else(|| {
                        let known: Vec<&str> = $names.to_vec();
                        crate::Error::invalid_argument(format!(
                            concat!("unknown ", $what, " {:?} (one of {})"),
                            name,
                            known.join(", ")
                        ))
                    })
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<$ty> {
                $ty::from_name(s)
            }
        }
    };
}
named_enum!(Source, SOURCE_ALL, SOURCE_NAMES, "source");
named_enum!(Reporter, REPORTER_ALL, REPORTER_NAMES, "reporter");
named_enum!(Service, SERVICE_ALL, SERVICE_NAMES, "service");

impl Source {
    /// A quirk of this source worth knowing (e.g. `KubeAPIServer` is used but never declared).
    pub fn note(self) -> Option<&'static str> {
        SOURCE_NOTES[self as usize]
    }
}

impl Reporter {
    /// The reporter's published table: heading and Level-1 sources with their descriptions.
    pub fn info(self) -> &'static ReporterInfo {
        &REPORTERS[self as usize]
    }

    /// Parses a reporter name by the boundary's policy (case and surrounding whitespace ignored: `"arklet"`).
    pub fn parse(name: &str) -> crate::Result<Reporter> {
        crate::boundary::names::name("reporter", name)
    }
}

impl Service {
    /// The module name this service writes in its audit log (`BLOBNODE`); `None` for `Generic`.
    pub fn module(self) -> Option<&'static str> {
        SERVICE_MODULES[self as usize]
    }

    /// Parses a service name or audit-log module name by the boundary's policy (`"blobnode"`, `"BLOBNODE"`).
    pub fn parse(name: &str) -> crate::Result<Service> {
        crate::boundary::names::name("service", name)
    }
}

/// A reporter's table heading and the Level-1 sources it declares.
#[derive(Debug, PartialEq, Eq)]
pub struct ReporterInfo {
    /// The reporter.
    pub reporter: Reporter,
    /// The source with the reporter's own name.
    pub source: Source,
    /// The published heading ("DashBoard Error Codes" for `KouplelessBoard`).
    pub heading: Text,
    /// The Level-1 sources of this table, as described from this reporter's point of view.
    pub sources: &'static [ReporterSource],
}

/// One row of a reporter's Level-1 source table.
#[derive(Debug, PartialEq, Eq)]
pub struct ReporterSource {
    /// The source.
    pub source: Source,
    /// Its meaning for this reporter ("ModuleController" is upstream for Arklet, downstream for KouplelessBoard).
    pub description: Text,
}

impl KouplelessEntry {
    /// The default source of this entry.
    pub fn default_source(&self) -> Source {
        self.sources[0]
    }
}

/// How a client should treat a blobstore status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// Deterministic: the same request gets the same answer.
    Never,
    /// May succeed when retried (a leader change, a lost connection, a concurrent update).
    Transient,
    /// The service shed load: retry after a backoff.
    Overload,
    /// Not a failure (700 "nothing to do").
    Ignore,
}

impl RetryClass {
    /// Every class, in declaration order.
    pub const ALL: [RetryClass; 4] = [
        RetryClass::Never,
        RetryClass::Transient,
        RetryClass::Overload,
        RetryClass::Ignore,
    ];

    /// `never`, `transient`, `overload` or `ignore`.
    pub fn name(self) -> &'static str {
        match self {
            RetryClass::Never => "never",
            RetryClass::Transient => "transient",
            RetryClass::Overload => "overload",
            RetryClass::Ignore => "ignore",
        }
    }

    /// Whether a client should retry (transient or overload).
    pub fn retryable(self) -> bool {
        matches!(self, RetryClass::Transient | RetryClass::Overload)
    }
}

/// A CubeFS version the catalog knows (`v3.2.0` … `v3.5.3`, `master`), ordered oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version(pub(crate) u8);

impl Version {
    /// The newest version (`master`), the default of every version argument.
    pub const NEWEST: Version = Version(VERSION_NAMES.len() as u8 - 1);

    /// Every version, oldest first.
    pub fn all() -> impl Iterator<Item = Version> {
        (0..VERSION_NAMES.len() as u8).map(Version)
    }

    /// The tag (`v3.5.0`, `master`).
    pub fn name(self) -> &'static str {
        VERSION_NAMES[usize::from(self.0)]
    }

    /// Parses `v3.5.0`, `3.5.0` or `master` by the boundary's policy (case and surrounding whitespace ignored).
    ///
    /// ```
    /// use errcat::Version;
    /// assert_eq!(Version::parse("3.5.0").unwrap().name(), "v3.5.0");
    /// assert!(Version::parse("v9.9.9").is_err());
    /// ```
    pub fn parse(text: &str) -> crate::Result<Version> {
        crate::boundary::names::name("version", text)
    }

    /// Position in [`Version::all`], oldest first.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of CubeFS versions (bit i = the i-th version, oldest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionSet(pub(crate) u16);

impl VersionSet {
    /// Whether `v` is in the set.
    pub fn contains(self, v: Version) -> bool {
        self.0 & (1 << v.0) != 0
    }

    /// The versions in the set, oldest first.
    pub fn iter(self) -> impl Iterator<Item = Version> {
        Version::all().filter(move |v| self.contains(*v))
    }

    /// Oldest version in the set.
    pub fn first(self) -> Option<Version> {
        self.iter().next()
    }

    /// Newest version in the set.
    pub fn last(self) -> Option<Version> {
        self.iter().last()
    }

    /// The set as text: `v3.2.0..v3.5.0`, `master`, `v3.5.1..master`.
    pub fn describe(self) -> String {
        match (self.first(), self.last()) {
            (Some(a), Some(b)) if a == b => a.name().to_string(),
            (Some(a), Some(b)) => format!("{a}..{b}"),
            _ => String::new(),
        }
    }
}

impl StatusEntry {
    /// The description in `lang`, else the Go message.
    pub fn meaning(&self, lang: Lang) -> &'static str {
        self.meaning.get(lang)
    }
}

/// The status range a service owns in some versions; a fallback when no entry defines a number.
#[derive(Debug, PartialEq, Eq)]
pub struct ServiceRange {
    /// The service.
    pub service: Service,
    /// First number of the range.
    pub first: u16,
    /// Last number of the range (inclusive).
    pub last: u16,
    /// The versions in which the range applies.
    pub versions: VersionSet,
}

/// Any catalog entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A Koupleless two-level code.
    Koupleless(&'static KouplelessEntry),
    /// A blobstore status code.
    Blobstore(&'static StatusEntry),
}

impl Entry {
    /// Number of entries in the catalog; ids run from 0 to `COUNT - 1`.
    pub const COUNT: usize = crate::tables::KOUPLELESS.len() + crate::tables::STATUS.len();

    /// A stable small integer naming this entry inside this build of the catalog (Koupleless entries first, in
    /// catalog order, then blobstore entries). Bindings use it to cache the host-side object of an entry.
    ///
    /// ```
    /// let e = errcat::Entry::Blobstore(errcat::status(552, None).unwrap().entry);
    /// assert_eq!(errcat::Entry::by_id(e.id()), Some(e));
    /// ```
    pub fn id(self) -> usize {
        use crate::tables::{KOUPLELESS, STATUS};
        match self {
            Entry::Koupleless(e) => index_in(&KOUPLELESS, e),
            Entry::Blobstore(e) => KOUPLELESS.len() + index_in(&STATUS, e),
        }
    }

    /// The entry with `id`, if any.
    pub fn by_id(id: usize) -> Option<Entry> {
        use crate::tables::{KOUPLELESS, STATUS};
        match id.checked_sub(KOUPLELESS.len()) {
            None => Some(Entry::Koupleless(&KOUPLELESS[id])),
            Some(i) => STATUS.get(i).map(Entry::Blobstore),
        }
    }

    /// The system the entry belongs to.
    pub fn system(self) -> System {
        match self {
            Entry::Koupleless(_) => System::Koupleless,
            Entry::Blobstore(_) => System::Blobstore,
        }
    }

    /// The key used by the conformance vectors: `Reporter/Type` or `number/GoConst`.
    pub fn key(self) -> &'static str {
        match self {
            Entry::Koupleless(e) => e.key,
            Entry::Blobstore(e) => e.key,
        }
    }
}

/// Position of `item` (a reference into `table`) in `table`.
fn index_in<T>(table: &'static [T], item: &'static T) -> usize {
    (item as *const T as usize - table.as_ptr() as usize) / std::mem::size_of::<T>()
}

/// The two systems the catalog holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum System {
    /// Koupleless two-level codes.
    Koupleless,
    /// CubeFS blobstore status codes.
    Blobstore,
}

impl System {
    /// `koupleless` or `blobstore`.
    pub fn name(self) -> &'static str {
        match self {
            System::Koupleless => "koupleless",
            System::Blobstore => "blobstore",
        }
    }

    /// Both systems, in declaration order.
    pub const ALL: [System; 2] = [System::Koupleless, System::Blobstore];

    /// Parses `koupleless` or `blobstore` by the boundary's policy (case-insensitive).
    pub fn parse(text: &str) -> crate::Result<System> {
        crate::boundary::names::name("system", text)
    }
}
