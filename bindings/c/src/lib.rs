//! The C API: `liberrcat.so` / `.a` and `include/errcat.h`, which cbindgen writes from `generated.rs` (every
//! constant, struct and export, generated from `api.toml`). The modules hold what each export does: read its C
//! arguments, call the core's boundary operations (where every policy lives), point the answer into static tables.

// Every export's safety contract is the header's convention, stated once in its preamble.
#![allow(clippy::missing_safety_doc)]

mod generated;

mod args;
mod audit;
mod catalog;
mod code;
mod guard;
mod last_error;
mod lookup;
mod wire;

/// What errcat-codegen writes from the catalog and the core's answer table, and how it is read: the entries, the
/// names of sources and services, every successful `lookup` and `status` answer and the maps that find them.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/data.rs"));
}

#[cfg(test)]
mod tests;

pub use generated::*;
