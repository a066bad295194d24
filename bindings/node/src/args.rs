//! JavaScript arguments to Rust values. A value of the wrong JavaScript type is a `TypeError`; `undefined` and
//! `null` both mean "not given" for optional arguments and option fields.

use napi::bindgen_prelude::*;
use napi::{Env, ValueType};

use crate::guard::type_error;

fn describe(value: &Unknown) -> &'static str {
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "a boolean",
        Ok(ValueType::Number) => "a number",
        Ok(ValueType::String) => "a string",
        Ok(ValueType::Symbol) => "a symbol",
        Ok(ValueType::Object) => "an object",
        Ok(ValueType::Function) => "a function",
        Ok(ValueType::BigInt) => "a bigint",
        _ => "an unsupported value",
    }
}

fn is_nullish(value: &Unknown) -> Result<bool> {
    Ok(matches!(
        value.get_type()?,
        ValueType::Undefined | ValueType::Null
    ))
}

fn wrong(env: &Env, name: &str, want: &str, got: &Unknown) -> Error {
    type_error(env, format!("{name} must be {want}, got {}", describe(got)))
}

/// A required string argument.
pub fn string(env: &Env, value: Unknown, name: &str) -> Result<String> {
    if value.get_type()? != ValueType::String {
        return Err(wrong(env, name, "a string", &value));
    }
    // Lone surrogates arrive as U+FFFD (node's UTF-8 conversion); the core then rejects or resolves the text.
    unsafe { value.cast::<String>() }
}

/// An optional string argument or option field.
pub fn opt_string(env: &Env, value: Option<Unknown>, name: &str) -> Result<Option<String>> {
    match value {
        Some(v) if !is_nullish(&v)? => string(env, v, name).map(Some),
        _ => Ok(None),
    }
}

/// A required number argument (any JavaScript number; the core decides whether it is a valid code).
pub fn number(env: &Env, value: Unknown, name: &str) -> Result<f64> {
    if value.get_type()? != ValueType::Number {
        return Err(wrong(env, name, "a number", &value));
    }
    unsafe { value.cast::<f64>() }
}

/// An optional number option field.
pub fn opt_number(env: &Env, value: Option<Unknown>, name: &str) -> Result<Option<f64>> {
    match value {
        Some(v) if !is_nullish(&v)? => number(env, v, name).map(Some),
        _ => Ok(None),
    }
}

/// An optional options object (`undefined`/`null` = no options).
pub fn options<'env>(
    env: &Env,
    value: Option<Unknown<'env>>,
    name: &str,
) -> Result<Option<Object<'env>>> {
    match value {
        Some(v) if !is_nullish(&v)? => {
            if v.get_type()? != ValueType::Object {
                return Err(wrong(env, name, "an object", &v));
            }
            Ok(Some(unsafe { v.cast::<Object>() }?))
        }
        _ => Ok(None),
    }
}

/// A field of an options object, as an unchecked value (`None` when the object or the field is missing).
pub fn field<'env>(object: &Option<Object<'env>>, key: &str) -> Result<Option<Unknown<'env>>> {
    match object {
        Some(o) => o.get::<Unknown>(key),
        None => Ok(None),
    }
}

/// An optional string field of an options object.
pub fn string_field(
    env: &Env,
    object: &Option<Object>,
    key: &str,
    name: &str,
) -> Result<Option<String>> {
    opt_string(env, field(object, key)?, &format!("{name}.{key}"))
}

/// A required array of strings.
pub fn strings(env: &Env, value: Unknown, name: &str) -> Result<Vec<String>> {
    let is_array = value.get_type()? == ValueType::Object && value.is_array()?;
    if !is_array {
        return Err(wrong(env, name, "an array of strings", &value));
    }
    let array = unsafe { value.cast::<Array>() }?;
    (0..array.len())
        .map(|i| match array.get::<Unknown>(i)? {
            Some(item) => string(env, item, &format!("{name}[{i}]")),
            None => Err(type_error(
                env,
                format!("{name}[{i}] must be a string, got undefined"),
            )),
        })
        .collect()
}
