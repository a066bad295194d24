//! The native half of the `errcat` npm package: `call(op, args, background)`, over `errcat_audit::boundary::call`
//! (bindings/README.md), and `callPacked(op, shape, ...args)`, the same call answering an operation the core writes
//! packed with its shape written into the host's own `Uint16Array` (`classify`'s path). It converts JavaScript
//! values to `Arg`s mechanically and the `Out` back; the core decides everything else. `node/errcat.js` is the host: it names the operations, keeps the
//! answer table and the generated entries, and throws `ErrcatError`s.
//!
//! | JavaScript | `Arg` |
//! |---|---|
//! | `undefined`, `null` | `Absent` |
//! | a string | `Utf16` (its code units as they are: a lone surrogate reaches the core) |
//! | a `Buffer` / `Uint8Array` | `Bytes` |
//! | a number | `Float` |
//! | a bigint | `Int` when it fits 64 bits, else `BigInt` with its decimal text (a size beyond 1024 bits) |
//! | a boolean | `Bool` |
//! | an array | `List` |
//! | anything else | `Other(typeof)` |
//!
//! A string is read at most `MAX_ARG_LEN + 1` code units far, a list `MAX_LIST_LEN + 1` items far and
//! `MAX_LIST_DEPTH` lists deep (the core's limits: it refuses what it gets as it would the whole value), so a huge,
//! sparse or self-containing value costs nothing. An error is thrown as the array `[kind, message, suggestions,
//! candidates]`, which the host turns into its `ErrcatError`; a JavaScript exception raised while a value is read
//! (a throwing getter or proxy) propagates as it is.

#![deny(clippy::all)]

use std::ptr;

use errcat::boundary::{guard, pack, Arg, Out, Packed, MAX_ARG_LEN, MAX_LIST_DEPTH, MAX_LIST_LEN};
use napi::bindgen_prelude::*;
use napi::{sys, Env, JsValue, Task, ValueType};
use napi_derive::napi;

/// The most causes below an error value (the core's `MAX_CAUSE_DEPTH`): the host stops flattening a chain one
/// link past it, and the core refuses the chain.
#[napi]
pub const MAX_CAUSE_DEPTH: u32 = errcat::boundary::MAX_CAUSE_DEPTH as u32;

/// The code units of a string, at most `MAX_ARG_LEN + 1` of them (a short one in one call).
fn utf16(env: &Env, value: &Unknown) -> Result<Vec<u16>> {
    let (env, raw) = (env.raw(), value.raw());
    let mut short = [0u16; 64];
    let (mut len, mut written) = (0, 0);
    check_status!(unsafe {
        sys::napi_get_value_string_utf16(env, raw, short.as_mut_ptr(), short.len(), &mut written)
    })?;
    if written + 1 < short.len() {
        return Ok(short[..written].to_vec()); // it fitted with room to spare: the whole string
    }
    check_status!(unsafe {
        sys::napi_get_value_string_utf16(env, raw, ptr::null_mut(), 0, &mut len)
    })?;
    let mut units = vec![0u16; len.min(MAX_ARG_LEN + 1) + 1];
    let size = units.len();
    check_status!(unsafe {
        sys::napi_get_value_string_utf16(env, raw, units.as_mut_ptr(), size, &mut written)
    })?;
    units.truncate(written);
    Ok(units)
}

/// The bytes of a `Uint8Array` (a `Buffer` is one), or `None` for another object.
fn bytes(env: &Env, value: &Unknown) -> Result<Option<Vec<u8>>> {
    if !value.is_typedarray()? {
        return Ok(None);
    }
    let (mut kind, mut len, mut data) = (0, 0, ptr::null_mut());
    let (mut buffer, mut offset) = (ptr::null_mut(), 0);
    check_status!(unsafe {
        sys::napi_get_typedarray_info(
            env.raw(),
            value.raw(),
            &mut kind,
            &mut len,
            &mut data,
            &mut buffer,
            &mut offset,
        )
    })?;
    if kind != sys::TypedarrayType::uint8_array {
        return Ok(None);
    }
    if data.is_null() || len == 0 {
        return Ok(Some(Vec::new())); // empty, or detached
    }
    Ok(Some(
        unsafe { std::slice::from_raw_parts(data as *const u8, len) }.to_vec(),
    ))
}

