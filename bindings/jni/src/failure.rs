//! How a failed or panicking export reaches Java: as an `io.errcat.ErrcatException` with the core's kind.

use std::any::Any;

use errcat::ErrorKind;
use jni::errors::ErrorPolicy;
use jni::Env;

use crate::classes;
use crate::objects;

/// Why an export failed: the core said no, or a JNI call failed (then usually a Java exception is pending).
#[derive(Debug)]
pub(crate) enum Failure {
    Core(errcat::Error),
    Jni(jni::errors::Error),
}

impl From<errcat::Error> for Failure {
    fn from(e: errcat::Error) -> Failure {
        Failure::Core(e)
    }
}

impl From<jni::errors::Error> for Failure {
    fn from(e: jni::errors::Error) -> Failure {
        Failure::Jni(e)
    }
}

impl Failure {
    /// An `InvalidArgument` failure (bad input the core never saw: null, unpaired surrogate, bad ordinal).
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Failure {
        Failure::Core(errcat::Error::new(ErrorKind::InvalidArgument, message))
    }
}

/// The result type of every export body.
pub(crate) type Result<T> = std::result::Result<T, Failure>;

/// The `ErrorPolicy` of every export: throws `ErrcatException` unless a Java exception is already pending (a Java
/// exception raised by a callback wins: it is the more precise one), and returns the JNI default value.
pub(crate) struct ThrowErrcat;

impl<T: Default> ErrorPolicy<T, Failure> for ThrowErrcat {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _: &mut (),
        err: Failure,
    ) -> jni::errors::Result<T> {
        if !env.exception_check() {
            let error = match err {
                Failure::Core(e) => e,
                Failure::Jni(e) => {
                    errcat::Error::new(ErrorKind::Internal, format!("JNI call failed: {e}"))
                }
            };
            throw(env, &error);
        }
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _: &mut (),
        payload: Box<dyn Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        // A panic is a bug in errcat; the pending exception (if any) came before it and is kept.
        if !env.exception_check() {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let error = errcat::Error::new(
                ErrorKind::Internal,
                format!("errcat panicked (a bug, please report it): {what}"),
            );
            throw(env, &error);
        }
        Ok(T::default())
    }
}

/// Throws `error` as an `ErrcatException`; falls back to `java.lang.IllegalStateException` when the class cache
/// is missing (the library loaded into an unexpected class loader) or building the exception failed.
fn throw(env: &mut Env<'_>, error: &errcat::Error) {
    let thrown = classes::get().ok().and_then(|c| {
        objects::errcat_exception(env, c, error)
            .ok()
            .map(|ex| env.throw(ex))
    });
    if thrown.is_none() && !env.exception_check() {
        let _ = env.throw_new(
            jni::jni_str!("java/lang/IllegalStateException"),
            jni::strings::JNIString::new(format!("errcat: {}: {error}", error.kind())),
        );
    }
}
