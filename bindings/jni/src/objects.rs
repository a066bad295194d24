//! Builds the Java objects of `io.errcat` from core values, through the constructors cached in [`crate::classes`].
//!
//! Entries cross as their id; the Java side keeps one object per id (`EntryCache`), so `entry` below runs at most
//! about once per entry and JVM.

use errcat::{
    Entry, ErrorKind, KouplelessEntry, Lang, Reporter, RetryClass, Service, Source, StatusEntry,
    Text,
};
use jni::objects::{JObject, JThrowable};
use jni::sys::{jboolean, jint, jlong, jvalue};
use jni::Env;

use crate::classes::{Classes, Ctor};
use crate::convert::{new_ints, new_optional_string, new_string, new_strings, ordinal_of};
use crate::failure::Result;

/// Every retry class, in the order of `io.errcat.RetryClass` (the core has no `ALL` for it).
pub(crate) const RETRY_CLASSES: [RetryClass; 4] = [
    RetryClass::Never,
    RetryClass::Transient,
    RetryClass::Overload,
    RetryClass::Ignore,
];

fn obj<'a>(o: &impl AsRef<JObject<'a>>) -> jvalue {
    jvalue {
        l: o.as_ref().as_raw(),
    }
}

fn int(i: jint) -> jvalue {
    jvalue { i }
}

fn long(j: jlong) -> jvalue {
    jvalue { j }
}

fn boolean(z: jboolean) -> jvalue {
    jvalue { z }
}

fn id_of(entry: Entry) -> jint {
    jint::try_from(entry.id()).unwrap_or(jint::MAX)
}

fn new<'l>(env: &mut Env<'l>, ctor: &Ctor, args: &[jvalue]) -> Result<JObject<'l>> {
    // SAFETY: `ctor.id` was looked up on `ctor.class` with the signature these argument lists are written
    // against (classes.rs); every object argument is a live local reference of the declared type.
    Ok(unsafe { env.new_object_unchecked(&ctor.class, ctor.id, args)? })
}

/// Local references one entry needs at most (strings, arrays, texts), with room to spare: the frame keeps
/// -Xcheck:jni quiet and frees them all on return.
const ENTRY_FRAME: usize = 48;

/// `io.errcat.Text`: both languages as published, plus the core's choice for Chinese (English when missing).
fn text<'l>(env: &mut Env<'l>, c: &Classes, t: Text) -> Result<JObject<'l>> {
    let en = new_string(env, t.en)?;
    let zh = new_string(env, t.zh)?;
    let zh_or_en = new_string(env, t.get(Lang::Zh))?;
    new(env, &c.text, &[obj(&en), obj(&zh), obj(&zh_or_en)])
}

/// The Java object of `entry`: a `KouplelessEntry` or a `StatusEntry`.
pub(crate) fn entry<'l>(env: &mut Env<'l>, c: &Classes, entry: Entry) -> Result<JObject<'l>> {
    env.with_local_frame_returning_local::<_, JObject, crate::failure::Failure>(
        ENTRY_FRAME,
        |env| match entry {
            Entry::Koupleless(e) => koupleless(env, c, entry, e),
            Entry::Blobstore(e) => blobstore(env, c, entry, e),
        },
    )
}

fn koupleless<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    entry: Entry,
    e: &KouplelessEntry,
) -> Result<JObject<'l>> {
    let key = new_string(env, &entry.key())?;
    let code = errcat::Code::compose(e.default_source(), e.error_type)?.to_string();
    let code = new_string(env, &code)?;
    let sources: Vec<jint> = e
        .sources
        .iter()
        .map(|s| ordinal_of(Source::ALL, s))
        .collect();
    let sources = new_ints(env, &sources)?;
    let error_type = new_string(env, e.error_type)?;
    let business_type = text(env, c, e.business_type)?;
    let business_type_cell = new_optional_string(env, e.business_type_cell)?;
    let meaning = text(env, c, e.meaning)?;
    let solution = text(env, c, e.solution)?;
    let aliases = new_strings(env, c, e.aliases)?;
    let notes = new_strings(env, c, e.notes)?;
    new(
        env,
        &c.koupleless_entry,
        &[
            int(id_of(entry)),
            obj(&key),
            obj(&code),
            int(ordinal_of(Reporter::ALL, &e.reporter)),
            obj(&sources),
            obj(&error_type),
            obj(&business_type),
            obj(&business_type_cell),
            obj(&meaning),
            obj(&solution),
            boolean(e.retryable),
            obj(&aliases),
            obj(&notes),
        ],
    )
}

