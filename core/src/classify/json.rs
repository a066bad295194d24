//! The object view of a classification, described once as an [`Out`]: the bindings' `classify` answer, and,
//! converted, the JSON `errcat classify --json` prints. Every member is always present (null when it does not
//! apply), in a fixed order. The flat view (`classify_flat`) is the same values as lists, by position.

use std::sync::OnceLock;

use serde_json::value::RawValue;
use serde_json::Value;

use super::pattern::Part;
use super::result::{Classification, ClassifiedItem, Evidence};
use super::rules::Rule;
use crate::boundary::{Answer, Key, Out, Text};
use crate::export::entry_json;
use crate::{Entry, Error, Resolved};

/// Which members about its code an object has beyond the code's text: `entry` (the catalog entry, as in the
/// export: the JSON view) and `answer` (the id of the code's `lookup` answer, null for none: the boundary, whose
/// hosts hold every answer's entry already); `flat`: lists instead of maps (below).
#[derive(Clone, Copy, Debug)]
pub(crate) struct View {
    pub entry: bool,
    pub answer: bool,
    /// The flat view (the boundary's `classify_flat`): each object a list of its members' values in their order
    /// (but `placeholders`, still a map: the host's map of them), every classification (an item's too) with `key`
    /// first and `results`, without the members a host has from the answer table by the `answer` id (`code`,
    /// `reporter`, `retryable`, `entry`): no member names cross but the placeholders'.
    pub flat: bool,
    /// `entry` as the entry's id: the view [`Classification::to_json`] writes, with each entry's JSON text there.
    pub entry_id: bool,
}

impl View {
    const JSON: View = View {
        entry: true,
        answer: false,
        flat: false,
        entry_id: false,
    };
}

/// An object being built: its members by name (a map) or, in the flat view, their values in order (a list).
enum Object {
    Map(Vec<(Key, Out)>),
    List(Vec<Out>),
}

impl Object {
    fn new(view: View, members: usize) -> Object {
        match view.flat {
            true => Object::List(Vec::with_capacity(members)),
            false => Object::Map(Vec::with_capacity(members)),
        }
    }

    fn push(&mut self, name: &'static str, value: Out) {
        match self {
            Object::Map(m) => m.push((Key::Borrowed(name), value)),
            Object::List(l) => l.push(value),
        }
    }

    fn out(self) -> Out {
        match self {
            Object::Map(m) => Out::Map(m),
            Object::List(l) => Out::List(l),
        }
    }
}

/// Text from the answer, moved into the `Out`.
fn text(t: Option<String>) -> Out {
    t.map_or(Out::Null, |t| Out::Str(t.into()))
}

/// errcat's own text (a name, a rule's id): borrowed, so a host may keep one string for it.
fn name(t: Option<&'static str>) -> Out {
    t.map_or(Out::Null, |t| Out::Str(t.into()))
}

