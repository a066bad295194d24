//! The native methods of `io.errcat.Native` (`lookup0`, … : the JDK convention for the native half of a Java
//! wrapper), one per core operation. Each converts, calls the core and converts
//! back; [`run`] gives every one the same panic guard and error mapping.

use std::path::PathBuf;

use errcat::{
    CodedError, Entry, ErrorCode, ErrorKind, Filter, Format, Lang, Reporter, Service, Source,
    System, Version,
};
use errcat_audit::{analyze, AuditOptions};
use jni::objects::{JClass, JIntArray, JObject, JObjectArray, JString};
use jni::sys::{jboolean, jint, jlong};
use jni::{Env, EnvUnowned};

use crate::classes::{self, Classes};
use crate::convert::{
    new_ints, new_string, new_strings, optional_ordinal, optional_string, ordinal, ordinal_of,
    string, strings,
};
use crate::failure::{Failure, Result, ThrowErrcat};
use crate::objects::{self, RETRY_CLASSES};

/// Runs an export body with the cached classes, catching panics and throwing failures as `ErrcatException`.
fn run<'l, T: Default + 'l>(
    mut env: EnvUnowned<'l>,
    body: impl FnOnce(&mut Env<'l>, &'static Classes) -> Result<T>,
) -> T {
    env.with_env(|env| {
        let classes = classes::get()
            .map_err(|e| Failure::Core(errcat::Error::new(ErrorKind::Internal, e)))?;
        body(env, classes)
    })
    .resolve::<ThrowErrcat>()
}

fn version(env: &Env<'_>, text: &JString<'_>) -> Result<Option<Version>> {
    Ok(optional_string(env, text, "version")?
        .map(|v| Version::parse(&v))
        .transpose()?)
}

fn entry_id(entry: Entry) -> jint {
    jint::try_from(entry.id()).unwrap_or(jint::MAX)
}

/// `null` when the library is ready, else why not (the class cache could not be built in `JNI_OnLoad`).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_loadError0<'l>(
    mut env: EnvUnowned<'l>,
    _: JClass<'l>,
) -> JString<'l> {
    env.with_env(|env| match classes::get() {
        Ok(_) => Ok::<_, Failure>(JString::default()),
        Err(e) => new_string(env, e),
    })
    .resolve::<ThrowErrcat>()
}

/// The core's names of an enum the Java side mirrors by ordinal, for the load-time check: 0 Source, 1 Reporter,
/// 2 Service, 3 ErrorKind, 4 RetryClass; 5 is the CubeFS versions, oldest first.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_names0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    which: jint,
) -> JObjectArray<'l> {
    run(env, |env, c| {
        let names: Vec<&str> = match which {
            0 => Source::ALL.iter().map(|v| v.name()).collect(),
            1 => Reporter::ALL.iter().map(|v| v.name()).collect(),
            2 => Service::ALL.iter().map(|v| v.name()).collect(),
            3 => ErrorKind::ALL.iter().map(|v| v.name()).collect(),
            4 => RETRY_CLASSES.iter().map(|v| v.name()).collect(),
            5 => Version::all().map(|v| v.name()).collect(),
            _ => return Err(Failure::invalid_argument(format!("no name list {which}"))),
        };
        new_strings(env, c, &names)
    })
}

/// `errcat::Entry::COUNT`: the size of the Java entry cache.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_entryCount0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
) -> jint {
    run(env, |_, _| {
        Ok(jint::try_from(Entry::COUNT).unwrap_or(jint::MAX))
    })
}

fn by_id(id: jint) -> Result<Entry> {
    usize::try_from(id)
        .ok()
        .and_then(Entry::by_id)
        .ok_or_else(|| Failure::invalid_argument(format!("no entry with id {id}")))
}

/// The Java object of the entry with `id` (called once per entry by the Java cache).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_entry0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    id: jint,
) -> JObject<'l> {
    run(env, |env, c| objects::entry(env, c, by_id(id)?))
}

/// The entry's JSON object, as in the catalog export.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_entryJson0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    id: jint,
) -> JString<'l> {
    run(env, |env, _| {
        new_string(env, &errcat::export::entry_json(by_id(id)?).to_string())
    })
}

/// `errcat::lookup`; `reporter` is a `Reporter` ordinal or -1.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_lookup0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    code: JString<'l>,
    reporter: jint,
) -> JObject<'l> {
    run(env, |env, c| {
        let code = string(env, &code, "code")?;
        let reporter = optional_ordinal(Reporter::ALL, reporter, "reporter")?;
        let resolved = errcat::lookup(&code, reporter)?;
        objects::resolved(env, c, resolved)
    })
}

/// `errcat::find`, as entry ids.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_find0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    code: JString<'l>,
) -> JIntArray<'l> {
    run(env, |env, _| {
        let code = string(env, &code, "code")?;
        let ids: Vec<jint> = errcat::find(&code)?.into_iter().map(entry_id).collect();
        new_ints(env, &ids)
    })
}

