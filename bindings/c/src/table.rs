//! The catalog as C sees it: the static tables errcat-codegen writes from catalog/ (`ENTRIES` by entry id, the code
//! of each Koupleless entry with each source, the names of sources, services and versions), and the views of the
//! core's answers that point into them. Nothing is built at run time.

use std::ffi::c_char;

use errcat_core::{Entry, KouplelessEntry, Resolved, Service, Source, StatusMatch, Version};

pub use crate::generated::{errcat_entry, errcat_system};

/// A pointer to a static C string (a `Sync` wrapper, so the tables can be `static`).
#[derive(Clone, Copy)]
pub(crate) struct CStrPtr(pub(crate) *const c_char);

// SAFETY: it points to a C string literal in the binary, immutable for the life of the process.
unsafe impl Sync for CStrPtr {}

include!(concat!(env!("OUT_DIR"), "/data.rs"));

/// The C view of `entry`.
pub(crate) fn entry(entry: Entry) -> &'static errcat_entry {
    &ENTRIES[entry.id()]
}

pub(crate) fn source_name(source: Source) -> *const c_char {
    SOURCE_NAMES[source as usize].0
}

pub(crate) fn service_name(service: Service) -> *const c_char {
    SERVICE_NAMES[service as usize].0
}

pub(crate) fn version_name(version: Version) -> *const c_char {
    VERSION_NAMES[version.index()].0
}

/// A code resolved to its entry by `errcat_lookup`. Every pointer is static: never free it.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug)]
pub struct errcat_resolved {
    /// The entry.
    pub entry: *const errcat_entry,
    /// The resolved code, `Source.Type` with the canonical type spelling (`ModuleController.ResourceConstraned`).
    pub code: *const c_char,
    /// The source given in the code.
    pub source: *const c_char,
    /// The alias spelling the code used, or NULL when it used the canonical type.
    pub alias: *const c_char,
    /// `true` when the source is not one of the entry's catalogued sources (`User.PullBizError`).
    pub dynamic: bool,
}

impl errcat_resolved {
    pub(crate) const NONE: errcat_resolved = errcat_resolved {
        entry: std::ptr::null(),
        code: std::ptr::null(),
        source: std::ptr::null(),
        alias: std::ptr::null(),
        dynamic: false,
    };

    pub(crate) fn of(r: Resolved) -> errcat_resolved {
        let e = entry(Entry::Koupleless(r.entry));
        let alias = r.alias.and_then(|a| alias_index(r.entry, a));
        errcat_resolved {
            entry: e,
            code: CODES[e.id][r.source as usize].0,
            source: source_name(r.source),
            // SAFETY: `aliases` holds `aliases_len` static strings and `alias_index` is below it.
            alias: alias.map_or(std::ptr::null(), |i| unsafe { *e.aliases.add(i) }),
            dynamic: r.is_dynamic(),
        }
    }
}

fn alias_index(entry: &KouplelessEntry, alias: &str) -> Option<usize> {
    entry.aliases.iter().position(|a| *a == alias)
}

/// A status number resolved at a version by `errcat_blobstore_status`. Pointers are static: never free them.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct errcat_status_match {
    /// The entry; NULL only in the slots of `errcat_status_table` that no entry fills.
    pub entry: *const errcat_entry,
    /// The version asked about (`master` when none was given).
    pub version: *const c_char,
    /// Whether the entry is defined at `version`. `false` means the number is known only in other versions and
    /// `entry` is the nearest one in time ("552 = access limited, until v3.5.0, now 429").
    pub valid: bool,
}

// SAFETY: both pointers point to static, immutable data.
unsafe impl Sync for errcat_status_match {}
unsafe impl Send for errcat_status_match {}

impl errcat_status_match {
    pub(crate) const NONE: errcat_status_match =
        errcat_status_match { entry: std::ptr::null(), version: std::ptr::null(), valid: false };

    pub(crate) fn of(m: StatusMatch) -> errcat_status_match {
        errcat_status_match {
            entry: entry(Entry::Blobstore(m.entry)),
            version: version_name(m.version),
            valid: m.valid,
        }
    }
}
