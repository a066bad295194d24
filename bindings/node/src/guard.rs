//! The boundary: panics caught, core errors turned into Node-style `Error` objects.

use std::panic::{catch_unwind, AssertUnwindSafe};

use errcat::ErrorKind;
use napi::bindgen_prelude::*;
use napi::{Env, JsError, JsTypeError};

/// The `err.code` of each error kind (the Node convention: an upper-case string code).
pub fn kind_code(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "ERRCAT_NOT_FOUND",
        ErrorKind::Ambiguous => "ERRCAT_AMBIGUOUS",
        ErrorKind::InvalidCode => "ERRCAT_INVALID_CODE",
        ErrorKind::InvalidArgument => "ERRCAT_INVALID_ARGUMENT",
        ErrorKind::Io => "ERRCAT_IO",
        ErrorKind::Internal => "ERRCAT_INTERNAL",
    }
}

/// Runs `body`, turning a panic into an `ERRCAT_INTERNAL` error so no unwind crosses into node.
pub fn guard<T>(env: &Env, body: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(to_js(env, &panicked(payload.as_ref()))),
    }
}

/// The core error for a caught panic payload.
pub fn panicked(payload: &(dyn std::any::Any + Send)) -> errcat::Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    errcat::Error::new(ErrorKind::Internal, format!("errcat panicked: {what}"))
}

/// A JavaScript `Error` for a core error: `code` = `ERRCAT_*`, `kind` = the kind's name, `suggestions` and
/// `candidates` = the core's lists (empty arrays when it has none).
pub fn to_js(env: &Env, error: &errcat::Error) -> Error {
    let build = || -> Result<Error> {
        let base = Error::new(kind_code(error.kind()).to_string(), error.to_string());
        let value = JsError::from(base).into_unknown(*env);
        let mut object = Object::from_raw(env.raw(), value.raw());
        object.set("kind", error.kind().name())?;
        object.set("suggestions", error.suggestions().to_vec())?;
        object.set("candidates", error.candidates().to_vec())?;
        Ok(Error::from(value))
    };
    // Building the error can only fail while node tears the environment down; a plain error is all that is left.
    build().unwrap_or_else(|e| e)
}

/// Lifts a core result into a napi result, shaping the error.
pub fn check<T>(env: &Env, result: errcat::Result<T>) -> Result<T> {
    result.map_err(|e| to_js(env, &e))
}

/// A JavaScript `TypeError` with `code` = `ERR_INVALID_ARG_TYPE` (the code node itself uses).
pub fn type_error(env: &Env, message: String) -> Error {
    let base = Error::new("ERR_INVALID_ARG_TYPE".to_string(), message);
    Error::from(JsTypeError::from(base).into_unknown(*env))
}