fn blobstore<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    entry: Entry,
    e: &StatusEntry,
) -> Result<JObject<'l>> {
    let key = new_string(env, &entry.key())?;
    let message = new_string(env, e.message)?;
    let description = match e.description {
        Some(d) => text(env, c, d)?,
        None => JObject::null(),
    };
    let go_file = new_string(env, e.go_file)?;
    let go_const = new_string(env, e.go_const)?;
    let go_err = new_string(env, e.go_err)?;
    let versions: Vec<&str> = e.versions.iter().map(|v| v.name()).collect();
    let versions = new_strings(env, c, &versions)?;
    let meaning_en = new_string(env, e.meaning(Lang::En))?;
    let meaning_zh = new_string(env, e.meaning(Lang::Zh))?;
    let notes = new_strings(env, c, e.notes)?;
    let number = |n: Option<u16>| n.map_or(-1, jint::from);
    new(
        env,
        &c.status_entry,
        &[
            int(id_of(entry)),
            obj(&key),
            int(jint::from(e.code)),
            int(ordinal_of(Service::ALL, &e.service)),
            obj(&message),
            obj(&description),
            boolean(e.documented),
            obj(&go_file),
            obj(&go_const),
            obj(&go_err),
            obj(&versions),
            int(number(e.renumbered_to)),
            int(number(e.renumbered_from)),
            int(ordinal_of(&RETRY_CLASSES, &e.retry)),
            boolean(e.retry.retryable()),
            obj(&meaning_en),
            obj(&meaning_zh),
            obj(&notes),
        ],
    )
}

/// `io.errcat.Resolved` for a successful lookup.
pub(crate) fn resolved<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    r: errcat::Resolved,
) -> Result<JObject<'l>> {
    let alias = new_optional_string(env, r.alias)?;
    let code = new_string(env, &r.to_string())?;
    new(
        env,
        &c.resolved,
        &[
            int(id_of(Entry::Koupleless(r.entry))),
            int(ordinal_of(Source::ALL, &r.source)),
            obj(&alias),
            obj(&code),
            boolean(r.is_dynamic()),
        ],
    )
}

/// `io.errcat.StatusMatch` for a status number at a version.
pub(crate) fn status_match<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    m: errcat::StatusMatch,
) -> Result<JObject<'l>> {
    let version = new_string(env, m.version.name())?;
    new(
        env,
        &c.status_match,
        &[
            int(id_of(Entry::Blobstore(m.entry))),
            obj(&version),
            boolean(m.valid),
        ],
    )
}

/// `io.errcat.Code` for a parsed or composed two-level code.
pub(crate) fn code<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    code: errcat::Code<'_>,
) -> Result<JObject<'l>> {
    let error_type = new_string(env, code.error_type())?;
    let text = new_string(env, &code.to_string())?;
    new(
        env,
        &c.code,
        &[
            int(ordinal_of(Source::ALL, &code.source())),
            obj(&error_type),
            obj(&text),
        ],
    )
}

/// `io.errcat.AuditReport`.
pub(crate) fn audit_report<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    report: &errcat_audit::Report,
) -> Result<JObject<'l>> {
    let json = new_string(env, &report.to_json())?;
    let as_long = |n: u64| jlong::try_from(n).unwrap_or(jlong::MAX);
    new(
        env,
        &c.audit_report,
        &[
            obj(&json),
            long(as_long(report.lines)),
            long(as_long(report.malformed)),
        ],
    )
}

/// `io.errcat.ErrcatException` for a core error: kind, message (with suggestions/candidates, as the core
/// displays it) and the two lists.
pub(crate) fn errcat_exception<'l>(
    env: &mut Env<'l>,
    c: &Classes,
    error: &errcat::Error,
) -> Result<JThrowable<'l>> {
    let message = new_string(env, &error.to_string())?;
    let suggestions = new_strings(env, c, error.suggestions())?;
    let candidates = new_strings(env, c, error.candidates())?;
    let ex = new(
        env,
        &c.exception,
        &[
            int(ordinal_of(&ErrorKind::ALL, &error.kind())),
            obj(&message),
            obj(&suggestions),
            obj(&candidates),
        ],
    )?;
    // SAFETY: the object was just built by ErrcatException's constructor, so it is a Throwable.
    Ok(unsafe { JThrowable::from_raw(env, ex.into_raw()) })
}
