//! The catalog as C sees it: one `errcat_entry` per catalog entry, built once on first use from the core's
//! static tables. Every string and array in it is leaked on purpose (a few KB, never freed), so the pointers the
//! API hands out stay valid for the life of the process: "static, never free".

use std::collections::HashMap;
use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;

use errcat_core::{Entry, KouplelessEntry, Service, Source, StatusEntry, Text, Version};

/// Which system an entry belongs to.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum errcat_system {
    /// A Koupleless two-level code (`Arklet.InstallBizFailed`).
    ERRCAT_SYSTEM_KOUPLELESS = 0,
    /// A CubeFS blobstore status code (`552`).
    ERRCAT_SYSTEM_BLOBSTORE = 1,
}

/// One catalog entry. Every pointer in it points to static data owned by the library: never free it, never write
/// to it; it stays valid until the process exits. String fields are NUL-terminated UTF-8 and never NULL unless
/// documented; a field of the other system is `""` (strings), 0/`false` (numbers) or an empty array.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_entry {
    /// A small integer naming the entry in this build of the library, `0 .. errcat_entry_count() - 1`.
    pub id: usize,
    /// The system.
    pub system: errcat_system,
    /// `Reporter/Type` (`Arklet/InstallBizFailed`) or `number/GoConst` (`552/CodeAccessLimited`, `499/`).
    pub key: *const c_char,
    /// Koupleless: the table the entry is published in (`Arklet`, `ModuleController`, `KouplelessBoard`).
    pub reporter: *const c_char,
    /// Koupleless: the Level-2 type as published (the canonical spelling).
    pub error_type: *const c_char,
    /// Koupleless: the code with the default source (`Arklet.InstallBizFailed`).
    pub default_code: *const c_char,
    /// Koupleless: the catalogued sources, default first (`sources_len` items, then a NULL).
    pub sources: *const *const c_char,
    /// Number of `sources`.
    pub sources_len: usize,
    /// Koupleless: business type, English.
    pub business_type_en: *const c_char,
    /// Koupleless: business type, Chinese (`""` when none).
    pub business_type_zh: *const c_char,
    /// Koupleless: meaning, English.
    pub meaning_en: *const c_char,
    /// Koupleless: meaning, Chinese (`""` when none).
    pub meaning_zh: *const c_char,
    /// Koupleless: solution as published, English (may be `""` or `-`).
    pub solution_en: *const c_char,
    /// Koupleless: solution, Chinese.
    pub solution_zh: *const c_char,
    /// Koupleless: other spellings resolving to this entry (`aliases_len` items, then a NULL).
    pub aliases: *const *const c_char,
    /// Number of `aliases`.
    pub aliases_len: usize,
    /// Both: whether a client should retry (Koupleless: the solution says so; blobstore: transient or overload).
    pub retryable: bool,
    /// Both: quirks of the entry (`notes_len` items, then a NULL).
    pub notes: *const *const c_char,
    /// Number of `notes`.
    pub notes_len: usize,
    /// Blobstore: the number (the HTTP status).
    pub status_code: u16,
    /// Blobstore: the service that defines it (`Access`, `BlobNode`, ...).
    pub service: *const c_char,
    /// Blobstore: the exact Go error message (`""` where Go has none).
    pub message: *const c_char,
    /// Blobstore: the published description in English, or NULL when there is none.
    pub description_en: *const c_char,
    /// Blobstore: the published description in Chinese, or NULL when there is no description.
    pub description_zh: *const c_char,
    /// Blobstore: whether the published status-code doc lists it.
    pub documented: bool,
    /// Blobstore: `blobstore/common/errors/<go_file>.go`.
    pub go_file: *const c_char,
    /// Blobstore: the Go const (`CodeAccessLimited`), `""` for the generic codes.
    pub go_const: *const c_char,
    /// Blobstore: the Go error variable (`ErrAccessLimited`), `""` where there is none.
    pub go_err: *const c_char,
    /// Blobstore: the CubeFS versions defining this entry, oldest first (`versions_len` items, then a NULL).
    pub versions: *const *const c_char,
    /// Number of `versions`.
    pub versions_len: usize,
    /// Blobstore: the number it moved to in a later version (552 → 429), 0 when none.
    pub renumbered_to: u16,
    /// Blobstore: the number it had in an earlier version (429 ← 552), 0 when none.
    pub renumbered_from: u16,
    /// Blobstore: `never`, `transient`, `overload` or `ignore`.
    pub retry: *const c_char,
}

