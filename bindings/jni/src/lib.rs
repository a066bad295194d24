//! The JNI library of the `io.errcat:errcat` JAR (`java/`; `README.md` here says how it is built and tested).
//!
//! One native method, `io.errcat.Native.call0(String op, Object[] args)`. It converts each Java argument to an
//! `errcat::boundary::Arg` mechanically (bindings/README.md): `null` → `Absent`, `String` → `Utf16` (read with
//! `GetStringRegion`, so lone surrogates and NULs reach the core), `byte[]` → `Bytes`, `Long`/`Integer`/`Short`/
//! `Byte` → `Int`, `Double`/`Float` → `Float`, `BigInteger` → `BigInt`, `Boolean` → `Bool`, `Object[]` or a
//! `Collection` → `List`, anything else → `Other(type name)`. It runs the operation through
//! `errcat_audit::boundary::call` and converts the `Out` back: `null`, `Boolean`, `Long`, `String`, `long[]` (a
//! list of integers, such as entry ids) or `Object[]`. An `errcat::Error` is thrown as
//! `io.errcat.ErrcatException(kind, message, suggestions, candidates)`. Every policy is the core's; everything
//! here runs inside `errcat::boundary::guard`, so no panic reaches the JVM. Lists are read iteratively.

#![allow(non_snake_case)] // the JVM fixes the export names
#![allow(clippy::missing_safety_doc)] // the JVM is the only caller

use std::ffi::{c_void, CStr};
use std::ptr::null_mut;
use std::sync::OnceLock;

use errcat::boundary::{args, guard, Arg, Out, MAX_BODY_LEN, MAX_STRING_LEN};
use errcat::{Error, ErrorKind, Result};
use jni_sys::*;

/// Calls a function of the JNI table (every one used here is in JNI 1.6).
macro_rules! jni {
    ($env:expr, $f:ident $(, $a:expr)*) => { ((**$env).v1_6.$f)($env $(, $a)*) };
}

/// Lists nested deeper than this are not read (an argument nests twice at most; a list holding itself ends here).
const MAX_NESTING: usize = 8;
/// UTF-16 units (or bytes) read of one value: past every limit of the core, which then refuses it by its length.
const MAX_UNITS: usize = if MAX_BODY_LEN > MAX_STRING_LEN {
    MAX_BODY_LEN
} else {
    MAX_STRING_LEN
} + 2;

/// Classes and methods, looked up once in `JNI_OnLoad`, where `FindClass` sees the JAR's class loader.
struct Refs {
    object: jclass,
    array: jclass,
    string: jclass,
    bytes: jclass,
    collection: jclass,
    integral: [jclass; 4],
    floating: [jclass; 2],
    big_integer: jclass,
    boolean: jclass,
    long: jclass,
    exception: jclass,
    long_value: jmethodID,
    double_value: jmethodID,
    boolean_value: jmethodID,
    to_string: jmethodID,
    to_array: jmethodID,
    type_name: jmethodID,
    long_of: jmethodID,
    boolean_of: jmethodID,
    exception_new: jmethodID,
}

// SAFETY: global references and method ids are valid on every thread for as long as the library is loaded.
unsafe impl Send for Refs {}
unsafe impl Sync for Refs {}

static REFS: OnceLock<std::result::Result<Refs, String>> = OnceLock::new();

/// A JNI call failed: a Java exception is pending, and it is what Java sees.
unsafe fn check(env: *mut JNIEnv) -> Result<()> {
    match jni!(env, ExceptionCheck) {
        true => Err(Error::new(
            ErrorKind::Internal,
            "a Java exception is pending",
        )),
        false => Ok(()),
    }
}