fn int(n: usize) -> Out {
    Out::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Text from the answer that is also the deciding rule's own (an envelope code it tests, a class it names):
/// borrowed, so a host may keep one string for it; other text moved.
fn known(t: Option<String>, own: &[&'static str]) -> Out {
    match t {
        Some(t) => own
            .iter()
            .find(|k| **k == t)
            .map_or_else(|| Out::Str(t.into()), |k| Out::Str(Text::Borrowed(k))),
        None => Out::Null,
    }
}

/// A placeholder's name, borrowed from the rule's pattern that has it.
fn hole(rule: &'static Rule, name: String) -> Key {
    let patterns = [
        rule.message,
        rule.data_message,
        rule.error,
        rule.exception_message,
        rule.cause_message,
    ];
    let parts = patterns.into_iter().flatten().flat_map(|p| p.parts);
    let own = parts.into_iter().find_map(|part| match part {
        Part::Hole(hole) if *hole == name => Some(Key::Borrowed(hole)),
        _ => None,
    });
    own.unwrap_or(Key::Owned(name))
}

fn evidence(e: Evidence, rule: &'static Rule, view: View) -> Out {
    let mut o = Object::new(view, 21);
    o.push("key", text(e.key));
    o.push("tunnel", name(Some(e.tunnel.name())));
    o.push("shape", name(Some(e.shape.name())));
    o.push("command", name(e.command.map(|c| c.name())));
    let status = e.http_status.map_or(Out::Null, |s| Out::Int(s.into()));
    o.push("http_status", status);
    o.push("envelope", known(e.envelope, rule.envelope));
    o.push("data_code", known(e.data_code, rule.data_code));
    o.push("message", text(e.message));
    o.push("data_message", text(e.data_message));
    o.push("state", text(e.state));
    o.push("reason", known(e.reason, rule.reason));
    o.push("error", text(e.error));
    o.push("exception", known(e.exception, rule.exception));
    o.push("exception_message", text(e.exception_message));
    o.push("cause", known(e.cause, rule.cause));
    o.push("cause_message", text(e.cause_message));
    o.push("cause_origin", name(e.cause_origin.map(|o| o.name())));
    o.push("cause_frame", text(e.cause_frame));
    o.push("causes", int(e.causes));
    o.push("frames", int(e.frames));
    // One member per name (a name two patterns share: its first place, its last value, as a JSON object keeps it).
    let mut placeholders: Vec<(Key, Out)> = Vec::with_capacity(e.placeholders.len());
    for (n, v) in e.placeholders {
        match placeholders.iter_mut().find(|(k, _)| **k == *n) {
            Some(seen) => seen.1 = Out::Str(v.into()),
            None => placeholders.push((hole(rule, n), Out::Str(v.into()))),
        }
    }
    o.push("placeholders", Out::Map(placeholders));
    o.out()
}

/// `entry` (the code's catalog entry; null for a success or an unclassified entry) when `view` asks for it: the
/// last member of a classified object but `results` and `answer`.
fn entry(o: &mut Object, code: Option<Resolved>, view: View) {
    if view.entry {
        let entry = code.map(|r| match Entry::Koupleless(r.entry) {
            e if view.entry_id => Out::Int(e.id() as i64),
            e => entry_out(e),
        });
        o.push("entry", entry.unwrap_or(Out::Null));
    }
}

/// An entry's JSON view (the export's object) as an `Out`. Each entry's is made once per process and kept with its
/// text: a classification's copy borrows that text, so it allocates only its maps and lists (building the JSON
/// `Value` each time, an insertion-ordered map per object, was most of the C library's `errcat_classify`).
fn entry_out(entry: Entry) -> Out {
    static VIEWS: PerEntry<Out> = OnceLock::new();
    per_entry(&VIEWS, entry.id(), || kept(Out::from(entry_json(entry)))).clone()
}

/// A value per catalog entry, each made on first use and kept for the life of the process.
type PerEntry<T> = OnceLock<Vec<OnceLock<T>>>;

/// Entry `id`'s value in `cache`, made by `make` the first time.
fn per_entry<T>(cache: &'static PerEntry<T>, id: usize, make: impl FnOnce() -> T) -> &'static T {
    let slots = cache.get_or_init(|| (0..Entry::COUNT).map(|_| OnceLock::new()).collect());
    slots[id].get_or_init(make)
}

/// A classification's `Out` of the `entry_id` view as JSON: each `entry` member that holds an entry id written as
/// that entry's JSON text, made once per entry (its catalog text is most of the object: escaping it each time cost
/// more than the classification). A placeholder named `entry` holds text, never an id.
struct WithEntryText<'a>(&'a Out);

impl serde::Serialize for WithEntryText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Out::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&WithEntryText(item))?;
                }
                seq.end()
            }
            Out::Map(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    match (&**name, value) {
                        ("entry", Out::Int(id)) => map.serialize_entry(name, entry_text(*id))?,
                        _ => map.serialize_entry(name, &WithEntryText(value))?,
                    }
                }
                map.end()
            }
            other => other.serialize(s),
        }
    }
}

