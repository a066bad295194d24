//! The JSON view of a classification: the object `errcat classify --json` prints and every binding returns.
//! Every member is always present (null when it does not apply), in a fixed order.

use serde_json::{json, Map, Value};

use super::result::{Classification, ClassifiedItem, Evidence};
use crate::export::entry_json;
use crate::{Entry, Error};

fn evidence(e: &Evidence) -> Value {
    let placeholders: Map<String, Value> = e
        .placeholders
        .iter()
        .map(|(n, v)| (n.clone(), json!(v)))
        .collect();
    json!({
        "key": e.key,
        "tunnel": e.tunnel.name(),
        "shape": e.shape.name(),
        "command": e.command.map(|c| c.name()),
        "http_status": e.http_status,
        "envelope": e.envelope,
        "data_code": e.data_code,
        "message": e.message,
        "data_message": e.data_message,
        "state": e.state,
        "reason": e.reason,
        "error": e.error,
        "exception": e.exception,
        "exception_message": e.exception_message,
        "cause": e.cause,
        "cause_message": e.cause_message,
        "cause_origin": e.cause_origin.map(|o| o.name()),
        "cause_frame": e.cause_frame,
        "causes": e.causes,
        "frames": e.frames,
        "placeholders": placeholders,
    })
}

fn classified(c: &Classification, key: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(key) = key {
        m.insert("key".into(), json!(key));
    }
    m.insert("outcome".into(), json!(c.outcome().name()));
    m.insert("code".into(), json!(c.code().map(|r| r.to_string())));
    m.insert("reporter".into(), json!(c.reporter().map(|r| r.name())));
    m.insert("rule".into(), json!(c.rule()));
    m.insert("why".into(), json!(c.why()));
    m.insert("retryable".into(), json!(c.retryable()));
    m.insert("error".into(), Value::Null);
    m.insert("evidence".into(), evidence(c.evidence()));
    m.insert(
        "entry".into(),
        c.entry()
            .map_or(Value::Null, |e| entry_json(Entry::Koupleless(e))),
    );
    m
}

fn unclassified(error: &Error, key: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(key) = key {
        m.insert("key".into(), json!(key));
    }
    m.insert("outcome".into(), json!("unclassified"));
    for k in ["code", "reporter", "rule", "why", "retryable"] {
        m.insert(k.into(), Value::Null);
    }
    m.insert(
        "error".into(),
        json!({ "kind": error.kind().name(), "message": error.message() }),
    );
    m.insert("evidence".into(), Value::Null);
    m.insert("entry".into(), Value::Null);
    m
}

fn item(i: &ClassifiedItem) -> Value {
    Value::Object(match &i.result {
        Ok(c) => classified(c, Some(&i.key)),
        Err(e) => unclassified(e, Some(&i.key)),
    })
}

impl Classification {
    /// The JSON object `errcat classify --json` prints: `outcome` (`success` or `error`), `code` (the two-level
    /// code, null for a success), `reporter`, `rule`, `why`, `retryable`, `error` (null), `evidence`, `entry` (as
    /// in the catalog export) and `results` (one object per entry of a composite answer, each with its `key`;
    /// an entry no rule knows has `outcome` `unclassified` and an `error`).
    pub fn to_json_value(&self) -> Value {
        let mut m = classified(self, None);
        m.insert(
            "results".into(),
            Value::Array(self.results().iter().map(item).collect()),
        );
        Value::Object(m)
    }

    /// [`Classification::to_json_value`] as compact text.
    ///
    /// ```
    /// let c = errcat::classify(br#"{"code":"SUCCESS"}"#, &errcat::ClassifyContext::default()).unwrap();
    /// let v: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    /// assert_eq!(v["outcome"], "success");
    /// assert!(v["code"].is_null());
    /// ```
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }
}

/// The JSON object for an answer that could not be classified: the same members as
/// [`Classification::to_json_value`], `outcome` `unclassified`, and `error` `{kind, message}`.
///
/// ```
/// let err = errcat::classify(b"not json", &errcat::ClassifyContext::new(errcat::Tunnel::Mqtt)).unwrap_err();
/// let v = errcat::classify::unclassified_json(&err);
/// assert_eq!(v["outcome"], "unclassified");
/// assert_eq!(v["error"]["kind"], "InvalidArgument");
/// ```
pub fn unclassified_json(error: &Error) -> Value {
    let mut m = unclassified(error, None);
    m.insert("results".into(), json!([]));
    Value::Object(m)
}
