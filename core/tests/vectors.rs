//! Runs every case of `testdata/vectors*.json` through `errcat::boundary::call`, the entry point the bindings use,
//! and builds each result's view from the answer ids (testdata/README.md) as a host package would.

mod common;

use errcat::boundary::{call, Answer, Arg, Out};
use errcat::{export, Entry, Error, Format, Lang, Source};
use serde_json::{json, Value};

/// Expands the long-string objects `{"repeat", "count", "prefix", "suffix"}` anywhere in a case.
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(m) if m.contains_key("repeat") => {
            let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
            let count = m["count"].as_u64().unwrap() as usize;
            Value::String(format!(
                "{}{}{}",
                s("prefix"),
                s("repeat").repeat(count),
                s("suffix")
            ))
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

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
        other => panic!("unknown op {other}"),
    })
}

/// Whether the view satisfies expectation `key: want` (testdata/README.md).
fn satisfies(view: &Value, key: &str, want: &Value) -> bool {
    match key {
        "contains" => want
            .as_array()
            .unwrap()
            .iter()
            .all(|s| view["text"].as_str().unwrap().contains(s.as_str().unwrap())),
        "equals_file" => {
            let file =
                std::fs::read_to_string(common::repo().join(want.as_str().unwrap())).unwrap();
            view["text"].as_str().unwrap() == file
        }
        "keys_include" => want
            .as_array()
            .unwrap()
            .iter()
            .all(|k| view["keys"].as_array().unwrap().contains(k)),
        _ => &view[key] == want,
    }
}

fn check(case: &Value) -> Result<(), String> {
    let case = expand(case);
    let name = case["name"].as_str().unwrap();
    let got: Result<Value, Error> = run(case["op"].as_str().unwrap(), &case["args"]);
    match (got, case.get("expect"), case.get("error")) {
        (Ok(view), Some(expect), _) => {
            for (k, want) in expect.as_object().unwrap() {
                if !satisfies(&view, k, want) {
                    let got = view.get(k).cloned().unwrap_or(Value::Null);
                    return Err(format!("{name}: {k}: want {want}, got {got}"));
                }
            }
            Ok(())
        }
        (Err(e), _, Some(want)) => {
            if e.kind().name() != want["kind"] {
                return Err(format!(
                    "{name}: want {}, got {:?}: {e}",
                    want["kind"],
                    e.kind()
                ));
            }
            for (field, got) in [
                ("suggestions", e.suggestions()),
                ("candidates", e.candidates()),
            ] {
                if let Some(list) = want.get(field) {
                    if list != &json!(got) {
                        return Err(format!("{name}: {field}: want {list}, got {got:?}"));
                    }
                }
            }
            Ok(())
        }
        (Ok(view), None, _) => Err(format!("{name}: want an error, got {view}")),
        (Err(e), _, None) => Err(format!("{name}: unexpected error {:?}: {e}", e.kind())),
    }
}

/// Every case of every `testdata/vectors*.json`.
fn all_cases() -> Vec<Value> {
    let mut files: Vec<_> = std::fs::read_dir(common::repo().join("testdata"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("vectors") && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            doc["cases"].as_array().unwrap().clone()
        })
        .collect()
}

#[test]
fn every_vector_passes() {
    let cases = all_cases();
    assert!(
        cases.len() >= 300,
        "at least 300 vectors, found {}",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
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