/// The JSON text of entry `id`'s view, made once per process.
fn entry_text(id: i64) -> &'static RawValue {
    static TEXTS: PerEntry<Box<RawValue>> = OnceLock::new();
    let id = usize::try_from(id).expect("an entry id");
    let make = || {
        let entry = Entry::by_id(id).expect("an entry id");
        RawValue::from_string(entry_json(entry).to_string()).expect("a Value is JSON")
    };
    per_entry::<Box<RawValue>>(&TEXTS, id, make)
}

/// `out` with all its text borrowed: leaked, which is bounded (once per catalog entry, above).
fn kept(out: Out) -> Out {
    let text = |t: Text| Text::Borrowed(Box::leak(t.into_owned().into_boxed_str()));
    match out {
        Out::Str(t) => Out::Str(text(t)),
        Out::List(items) => Out::List(items.into_iter().map(kept).collect()),
        Out::Map(members) => Out::Map(
            members
                .into_iter()
                .map(|(k, v)| (text(k), kept(v)))
                .collect(),
        ),
        other => other,
    }
}

/// The members after `entry`: `results` (the whole classification's; every one's in the flat view), then
/// `answer` (the id of the code's `lookup` answer, null for none) when `view` asks for it.
fn last(
    mut o: Object,
    code: Option<Resolved>,
    results: Vec<ClassifiedItem>,
    key: bool,
    view: View,
) -> Out {
    if !key || view.flat {
        let results = results.into_iter().map(|i| item(i, view)).collect();
        o.push("results", Out::List(results));
    }
    if view.answer {
        let id = code.map(|r| Out::Int(i64::from(Answer::Lookup(r).id())));
        o.push("answer", id.unwrap_or(Out::Null));
    }
    o.out()
}

/// `key` first: an item's (always in the flat view, null for the whole classification).
fn start(key: Option<String>, view: View) -> Object {
    let mut o = Object::new(view, 13);
    if key.is_some() || view.flat {
        o.push("key", text(key));
    }
    o
}

fn classified(c: Classification, key: Option<String>, view: View) -> Out {
    let Classification {
        outcome,
        code,
        rule,
        evidence: e,
        results,
    } = c;
    let is_item = key.is_some();
    let mut o = start(key, view);
    o.push("outcome", name(Some(outcome.name())));
    if !view.flat {
        let text = code.map_or(Out::Null, |r| Out::Str(r.to_string().into()));
        o.push("code", text);
        o.push("reporter", name(code.map(|r| r.entry.reporter.name())));
    }
    o.push("rule", name(Some(rule.id)));
    o.push("why", name(Some(rule.why)));
    if !view.flat {
        o.push(
            "retryable",
            code.map_or(Out::Null, |r| Out::Bool(r.entry.retryable)),
        );
    }
    o.push("error", Out::Null);
    o.push("evidence", evidence(e, rule, view));
    entry(&mut o, code, view);
    last(o, code, results, is_item, view)
}

fn unclassified(error: &Error, key: Option<String>, view: View) -> Out {
    let is_item = key.is_some();
    let mut o = start(key, view);
    o.push("outcome", name(Some("unclassified")));
    let nulls: &[&str] = match view.flat {
        true => &["rule", "why"],
        false => &["code", "reporter", "rule", "why", "retryable"],
    };
    for &k in nulls {
        o.push(k, Out::Null);
    }
    let mut why = Object::new(view, 2);
    why.push("kind", name(Some(error.kind().name())));
    why.push("message", Out::Str(error.message().to_string().into()));
    o.push("error", why.out());
    o.push("evidence", Out::Null);
    entry(&mut o, None, view);
    last(o, None, Vec::new(), is_item, view)
}

fn item(i: ClassifiedItem, view: View) -> Out {
    match i.result {
        Ok(c) => classified(c, Some(i.key), view),
        Err(e) => unclassified(&e, Some(i.key), view),
    }
}

impl Classification {
    /// The classification as an object (or, in the flat view, a list): the members of
    /// [`Classification::to_json_value`], those about its codes as `view` asks. Its text is moved, not copied.
    pub(crate) fn into_out(self, view: View) -> Out {
        classified(self, None, view)
    }

