//! `errcat-uniffi`: the uniffi interface of errcat, from which the Kotlin (`kotlin/`) and Swift (`swift/`) bindings
//! are generated. It decides nothing (bindings/README.md, "The contract"): [`call`] converts host values to
//! `errcat::boundary::Arg` and the answer back, [`entries`] and [`answer_table`] hand over what a host keeps, and
//! the record types are generated from `catalog/fields.toml` (`generated.rs`). Every export runs inside
//! `errcat::boundary::guard`, so a panic comes out as [`ErrcatError::Internal`].

#![warn(missing_docs)]

mod error;
mod generated;

use errcat::boundary::{Arg, Out};

pub use error::ErrcatError;
pub use generated::*;

uniffi::setup_scaffolding!("errcat");

type Result<T> = std::result::Result<T, ErrcatError>;

/// Runs `body` inside the core's panic guard and converts its error.
fn guarded<T>(body: impl FnOnce() -> errcat::Result<T>) -> Result<T> {
    errcat::boundary::guard(body).map_err(ErrcatError::from)
}

/// An argument or an answer of [`call`], as the host has it: the shapes of `errcat::boundary::Arg` and `Out`.
/// In Kotlin the `List` variant is `Value.Seq` (a nested class named `List` would hide Kotlin's `List`).
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum Value {
    /// Not given (Kotlin `null`, Swift `nil`).
    Null,
    /// A boolean.
    Bool {
        /// The value.
        value: bool,
    },
    /// An integer.
    Int {
        /// The value.
        value: i64,
    },
    /// A floating-point number.
    Float {
        /// The value.
        value: f64,
    },
    /// An integer beyond 64 bits, as its decimal text.
    BigInt {
        /// The decimal text.
        text: String,
    },
    /// A string known to be valid Unicode (Swift's strings; the answers).
    Str {
        /// The value.
        value: String,
    },
    /// A string as UTF-16 code units, exactly as a JVM string holds it: a lone surrogate is judged by the core.
    Utf16 {
        /// The code units.
        units: Vec<u16>,
    },
    /// Bytes (a path that is not UTF-8).
    Bytes {
        /// The value.
        value: Vec<u8>,
    },
    /// A list.
    List {
        /// The items.
        items: Vec<Value>,
    },
    /// A host value of another type, by the host's name for it: always an error, with the core's message.
    Other {
        /// The host's type name (`java.util.HashMap`).
        type_name: String,
    },
}

impl From<Value> for Arg {
    fn from(v: Value) -> Arg {
        match v {
            Value::Null => Arg::Absent,
            Value::Bool { value } => Arg::Bool(value),
            Value::Int { value } => Arg::Int(value),
            Value::Float { value } => Arg::Float(value),
            Value::BigInt { text } => Arg::BigInt(text),
            Value::Str { value } => Arg::Str(value),
            Value::Utf16 { units } => Arg::Utf16(units),
            Value::Bytes { value } => Arg::Bytes(value),
            Value::List { items } => Arg::List(items.into_iter().map(Arg::from).collect()),
            Value::Other { type_name } => Arg::Other(type_name),
        }
    }
}

impl From<Out> for Value {
    fn from(out: Out) -> Value {
        match out {
            Out::Null => Value::Null,
            Out::Bool(value) => Value::Bool { value },
            Out::Int(value) => Value::Int { value },
            Out::Str(value) => Value::Str { value },
            Out::List(items) => Value::List {
                items: items.into_iter().map(Value::from).collect(),
            },
        }
    }
}

/// Runs operation `op` with its positional `args` (bindings/README.md, "Operations"): the one entry point of every
/// operation, through `errcat_audit::boundary::call`.
#[uniffi::export]
pub fn call(op: String, args: Vec<Value>) -> Result<Value> {
    guarded(|| {
        let args = args.into_iter().map(Arg::from).collect();
        errcat_audit::boundary::call(&op, args).map(Value::from)
    })
}

/// Every entry of the catalog, by entry id (Koupleless entries first, then the blobstore's).
#[uniffi::export]
pub fn entries() -> Result<Vec<Entry>> {
    guarded(|| {
        Ok((0..errcat::Entry::COUNT)
            .filter_map(errcat::Entry::by_id)
            .map(Entry::from)
            .collect())
    })
}

/// The answer table: every successful `lookup` and `status` answer and the calls that give it (format in
/// bindings/README.md, "What a host package keeps").
#[uniffi::export]
pub fn answer_table() -> Result<String> {
    guarded(|| Ok(errcat::boundary::answer_table().to_string()))
}

/// The names of every enumeration, in declaration order.
#[uniffi::export]
pub fn catalog_names() -> Result<CatalogNames> {
    guarded(|| Ok(CatalogNames::from_core()))
}

/// Panics inside the boundary guard, so tests can check that a panic arrives as an `Internal` error and the
/// library stays usable. Never call it otherwise.
#[uniffi::export]
pub fn panic_for_test(message: String) -> Result<()> {
    guarded(|| panic!("{message}"))
}
