//! Classes and constructor IDs of the Java types the exports build, looked up once in `JNI_OnLoad`.
//!
//! `FindClass` inside `JNI_OnLoad` resolves through the class loader that loaded the library (the one holding
//! `io.errcat.*`), which is why the lookups happen there and not lazily on some other thread.

use std::ffi::c_void;
use std::sync::OnceLock;

use jni::ids::JMethodID;
use jni::objects::JClass;
use jni::refs::Global;
use jni::strings::JNIStr;
use jni::sys::{jint, JNI_VERSION_1_8};
use jni::vm::JavaVM;
use jni::{jni_sig, jni_str, Env};

/// A class and the one constructor the exports call.
pub(crate) struct Ctor {
    pub(crate) class: Global<JClass<'static>>,
    pub(crate) id: JMethodID,
}

/// Everything cached at load time.
pub(crate) struct Classes {
    pub(crate) string: Global<JClass<'static>>,
    pub(crate) exception: Ctor,
    pub(crate) text: Ctor,
    pub(crate) koupleless_entry: Ctor,
    pub(crate) status_entry: Ctor,
    pub(crate) resolved: Ctor,
    pub(crate) status_match: Ctor,
    pub(crate) code: Ctor,
    pub(crate) audit_report: Ctor,
}

/// The cache, or why it could not be built (reported by `Native.loadError()`).
static CLASSES: OnceLock<Result<Classes, String>> = OnceLock::new();

/// The cache; `Err` when `JNI_OnLoad` could not build it.
pub(crate) fn get() -> Result<&'static Classes, &'static str> {
    match CLASSES.get() {
        Some(Ok(c)) => Ok(c),
        Some(Err(e)) => Err(e),
        None => Err("JNI_OnLoad did not run"),
    }
}

fn class(env: &mut Env<'_>, name: &JNIStr) -> jni::errors::Result<Global<JClass<'static>>> {
    let local = env.find_class(name)?;
    env.new_global_ref(local)
}

fn ctor(
    env: &mut Env<'_>,
    name: &JNIStr,
    signature: &jni::signature::MethodSignature<'_, '_>,
) -> jni::errors::Result<Ctor> {
    let class = class(env, name)?;
    let id = env.get_method_id(&class, jni_str!("<init>"), signature)?;
    Ok(Ctor { class, id })
}

fn load(env: &mut Env<'_>) -> jni::errors::Result<Classes> {
    // Signatures mirror the package-private constructors in java/src/main/java/io/errcat; when they drift, the
    // lookup fails here and NativeLoader's self check turns that into an UnsatisfiedLinkError naming it.
    Ok(Classes {
        string: class(env, jni_str!("java/lang/String"))?,
        exception: ctor(
            env,
            jni_str!("io/errcat/ErrcatException"),
            jni_sig!("(ILjava/lang/String;[Ljava/lang/String;[Ljava/lang/String;)V").as_ref(),
        )?,
        text: ctor(
            env,
            jni_str!("io/errcat/Text"),
            jni_sig!("(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V").as_ref(),
        )?,
        koupleless_entry: ctor(
            env,
            jni_str!("io/errcat/KouplelessEntry"),
            jni_sig!(
                "(ILjava/lang/String;Ljava/lang/String;I[ILjava/lang/String;Lio/errcat/Text;Ljava/lang/String;Lio/errcat/Text;Lio/errcat/Text;Z[Ljava/lang/String;[Ljava/lang/String;)V"
            )
            .as_ref(),
        )?,
        status_entry: ctor(
            env,
            jni_str!("io/errcat/StatusEntry"),
            jni_sig!(
                "(ILjava/lang/String;IILjava/lang/String;Lio/errcat/Text;ZLjava/lang/String;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;IIIZLjava/lang/String;Ljava/lang/String;[Ljava/lang/String;)V"
            )
            .as_ref(),
        )?,
        resolved: ctor(
            env,
            jni_str!("io/errcat/Resolved"),
            jni_sig!("(IILjava/lang/String;Ljava/lang/String;Z)V").as_ref(),
        )?,
        status_match: ctor(
            env,
            jni_str!("io/errcat/StatusMatch"),
            jni_sig!("(ILjava/lang/String;Z)V").as_ref(),
        )?,
        code: ctor(
            env,
            jni_str!("io/errcat/Code"),
            jni_sig!("(ILjava/lang/String;Ljava/lang/String;)V").as_ref(),
        )?,
        audit_report: ctor(
            env,
            jni_str!("io/errcat/AuditReport"),
            jni_sig!("(Ljava/lang/String;JJ)V").as_ref(),
        )?,
    })
}

/// Caches the classes. Never fails the load itself: a failure is kept and reported by `Native.loadError()`, which
/// the Java loader turns into an `UnsatisfiedLinkError` naming the cause (a bare `JNI_ERR` would not).
///
/// # Safety
/// Called by the JVM with a valid `JavaVM` pointer, on a thread attached to it.
#[no_mangle]
pub unsafe extern "system" fn JNI_OnLoad(
    vm: *mut jni::sys::JavaVM,
    _reserved: *mut c_void,
) -> jint {
    let outcome = std::panic::catch_unwind(|| {
        // SAFETY: the JVM passes a valid, non-null JavaVM pointer to JNI_OnLoad.
        let vm = unsafe { JavaVM::from_raw(vm) };
        vm.attach_current_thread(|env| {
            let loaded = load(env);
            // A failed lookup leaves NoClassDefFoundError/NoSuchMethodError pending: clear it, keep the message.
            if env.exception_check() {
                env.exception_clear();
            }
            Ok::<_, jni::errors::Error>(
                loaded.map_err(|e| format!("caching io.errcat classes failed: {e}")),
            )
        })
        .unwrap_or_else(|e| Err(format!("attaching to the JVM failed: {e}")))
    })
    .unwrap_or_else(|_| Err("caching io.errcat classes panicked".to_string()));
    let _ = CLASSES.set(outcome);
    JNI_VERSION_1_8
}
