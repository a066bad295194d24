//! The object view of a classification, described once as an [`Out`]: the bindings' `classify` answer, and,
//! converted, the JSON `errcat classify --json` prints. Every member is always present (null when it does not
//! apply), in a fixed order.

use serde_json::Value;

use super::result::{Classification, ClassifiedItem, Evidence};
use crate::boundary::{Answer, Key, Out};
use crate::export::entry_json;
use crate::{Entry, Error, Resolved};

/// Which members about its code an object has beyond the code's text: `entry` (the catalog entry, as in the
/// export: the JSON view) and `answer` (the id of the code's `lookup` answer, null for none: the boundary, whose
/// hosts hold every answer's entry already).
#[derive(Clone, Copy, Debug)]
pub(crate) struct View {
    pub entry: bool,
    pub answer: bool,
}

impl View {
    const JSON: View = View {
        entry: true,
        answer: false,
    };
}

type Members = Vec<(Key, Out)>;

fn push(m: &mut Members, name: &'static str, value: Out) {
    m.push((Key::Borrowed(name), value));
}

fn map<const N: usize>(members: [(&'static str, Out); N]) -> Out {
    Out::Map(members.map(|(k, v)| (Key::Borrowed(k), v)).into())
}

fn text(t: Option<&str>) -> Out {
    t.map_or(Out::Null, |t| Out::Str(t.to_string().into()))
}

/// errcat's own text (a name, a rule's id): borrowed, so a host may keep one string for it.
fn name(t: Option<&'static str>) -> Out {
    t.map_or(Out::Null, |t| Out::Str(t.into()))
}

fn int(n: usize) -> Out {
    Out::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn evidence(e: &Evidence) -> Out {
    let placeholders = e.placeholders.iter();
    map([
        ("key", text(e.key.as_deref())),
        ("tunnel", name(Some(e.tunnel.name()))),
        ("shape", name(Some(e.shape.name()))),
        ("command", name(e.command.map(|c| c.name()))),
        (
            "http_status",
            e.http_status.map_or(Out::Null, |s| Out::Int(s.into())),
        ),
        ("envelope", text(e.envelope.as_deref())),
        ("data_code", text(e.data_code.as_deref())),
        ("message", text(e.message.as_deref())),
        ("data_message", text(e.data_message.as_deref())),
        ("state", text(e.state.as_deref())),
        ("reason", text(e.reason.as_deref())),
        ("error", text(e.error.as_deref())),
        ("exception", text(e.exception.as_deref())),
        ("exception_message", text(e.exception_message.as_deref())),
        ("cause", text(e.cause.as_deref())),
        ("cause_message", text(e.cause_message.as_deref())),
        ("cause_origin", name(e.cause_origin.map(|o| o.name()))),
        ("cause_frame", text(e.cause_frame.as_deref())),
        ("causes", int(e.causes)),
        ("frames", int(e.frames)),
        (
            "placeholders",
            Out::Map(
                placeholders
                    .map(|(n, v)| (Key::Owned(n.clone()), Out::Str(v.clone().into())))
                    .collect(),
            ),
        ),
    ])
}

/// `entry` (the code's catalog entry; null for a success or an unclassified entry) when `view` asks for it: the
/// last member of a classified object but `answer`.
fn entry(m: &mut Members, code: Option<Resolved>, view: View) {
    if view.entry {
        let entry = code.map(|r| Out::from(entry_json(Entry::Koupleless(r.entry))));
        push(m, "entry", entry.unwrap_or(Out::Null));
    }
}

/// `answer` (the id of the code's `lookup` answer, null for none) when `view` asks for it: an item's last member,
/// and the whole classification's after `results`.
fn answer(m: &mut Members, code: Option<Resolved>, view: View) {
    if view.answer {
        let id = code.map(|r| Out::Int(i64::from(Answer::Lookup(r).id())));
        push(m, "answer", id.unwrap_or(Out::Null));
    }
}

fn classified(c: &Classification, key: Option<&str>, view: View) -> Members {
    let mut m = Members::with_capacity(12);
    if let Some(key) = key {
        push(&mut m, "key", text(Some(key)));
    }
    push(&mut m, "outcome", name(Some(c.outcome().name())));
    push(
        &mut m,
        "code",
        c.code()
            .map_or(Out::Null, |r| Out::Str(r.to_string().into())),
    );
    push(&mut m, "reporter", name(c.reporter().map(|r| r.name())));
    push(&mut m, "rule", name(Some(c.rule())));
    push(&mut m, "why", name(Some(c.why())));
    push(
        &mut m,
        "retryable",
        c.retryable().map_or(Out::Null, Out::Bool),
    );
    push(&mut m, "error", Out::Null);
    push(&mut m, "evidence", evidence(c.evidence()));
    entry(&mut m, c.code(), view);
    m
}

fn unclassified(error: &Error, key: Option<&str>, view: View) -> Members {
    let mut m = Members::with_capacity(12);
    if let Some(key) = key {
        push(&mut m, "key", text(Some(key)));
    }
    push(&mut m, "outcome", name(Some("unclassified")));
    for k in ["code", "reporter", "rule", "why", "retryable"] {
        push(&mut m, k, Out::Null);
    }
    let kind = name(Some(error.kind().name()));
    let error = map([("kind", kind), ("message", text(Some(error.message())))]);
    push(&mut m, "error", error);
    push(&mut m, "evidence", Out::Null);
    entry(&mut m, None, view);
    m
}

fn item(i: &ClassifiedItem, view: View) -> Out {
    let (mut m, code) = match &i.result {
        Ok(c) => (classified(c, Some(&i.key), view), c.code()),
        Err(e) => (unclassified(e, Some(&i.key), view), None),
    };
    answer(&mut m, code, view);
    Out::Map(m)
}

impl Classification {
    /// The classification as an object: the members of [`Classification::to_json_value`], those about its codes
    /// as `view` asks.
    pub(crate) fn to_out(&self, view: View) -> Out {
        let mut m = classified(self, None, view);
        let results = self.results().iter().map(|i| item(i, view)).collect();
        push(&mut m, "results", Out::List(results));
        answer(&mut m, self.code(), view);
        Out::Map(m)
    }

    /// The JSON object `errcat classify --json` prints: `outcome` (`success` or `error`), `code` (the two-level
    /// code, null for a success), `reporter`, `rule`, `why`, `retryable`, `error` (null), `evidence`, `entry` (as
    /// in the catalog export) and `results` (one object per entry of a composite answer, each with its `key`;
    /// an entry no rule knows has `outcome` `unclassified` and an `error`).
    pub fn to_json_value(&self) -> Value {
        Value::from(self.to_out(View::JSON))
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
    let mut m = unclassified(error, None, View::JSON);
    push(&mut m, "results", Out::List(Vec::new()));
    Value::from(Out::Map(m))
}
