//! # errcat C API
//!
//! `liberrcat.so` / `liberrcat.a` and `include/errcat.h` (generated from this crate by cbindgen). Thin glue: each
//! export reads its C arguments, calls the core's boundary operations (`errcat::boundary::ops`, where every policy
//! lives) and points the result into the static tables errcat-codegen writes from the catalog.
//!
//! Conventions, the same for every function:
//! - A call returns an `errcat_status`: `ERRCAT_OK` (0) or the kind of error. After a failure the thread's last
//!   error (`errcat_last_error_message()`, `..._json()`, suggestions, candidates) says more; a success leaves it
//!   alone, like `errno`.
//! - Arguments are NULL-checked, strings must be UTF-8 and at most `ERRCAT_MAX_STRING_LEN` bytes: anything else is
//!   `ERRCAT_INVALID_ARGUMENT`, never a crash. No panic unwinds into C: a bug is `ERRCAT_INTERNAL`.
//! - `errcat_entry` and every `const char *` the library returns point to static data: never free them.
//!   Everything returned as `char *` (exports, JSON, error messages) is owned by the caller and freed with
//!   `errcat_string_free`, nothing else.
//! - Every function is thread-safe.

// Declaration order is the order of include/errcat.h (cbindgen follows it): the boundary's conventions first,
// then the operations as the README lists them.
mod status;

mod args;

mod last_error;

mod entry;

mod table;

mod lookup;

mod blobstore;

mod code;

mod catalog;

mod wire;

mod audit;

mod guard;
#[cfg(test)]
mod tests;

pub use args::{errcat_string_free, ERRCAT_MAX_STRING_LEN};
pub use audit::*;
pub use blobstore::*;
pub use catalog::*;
pub use code::*;
pub use last_error::*;
pub use lookup::*;
pub use status::*;
pub use table::{errcat_entry, errcat_resolved, errcat_status_match, errcat_system};
pub use wire::*;