unsafe fn load(env: *mut JNIEnv) -> std::result::Result<Refs, String> {
    let class = |name: &CStr| {
        let local = jni!(env, FindClass, name.as_ptr());
        if local.is_null() {
            jni!(env, ExceptionClear);
            return Err(format!("class {name:?} not found"));
        }
        let global = jni!(env, NewGlobalRef, local);
        jni!(env, DeleteLocalRef, local);
        Ok(global)
    };
    let method = |class: jclass, name: &CStr, signature: &CStr, is_static: bool| {
        let id = match is_static {
            true => jni!(
                env,
                GetStaticMethodID,
                class,
                name.as_ptr(),
                signature.as_ptr()
            ),
            false => jni!(env, GetMethodID, class, name.as_ptr(), signature.as_ptr()),
        };
        if id.is_null() {
            jni!(env, ExceptionClear);
            return Err(format!("method {name:?} {signature:?} not found"));
        }
        Ok(id)
    };
    let (number, long, boolean) = (
        class(c"java/lang/Number")?,
        class(c"java/lang/Long")?,
        class(c"java/lang/Boolean")?,
    );
    let exception = class(c"io/errcat/ErrcatException")?;
    Ok(Refs {
        object: class(c"java/lang/Object")?,
        array: class(c"[Ljava/lang/Object;")?,
        string: class(c"java/lang/String")?,
        bytes: class(c"[B")?,
        collection: class(c"java/util/Collection")?,
        integral: [
            long,
            class(c"java/lang/Integer")?,
            class(c"java/lang/Short")?,
            class(c"java/lang/Byte")?,
        ],
        floating: [class(c"java/lang/Double")?, class(c"java/lang/Float")?],
        big_integer: class(c"java/math/BigInteger")?,
        long_value: method(number, c"longValue", c"()J", false)?,
        double_value: method(number, c"doubleValue", c"()D", false)?,
        boolean_value: method(boolean, c"booleanValue", c"()Z", false)?,
        to_string: method(
            class(c"java/lang/Object")?,
            c"toString",
            c"()Ljava/lang/String;",
            false,
        )?,
        to_array: method(
            class(c"java/util/Collection")?,
            c"toArray",
            c"()[Ljava/lang/Object;",
            false,
        )?,
        type_name: method(
            class(c"java/lang/Class")?,
            c"getTypeName",
            c"()Ljava/lang/String;",
            false,
        )?,
        long_of: method(long, c"valueOf", c"(J)Ljava/lang/Long;", true)?,
        boolean_of: method(boolean, c"valueOf", c"(Z)Ljava/lang/Boolean;", true)?,
        exception_new: method(
            exception,
            c"<init>",
            c"(ILjava/lang/String;[Ljava/lang/String;[Ljava/lang/String;)V",
            false,
        )?,
        long,
        boolean,
        exception,
    })
}

/// A Java string's UTF-16 units, at most [`MAX_UNITS`] of them (a cut never splits a surrogate pair).
unsafe fn units(env: *mut JNIEnv, s: jstring) -> Result<Vec<u16>> {
    let len = (jni!(env, GetStringLength, s).max(0) as usize).min(MAX_UNITS);
    let mut out = vec![0u16; len];
    jni!(env, GetStringRegion, s, 0, len as jsize, out.as_mut_ptr());
    check(env)?;
    if len == MAX_UNITS && out.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
        out.pop();
    }
    Ok(out)
}

/// The text of a string a Java method returns (a `BigInteger`'s digits, a type name).
unsafe fn text_of(env: *mut JNIEnv, o: jobject, method: jmethodID) -> Result<String> {
    let s = jni!(env, CallObjectMethodA, o, method, std::ptr::null());
    check(env)?;
    let text = String::from_utf16_lossy(&units(env, s)?);
    jni!(env, DeleteLocalRef, s);
    Ok(text)
}