/// The converted catalog. Raw pointers are not `Sync`; these point to leaked, immutable data, so sharing is sound.
pub(crate) struct Table {
    pub(crate) entries: Vec<errcat_entry>,
    /// Koupleless entry id → the code with each source of `Source::ALL` (`codes[id][source index]`).
    codes: Vec<Vec<&'static CStr>>,
    /// Koupleless entry id → its aliases, in catalog order.
    aliases: Vec<Vec<&'static CStr>>,
    /// Names by position in `Source::ALL`, `Service::ALL` and `Version::all()`.
    sources: Vec<&'static CStr>,
    services: Vec<&'static CStr>,
    versions: Vec<&'static CStr>,
    /// The library version.
    pub(crate) version: &'static CStr,
}

// SAFETY: every pointer in `Table` points to leaked data that is never written after construction.
unsafe impl Sync for Table {}
// SAFETY: as above; the data is owned by no thread.
unsafe impl Send for Table {}

/// Leaks each distinct catalog string once while the table is built. Only the C strings are leaked (and stay
/// reachable from the table, so valgrind counts them as "still reachable", not lost); the map is dropped.
#[derive(Default)]
struct Interner(HashMap<&'static str, &'static CStr>);

impl Interner {
    fn get(&mut self, s: &'static str) -> &'static CStr {
        self.0
            .entry(s)
            .or_insert_with(|| Box::leak(c_string(s).into_boxed_c_str()))
    }

    fn ptr(&mut self, s: &'static str) -> *const c_char {
        self.get(s).as_ptr()
    }

    /// A NULL-terminated array of the strings; returns it and its length.
    fn array(
        &mut self,
        items: impl Iterator<Item = &'static str>,
    ) -> (*const *const c_char, usize) {
        let mut ptrs: Vec<*const c_char> = items.map(|s| self.ptr(s)).collect();
        let len = ptrs.len();
        ptrs.push(std::ptr::null());
        (Box::leak(ptrs.into_boxed_slice()).as_ptr(), len)
    }

    /// A string made at build time (not interned: each is distinct).
    fn leak(&mut self, s: String) -> &'static CStr {
        Box::leak(crate::strings::c_string_lossy(s).into_boxed_c_str())
    }
}

fn c_string(s: &str) -> CString {
    // Catalog text holds no NUL; if it ever did, the NUL would become U+FFFD rather than cut the string.
    crate::strings::c_string_lossy(s.to_string())
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// The table, built on first use.
pub(crate) fn table() -> &'static Table {
    TABLE.get_or_init(build)
}

fn build() -> Table {
    let mut strings = Interner::default();
    let mut entries = Vec::with_capacity(Entry::COUNT);
    let mut codes = Vec::new();
    let mut aliases = Vec::new();
    for id in 0..Entry::COUNT {
        let entry = Entry::by_id(id).expect("ids run from 0 to COUNT - 1");
        let key = strings.leak(entry.key()).as_ptr();
        match entry {
            Entry::Koupleless(e) => {
                codes.push(
                    Source::ALL
                        .iter()
                        .map(|s| strings.leak(format!("{}.{}", s.name(), e.error_type)))
                        .collect(),
                );
                aliases.push(e.aliases.iter().map(|a| strings.get(a)).collect());
                entries.push(koupleless(&mut strings, id, key, e));
            }
            Entry::Blobstore(e) => entries.push(blobstore(&mut strings, id, key, e)),
        }
    }
    Table {
        entries,
        codes,
        aliases,
        sources: Source::ALL.iter().map(|s| strings.get(s.name())).collect(),
        services: Service::ALL.iter().map(|s| strings.get(s.name())).collect(),
        versions: Version::all().map(|v| strings.get(v.name())).collect(),
        version: strings.get(errcat_core::VERSION),
    }
}

fn empty_entry(
    strings: &mut Interner,
    id: usize,
    system: errcat_system,
    key: *const c_char,
) -> errcat_entry {
    let empty = strings.ptr("");
    let (none, _) = strings.array(std::iter::empty());
    errcat_entry {
        id,
        system,
        key,
        reporter: empty,
        error_type: empty,
        default_code: empty,
        sources: none,
        sources_len: 0,
        business_type_en: empty,
        business_type_zh: empty,
        meaning_en: empty,
        meaning_zh: empty,
        solution_en: empty,
        solution_zh: empty,
        aliases: none,
        aliases_len: 0,
        retryable: false,
        notes: none,
        notes_len: 0,
        status_code: 0,
        service: empty,
        message: empty,
        description_en: std::ptr::null(),
        description_zh: std::ptr::null(),
        documented: false,
        go_file: empty,
        go_const: empty,
        go_err: empty,
        versions: none,
        versions_len: 0,
        renumbered_to: 0,
        renumbered_from: 0,
        retry: empty,
    }
}

