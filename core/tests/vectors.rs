//! Runs every case of `testdata/vectors*.json` through `errcat::boundary::call`, the entry point the bindings use,
//! and builds each result's view from the answer ids (testdata/README.md) as a host package would.

mod common;

#[path = "common/vectors.rs"]
mod vectors_file;

use errcat::boundary::{call, Answer, Arg, Out};
use errcat::{export, Entry, Format, Lang, Source};
use serde_json::{json, Value};

fn arg(value: &Value) -> Arg {
    match value {
        Value::Null => Arg::Absent,
        Value::String(s) => Arg::Str(s.clone()),
        Value::Number(n) => n.as_i64().map_or(Arg::Float(n.as_f64().unwrap()), Arg::Int),
        Value::Bool(b) => Arg::Bool(*b),
        Value::Array(items) => Arg::List(items.iter().map(arg).collect()),
        Value::Object(_) => Arg::Other("object".into()),
    }
}

fn int(out: &Out) -> i64 {
    match out {
        Out::Int(n) => *n,
        other => panic!("want an integer, got {other:?}"),
    }
}

fn keys(out: &Out) -> Vec<&'static str> {
    let Out::List(ids) = out else {
        panic!("want a list")
    };
    ids.iter()
        .map(|id| Entry::by_id(int(id) as usize).unwrap().key())
        .collect()
}

fn answer(out: &Out) -> Answer {
    Answer::by_id(int(out) as u32).expect("an answer id")
}

/// Calls `op` with the case's named arguments in the operation's order.
fn run(op: &str, a: &Value) -> errcat::Result<Value> {
    let args = |names: &[&str]| names.iter().map(|n| arg(&a[*n])).collect::<Vec<_>>();
    Ok(match op {
        "lookup" => match answer(&call("lookup", args(&["code", "reporter"]))?) {
            Answer::Lookup(r) => json!({
                "code": r.to_string(), "source": r.source.name(), "type": r.entry.error_type,
                "reporter": r.entry.reporter.name(), "dynamic": r.is_dynamic(), "alias": r.alias,
                "retryable": r.entry.retryable, "meaning_en": r.entry.meaning.en, "meaning_zh": r.entry.meaning.zh,
                "solution_en": r.entry.solution.en, "solution_zh": r.entry.solution.zh,
            }),
            other => panic!("lookup answered {other:?}"),
        },
        "status" => match answer(&call("status", args(&["code", "version"]))?) {
            Answer::Status(m) => {
                let e = m.entry;
                json!({
                    "code": e.code, "service": e.service.name(), "message": e.message, "valid": m.valid,
                    "versions": e.versions.iter().map(|v| v.name()).collect::<Vec<_>>(), "retry": e.retry.name(),
                    "renumbered_to": e.renumbered_to, "renumbered_from": e.renumbered_from,
                    "go_const": e.go_const, "go_err": e.go_err,
                })
            }
            other => panic!("status answered {other:?}"),
        },
        "find" | "search" => {
            let names: &[&str] = if op == "find" { &["code"] } else { &["words"] };
            let keys = keys(&call(op, args(names))?);
            json!({ "count": keys.len(), "keys": keys })
        }
        "entries" => {
            let keys = keys(&call(
                "entries",
                args(&["system", "reporter", "service", "version"]),
            )?);
            json!({ "count": keys.len(), "first": keys.first(), "last": keys.last() })
        }
        "service_of" => {
            let index = int(&call("service_of", args(&["code", "version"]))?);
            json!({ "service": errcat::Service::ALL[index as usize].name() })
        }
        "parse" | "compose" => {
            let names: &[&str] = if op == "parse" {
                &["text"]
            } else {
                &["source", "type"]
            };
            let Out::List(parts) = call(op, args(names))? else {
                panic!("want a list")
            };
            let (Out::Str(error_type), Out::Str(code)) = (&parts[1], &parts[2]) else {
                panic!("want texts")
            };
            json!({ "source": Source::ALL[int(&parts[0]) as usize].name(), "type": error_type, "code": code })
        }
        "export" => {
            let Out::Str(text) = call("export", args(&["format", "lang"]))? else {
                panic!("want text")
            };
            json!({ "text": text })
        }
        "problem" | "arklet" => {
            // An error value is built link by link as a host does: each code resolved once, then rendered.
            let mut chain = Vec::new();
            for link in a["chain"].as_array().unwrap() {
                let names = ["code", "reporter", "version"];
                let id = call("error_code", names.iter().map(|n| arg(&link[*n])).collect())?;
                chain.push(Arg::List(vec![Arg::Int(int(&id)), arg(&link["detail"])]));
            }
            let rendering = if op == "problem" { "problem" } else { "arklet" };
            let Out::Str(json) = call("render", vec![Arg::from(rendering), Arg::List(chain)])?
            else {
                panic!("want text")
            };
            json!({ "json": json })
        }
        "classify" => {
            let context = ["command", "http_status", "tunnel"].map(|n| arg(&a[n]));
            let mut args = vec![Arg::Bytes(vectors_file::classify_body(a))];
            args.extend(context.iter().cloned());
            let out = call("classify", args.clone())?;
            // The JSON the C library and the JSON call write, straight from the `Out`, is its `Value`'s.
            let direct = serde_json::to_string(&out).unwrap();
            assert_eq!(direct, Value::from(out.clone()).to_string());
            // And the C library's errcat_classify (each entry's kept text) is the CLI's object.
            let c = errcat::boundary::classification_of(&mut args.clone())?;
            assert_eq!(c.to_json(), c.to_json_value().to_string());
            let mut view = vectors_file::classify_view(&json(out));
            if a["enrich"] == json!(true) {
                view["enriched"] = json(call("enrich", args)?);
            }
            view
        }
        other => panic!("unknown op {other}"),
    })
}

/// An answer as JSON, as a host that speaks JSON sees it.
fn json(out: Out) -> Value {
    match out {
        Out::Null => Value::Null,
        Out::Bool(b) => json!(b),
        Out::Int(n) => json!(n),
        Out::Str(s) => json!(s),
        Out::List(items) => Value::Array(items.into_iter().map(json).collect()),
        Out::Map(members) => Value::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.into_owned(), json(v)))
                .collect(),
        ),
    }
}

#[test]
fn every_vector_passes() {
    vectors_file::run_all(
        &common::repo(),
        300,
        |_| None,
        |op, args| run(op, args).map_err(Into::into),
    );
}

#[test]
fn catalog_json_has_not_drifted() {
    let committed = std::fs::read_to_string(common::repo().join("testdata/catalog.json")).unwrap();
    assert!(
        export(Format::Json, Lang::En) == committed,
        "testdata/catalog.json differs from the catalog: run `make catalog-json` and commit it"
    );
}