/// `errcat::status`; `version` may be null (newest).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_status0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    code: jlong,
    version_text: JString<'l>,
) -> JObject<'l> {
    run(env, |env, c| {
        let version = version(env, &version_text)?;
        let found = errcat::status(code, version)?;
        objects::status_match(env, c, found)
    })
}

/// `errcat::service_of`, as a `Service` ordinal; `version` may be null (newest).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_serviceOf0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    code: jlong,
    version_text: JString<'l>,
) -> jint {
    run(env, |env, _| {
        let version = version(env, &version_text)?;
        let service = errcat::service_of(code, version)?;
        Ok(ordinal_of(Service::ALL, &service))
    })
}

/// `errcat::entries`, as entry ids; each ordinal may be -1 and the version null (not given).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_entries0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    system: jint,
    reporter: jint,
    service: jint,
    version_text: JString<'l>,
) -> JIntArray<'l> {
    run(env, |env, _| {
        let filter = Filter {
            system: optional_ordinal(&[System::Koupleless, System::Blobstore], system, "system")?,
            reporter: optional_ordinal(Reporter::ALL, reporter, "reporter")?,
            service: optional_ordinal(Service::ALL, service, "service")?,
            version: version(env, &version_text)?,
        };
        let ids: Vec<jint> = errcat::entries(filter).map(entry_id).collect();
        new_ints(env, &ids)
    })
}

/// `errcat::Code::parse`.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_parse0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    text: JString<'l>,
) -> JObject<'l> {
    run(env, |env, c| {
        let text = string(env, &text, "text")?;
        let code = errcat::Code::parse(&text)?;
        objects::code(env, c, code)
    })
}

/// `errcat::Code::compose`; `source` is a `Source` ordinal.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_compose0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    source: jint,
    error_type: JString<'l>,
) -> JObject<'l> {
    run(env, |env, c| {
        let source = ordinal(Source::ALL, source, "source")?;
        let error_type = string(env, &error_type, "type")?;
        let code = errcat::Code::compose(source, &error_type)?;
        objects::code(env, c, code)
    })
}

/// Fails like `errcat::CodedError::new` would for `code`; `CodedError.of` calls it so a bad code fails there.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_checkErrorCode0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    code: JString<'l>,
) {
    run(env, |env, _| {
        let code = string(env, &code, "code")?;
        ErrorCode::resolve(&code, None, None)?;
        Ok(())
    })
}

/// Renders the error chain `codes[0]` (caused by `codes[1]`, …) as problem+json, or as the Arklet envelope.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_render0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    codes: JObjectArray<'l, JString<'l>>,
    details: JObjectArray<'l, JString<'l>>,
    arklet: jboolean,
) -> JString<'l> {
    run(env, |env, _| {
        let codes = strings(env, &codes, "codes")?;
        let details = strings(env, &details, "details")?;
        if codes.is_empty() || codes.len() != details.len() {
            return Err(Failure::invalid_argument(
                "codes and details must be non-empty and of equal length",
            ));
        }
        let mut chain: Option<CodedError> = None;
        for (code, detail) in codes.iter().zip(details).rev() {
            let value = CodedError::from_code(ErrorCode::resolve(code, None, None)?, detail);
            chain = Some(match chain {
                Some(cause) => value.with_cause(cause),
                None => value,
            });
        }
        let value = chain.ok_or_else(|| Failure::invalid_argument("empty error chain"))?;
        let json = if arklet {
            value.to_arklet_json()
        } else {
            value.to_problem_json()
        };
        new_string(env, &json)
    })
}

/// `errcat::export` with a format and language given by name.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_export0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    format: JString<'l>,
    lang: JString<'l>,
) -> JString<'l> {
    run(env, |env, _| {
        let format = Format::parse(&string(env, &format, "format")?)?;
        let lang = Lang::parse(&string(env, &lang, "lang")?)?;
        new_string(env, &errcat::export(format, lang))
    })
}

/// `errcat_audit::analyze`; `version` may be null (newest), `max_api_level` negative (the core's default).
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_analyzeAudit0<'l>(
    env: EnvUnowned<'l>,
    _: JClass<'l>,
    paths: JObjectArray<'l, JString<'l>>,
    version_text: JString<'l>,
    max_api_level: jint,
) -> JObject<'l> {
    run(env, |env, c| {
        let paths: Vec<PathBuf> = strings(env, &paths, "paths")?
            .into_iter()
            .map(PathBuf::from)
            .collect();
        let mut options = AuditOptions {
            version: version(env, &version_text)?,
            ..AuditOptions::default()
        };
        if let Ok(level) = usize::try_from(max_api_level) {
            options.max_api_level = level;
        }
        let report = analyze(&paths, &options)?;
        objects::audit_report(env, c, &report)
    })
}

/// Panics inside the guard, so the tests can prove a panic reaches Java as `ErrcatException(INTERNAL)`.
#[no_mangle]
pub extern "system" fn Java_io_errcat_Native_panicForTest0<'l>(env: EnvUnowned<'l>, _: JClass<'l>) {
    run(env, |_, _| -> Result<()> {
        panic!("panic requested by Native.panicForTest")
    })
}
