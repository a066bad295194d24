//! # errcat C API
//!
//! `liberrcat.so` / `liberrcat.a` and `include/errcat.h` (cbindgen writes the header from this crate). Thin glue:
//! each export reads its C arguments, calls the core's boundary operations (`errcat::boundary::ops`, where every
//! policy lives) and points the answer into the static tables errcat-codegen writes from the catalog.
//!
//! Conventions, the same for every function (also in the header's preamble):
//! - A call returns an `errcat_status`: `ERRCAT_OK` (0) or the kind of error; after a failure the thread's last
//!   error says more, and a success leaves it alone (like `errno`). An out-parameter is zeroed on failure.
//! - Every pointer argument is NULL or points to what its type says (a NUL-terminated string, a struct, room for
//!   `capacity` items): NULL where a value is required is `ERRCAT_INVALID_ARGUMENT`, never a crash. Strings are
//!   UTF-8, at most `ERRCAT_MAX_STRING_LEN` bytes. No panic unwinds into C: a bug is `ERRCAT_INTERNAL`.
//! - `errcat_entry` and every `const char *` the library returns are static: never free them. Every `char *` it
//!   returns is the caller's, freed with `errcat_string_free`.
//! - Every function is thread-safe.

// Every export's safety contract is the convention above, stated once.
#![allow(clippy::missing_safety_doc)]

// Declaration order is the order of include/errcat.h (cbindgen follows it).
mod generated;

mod args;

mod last_error;

mod table;

mod lookup;

mod blobstore;

mod code;

mod catalog;

mod wire;

mod classify;

mod audit;

mod guard;
#[cfg(test)]
mod tests;

pub use args::{errcat_string_free, ERRCAT_MAX_STRING_LEN};
pub use audit::*;
pub use blobstore::*;
pub use catalog::*;
pub use classify::*;
pub use code::*;
pub use generated::{errcat_status, errcat_status_name};
pub use last_error::*;
pub use lookup::*;
pub use table::{errcat_entry, errcat_resolved, errcat_status_match, errcat_system};
pub use wire::*;