/// The items of an array, `MAX_LIST_LEN + 1` at most, each read once.
fn list(env: &Env, value: &Unknown, depth: usize) -> Result<Arg> {
    if depth >= MAX_LIST_DEPTH {
        return Ok(Arg::Other(format!(
            "list nested deeper than {MAX_LIST_DEPTH}"
        )));
    }
    let array = unsafe { value.cast::<Array>() }?;
    let len = array.len().min(MAX_LIST_LEN as u32 + 1);
    let items = (0..len).map(|i| {
        let item = array.get::<Unknown>(i)?;
        item.map_or(Ok(Arg::Absent), |item| arg(env, item, depth + 1))
    });
    Ok(Arg::List(items.collect::<Result<_>>()?))
}

/// A bigint: `Int` when it fits 64 bits, else `BigInt` with its decimal text; beyond 1024 bits (whose decimal text
/// costs time quadratic in its length) the text says how large it is instead.
fn bigint(env: &Env, value: &Unknown) -> Result<Arg> {
    let (mut n, mut lossless, mut words) = (0, false, 0);
    let (env, raw) = (env.raw(), value.raw());
    check_status!(unsafe { sys::napi_get_value_bigint_int64(env, raw, &mut n, &mut lossless) })?;
    if lossless {
        return Ok(Arg::Int(n));
    }
    let (sign, none) = (ptr::null_mut(), ptr::null_mut());
    check_status!(unsafe { sys::napi_get_value_bigint_words(env, raw, sign, &mut words, none) })?;
    Ok(Arg::BigInt(if words <= 16 {
        value.coerce_to_string()?.into_utf8()?.into_owned()?
    } else {
        format!("an integer of more than {} bits", (words - 1) * 64)
    }))
}

/// One JavaScript value as an `Arg` (the table above).
fn arg(env: &Env, value: Unknown, depth: usize) -> Result<Arg> {
    Ok(match value.get_type()? {
        ValueType::Undefined | ValueType::Null => Arg::Absent,
        ValueType::String => Arg::Utf16(utf16(env, &value)?),
        ValueType::Number => Arg::Float(unsafe { value.cast::<f64>() }?),
        ValueType::Boolean => Arg::Bool(unsafe { value.cast::<bool>() }?),
        ValueType::BigInt => bigint(env, &value)?,
        ValueType::Object => match bytes(env, &value)? {
            Some(bytes) => Arg::Bytes(bytes),
            None if value.is_array()? => list(env, &value, depth)?,
            None => Arg::Other("object".into()),
        },
        ValueType::Function => Arg::Other("function".into()),
        ValueType::Symbol => Arg::Other("symbol".into()),
        _ => Arg::Other("value of another type".into()),
    })
}

/// An answer as JavaScript: `null`, a boolean, a number, a string, an array or an object of them.
pub struct Js(Out);

