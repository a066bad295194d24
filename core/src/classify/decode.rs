//! From the bytes of an answer to subjects: reads the JSON once (serde_json, whose recursion limit of 128 nested
//! arrays/objects bounds the depth), unwraps an MQTT payload, and splits a composite answer (`batchInstallBiz`,
//! `queryAllBiz`) into its entries. Every error here means "this is not an answer errcat can read".
//!
//! Shared with `errcat-codegen`'s tests: `std` and `serde_json` only.

use serde_json::{Map, Value};

use super::rules::{ArkletCommand, Tunnel};
use super::subject::{Call, Subject};
use super::trace::{Frame, Packages, TraceBuilder};

/// A body, read.
#[derive(Debug)]
pub enum Body {
    /// Nothing but whitespace.
    Empty,
    /// Not JSON: Arklet's plain-text answer, or a ModuleController client error.
    Text,
    /// JSON.
    Json(Value),
}

/// An answer split into what the rules classify.
#[derive(Debug)]
pub enum Answer<'a> {
    /// One subject.
    One(Subject<'a>),
    /// A composite answer: the envelope, and its entries keyed by URL (`batchInstallBiz`) or `name:version`
    /// (`queryAllBiz`).
    Many {
        /// The envelope itself.
        envelope: Subject<'a>,
        /// The entries, in the answer's order.
        items: Vec<(String, Subject<'a>)>,
    },
}

/// Reads `text` as the tunnel delivers it: JSON when it starts with `{` or `[` (never for the client tunnel, whose
/// input is an error text).
pub fn read(text: &str, tunnel: Tunnel) -> Result<Body, String> {
    let trimmed = text.trim_start();
    if trimmed.trim_end().is_empty() {
        return Ok(Body::Empty);
    }
    if tunnel == Tunnel::Client {
        return Ok(Body::Text);
    }
    if trimmed.starts_with(['{', '[']) {
        return serde_json::from_str(text).map(Body::Json).map_err(|e| {
            if e.to_string().contains("recursion limit") {
                format!(
                    "not JSON: nested deeper than serde_json's limit of 128 arrays/objects ({e})"
                )
            } else {
                format!("not JSON: {e}")
            }
        });
    }
    match tunnel {
        Tunnel::Mqtt => Err("not JSON: an MQTT payload is a JSON object".into()),
        _ => Ok(Body::Text),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `obj[key]`: a scan for the small objects Arklet writes (cheaper than hashing the key), the index otherwise.
fn member<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if obj.len() <= 16 {
        obj.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        obj.get(key)
    }
}

fn str_of<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    member(obj, key).and_then(Value::as_str)
}

/// Splits a read body into subjects.
pub fn answer<'a>(
    text: &'a str,
    body: &'a Body,
    mut call: Call,
    packages: &Packages,
) -> Result<Answer<'a>, String> {
    let value = match body {
        Body::Empty => return Ok(Answer::One(Subject::empty(call))),
        Body::Text => return Ok(Answer::One(Subject::text(call, text))),
        Body::Json(v) => v,
    };
    let Some(mut envelope) = value.as_object() else {
        return Err(format!(
            "not an Arklet answer: the JSON is {}, not an object",
            kind(value)
        ));
    };
    if call.tunnel == Tunnel::Mqtt {
        // {publishTimestamp, data: {command, bizName, bizVersion, response: {code, message, data}}}
        if let Some(data) = member(envelope, "data").and_then(Value::as_object) {
            if let Some(response) = member(data, "response").and_then(Value::as_object) {
                if call.command.is_none() {
                    call.command =
                        str_of(data, "command").and_then(ArkletCommand::from_name_ignore_case);
                }
                envelope = response;
            }
        }
    }
    let code = match member(envelope, "code") {
        Some(Value::String(code)) => code.as_str(),
        Some(Value::Number(n)) => {
            return Err(format!(
                "not a readable Arklet envelope: \"code\" is the number {n}, not a name (an ordinal enum \
                 serializer, as runtimes before 1.3.0 / 2.1.5 had under fastjson2's compatibility layer)"
            ))
        }
        Some(other) => {
            return Err(format!(
                "not an Arklet envelope: \"code\" is {}, not a string",
                kind(other)
            ))
        }
        None if call.tunnel != Tunnel::Mqtt
            && member(envelope, "data")
                .and_then(|d| d.get("response"))
                .is_some_and(Value::is_object) =>
        {
            return Err(
                "not an Arklet envelope: the object has no \"code\" member (it looks like an MQTT payload: \
                 give the tunnel mqtt)"
                    .into(),
            )
        }
        None => return Err("not an Arklet envelope: the object has no \"code\" member".into()),
    };
    let message = str_of(envelope, "message");
    let trace = str_of(envelope, "errorStackTrace");
    let data = member(envelope, "data");
    let data_obj = data.and_then(Value::as_object);
    let subject = |call: Call| {
        Subject::envelope(
            call,
            code,
            message,
            data_obj.and_then(|d| str_of(d, "code")),
            data_obj.and_then(|d| str_of(d, "message")),
            trace,
            packages,
        )
    };
    if let Some(entries) = data_obj
        .and_then(|d| member(d, "bizUrlToResponse"))
        .and_then(Value::as_object)
    {
        let mut entry_call = call;
        entry_call.command = call.command.or(Some(ArkletCommand::BatchInstallBiz));
        let items = entries
            .iter()
            .map(|(url, response)| {
                let r = response.as_object();
                let subject = Subject::batch_entry(
                    entry_call,
                    r.and_then(|r| str_of(r, "code")),
                    r.and_then(|r| str_of(r, "message")),
                );
                (url.clone(), subject)
            })
            .collect();
        return Ok(Answer::Many {
            envelope: subject(entry_call),
            items,
        });
    }
    if let Some(list) = data.and_then(Value::as_array) {
        let mut record_call = call;
        record_call.command = call.command.or(Some(ArkletCommand::QueryAllBiz));
        let items = list
            .iter()
            .map(|biz| biz_record(biz, record_call, packages))
            .collect();
        return Ok(Answer::Many {
            envelope: subject(record_call),
            items,
        });
    }
    if let Some(record) = data_obj.filter(|d| {
        member(d, "status").is_some_and(Value::is_string)
            && (member(d, "requestId").is_some() || member(d, "arkBizMeta").is_some())
    }) {
        let trace = member(record, "throwable")
            .and_then(Value::as_object)
            .and_then(|t| throwable(t, packages));
        return Ok(Answer::One(Subject::ops_record(
            call,
            str_of(record, "status"),
            str_of(record, "message"),
            trace,
        )));
    }
    Ok(Answer::One(subject(call)))
}

