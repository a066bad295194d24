//! `errcat-uniffi`: the uniffi interface of errcat, from which the Kotlin (`kotlin/`) and Swift (`swift/`)
//! bindings are generated.
//!
//! Thin by design: every exported function converts its arguments, calls the `errcat` core and converts the
//! result into uniffi records. Catalog names (sources, reporters, services, versions, formats, languages) cross as
//! strings and are parsed by the core, so a catalog change never needs a change here. Every call runs inside
//! [`guard`]: a panic comes out as [`ErrcatError::Internal`], never as uniffi's untyped "unexpected error".

#![warn(missing_docs)]

mod api;
mod audit;
mod error;
mod records;
mod text;
mod wire;

pub use api::*;
pub use audit::{analyze_audit, AuditReport};
pub use error::{guard, ErrcatError};
pub use records::*;
pub use text::HostString;
pub use wire::CodedError;

uniffi::setup_scaffolding!("errcat");
