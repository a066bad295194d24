//! Java values in and out: strict strings, string and int arrays, enum ordinals, optional arguments.

use jni::objects::{JIntArray, JObjectArray, JString};
use jni::sys::jint;
use jni::Env;

use crate::classes::Classes;
use crate::failure::{Failure, Result};

/// A Java string as Rust text. Strict: `null` and unpaired surrogates are `InvalidArgument` (a lossy conversion
/// would silently turn bad input into U+FFFD). Reads UTF-16 with `GetStringRegion`, so an embedded NUL is kept and
/// reaches the core, which rejects it where it matters.
pub(crate) fn string(env: &Env<'_>, s: &JString<'_>, what: &str) -> Result<String> {
    optional_string(env, s, what)?
        .ok_or_else(|| Failure::invalid_argument(format!("{what} is null")))
}

/// Like [`string`], with `null` meaning "not given".
pub(crate) fn optional_string(
    env: &Env<'_>,
    s: &JString<'_>,
    what: &str,
) -> Result<Option<String>> {
    if s.as_raw().is_null() {
        return Ok(None);
    }
    let raw_env = env.get_raw();
    // SAFETY: `raw_env` is this thread's live JNIEnv and `s` a valid, non-null local reference to a String;
    // the region read stays inside [0, len).
    let units = unsafe {
        let interface = *raw_env;
        let len = ((*interface).v1_1.GetStringLength)(raw_env, s.as_raw());
        let mut units = vec![0u16; usize::try_from(len).unwrap_or(0)];
        ((*interface).v1_2.GetStringRegion)(raw_env, s.as_raw(), 0, len, units.as_mut_ptr());
        units
    };
    if env.exception_check() {
        return Err(Failure::Jni(jni::errors::Error::JavaException));
    }
    String::from_utf16(&units).map(Some).map_err(|_| {
        let at = units
            .iter()
            .position(|&u| (0xD800..0xE000).contains(&u))
            .unwrap_or(0);
        Failure::invalid_argument(format!(
            "{what} contains an unpaired UTF-16 surrogate (U+{:04X} at index {at})",
            units.get(at).copied().unwrap_or(0)
        ))
    })
}

/// A Java `String[]` (no null elements) as Rust strings.
pub(crate) fn strings(
    env: &mut Env<'_>,
    array: &JObjectArray<'_, JString<'_>>,
    what: &str,
) -> Result<Vec<String>> {
    if array.as_raw().is_null() {
        return Err(Failure::invalid_argument(format!("{what} is null")));
    }
    let len = array.len(env)?;
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let element = array.get_element(env, i)?;
        let text = string(env, &element, &format!("{what}[{i}]"));
        // Delete as we go: an array may be longer than the frame's local-reference capacity.
        env.delete_local_ref(element);
        out.push(text?);
    }
    Ok(out)
}

/// A new Java string.
pub(crate) fn new_string<'l>(env: &mut Env<'l>, s: &str) -> Result<JString<'l>> {
    Ok(JString::from_str(env, s)?)
}

/// A new Java string, or `null` for `None`.
pub(crate) fn new_optional_string<'l>(env: &mut Env<'l>, s: Option<&str>) -> Result<JString<'l>> {
    match s {
        Some(s) => new_string(env, s),
        None => Ok(JString::default()),
    }
}

/// A new `String[]`.
pub(crate) fn new_strings<'l, S: AsRef<str>>(
    env: &mut Env<'l>,
    classes: &Classes,
    items: &[S],
) -> Result<JObjectArray<'l>> {
    let len =
        jint::try_from(items.len()).map_err(|_| Failure::invalid_argument("too many strings"))?;
    let array = env.new_object_array(len, &classes.string, jni::objects::JObject::null())?;
    for (i, item) in items.iter().enumerate() {
        let s = new_string(env, item.as_ref())?;
        array.set_element(env, i, &s)?;
        env.delete_local_ref(s);
    }
    Ok(array)
}

/// A new `int[]`.
pub(crate) fn new_ints<'l>(env: &mut Env<'l>, items: &[jint]) -> Result<JIntArray<'l>> {
    let array = env.new_int_array(items.len())?;
    array.set_region(env, 0, items)?;
    Ok(array)
}

/// The value at `ordinal` of a Java enum mirrored from a core enum (same order, checked at load time); `-1`
/// (or any negative) means "not given".
pub(crate) fn optional_ordinal<T: Copy>(all: &[T], ordinal: jint, what: &str) -> Result<Option<T>> {
    if ordinal < 0 {
        return Ok(None);
    }
    usize::try_from(ordinal)
        .ok()
        .and_then(|i| all.get(i).copied())
        .map(Some)
        .ok_or_else(|| {
            Failure::invalid_argument(format!("{what} ordinal {ordinal} is out of range"))
        })
}

/// Like [`optional_ordinal`], for a required value.
pub(crate) fn ordinal<T: Copy>(all: &[T], ordinal: jint, what: &str) -> Result<T> {
    optional_ordinal(all, ordinal, what)?
        .ok_or_else(|| Failure::invalid_argument(format!("{what} is null")))
}

/// Position of `value` in `all` as a Java ordinal.
pub(crate) fn ordinal_of<T: PartialEq>(all: &[T], value: &T) -> jint {
    all.iter()
        .position(|v| v == value)
        .and_then(|i| jint::try_from(i).ok())
        .unwrap_or(-1)
}