fn koupleless(
    strings: &mut Interner,
    id: usize,
    key: *const c_char,
    e: &'static KouplelessEntry,
) -> errcat_entry {
    let (sources, sources_len) = strings.array(e.sources.iter().map(|s| s.name()));
    let (aliases, aliases_len) = strings.array(e.aliases.iter().copied());
    let (notes, notes_len) = strings.array(e.notes.iter().copied());
    let default_code = strings
        .leak(format!("{}.{}", e.default_source().name(), e.error_type))
        .as_ptr();
    errcat_entry {
        reporter: strings.ptr(e.reporter.name()),
        error_type: strings.ptr(e.error_type),
        default_code,
        sources,
        sources_len,
        business_type_en: strings.ptr(e.business_type.en),
        business_type_zh: strings.ptr(e.business_type.zh),
        meaning_en: strings.ptr(e.meaning.en),
        meaning_zh: strings.ptr(e.meaning.zh),
        solution_en: strings.ptr(e.solution.en),
        solution_zh: strings.ptr(e.solution.zh),
        aliases,
        aliases_len,
        retryable: e.retryable,
        notes,
        notes_len,
        ..empty_entry(strings, id, errcat_system::ERRCAT_SYSTEM_KOUPLELESS, key)
    }
}

fn blobstore(
    strings: &mut Interner,
    id: usize,
    key: *const c_char,
    e: &'static StatusEntry,
) -> errcat_entry {
    let (notes, notes_len) = strings.array(e.notes.iter().copied());
    let (versions, versions_len) = strings.array(e.versions.iter().map(|v| v.name()));
    let description = |strings: &mut Interner, pick: fn(Text) -> &'static str| {
        e.description
            .map_or(std::ptr::null(), |d| strings.ptr(pick(d)))
    };
    errcat_entry {
        retryable: e.retry.retryable(),
        notes,
        notes_len,
        status_code: e.code,
        service: strings.ptr(e.service.name()),
        message: strings.ptr(e.message),
        description_en: description(strings, |d| d.en),
        description_zh: description(strings, |d| d.zh),
        documented: e.documented,
        go_file: strings.ptr(e.go_file),
        go_const: strings.ptr(e.go_const),
        go_err: strings.ptr(e.go_err),
        versions,
        versions_len,
        renumbered_to: e.renumbered_to.unwrap_or(0),
        renumbered_from: e.renumbered_from.unwrap_or(0),
        retry: strings.ptr(e.retry.name()),
        ..empty_entry(strings, id, errcat_system::ERRCAT_SYSTEM_BLOBSTORE, key)
    }
}

impl Table {
    /// The C view of `entry`.
    pub(crate) fn entry(&self, entry: Entry) -> &errcat_entry {
        &self.entries[entry.id()]
    }

    /// `Source.Type` for a Koupleless entry and a source, static.
    pub(crate) fn code(&self, entry: &'static KouplelessEntry, source: Source) -> &'static CStr {
        self.codes[Entry::Koupleless(entry).id()][position(Source::ALL, source)]
    }

    /// The static copy of alias `alias` of `entry`.
    pub(crate) fn alias(
        &self,
        entry: &'static KouplelessEntry,
        alias: &str,
    ) -> Option<&'static CStr> {
        let id = Entry::Koupleless(entry).id();
        let index = entry.aliases.iter().position(|a| *a == alias)?;
        Some(self.aliases[id][index])
    }

    /// The source's name, static.
    pub(crate) fn source(&self, source: Source) -> &'static CStr {
        self.sources[position(Source::ALL, source)]
    }

    /// The service's name, static.
    pub(crate) fn service(&self, service: Service) -> &'static CStr {
        self.services[position(Service::ALL, service)]
    }

    /// The version's tag, static.
    pub(crate) fn version_name(&self, version: Version) -> &'static CStr {
        let index = Version::all().position(|v| v == version);
        self.versions[index.expect("every version is in Version::all()")]
    }
}

/// Index of `item` in `all` (a handful of enum values: a linear scan beats hashing).
fn position<T: PartialEq + Copy>(all: &[T], item: T) -> usize {
    all.iter()
        .position(|x| *x == item)
        .expect("every enum value is in its ALL list")
}