    /// The JSON object `errcat classify --json` prints: `outcome` (`success` or `error`), `code` (the two-level
    /// code, null for a success), `reporter`, `rule`, `why`, `retryable`, `error` (null), `evidence`, `entry` (as
    /// in the catalog export) and `results` (one object per entry of a composite answer, each with its `key`;
    /// an entry no rule knows has `outcome` `unclassified` and an `error`).
    pub fn to_json_value(&self) -> Value {
        Value::from(self.clone().into_out(View::JSON))
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
        self.clone().into_json()
    }

    /// [`Classification::to_json`] of a classification the caller no longer needs: its text is moved into the
    /// JSON's values instead of copied (the C library's `errcat_classify`).
    ///
    /// ```
    /// let body = br#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: a:1.0.0 has been installed or registered."}}"#;
    /// let c = errcat::classify(body, &errcat::ClassifyContext::default()).unwrap();
    /// let value = c.to_json_value(); // made by another path: the Value of the classification's view
    /// let v: serde_json::Value = serde_json::from_str(&c.into_json()).unwrap();
    /// assert_eq!(v, value);
    /// assert_eq!(v["rule"], "biz.repeat");
    /// assert_eq!(v["evidence"]["placeholders"]["bizName"], "a");
    /// ```
    pub fn into_json(self) -> String {
        let view = View {
            entry_id: true,
            ..View::JSON
        };
        let out = self.into_out(view);
        serde_json::to_string(&WithEntryText(&out)).expect("an Out is always JSON")
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
    Value::from(unclassified(error, None, View::JSON))
}

#[cfg(test)]
mod tests {
    use crate::boundary::{call, Arg, Out};
    use serde_json::Value;

    /// What the flat view must be: the map view's values in order, without the members hosts take from the answer
    /// table, `key` first (null for the whole answer), `results` in every classification; placeholders a map.
    fn flattened(map: Out, item: bool) -> Out {
        let Out::Map(members) = map else {
            return map;
        };
        let mut values = Vec::new();
        if !item {
            values.push(Out::Null); // key
        }
        for (name, value) in members {
            let value = match (&*name, value) {
                ("code" | "reporter" | "retryable" | "entry", _) => continue,
                ("answer", answer) if item => {
                    values.push(Out::List(Vec::new())); // an item's results
                    answer
                }
                ("results", Out::List(items)) => {
                    Out::List(items.into_iter().map(|i| flattened(i, true)).collect())
                }
                ("evidence", Out::Map(members)) => {
                    Out::List(members.into_iter().map(|(_, v)| v).collect())
                }
                ("error", Out::Map(members)) => {
                    Out::List(members.into_iter().map(|(_, v)| v).collect())
                }
                (_, value) => value,
            };
            values.push(value);
        }
        Out::List(values)
    }

    #[test]
    fn the_flat_view_is_the_map_view_by_position() {
        let vectors: Value =
            serde_json::from_str(include_str!("../../../testdata/vectors-classify.json")).unwrap();
        let mut bodies: Vec<(String, Value)> = vectors["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| Some((c["args"]["body"].as_str()?.to_string(), c["args"].clone())))
            .collect();
        for (command, body) in crate::classify::sample_bodies() {
            bodies.push((body, serde_json::json!({ "command": command })));
        }
        let mut classified = 0;
        for (body, args) in bodies {
            let opt = |v: &Value| v.as_str().map_or(Arg::Absent, Arg::from);
            let status = args["http_status"].as_i64().map_or(Arg::Absent, Arg::Int);
            let args = || {
                let (c, t) = (opt(&args["command"]), opt(&args["tunnel"]));
                vec![Arg::from(body.as_str()), c, status.clone(), t]
            };
            match (call("classify", args()), call("classify_flat", args())) {
                (Ok(map), Ok(flat)) => {
                    assert_eq!(flat, flattened(map, false), "{body}");
                    classified += 1;
                }
                (Err(a), Err(b)) => assert_eq!(a, b),
                (a, b) => panic!("{body}: {a:?} / {b:?}"),
            }
        }
        assert!(classified > 150, "{classified}");
    }
}