/// One value that is not a list.
unsafe fn scalar(env: *mut JNIEnv, r: &Refs, o: jobject) -> Result<Arg> {
    let is = |class: jclass| !o.is_null() && jni!(env, IsInstanceOf, o, class);
    let arg = if o.is_null() {
        Arg::Absent
    } else if is(r.string) {
        Arg::Utf16(units(env, o)?)
    } else if is(r.bytes) {
        let len = (jni!(env, GetArrayLength, o).max(0) as usize).min(MAX_UNITS);
        let mut bytes = vec![0u8; len];
        jni!(
            env,
            GetByteArrayRegion,
            o,
            0,
            len as jsize,
            bytes.as_mut_ptr().cast()
        );
        Arg::Bytes(bytes)
    } else if r.integral.iter().any(|&c| is(c)) {
        Arg::Int(jni!(
            env,
            CallLongMethodA,
            o,
            r.long_value,
            std::ptr::null()
        ))
    } else if r.floating.iter().any(|&c| is(c)) {
        Arg::Float(jni!(
            env,
            CallDoubleMethodA,
            o,
            r.double_value,
            std::ptr::null()
        ))
    } else if is(r.big_integer) {
        Arg::BigInt(text_of(env, o, r.to_string)?)
    } else if is(r.boolean) {
        Arg::Bool(jni!(
            env,
            CallBooleanMethodA,
            o,
            r.boolean_value,
            std::ptr::null()
        ))
    } else {
        let class = jni!(env, GetObjectClass, o);
        let name = text_of(env, class, r.type_name)?;
        jni!(env, DeleteLocalRef, class);
        Arg::Other(name)
    };
    check(env)?;
    Ok(arg)
}

/// The items of an `Object[]`, lists inside it converted with an explicit stack (no recursion on deep input).
unsafe fn list(env: *mut JNIEnv, r: &Refs, root: jobjectArray) -> Result<Vec<Arg>> {
    struct Level {
        array: jobjectArray,
        len: jsize,
        next: jsize,
        items: Vec<Arg>,
    }
    let level = |array| Level {
        array,
        len: jni!(env, GetArrayLength, array),
        next: 0,
        items: Vec::new(),
    };
    let mut stack = vec![level(root)];
    loop {
        let depth = stack.len();
        let top = stack
            .last_mut()
            .expect("the root level returns before the stack empties");
        if top.next >= top.len {
            let done = stack.pop().expect("a level");
            let Some(parent) = stack.last_mut() else {
                return Ok(done.items);
            };
            jni!(env, DeleteLocalRef, done.array);
            parent.items.push(Arg::List(done.items));
            continue;
        }
        let mut item = jni!(env, GetObjectArrayElement, top.array, top.next);
        top.next += 1;
        check(env)?;
        if !item.is_null() && jni!(env, IsInstanceOf, item, r.collection) {
            let array = jni!(env, CallObjectMethodA, item, r.to_array, std::ptr::null());
            jni!(env, DeleteLocalRef, item);
            check(env)?;
            item = array;
        }
        let arg = if !item.is_null() && jni!(env, IsInstanceOf, item, r.array) {
            if depth < MAX_NESTING {
                stack.push(level(item));
                continue;
            }
            Arg::Other(format!("list nested deeper than {MAX_NESTING}"))
        } else {
            scalar(env, r, item)?
        };
        jni!(env, DeleteLocalRef, item);
        top.items.push(arg);
    }
}

unsafe fn new_string(env: *mut JNIEnv, s: &str) -> Result<jobject> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let string = jni!(env, NewString, units.as_ptr(), units.len() as jsize);
    check(env).map(|_| string)
}

unsafe fn new_array(
    env: *mut JNIEnv,
    class: jclass,
    items: Vec<Result<jobject>>,
) -> Result<jobject> {
    let array = jni!(env, NewObjectArray, items.len() as jsize, class, null_mut());
    check(env)?;
    for (i, item) in items.into_iter().enumerate() {
        let item = item?;
        jni!(env, SetObjectArrayElement, array, i as jsize, item);
        jni!(env, DeleteLocalRef, item);
    }
    Ok(array)
}

/// An answer as a Java value.
unsafe fn to_java(env: *mut JNIEnv, r: &Refs, out: Out) -> Result<jobject> {
    let boxed = |class, method, value| jni!(env, CallStaticObjectMethodA, class, method, &value);
    let object = match out {
        Out::Null => null_mut(),
        Out::Bool(b) => boxed(r.boolean, r.boolean_of, jvalue { z: b }),
        Out::Int(n) => boxed(r.long, r.long_of, jvalue { j: n }),
        Out::Str(s) => new_string(env, &s)?,
        Out::List(items) if items.iter().all(|i| matches!(i, Out::Int(_))) => {
            let longs: Vec<jlong> = items
                .iter()
                .map(|i| if let Out::Int(n) = i { *n } else { 0 })
                .collect();
            let array = jni!(env, NewLongArray, longs.len() as jsize);
            check(env)?;
            jni!(
                env,
                SetLongArrayRegion,
                array,
                0,
                longs.len() as jsize,
                longs.as_ptr()
            );
            array
        }
        Out::List(items) => {
            let items = items
                .into_iter()
                .map(|item| to_java(env, r, item))
                .collect();
            new_array(env, r.object, items)?
        }
    };
    check(env).map(|_| object)
}

