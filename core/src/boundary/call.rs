//! One entry point for the bindings whose hosts have dynamic values (JNI, pyo3, napi, uniffi): an operation name
//! and its arguments in, an [`Out`] or an error out. Arguments are read here, once, by the policies of
//! [`super::args`] and [`super::names`]; a binding only converts host values to [`Arg`] and `Out` back.

use super::answers::{self, Answer};
use super::args::{self, invalid, Arg};
use super::{guard, ops};
use crate::{Entry, ErrorCode, Result};

/// What an operation returns, in the few shapes every host can represent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Out {
    /// Nothing.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer: an answer id, an entry id, an enum index, a count.
    Int(i64),
    /// Text (borrowed when errcat holds it for the life of the process: a rule's id, a name).
    Str(Text),
    /// A list.
    List(Vec<Out>),
    /// Named members, in order (a JSON object): a host converts it to its map or record.
    Map(Vec<(Key, Out)>),
}

/// Text of an answer: borrowed when it is errcat's own, fixed for the life of the process (a member's name such as
/// `outcome`, a rule's id, an enumeration's name), so a host may keep one string of its own for it; owned when it
/// comes from the input or is made per call.
pub type Text = std::borrow::Cow<'static, str>;

/// A member's name: a fixed one is borrowed, a name from the input (a placeholder's) owned.
pub type Key = Text;

/// An `Out` as JSON (a map as an object, in its order): what the JSON call answers, and the JSON view of the
/// objects described as an `Out` (a classification's).
/// Written straight to JSON, members in order: what [`From<Out> for serde_json::Value`] makes, without building the
/// `Value` (an insertion-ordered map per object). A map's names are unique (errcat's own member names; a
/// classification's placeholders are deduplicated when its `Out` is made), so nothing differs.
impl serde::Serialize for Out {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Out::Null => s.serialize_unit(),
            Out::Bool(b) => s.serialize_bool(*b),
            Out::Int(i) => s.serialize_i64(*i),
            Out::Str(t) => s.serialize_str(t),
            Out::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Out::Map(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(&**name, value)?;
                }
                map.end()
            }
        }
    }
}

