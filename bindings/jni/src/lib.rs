//! The JNI library of the `io.errcat:errcat` JAR (`java/`). One native method, `io.errcat.Native.call0(String op,
//! Object[] args)`: Java values in, converted mechanically to `errcat::boundary::Arg`s; the operation run by
//! `errcat_audit::boundary::call`; its `Out` back as `null`, `Boolean`, `Long`, `String`, `Object[]`, `Map`, or its
//! error thrown as `io.errcat.ErrcatException`. Every policy is the core's. `README.md` here has the conversions.

#![allow(non_snake_case)] // the JVM fixes the export names
#![allow(clippy::missing_safety_doc)] // the JVM is the only caller

use std::ffi::{c_void, CStr};
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

use errcat::boundary::{args, guard, pack, Arg, Out, Packed, MAX_BODY_LEN, MAX_STRING_LEN};
use errcat::{Error, ErrorKind, Result};
use jni_sys::*;

/// Calls a function of the JNI table (every one used here is in JNI 1.6).
macro_rules! jni {
    ($env:expr, $f:ident $(, $a:expr)*) => { ((**$env).v1_6.$f)($env $(, $a)*) };
}

/// Lists nested deeper than this are not read (an argument nests twice at most; a list holding itself ends here).
const MAX_NESTING: usize = 8;
/// UTF-16 units (or bytes) read of one value: past every limit of the core, which then refuses it by its length.
const MAX_UNITS: usize = MAX_BODY_LEN + MAX_STRING_LEN + 2;

/// Declares `Refs`, the classes, methods and constants the conversions use, and `load`, which looks them up once in
/// `JNI_OnLoad` (where `FindClass` sees the JAR's class loader).
macro_rules! refs {
    (classes { $($c:ident = $name:literal,)* } methods { $($m:ident = $class:ident $method:literal $sig:literal,)* }
     constants { $($k:ident = $kclass:ident $field:literal $ksig:literal,)* }) => {
        #[allow(dead_code)] // classes that only serve to look methods up
        struct Refs { $($c: jclass,)* $($m: jmethodID,)* $($k: jobject,)* }

        /// `None` leaves the JVM's exception (`NoClassDefFoundError`, `NoSuchMethodError`) pending.
        unsafe fn load(env: *mut JNIEnv) -> Option<Refs> {
            $(let $c = class(env, $name)?;)*
            $(let $m = method(env, $class, $method, $sig)?;)*
            $(let $k = constant(env, $kclass, $field, $ksig)?;)*
            Some(Refs { $($c,)* $($m,)* $($k,)* })
        }
    };
}

refs! {
    classes {
        object = c"java/lang/Object", array = c"[Ljava/lang/Object;", string = c"java/lang/String", bytes = c"[B",
        collection = c"java/util/Collection", long = c"java/lang/Long", integer = c"java/lang/Integer",
        short = c"java/lang/Short", byte = c"java/lang/Byte", double = c"java/lang/Double", float = c"java/lang/Float",
        big_integer = c"java/math/BigInteger", boolean = c"java/lang/Boolean", number = c"java/lang/Number",
        class_class = c"java/lang/Class", exception = c"io/errcat/ErrcatException",
    }
    methods {
        long_value = number c"longValue" c"()J", double_value = number c"doubleValue" c"()D",
        boolean_value = boolean c"booleanValue" c"()Z", to_string = object c"toString" c"()Ljava/lang/String;",
        to_array = collection c"toArray" c"()[Ljava/lang/Object;",
        type_name = class_class c"getTypeName" c"()Ljava/lang/String;",
        long_new = long c"<init>" c"(J)V", boolean_new = boolean c"<init>" c"(Z)V",
        exception_new = exception c"<init>" c"([B[C)V",
    }
    constants {
        true_ = boolean c"TRUE" c"Ljava/lang/Boolean;", false_ = boolean c"FALSE" c"Ljava/lang/Boolean;",
    }
}

// SAFETY: global references and method ids are valid on every thread for as long as the library is loaded.
unsafe impl Send for Refs {}
unsafe impl Sync for Refs {}

static REFS: OnceLock<Refs> = OnceLock::new();

/// A global reference to a class.
unsafe fn class(env: *mut JNIEnv, name: &CStr) -> Option<jclass> {
    let local = jni!(env, FindClass, name.as_ptr());
    let global = (!local.is_null()).then(|| jni!(env, NewGlobalRef, local));
    jni!(env, DeleteLocalRef, local);
    global
}

/// A method (or constructor) of `class`.
unsafe fn method(env: *mut JNIEnv, class: jclass, name: &CStr, sig: &CStr) -> Option<jmethodID> {
    let id = jni!(env, GetMethodID, class, name.as_ptr(), sig.as_ptr());
    (!id.is_null()).then_some(id)
}