/// Throws `error` as an `ErrcatException`, unless a Java exception is pending already (it is the more precise).
unsafe fn throw(env: *mut JNIEnv, r: &Refs, error: &Error) {
    let strings = |list: &[String]| {
        new_array(
            env,
            r.string,
            list.iter().map(|s| new_string(env, s)).collect(),
        )
    };
    let build = || -> Result<jobject> {
        let kind = ErrorKind::ALL
            .iter()
            .position(|k| *k == error.kind())
            .unwrap_or(0) as jint;
        let args = [
            jvalue { i: kind },
            jvalue {
                l: new_string(env, &error.to_string())?,
            },
            jvalue {
                l: strings(error.suggestions())?,
            },
            jvalue {
                l: strings(error.candidates())?,
            },
        ];
        Ok(jni!(
            env,
            NewObjectA,
            r.exception,
            r.exception_new,
            args.as_ptr()
        ))
    };
    if !jni!(env, ExceptionCheck) {
        if let Ok(exception) = build() {
            if !exception.is_null() {
                jni!(env, Throw, exception);
            }
        }
    }
}

/// `Native.call0(op, args)`: the one entry point.
#[no_mangle]
pub unsafe extern "system" fn Java_io_errcat_Native_call0(
    env: *mut JNIEnv,
    _: jclass,
    op: jstring,
    args: jobjectArray,
) -> jobject {
    let r = match REFS.get() {
        Some(Ok(r)) => r,
        other => {
            let why = match other {
                Some(Err(why)) => why.as_str(),
                _ => "JNI_OnLoad did not run",
            };
            let message = std::ffi::CString::new(format!(
                "errcat: the native library did not initialise: {why}"
            ));
            let class = jni!(env, FindClass, c"java/lang/IllegalStateException".as_ptr());
            if !class.is_null() {
                jni!(env, ThrowNew, class, message.unwrap_or_default().as_ptr());
            }
            return null_mut();
        }
    };
    if jni!(env, PushLocalFrame, 32) != JNI_OK {
        return null_mut();
    }
    let result = guard(|| {
        let op = args::text(
            "operation",
            if op.is_null() {
                Arg::Absent
            } else {
                Arg::Utf16(units(env, op)?)
            },
        )?;
        let args = if args.is_null() {
            Vec::new()
        } else {
            list(env, r, args)?
        };
        to_java(env, r, errcat_audit::boundary::call(&op, args)?)
    });
    match result {
        Ok(object) => jni!(env, PopLocalFrame, object),
        Err(error) => {
            throw(env, r, &error);
            jni!(env, PopLocalFrame, null_mut())
        }
    }
}

/// Panics inside the guard: the tests prove that a panic reaches Java as `ErrcatException(INTERNAL)`.
#[no_mangle]
pub unsafe extern "system" fn Java_io_errcat_Native_panicForTest0(env: *mut JNIEnv, _: jclass) {
    if let (Some(Ok(r)), Err(error)) = (
        REFS.get(),
        guard(|| -> Result<()> { panic!("panic requested by Native.panicForTest") }),
    ) {
        throw(env, r, &error);
    }
}

/// Looks the classes up; a failure is kept and reported by every call (a bare `JNI_ERR` would say nothing).
#[no_mangle]
pub unsafe extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _: *mut c_void) -> jint {
    let mut env: *mut c_void = null_mut();
    let refs = match ((**vm).v1_2.GetEnv)(vm, &mut env, JNI_VERSION_1_8) {
        JNI_OK => std::panic::catch_unwind(|| load(env.cast()))
            .unwrap_or_else(|_| Err("looking up the classes panicked".into())),
        _ => Err("no JNI 1.8 environment".into()),
    };
    let _ = REFS.set(refs);
    JNI_VERSION_1_8
}