/// One `queryAllBiz` entry: its state and, for a broken biz, the latest broken state record.
fn biz_record<'a>(biz: &'a Value, call: Call, packages: &Packages) -> (String, Subject<'a>) {
    let obj = biz.as_object();
    let field = |k: &str| {
        obj.and_then(|o| o.get(k))
            .map_or("", |v| v.as_str().unwrap_or(""))
    };
    let key = format!("{}:{}", field("bizName"), field("bizVersion"));
    let state = obj.and_then(|o| str_of(o, "bizState"));
    let records = obj
        .and_then(|o| o.get("bizStateRecords"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let broken = |r: &&Value| {
        r.get("state")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("broken"))
    };
    let latest = records.iter().rev().find(broken).or(records.last());
    let record = latest.and_then(Value::as_object);
    let subject = Subject::biz_record(
        call,
        state,
        record.and_then(|r| str_of(r, "reason")),
        record.and_then(|r| str_of(r, "message")),
        packages,
    );
    (key, subject)
}

/// The chain of a serialised throwable (fastjson: `@type`, `message`, `stackTrace[{className, methodName}]`,
/// `cause`), top first.
fn throwable<'a>(
    top: &'a Map<String, Value>,
    packages: &Packages,
) -> Option<super::trace::Trace<'a>> {
    let mut builder = TraceBuilder::new();
    let mut node = Some(top);
    while let Some(t) = node {
        let frames = t
            .get("stackTrace")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|f| {
                Some(Frame {
                    class: f.get("className")?.as_str()?,
                    method: f.get("methodName")?.as_str()?,
                })
            });
        builder.link(str_of(t, "@type"), str_of(t, "message"), frames, packages);
        node = t.get("cause").and_then(Value::as_object);
    }
    builder.finish()
}