impl From<Out> for serde_json::Value {
    fn from(out: Out) -> serde_json::Value {
        use serde_json::Value;
        match out {
            Out::Null => Value::Null,
            Out::Bool(b) => Value::Bool(b),
            Out::Int(i) => Value::from(i),
            Out::Str(s) => Value::String(s.into_owned()),
            Out::List(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            Out::Map(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k.into_owned(), Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<serde_json::Value> for Out {
    fn from(value: serde_json::Value) -> Out {
        use serde_json::Value;
        match value {
            Value::Null => Out::Null,
            Value::Bool(b) => Out::Bool(b),
            Value::Number(n) => n
                .as_i64()
                .map_or_else(|| Out::Str(n.to_string().into()), Out::Int),
            Value::String(s) => Out::Str(s.into()),
            Value::Array(items) => Out::List(items.into_iter().map(Out::from).collect()),
            Value::Object(members) => Out::Map(
                members
                    .into_iter()
                    .map(|(k, v)| (Key::Owned(k), Out::from(v)))
                    .collect(),
            ),
        }
    }
}

fn ids(entries: Vec<Entry>) -> Out {
    Out::List(
        entries
            .into_iter()
            .map(|e| Out::Int(e.id() as i64))
            .collect(),
    )
}

fn answer(a: Answer) -> Out {
    Out::Int(i64::from(a.id()))
}

/// The `index`-th argument (absent when missing), taken out of `args`.
fn take(args: &mut [Arg], index: usize) -> Arg {
    args.get_mut(index)
        .map_or(Arg::Absent, |a| std::mem::replace(a, Arg::Absent))
}

/// A code of an error value, by its answer id.
fn link_code(arg: Arg) -> Result<ErrorCode> {
    let id = match args::number("error code", arg)? {
        args::Number::Int(n) => u32::try_from(n).ok(),
        args::Number::Other(_) => None,
    };
    match id.and_then(Answer::by_id) {
        Some(Answer::Lookup(r)) => Ok(ErrorCode::Koupleless(r)),
        Some(Answer::Status(m)) => Ok(ErrorCode::Blobstore(m)),
        None => Err(invalid("error code", "is not an answer id errcat gave")),
    }
}

/// The body and the classification of the arguments of `classify`, `classify_flat` and `enrich`.
fn classification(a: &mut [Arg]) -> Result<(Vec<u8>, crate::Classification)> {
    let body = args::bytes("body", take(a, 0), super::MAX_BODY_LEN)?;
    let (command, tunnel) = (
        args::opt_text("command", take(a, 1))?,
        args::opt_text("tunnel", take(a, 3))?,
    );
    let status = args::opt_number("http_status", take(a, 2))?;
    let c = ops::classify(
        &body,
        command.as_deref(),
        status.as_ref(),
        tunnel.as_deref(),
    )?;
    Ok((body, c))
}

/// The classification `classify_flat` answers for `args` (read by the same policies), guarded as [`call`]: for a
/// host that makes its objects from the classification itself (pyo3: the Python objects are made in Rust).
///
/// ```
/// use errcat::boundary::{classification_of, Arg};
/// let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: a:1.0.0 has been installed or registered."}}"#;
/// let c = classification_of(&mut [Arg::Bytes(body.to_vec()), Arg::from("installBiz")]).unwrap();
/// assert_eq!(c.rule(), "biz.repeat");
/// ```
pub fn classification_of(args: &mut [Arg]) -> Result<crate::Classification> {
    guard(|| Ok(classification(args)?.1))
}

/// Runs operation `op` with `args` when the core writes its answer packed itself (`classify_flat`: what [`call`]
/// answers, as [`super::pack`] packs it, without making the `Out`), guarded as [`call`]; `None` for any other
/// operation, `args` untouched: a host that unpacks answers (JNI, N-API) tries this first, then [`call`].
///
/// ```
/// use errcat::boundary::{call, call_packed, pack, Arg};
/// let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: a:1.0.0 has been installed or registered."}}"#;
/// let mut args = vec![Arg::Bytes(body.to_vec()), Arg::from("installBiz")];
/// let packed = call_packed("classify_flat", &mut args.clone()).unwrap().unwrap();
/// assert_eq!(packed, pack(&call("classify_flat", args.clone()).unwrap()));
/// assert!(call_packed("lookup", &mut args).is_none());
/// assert_eq!(args.len(), 2);
/// ```
pub fn call_packed(op: &str, args: &mut [Arg]) -> Option<Result<super::Packed>> {
    match op {
        "classify_flat" => Some(guard(|| Ok(classification(args)?.1.pack_flat()))),
        _ => None,
    }
}

/// `classify_flat` of a body the caller keeps (the C library's `errcat_classify_packed`), its context read as
/// [`ops::classify`] reads it, the answer packed as [`call_packed`] packs it; guarded as [`call`].
///
/// ```
/// use errcat::boundary::{call_packed, classify_flat_packed, Arg};
/// let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: a:1.0.0 has been installed or registered."}}"#;
/// let mut args = vec![Arg::Bytes(body.to_vec()), Arg::from("installBiz")];
/// let packed = call_packed("classify_flat", &mut args).unwrap().unwrap();
/// assert_eq!(classify_flat_packed(body, Some("installBiz"), None, None).unwrap(), packed);
/// ```
pub fn classify_flat_packed(
    body: &[u8],
    command: Option<&str>,
    http_status: Option<&args::Number>,
    tunnel: Option<&str>,
) -> Result<super::Packed> {
    guard(|| Ok(ops::classify(body, command, http_status, tunnel)?.pack_flat()))
}

/// Runs operation `op` with `args` (positional, as listed in the README's operations table), guarded: a panic is
/// an `Internal` error. Unknown operations are `InvalidArgument`.
///
/// ```
/// use errcat::boundary::{call, Arg, Out};
/// let Out::Int(id) = call("lookup", vec![Arg::from("Arklet.InstallBizFailed"), Arg::from("arklet")]).unwrap()
/// else { unreachable!() };
/// assert!(id >= 0);
/// ```
pub fn call(op: &str, mut args: Vec<Arg>) -> Result<Out> {
    guard(|| dispatch(op, &mut args))
}

fn dispatch(op: &str, a: &mut [Arg]) -> Result<Out> {
    let text = |a: &mut [Arg], i: usize, name: &str| args::text(name, take(a, i));
    let opt = |a: &mut [Arg], i: usize, name: &str| args::opt_text(name, take(a, i));
    let number = |a: &mut [Arg], i: usize, name: &str| args::number(name, take(a, i));
    Ok(match op {
        "lookup" => {
            let (code, reporter) = (text(a, 0, "code")?, opt(a, 1, "reporter")?);
            answer(Answer::Lookup(ops::lookup(&code, reporter.as_deref())?))
        }
        "find" => ids(ops::find(&text(a, 0, "code")?)?),
        "status" => {
            let (code, version) = (number(a, 0, "code")?, opt(a, 1, "version")?);
            answer(Answer::Status(ops::status(&code, version.as_deref())?))
        }
        "service_of" => {
            let (code, version) = (number(a, 0, "code")?, opt(a, 1, "version")?);
            Out::Int(ops::service_of(&code, version.as_deref())? as i64)
        }
        "parse" | "compose" => {
            let first = text(a, 0, if op == "parse" { "text" } else { "source" })?;
            let error_type = if op == "compose" {
                text(a, 1, "type")?
            } else {
                String::new()
            };
            let code = if op == "parse" {
                ops::parse(&first)?
            } else {
                ops::compose(&first, &error_type)?
            };
            Out::List(vec![
                Out::Int(code.source() as i64),
                Out::Str(code.error_type().to_string().into()),
                Out::Str(code.to_string().into()),
            ])
        }
        "entries" => {
            let (s, r, v, ver) = (
                opt(a, 0, "system")?,
                opt(a, 1, "reporter")?,
                opt(a, 2, "service")?,
                opt(a, 3, "version")?,
            );
            ids(ops::entries(
                s.as_deref(),
                r.as_deref(),
                v.as_deref(),
                ver.as_deref(),
            )?)
        }
        "export" => {
            let (format, lang) = (opt(a, 0, "format")?, opt(a, 1, "lang")?);
            Out::Str(ops::export(format.as_deref(), lang.as_deref())?.into())
        }
        "error_code" => {
            // A code given as a number (a host's int) is a status number, as its digits are.
            let code = match take(a, 0) {
                n @ (Arg::Int(_) | Arg::Float(_) | Arg::BigInt(_)) => {
                    args::number("code", n)?.text().into_owned()
                }
                other => args::text("code", other)?,
            };
            let (code, reporter, version) = (code, opt(a, 1, "reporter")?, opt(a, 2, "version")?);
            answer(
                match ops::error_code(&code, reporter.as_deref(), version.as_deref())? {
                    ErrorCode::Koupleless(r) => Answer::Lookup(r),
                    ErrorCode::Blobstore(m) => Answer::Status(m),
                },
            )
        }
        "render" => {
            let rendering = text(a, 0, "rendering")?;
            let chain = args::list("cause chain", take(a, 1))?;
            if chain.len() > super::limits::MAX_CAUSE_DEPTH + 1 {
                return Err(invalid(
                    "cause chain",
                    format_args!("is deeper than {} causes", super::limits::MAX_CAUSE_DEPTH),
                ));
            }
            let links = chain.into_iter().map(|link| {
                let mut link = args::list("cause chain link", link)?;
                Ok((
                    link_code(take(&mut link, 0))?,
                    args::text("detail", take(&mut link, 1))?,
                ))
            });
            Out::Str(ops::render(&rendering, links)?.into())
        }
        "search" => ids(ops::search(&text(a, 0, "words")?)?),
        "classify" | "classify_flat" | "enrich" => {
            let (body, c) = classification(a)?;
            use crate::classify::View;
            match op {
                "enrich" => Out::Str(c.enrich(&body)?.into()),
                // Lists by position, without what the answer table holds (bindings/README.md).
                "classify_flat" => c.into_out(View {
                    entry: false,
                    answer: true,
                    flat: true,
                    entry_id: false,
                }),
                _ => {
                    // Hosts hold each answer's entry: only a host that hands out the JSON view asks for it.
                    let entry = args::opt_bool("entry", take(a, 4))?.unwrap_or(false);
                    c.into_out(View {
                        entry,
                        answer: true,
                        flat: false,
                        entry_id: false,
                    })
                }
            }
        }
        "name" => {
            let (of, name) = (text(a, 0, "enumeration")?, text(a, 1, "name")?);
            Out::Int(super::names::index(&of, &name)? as i64)
        }
        "entry_json" => {
            let id = match number(a, 0, "entry id")? {
                args::Number::Int(n) => usize::try_from(n).ok().and_then(Entry::by_id),
                args::Number::Other(_) => None,
            };
            let entry = id.ok_or_else(|| invalid("entry id", "is not an entry id"))?;
            let json = crate::export::entry_json(entry);
            // `map`: the same object as a map, for a host that hands out the JSON view (Kotlin's classify).
            match args::opt_bool("map", take(a, 1))?.unwrap_or(false) {
                true => Out::from(json),
                false => Out::Str(json.to_string().into()),
            }
        }
        "answers" => Out::Str(answers::table().to_string().into()),
        "version" => Out::Str(crate::VERSION.into()),
        "fingerprint" => Out::Str(crate::tables::CATALOG_FINGERPRINT.into()),
        other => {
            return Err(invalid(
                "operation",
                format_args!("{other:?} is not an errcat operation"),
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_code_may_be_a_number() {
        let by_text = call("error_code", vec![Arg::from("552")]).unwrap();
        assert_eq!(call("error_code", vec![Arg::Int(552)]).unwrap(), by_text);
        assert_eq!(
            call("error_code", vec![Arg::Float(552.0)]).unwrap(),
            by_text
        );
        for bad in [
            Arg::Int(-1),
            Arg::Float(2.5),
            Arg::BigInt("18446744073709551616".into()),
        ] {
            let err = call("error_code", vec![bad]).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidCode, "{err}");
        }
    }

    #[test]
    fn an_entry_as_a_map_is_its_json_text() {
        let mut id = 0;
        while Entry::by_id(id).is_some() {
            let json = |map: Arg| call("entry_json", vec![Arg::Int(id as i64), map]).unwrap();
            let Out::Str(text) = json(Arg::Absent) else {
                panic!("entry_json {id}: not text")
            };
            assert_eq!(json(Arg::Bool(false)), Out::Str(text.clone()));
            let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                serde_json::Value::from(json(Arg::Bool(true))),
                parsed,
                "{id}"
            );
            id += 1;
        }
        assert!(id > 100, "{id}");
        let err = call("entry_json", vec![Arg::Int(0), Arg::from("yes")]).unwrap_err();
        assert_eq!(err.to_string(), "map must be a boolean, not a string");
    }
}