/// A global reference to a static field's value (`Boolean.TRUE`).
unsafe fn constant(env: *mut JNIEnv, class: jclass, name: &CStr, sig: &CStr) -> Option<jobject> {
    let id = jni!(env, GetStaticFieldID, class, name.as_ptr(), sig.as_ptr());
    let local = (!id.is_null()).then(|| jni!(env, GetStaticObjectField, class, id))?;
    let global = (!local.is_null()).then(|| jni!(env, NewGlobalRef, local));
    jni!(env, DeleteLocalRef, local);
    global.filter(|g| !g.is_null())
}

/// `value`, unless a JNI call failed: then a Java exception is pending, and it is what Java sees.
unsafe fn check<T>(env: *mut JNIEnv, value: T) -> Result<T> {
    match jni!(env, ExceptionCheck) {
        true => Err(Error::new(ErrorKind::Internal, "JNI failed")),
        false => Ok(value),
    }
}

/// A Java string's UTF-16 units, at most [`MAX_UNITS`] of them (a cut never splits a surrogate pair). A region in
/// bounds of a string cannot fail.
unsafe fn units(env: *mut JNIEnv, s: jstring) -> Vec<u16> {
    let len = (jni!(env, GetStringLength, s).max(0) as usize).min(MAX_UNITS);
    let mut out = vec![0u16; len];
    jni!(env, GetStringRegion, s, 0, len as jsize, out.as_mut_ptr());
    if len == MAX_UNITS && out.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
        out.pop();
    }
    out
}

