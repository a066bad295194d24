//! `errcat-uniffi`: the uniffi interface of errcat, from which the Kotlin (`kotlin/`) and Swift (`swift/`) bindings
//! are generated. It decides nothing (bindings/README.md, "The contract"): [`call`] converts host values to
//! `errcat::boundary::Arg` and the answer back, [`entries`] and [`answer_table`] hand over what a host keeps, and
//! the record types are generated from `catalog/fields.toml` (`generated.rs`). Every export runs inside
//! `errcat::boundary::guard`, so a panic comes out as [`ErrcatError::Internal`].

#![warn(missing_docs)]

pub mod direct;
mod generated;

use errcat::boundary::{Arg, Out, MAX_LIST_DEPTH};

pub use generated::*;

uniffi::setup_scaffolding!("errcat");

type Result<T> = std::result::Result<T, ErrcatError>;

/// Runs `body` inside the core's panic guard and converts its error.
fn guarded<T>(body: impl FnOnce() -> errcat::Result<T>) -> Result<T> {
    errcat::boundary::guard(body).map_err(ErrcatError::from)
}

/// One item of an argument or an answer of [`call`], flattened: a scalar, or `List { len }`, whose items are the
/// `len` values that follow it (lists included), in pre-order. The shapes are those of `errcat::boundary::Arg`
/// and `Out`. Flat, so that no value nests: uniffi, the host and this crate read it with loops, never recursion
/// (a nested enum lets uniffi's generated readers recurse once per level, and a few thousand levels overflow the
/// caller's stack). In Kotlin the `List` variant is `Value.Seq` (a nested class `List` would hide Kotlin's).
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
    /// A string known to be valid Unicode (Swift's strings; every text of an answer).
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
    /// A list of the `len` values that follow.
    List {
        /// How many values (each with its own items) make up the list.
        len: u32,
    },
    /// Named members (an answer's object): the `len` pairs that follow, each a `Str` name, then its value.
    Map {
        /// How many name–value pairs follow.
        len: u32,
    },
    /// A host value of another type, by the host's name for it: always an error, with the core's message.
    Other {
        /// The host's type name (`java.util.HashMap`).
        type_name: String,
    },
}

/// Adds `arg` to the innermost open list, closing every list that it completes; the outermost one is the
/// arguments themselves.
fn push(open: &mut Vec<(Vec<Arg>, usize)>, mut arg: Arg) {
    loop {
        let (items, len) = open.last_mut().expect("the arguments stay open");
        items.push(arg);
        if items.len() < *len || open.len() == 1 {
            return;
        }
        arg = Arg::List(open.pop().map(|(items, _)| items).unwrap_or_default());
    }
}

/// The arguments from their flat form. As far as the core lets a binding read a host value: a list nested deeper
/// than `MAX_LIST_DEPTH` is passed as `Arg::Other`, its items skipped, as is a map (no argument is one); a list
/// whose items run out ends there.
fn args(flat: Vec<Value>) -> Vec<Arg> {
    let mut open = vec![(Vec::new(), usize::MAX)];
    let mut skip = 0usize;
    for v in flat {
        if skip > 0 {
            skip = skip - 1 + items(&v);
            continue;
        }
        let arg = match v {
            Value::Map { .. } => {
                skip = items(&v);
                Arg::Other("map".into())
            }
            Value::List { len } if open.len() > MAX_LIST_DEPTH => {
                skip = len as usize;
                Arg::Other(format!("list nested deeper than {MAX_LIST_DEPTH}"))
            }
            Value::List { len } if len > 0 => {
                open.push((Vec::new(), len as usize));
                continue;
            }
            Value::List { .. } => Arg::List(Vec::new()),
            Value::Null => Arg::Absent,
            Value::Bool { value } => Arg::Bool(value),
            Value::Int { value } => Arg::Int(value),
            Value::Float { value } => Arg::Float(value),
            Value::BigInt { text } => Arg::BigInt(text),
            Value::Str { value } => Arg::Str(value),
            Value::Utf16 { units } => Arg::Utf16(units),
            Value::Bytes { value } => Arg::Bytes(value),
            Value::Other { type_name } => Arg::Other(type_name),
        };
        push(&mut open, arg);
    }
    while open.len() > 1 {
        let items = open.pop().map(|(items, _)| items).unwrap_or_default();
        open.last_mut().expect("open").0.push(Arg::List(items));
    }
    open.pop().map(|(items, _)| items).unwrap_or_default()
}

/// How many values follow `v` as its items.
fn items(v: &Value) -> usize {
    match v {
        Value::List { len } => *len as usize,
        Value::Map { len } => 2 * *len as usize,
        _ => 0,
    }
}

/// The answer in flat form.
fn flatten(out: Out) -> Vec<Value> {
    let (mut flat, mut todo) = (Vec::new(), vec![out]);
    while let Some(out) = todo.pop() {
        flat.push(match out {
            Out::Null => Value::Null,
            Out::Bool(value) => Value::Bool { value },
            Out::Int(value) => Value::Int { value },
            Out::Str(value) => Value::Str {
                value: value.into_owned(),
            },
            Out::List(items) => {
                let len = items.len() as u32;
                todo.extend(items.into_iter().rev());
                Value::List { len }
            }
            Out::Map(members) => {
                let len = members.len() as u32;
                for (name, value) in members.into_iter().rev() {
                    todo.push(value);
                    todo.push(Out::Str(name));
                }
                Value::Map { len }
            }
        });
    }
    flat
}

/// Runs operation `op` with its positional arguments (bindings/README.md, "Operations"), each flattened into
/// `args` one after the other; the answer comes back flattened. The one entry point of every operation, through
/// `errcat_audit::boundary::call`.
#[uniffi::export]
pub fn call(op: String, args: Vec<Value>) -> Result<Vec<Value>> {
    guarded(|| errcat_audit::boundary::call(&op, self::args(args)).map(flatten))
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
