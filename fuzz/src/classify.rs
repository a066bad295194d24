//! Classification of Arklet and ModuleController answers: `errcat::classify`, `Classification::enrich`, and the
//! same operations through the bindings' entry point `errcat::boundary::call`.
//!
//! Input: two selector bytes, then the body. Byte 0: bits 0–1 the tunnel (not given, `http`, `mqtt`, `client`),
//! bits 2–4 the HTTP status (not given, 200, 500, 404, 405, 400, 502, 0), bit 5 the names spelled another way at
//! the boundary (`/INSTALLBIZ`, `MQTT`); byte 1: the command (`% 9`: not given, or one of `ArkletCommand::ALL`).
//! Both bytes at their top two bits set: the body padded with spaces to exactly 16 MiB and one byte beyond.
//! Invariants:
//! - deterministic: the same answer twice gives the same result;
//! - never `Internal` (a rule naming a code its table lacks, or a panic caught at the boundary): an error is
//!   `InvalidArgument` (not an answer: not UTF-8, invalid JSON, no envelope, plain text over HTTP/MQTT, over
//!   16 MiB) or `NotFound` (a well-formed answer no rule knows), with a message; over HTTP and MQTT a body that
//!   is not UTF-8, or that starts like JSON and `serde_json` rejects, is `InvalidArgument`;
//! - a success has no code, reporter, entry or retryability; an error has all four, and its code looked up in its
//!   reporter's table (`errcat::lookup`) is the same entry with the same source; the evidence has the caller's
//!   tunnel, status and command; every placeholder value is found in the text its pattern matched; a composite
//!   answer's code and rule are its first failing entry's, and every entry obeys the same rules;
//! - the JSON view parses and says the same outcome, code and rule;
//! - `enrich`: a success comes back unchanged; an error comes back as JSON that is the answer with `errorCode`
//!   set where ModuleController reads it, and classifies to the same code by the same rule; only an answer that
//!   is not a JSON object cannot be enriched (`InvalidArgument`);
//! - JSON re-serialised by `serde_json` (compact or pretty) classifies exactly as the answer as received;
//! - `boundary::call("classify" | "enrich", …)` gives the same result (the JSON view, each code with its answer
//!   id), whatever the spelling of the names;
//! - padded to 16 MiB a body classifies as before; one byte more is `InvalidArgument`.

use errcat::boundary::{self, Answer, Arg, Out};
use errcat::classify::{unclassified_json, MAX_BODY};
use errcat::{
    classify, lookup, ArkletCommand, Classification, ClassifyContext, Error, ErrorKind, Outcome,
    Shape, Tunnel,
};
use serde_json::Value;

const TUNNELS: [Option<&str>; 4] = [None, Some("http"), Some("mqtt"), Some("client")];
const STATUSES: [Option<i64>; 8] = [
    None,
    Some(200),
    Some(500),
    Some(404),
    Some(405),
    Some(400),
    Some(502),
    Some(0),
];

fn check_error(e: &Error, what: &str) {
    assert!(
        matches!(e.kind(), ErrorKind::InvalidArgument | ErrorKind::NotFound),
        "{what}: unexpected kind {:?}: {e:?}",
        e.kind()
    );
    assert!(!e.message().is_empty(), "{what}: empty message");
    let v = unclassified_json(e);
    assert_eq!(v["outcome"], "unclassified");
    assert_eq!(v["error"]["kind"], e.kind().name());
    assert!(v["code"].is_null());
}