/// A Java string: `Str` when it is short and ASCII (an operation, a command: read without a buffer to allocate),
/// else `Utf16`.
unsafe fn string(env: *mut JNIEnv, s: jstring) -> Arg {
    let mut short = [0u16; 64];
    let len = jni!(env, GetStringLength, s).max(0) as usize;
    if len > short.len() {
        return Arg::Utf16(units(env, s));
    }
    jni!(env, GetStringRegion, s, 0, len as jsize, short.as_mut_ptr());
    match short[..len].iter().all(|&u| u < 0x80) {
        true => {
            let ascii: Vec<u8> = short[..len].iter().map(|&u| u as u8).collect();
            Arg::Str(String::from_utf8(ascii).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
        false => Arg::Utf16(short[..len].to_vec()),
    }
}

/// Calls an object method with no arguments.
unsafe fn call(env: *mut JNIEnv, o: jobject, method: jmethodID) -> Result<jobject> {
    check(env, jni!(env, CallObjectMethodA, o, method, null()))
}

/// The text of a string a Java method returns (a `BigInteger`'s digits, a type name).
unsafe fn text_of(env: *mut JNIEnv, o: jobject, method: jmethodID) -> Result<String> {
    let s = call(env, o, method)?;
    let text = String::from_utf16_lossy(&units(env, s));
    jni!(env, DeleteLocalRef, s);
    Ok(text)
}

/// A `byte[]`, at most [`MAX_UNITS`] bytes of it (a region in bounds cannot fail).
unsafe fn bytes(env: *mut JNIEnv, array: jbyteArray) -> Arg {
    let mut bytes = vec![0u8; (jni!(env, GetArrayLength, array).max(0) as usize).min(MAX_UNITS)];
    let (len, to) = (bytes.len() as jsize, bytes.as_mut_ptr().cast());
    jni!(env, GetByteArrayRegion, array, 0, len, to);
    Arg::Bytes(bytes)
}

/// One value that is not a list. Only the calls back into Java (a number's value, a type's name) can fail.
unsafe fn scalar(env: *mut JNIEnv, r: &Refs, o: jobject) -> Result<Arg> {
    let is = |classes: &[jclass]| classes.iter().any(|&c| jni!(env, IsInstanceOf, o, c));
    let arg = if o.is_null() {
        Arg::Absent
    } else if is(&[r.string]) {
        return Ok(string(env, o));
    } else if is(&[r.bytes]) {
        return Ok(bytes(env, o));
    } else if is(&[r.long, r.integer, r.short, r.byte]) {
        Arg::Int(jni!(env, CallLongMethodA, o, r.long_value, null()))
    } else if is(&[r.double, r.float]) {
        Arg::Float(jni!(env, CallDoubleMethodA, o, r.double_value, null()))
    } else if is(&[r.big_integer]) {
        Arg::BigInt(text_of(env, o, r.to_string)?)
    } else if is(&[r.boolean]) {
        Arg::Bool(jni!(env, CallBooleanMethodA, o, r.boolean_value, null()))
    } else {
        let class = jni!(env, GetObjectClass, o);
        let name = text_of(env, class, r.type_name)?;
        jni!(env, DeleteLocalRef, class);
        Arg::Other(name)
    };
    check(env, arg)
}

/// The items of an `Object[]`, lists inside it converted with an explicit stack (no recursion on deep input).
unsafe fn list(env: *mut JNIEnv, r: &Refs, root: jobjectArray) -> Result<Vec<Arg>> {
    if root.is_null() {
        return Ok(Vec::new());
    }
    let level = |array| (array, jni!(env, GetArrayLength, array), 0, Vec::new());
    let mut stack = vec![level(root)];
    loop {
        let depth = stack.len();
        let (array, len, next, items) = stack.last_mut().expect("the root level returns first");
        if *next >= *len {
            let (array, _, _, items) = stack.pop().expect("a level");
            let Some(parent) = stack.last_mut() else {
                return Ok(items);
            };
            jni!(env, DeleteLocalRef, array);
            parent.3.push(Arg::List(items));
            continue;
        }
        let mut item = jni!(env, GetObjectArrayElement, *array, *next); // in bounds: cannot fail
        *next += 1;
        let is = |class| !item.is_null() && jni!(env, IsInstanceOf, item, class);
        // The usual arguments first, without the list checks.
        let arg = if is(r.string) {
            string(env, item)
        } else if is(r.bytes) {
            bytes(env, item)
        } else {
            if is(r.collection) {
                let array = call(env, item, r.to_array);
                jni!(env, DeleteLocalRef, item);
                item = array?;
            }
            if !item.is_null() && jni!(env, IsInstanceOf, item, r.array) {
                if depth < MAX_NESTING {
                    stack.push(level(item));
                    continue;
                }
                Arg::Other(format!("list nested deeper than {MAX_NESTING}"))
            } else {
                scalar(env, r, item)?
            }
        };
        if !item.is_null() {
            jni!(env, DeleteLocalRef, item);
        }
        items.push(arg);
    }
}

unsafe fn new_string(env: *mut JNIEnv, s: &str) -> jobject {
    let mut short = [0u16; 256]; // most text: no buffer to allocate (UTF-16 has at most as many units as bytes)
    let mut long = Vec::new();
    let units = match s.len() <= short.len() {
        true => {
            let len = short.iter_mut().zip(s.encode_utf16()).map(|(to, unit)| *to = unit).count();
            &short[..len]
        }
        false => {
            long.extend(s.encode_utf16());
            &long[..]
        }
    };
    jni!(env, NewString, units.as_ptr(), units.len() as jsize)
}

/// `Long`s of 0..2047 (answer ids, counts, statuses), made on first use and kept, as `Long.valueOf` keeps its
/// own: each a global reference, never deleted.
static LONGS: [AtomicPtr<_jobject>; 2048] = [const { AtomicPtr::new(null_mut()) }; 2048];

/// A `Long` (a kept one for 0..2047: a global reference).
unsafe fn long(env: *mut JNIEnv, r: &Refs, n: i64) -> jobject {
    let new = || jni!(env, NewObjectA, r.long, r.long_new, &jvalue { j: n });
    let Some(slot) = usize::try_from(n).ok().and_then(|i| LONGS.get(i)) else {
        return new();
    };
    let kept = slot.load(Ordering::Acquire);
    if !kept.is_null() {
        return kept;
    }
    let local = new();
    let global = (!local.is_null()).then(|| jni!(env, NewGlobalRef, local));
    jni!(env, DeleteLocalRef, local);
    let Some(global) = global.filter(|g| !g.is_null()) else {
        return null_mut(); // OutOfMemoryError pending
    };
    match slot.compare_exchange(null_mut(), global, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => global,
        Err(other) => {
            jni!(env, DeleteGlobalRef, global);
            other
        }
    }
}

/// A list or map packed ([`errcat::boundary::Packed`]): its text as a `byte[]` (UTF-8), its shape as a `char[]`,
/// which `Native` unpacks in Java: a few JNI calls however many values it holds.
unsafe fn packed(env: *mut JNIEnv, out: &Out) -> Result<[jobject; 2]> {
    arrays(env, pack(out))
}

/// A packed answer's text and shape as a `byte[]` and a `char[]`.
unsafe fn arrays(env: *mut JNIEnv, Packed { text, shape }: Packed) -> Result<[jobject; 2]> {
    let (text_len, shape_len) = (text.len() as jsize, shape.len() as jsize);
    let bytes = check(env, jni!(env, NewByteArray, text_len))?;
    jni!(env, SetByteArrayRegion, bytes, 0, text_len, text.as_ptr().cast());
    let chars = check(env, jni!(env, NewCharArray, shape_len))?;
    jni!(env, SetCharArrayRegion, chars, 0, shape_len, shape.as_ptr());
    Ok([bytes, chars])
}

/// An answer as a Java value: `null`, `Boolean`, `Long` (a kept one: a global reference), `String`, or a list or map
/// packed as `Object[] {text, shape}` (null: allocation failed).
unsafe fn to_java(env: *mut JNIEnv, r: &Refs, out: Out) -> Result<jobject> {
    let object = match out {
        Out::Null => return Ok(null_mut()),
        Out::Bool(b) => return Ok(if b { r.true_ } else { r.false_ }),
        Out::Int(n) => long(env, r, n),
        Out::Str(s) => new_string(env, &s),
        Out::List(_) | Out::Map(_) => return pair(env, r, packed(env, &out)?),
    };
    Some(object).filter(|o| !o.is_null()).map_or_else(|| check(env, object), Ok)
}

/// A packed answer's parts as `Object[] {text, shape}`.
unsafe fn pair(env: *mut JNIEnv, r: &Refs, parts: [jobject; 2]) -> Result<jobject> {
    let array = check(env, jni!(env, NewObjectArray, 2, r.object, null_mut()))?;
    for (i, part) in (0..).zip(parts) {
        jni!(env, SetObjectArrayElement, array, i, part);
    }
    Ok(array)
}

/// Throws `error` as an `ErrcatException` (made from `[kind index, message, suggestions, candidates]`, packed),
/// unless a Java exception is pending already (it is the more precise).
unsafe fn throw(env: *mut JNIEnv, r: &Refs, error: &Error) {
    let list = |items: &[String]| Out::List(items.iter().map(|s| Out::Str(s.clone().into())).collect());
    let kind = ErrorKind::ALL.iter().position(|k| *k == error.kind());
    let (message, suggestions) = (Out::Str(error.to_string().into()), list(error.suggestions()));
    let parts = Out::List(vec![Out::Int(kind.unwrap_or(0) as i64), message, suggestions, list(error.candidates())]);
    if !jni!(env, ExceptionCheck) {
        if let Ok([text, shape]) = packed(env, &parts) {
            let exception =
                jni!(env, NewObjectA, r.exception, r.exception_new, [jvalue { l: text }, jvalue { l: shape }].as_ptr());
            if !exception.is_null() {
                jni!(env, Throw, exception);
            }
        }
    }
}

/// `Native.call0(op, args)`: the one entry point.
#[no_mangle]
pub unsafe extern "system" fn Java_io_errcat_Native_call0(
    env: *mut JNIEnv, _: jclass, op: jstring, args: jobjectArray,
) -> jobject {
    let Some(r) = REFS.get() else {
        return null_mut(); // unreachable: without them, JNI_OnLoad made System.load fail
    };
    if jni!(env, PushLocalFrame, 32) != JNI_OK {
        return null_mut();
    }
    let result = guard(|| {
        let op = args::text("operation", scalar(env, r, op)?)?;
        let mut args = list(env, r, args)?;
        // An answer the core writes packed itself (`classify_flat`), else its `Out`.
        match errcat::boundary::call_packed(&op, &mut args) {
            Some(packed) => pair(env, r, arrays(env, packed?)?),
            None => to_java(env, r, errcat_audit::boundary::call(&op, args)?),
        }
    });
    let object = result.unwrap_or_else(|error| {
        throw(env, r, &error);
        null_mut()
    });
    jni!(env, PopLocalFrame, object)
}

/// Panics inside the guard: the tests prove that a panic reaches Java as `ErrcatException(INTERNAL)`.
#[no_mangle]
pub unsafe extern "system" fn Java_io_errcat_Native_panicForTest0(env: *mut JNIEnv, _: jclass) {
    let result = guard(|| -> Result<()> { panic!("panic requested by Native.panicForTest") });
    if let (Some(r), Err(error)) = (REFS.get(), result) {
        throw(env, r, &error);
    }
}

/// Looks the classes up. When one is missing, `System.load` fails with an `UnsatisfiedLinkError` saying why.
#[no_mangle]
pub unsafe extern "system" fn JNI_OnLoad(vm: *mut JavaVM, _: *mut c_void) -> jint {
    let mut env: *mut c_void = null_mut();
    if ((**vm).v1_2.GetEnv)(vm, &mut env, JNI_VERSION_1_8) != JNI_OK {
        return JNI_ERR;
    }
    let env: *mut JNIEnv = env.cast();
    match std::panic::catch_unwind(|| load(env)) {
        Ok(Some(refs)) => drop(REFS.set(refs)),
        _ => {
            jni!(env, ExceptionClear);
            let class = jni!(env, FindClass, c"java/lang/UnsatisfiedLinkError".as_ptr());
            let why = c"errcat: the native library does not match the JAR's classes (a class or method it needs is \
                missing): the JAR mixes two builds of errcat";
            jni!(env, ThrowNew, class, why.as_ptr());
        }
    }
    JNI_VERSION_1_8
}