impl TypeName for Js {
    fn type_name() -> &'static str {
        "errcat answer"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

use sys::PropertyAttributes::{
    configurable as CONFIGURABLE, enumerable as ENUMERABLE, writable as WRITABLE,
};

impl ToNapiValue for Js {
    unsafe fn to_napi_value(env: sys::napi_env, val: Js) -> Result<sys::napi_value> {
        match val.0 {
            Out::Null => Null::to_napi_value(env, Null),
            Out::Bool(b) => bool::to_napi_value(env, b),
            Out::Int(n) => f64::to_napi_value(env, n as f64),
            Out::Str(s) => <&str>::to_napi_value(env, &s),
            Out::List(items) => Vec::to_napi_value(env, items.into_iter().map(Js).collect()),
            Out::Map(members) => {
                let mut object = ptr::null_mut();
                check_status!(unsafe { sys::napi_create_object(env, &mut object) })?;
                for (name, value) in members {
                    // Own data properties (CreateDataProperty): a member named `__proto__` is a member.
                    let property = sys::napi_property_descriptor {
                        name: unsafe { <&str>::to_napi_value(env, &name)? },
                        value: unsafe { Js::to_napi_value(env, Js(value))? },
                        attributes: WRITABLE | ENUMERABLE | CONFIGURABLE,
                        ..unsafe { std::mem::zeroed() }
                    };
                    check_status!(unsafe {
                        sys::napi_define_properties(env, object, 1, &property)
                    })?;
                }
                Ok(object)
            }
        }
    }
}

/// An answer of a synchronous call: a list or map packed (`errcat::boundary::Packed`) as `[text, shape]`, two
/// strings (UTF-8 and UTF-16 made) that node/errcat.js unpacks (a few N-API calls however many values it holds, instead of one or more per
/// value); anything else as [`Js`]. `Packed`: an answer the core wrote packed itself (`classify_flat`).
pub enum Answer {
    Out(Out),
    Packed(Packed),
}

impl TypeName for Answer {
    fn type_name() -> &'static str {
        "errcat answer"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Answer {
    unsafe fn to_napi_value(env: sys::napi_env, val: Answer) -> Result<sys::napi_value> {
        let Packed { text, shape } = match val {
            Answer::Packed(packed) => packed,
            Answer::Out(out @ (Out::List(_) | Out::Map(_))) => pack(&out),
            Answer::Out(other) => return unsafe { Js::to_napi_value(env, Js(other)) },
        };
        let mut units = ptr::null_mut();
        let len = shape.len() as isize;
        check_status!(unsafe {
            sys::napi_create_string_utf16(env, shape.as_ptr(), len, &mut units)
        })?;
        let made = unsafe { <&str>::to_napi_value(env, &text)? };
        unsafe { Vec::to_napi_value(env, vec![Raw(made), Raw(units)]) }
    }
}

/// A value made already.
struct Raw(sys::napi_value);

impl ToNapiValue for Raw {
    unsafe fn to_napi_value(_: sys::napi_env, val: Raw) -> Result<sys::napi_value> {
        Ok(val.0)
    }
}

/// A core error as the array the host turns into its `ErrcatError`.
fn failure(e: &errcat::Error) -> Js {
    let strings =
        |list: &[String]| Out::List(list.iter().map(|s| Out::Str(s.clone().into())).collect());
    Js(Out::List(vec![
        Out::Str(e.kind().name().into()),
        Out::Str(e.to_string().into()),
        strings(e.suggestions()),
        strings(e.candidates()),
    ]))
}

/// An operation run on libuv's thread pool (`background`: the audit analysis).
pub struct Background {
    op: String,
    args: Vec<Arg>,
}

impl Task for Background {
    type Output = errcat::Result<Out>;
    type JsValue = Js;