/// What holds for any classification (of the answer, or of one entry of it).
fn check_classification(c: &Classification, ctx: &ClassifyContext) {
    match c.outcome() {
        Outcome::Success => {
            assert!(c.code().is_none() && c.entry().is_none(), "{c:?}");
            assert!(c.reporter().is_none() && c.retryable().is_none(), "{c:?}");
        }
        Outcome::Error => {
            let code = c.code().unwrap_or_else(|| panic!("an error without a code: {c:?}"));
            let entry = c.entry().expect("an entry");
            assert!(std::ptr::eq(entry, code.entry));
            assert_eq!(c.reporter(), Some(entry.reporter));
            assert_eq!(c.retryable(), Some(entry.retryable));
            let text = code.to_string();
            let looked = lookup(&text, Some(entry.reporter))
                .unwrap_or_else(|e| panic!("{text} is not in {:?}'s table: {e:?}", entry.reporter));
            assert!(std::ptr::eq(looked.entry, entry), "{text}: {looked:?} vs {code:?}");
            assert_eq!(looked.source, code.source, "{text}");
        }
    }
    assert!(!c.rule().is_empty() && !c.why().is_empty());
    let e = c.evidence();
    assert_eq!(e.tunnel, ctx.tunnel());
    assert_eq!(e.http_status, ctx.http_status());
    if ctx.command().is_some() {
        assert_eq!(e.command, ctx.command());
    }
    let texts = [
        e.message.as_deref(),
        e.data_message.as_deref(),
        e.error.as_deref(),
        e.exception_message.as_deref(),
        e.cause_message.as_deref(),
    ];
    for (i, (name, value)) in e.placeholders.iter().enumerate() {
        assert!(
            !e.placeholders[..i].iter().any(|(n, _)| n == name),
            "placeholder {name} twice"
        );
        assert!(
            texts.iter().flatten().any(|t| t.contains(value.as_str())),
            "placeholder {name} = {value:?} is in no text: {e:?}"
        );
    }
    let json: Value = serde_json::from_str(&c.to_json()).expect("the JSON view parses");
    assert_eq!(json["outcome"], c.outcome().name());
    assert_eq!(json["rule"], c.rule());
    match c.code() {
        Some(code) => assert_eq!(json["code"], code.to_string()),
        None => assert!(json["code"].is_null()),
    }
    let results = json["results"].as_array().expect("results");
    assert_eq!(results.len(), c.results().len());
    for item in c.results() {
        match &item.result {
            Ok(r) => {
                assert_eq!(r.evidence().key.as_deref(), Some(item.key.as_str()));
                assert!(r.results().is_empty());
                check_classification(r, ctx);
            }
            Err(e) => check_error(e, "an entry"),
        }
    }
    let failed = c.results().iter().find_map(|i| {
        i.result
            .as_ref()
            .ok()
            .filter(|r| r.outcome() == Outcome::Error)
    });
    if let Some(first) = failed {
        assert_eq!((c.code(), c.rule()), (first.code(), first.rule()));
    }
}

/// `enrich` of a classified answer.
fn check_enrich(c: &Classification, body: &[u8], ctx: &ClassifyContext) {
    let enriched = c.enrich(body);
    let text = std::str::from_utf8(body).expect("a classified body is UTF-8");
    let Some(code) = c.code() else {
        assert_eq!(enriched.as_deref(), Ok(text), "a success comes back as received");
        return;
    };
    let original: Option<Value> = serde_json::from_str(text).ok();
    let enriched = match enriched {
        Ok(e) => e,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
            assert!(
                !original.as_ref().is_some_and(Value::is_object),
                "a JSON object answer was not enriched: {e:?}"
            );
            return;
        }
    };
    let mut expected = original.expect("an enriched answer was JSON");
    let got: Value = serde_json::from_str(&enriched)
        .unwrap_or_else(|e| panic!("enriched answer is not JSON ({e}): {enriched:?}"));
    // Where ModuleController reads the envelope: an MQTT payload's `data.response`, an operation record's `data`,
    // else the top level.
    let top = expected.as_object_mut().expect("an object");
    let mqtt = ctx.tunnel() == Tunnel::Mqtt
        && top
            .get("data")
            .and_then(|d| d.get("response"))
            .is_some_and(Value::is_object);
    let record = !mqtt
        && c.evidence().shape == Shape::OpsRecord
        && top.get("data").is_some_and(Value::is_object);
    let at = if mqtt {
        top["data"]["response"].as_object_mut()
    } else if record {
        top["data"].as_object_mut()
    } else {
        Some(top)
    };
    at.expect("an object")
        .insert("errorCode".into(), Value::from(code.to_string()));
    assert_eq!(got, expected, "enriched: {enriched:?}");
    if ctx.tunnel() == Tunnel::Client {
        // A client error is text: with a member added it is another text.
        return;
    }
    let again = classify(enriched.as_bytes(), ctx)
        .unwrap_or_else(|e| panic!("the enriched answer is unclassified: {e:?}: {enriched:?}"));
    assert_eq!(
        (again.code(), again.rule()),
        (c.code(), c.rule()),
        "enriched: {enriched:?}"
    );
}

/// The boundary's answer without the `answer` ids (top level and each result), checking each id is its code's.
fn strip_answers(out: Out, c: &Classification) -> Out {
    fn strip(members: &mut Vec<(errcat::boundary::Key, Out)>, c: Option<&Classification>) {
        let at = members
            .iter()
            .position(|(k, _)| k == "answer")
            .expect("an answer member");
        let (_, id) = members.remove(at);
        match (id, c.and_then(Classification::code)) {
            (Out::Null, None) => {}
            (Out::Int(id), Some(code)) => {
                let id = u32::try_from(id).expect("an answer id");
                assert_eq!(Answer::by_id(id), Some(Answer::Lookup(code)));
            }
            (id, code) => panic!("answer {id:?} for {code:?}"),
        }
    }
    let Out::Map(mut members) = out else {
        panic!("classify answers a map: {out:?}");
    };
    strip(&mut members, Some(c));
    if let Some((_, Out::List(items))) = members.iter_mut().find(|(k, _)| k == "results") {
        assert_eq!(items.len(), c.results().len());
        for (item, result) in items.iter_mut().zip(c.results()) {
            let Out::Map(m) = item else {
                panic!("a result is a map: {item:?}");
            };
            strip(m, result.result.as_ref().ok());
        }
    }
    Out::Map(members)
}

fn check_boundary(
    body: &[u8],
    names: (Option<&str>, Option<i64>, Option<&str>),
    odd: bool,
    want: &errcat::Result<Classification>,
) {
    let (command, status, tunnel) = names;
    let spell = |name: Option<&str>, prefix: &str| {
        name.map_or(Arg::Absent, |n| {
            Arg::Str(if odd {
                format!("{prefix}{}", n.to_ascii_uppercase())
            } else {
                n.to_string()
            })
        })
    };
    let args = || {
        vec![
            Arg::Bytes(body.to_vec()),
            spell(command, "/"),
            status.map_or(Arg::Absent, Arg::Int),
            spell(tunnel, ""),
        ]
    };
    // With the entries (the last argument) the answer is the JSON view plus the answer ids.
    let with_entries = [args(), vec![Arg::Bool(true)]].concat();
    let got = boundary::call("classify", with_entries);
    match (got, want) {
        (Ok(out), Ok(c)) => assert_eq!(strip_answers(out, c), Out::from(c.to_json_value())),
        (Err(e), Err(w)) => assert_eq!(&e, w),
        (got, want) => panic!("boundary {got:?}, core {want:?}"),
    }
    let enriched = boundary::call("enrich", args());
    match (enriched, want.as_ref().map(|c| c.enrich(body))) {
        (Ok(Out::Str(s)), Ok(Ok(w))) => assert_eq!(s, w),
        (Err(e), Ok(Err(w))) => assert_eq!(e, w),
        (Err(e), Err(w)) => assert_eq!(&e, w),
        (got, want) => panic!("boundary enrich {got:?}, core {want:?}"),
    }
}

pub fn run(data: &[u8]) {
    let [b0, b1, body @ ..] = data else {
        return;
    };
    let tunnel = TUNNELS[usize::from(b0 & 3)];
    let status = STATUSES[usize::from(b0 >> 2 & 7)];
    let command = match b1 % 9 {
        0 => None,
        n => Some(ArkletCommand::ALL[usize::from(n) - 1].name()),
    };
    let ctx = ClassifyContext::parse(command, status, tunnel).expect("the names are valid");
    let result = classify(body, &ctx);
    assert_eq!(classify(body, &ctx), result, "not deterministic");
    match &result {
        Ok(c) => {
            check_classification(c, &ctx);
            check_enrich(c, body, &ctx);
        }
        Err(e) => check_error(e, "classify"),
    }
    let text = std::str::from_utf8(body);
    if text.is_err() {
        let e = result.as_ref().expect_err("not UTF-8, yet classified");
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
    }
    if ctx.tunnel() != Tunnel::Client {
        let json_like = text.is_ok_and(|t| t.trim_start().starts_with(['{', '[']));
        if json_like && serde_json::from_slice::<Value>(body).is_err() {
            let e = result.as_ref().expect_err("unreadable, yet classified");
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e:?}");
        }
        if json_like {
            if let Ok(value) = serde_json::from_slice::<Value>(body) {
                for again in [
                    serde_json::to_string(&value).expect("JSON"),
                    serde_json::to_string_pretty(&value).expect("JSON"),
                ] {
                    assert_eq!(
                        classify(again.as_bytes(), &ctx),
                        result,
                        "re-serialised as {again:?}"
                    );
                }
            }
        }
    }
    check_boundary(body, (command, status, tunnel), b0 & 32 != 0, &result);
    if b0 & 0xC0 == 0xC0 && b1 & 0xC0 == 0xC0 {
        let mut padded = body.to_vec();
        padded.resize(padded.len().max(MAX_BODY), b' ');
        if padded.len() == MAX_BODY && std::str::from_utf8(body).is_ok() {
            // Trailing spaces change no JSON and no trimmed text (an empty body stays empty).
            let same = classify(&padded, &ctx);
            assert_eq!(
                same.as_ref().map(|c| (c.code(), c.rule())).map_err(Error::kind),
                result.as_ref().map(|c| (c.code(), c.rule())).map_err(Error::kind),
                "padded to 16 MiB"
            );
        }
        padded.push(b' ');
        let e = classify(&padded, &ctx).expect_err("over 16 MiB");
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        let e = boundary::call("classify", vec![Arg::Bytes(padded)]).expect_err("over 16 MiB");
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }
}