    fn compute(&mut self) -> Result<Self::Output> {
        let args = std::mem::take(&mut self.args);
        Ok(errcat_audit::boundary::call(&self.op, args))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Js> {
        output.map(Js).or_else(|e| {
            let value = failure(&e).into_unknown(&env)?;
            Err(Error::from_unknown_without_coercion(value))
        })
    }
}

/// The arguments of a call, each read once (`MAX_LIST_LEN + 1` at most).
fn read(env: &Env, args: &Array) -> Result<Vec<Arg>> {
    let len = args.len().min(MAX_LIST_LEN as u32 + 1);
    (0..len)
        .map(|i| {
            args.get::<Unknown>(i)?
                .map_or(Ok(Arg::Absent), |v| arg(env, v, 0))
        })
        .collect()
}

/// Throws a core error as the array the host turns into its `ErrcatError`.
fn throw(env: &Env, e: &errcat::Error) -> Error {
    match env.throw(failure(e)) {
        Ok(()) => Error::new(Status::PendingException, e.to_string()),
        Err(error) => error,
    }
}

/// A synchronous call: an answer the core writes packed itself (`classify_flat`), else its `Out`.
fn run(op: &str, args: Result<Vec<Arg>>) -> errcat::Result<Result<Answer>> {
    match args {
        Err(js) => Ok(Err(js)), // a JavaScript exception while reading: it propagates
        Ok(mut args) => match errcat::boundary::call_packed(op, &mut args) {
            Some(packed) => packed.map(|p| Ok(Answer::Packed(p))),
            None => errcat_audit::boundary::call(op, args).map(|out| Ok(Answer::Out(out))),
        },
    }
}

/// Runs errcat operation `op` with `args` (bindings/README.md, "Operations"); with `background`, on libuv's thread
/// pool, answering a Promise. Throws (or rejects with) `[kind, message, suggestions, candidates]` on an errcat
/// error.
#[napi(ts_return_type = "unknown")]
pub fn call(
    env: Env,
    op: String,
    args: Array,
    background: Option<bool>,
) -> Result<Either<Answer, AsyncTask<Background>>> {
    let result = guard(|| match read(&env, &args) {
        _ if op == "__panic_for_tests" => panic!("deliberate panic (the binding's test hook)"),
        Ok(args) if background == Some(true) => Ok(Ok(Either::B(AsyncTask::new(Background {
            op: op.clone(),
            args,
        })))),
        args => run(&op, args).map(|answer| answer.map(Either::A)),
    });
    result.unwrap_or_else(|e| Err(throw(&env, &e)))
}

/// `callPacked(op, shape, ...args)` (8 at most): `call(op, args)`, but an answer the core writes packed (`call_packed`)
/// has its shape copied into `shape` (a `Uint16Array` the host keeps) and answers its text alone, when it fits. A
/// plain N-API callback (binding.d.ts does not declare it): no napi-rs wrapper, no array read or made.
unsafe extern "C" fn call_packed(
    raw: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    let env = Env::from_raw(raw);
    let answer = (|| -> Result<sys::napi_value> {
        let (mut argv, mut argc, none) = ([ptr::null_mut(); 10], 10, ptr::null_mut());
        check_status!(unsafe {
            sys::napi_get_cb_info(raw, info, &mut argc, argv.as_mut_ptr(), none, none.cast())
        })?;
        let op = unsafe { String::from_napi_value(raw, argv[0]) }?;
        let read = |v: &_| arg(&env, unsafe { Unknown::from_raw_unchecked(raw, *v) }, 0);
        let args = argv[2..argc.clamp(2, 10)].iter().map(read);
        let answer = guard(|| run(&op, args.collect()));
        let room = unsafe { <&mut [u16]>::from_napi_value(raw, argv[1]) }.unwrap_or_default();
        match answer.unwrap_or_else(|e| Err(throw(&env, &e)))? {
            Answer::Packed(Packed { text, shape }) if room.len() >= shape.len() => {
                room[..shape.len()].copy_from_slice(&shape);
                let make = match text.is_ascii() {
                    true => sys::napi_create_string_latin1, // no UTF-8 decoding
                    false => sys::napi_create_string_utf8,
                };
                let (mut made, len) = (ptr::null_mut(), text.len() as isize);
                check_status!(unsafe { make(raw, text.as_ptr().cast(), len, &mut made) })?;
                Ok(made)
            }
            other => unsafe { Answer::to_napi_value(raw, other) }, // as `call`: `[text, shape]` when packed
        }
    })();
    answer.unwrap_or_else(|e| {
        unsafe { JsError::from(e).throw_into(raw) }; // a pending exception stays as it is
        ptr::null_mut()
    })
}

#[napi(module_exports)]
pub fn exports(mut exports: Object, env: Env) -> Result<()> {
    exports.set_named_property(
        "callPacked",
        env.create_function::<(), Unknown>("callPacked", call_packed)?,
    )
}
