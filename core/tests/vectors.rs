//! Runs every case of `testdata/vectors.json` against the Rust API.

mod common;

use errcat::{
    entries, export, find, lookup, service_of, status, Code, CodedError, Entry, Error, ErrorCode,
    Filter, Format, Lang, Reporter, Service, Source, System, Version,
};
use serde_json::{json, Value};

fn opt_str(args: &Value, key: &str) -> Option<String> {
    args[key].as_str().map(str::to_string)
}

fn version(args: &Value) -> errcat::Result<Option<Version>> {
    opt_str(args, "version")
        .map(|v| Version::parse(&v))
        .transpose()
}

fn key(entry: Entry) -> String {
    entry.key().to_string()
}

fn coded(args: &Value) -> errcat::Result<CodedError> {
    let code = ErrorCode::resolve(args["code"].as_str().unwrap(), None, None)?;
    let mut value = CodedError::from_code(code, args["detail"].as_str().unwrap());
    if !args["cause"].is_null() {
        value = value.with_cause(coded(&args["cause"])?);
    }
    Ok(value)
}

/// The view of a call's result, as defined in testdata/README.md.
fn run(op: &str, args: &Value) -> errcat::Result<Value> {
    Ok(match op {
        "lookup" => {
            let reporter = opt_str(args, "reporter")
                .map(|r| Reporter::from_name(&r))
                .transpose()?;
            let r = lookup(args["code"].as_str().unwrap(), reporter)?;
            json!({
                "code": r.to_string(), "source": r.source.name(), "type": r.entry.error_type,
                "reporter": r.entry.reporter.name(), "dynamic": r.is_dynamic(), "alias": r.alias,
                "retryable": r.entry.retryable, "meaning_en": r.entry.meaning.en, "meaning_zh": r.entry.meaning.zh,
                "solution_en": r.entry.solution.en, "solution_zh": r.entry.solution.zh,
            })
        }
        "find" => {
            let keys: Vec<String> = find(args["code"].as_str().unwrap())?
                .into_iter()
                .map(key)
                .collect();
            json!({ "count": keys.len(), "keys": keys })
        }
        "status" => {
            let m = status(args["code"].as_i64().unwrap(), version(args)?)?;
            let e = m.entry;
            json!({
                "code": e.code, "service": e.service.name(), "message": e.message, "valid": m.valid,
                "versions": e.versions.iter().map(|v| v.name()).collect::<Vec<_>>(), "retry": e.retry.name(),
                "renumbered_to": e.renumbered_to, "renumbered_from": e.renumbered_from,
                "go_const": e.go_const, "go_err": e.go_err,
            })
        }
        "service_of" => {
            json!({ "service": service_of(args["code"].as_i64().unwrap(), version(args)?)?.name() })
        }
        "parse" => {
            let c = Code::parse(args["text"].as_str().unwrap())?;
            json!({ "source": c.source().name(), "type": c.error_type(), "code": c.to_string() })
        }
        "compose" => {
            let source = Source::from_name(args["source"].as_str().unwrap())?;
            json!({ "code": Code::compose(source, args["type"].as_str().unwrap())?.to_string() })
        }
        "entries" => {
            let filter = Filter {
                system: opt_str(args, "system")
                    .map(|s| System::parse(&s))
                    .transpose()?,
                reporter: opt_str(args, "reporter")
                    .map(|s| Reporter::from_name(&s))
                    .transpose()?,
                service: opt_str(args, "service")
                    .map(|s| Service::from_name(&s))
                    .transpose()?,
                version: version(args)?,
            };
            let keys: Vec<String> = entries(filter).map(key).collect();
            json!({ "count": keys.len(), "first": keys.first(), "last": keys.last() })
        }
        "problem" => json!({ "json": coded(args)?.to_problem_json() }),
        "arklet" => json!({ "json": coded(args)?.to_arklet_json() }),
        "export" => {
            let format = Format::parse(args["format"].as_str().unwrap())?;
            let lang = Lang::parse(args["lang"].as_str().unwrap())?;
            json!({ "text": export(format, lang) })
        }
        other => panic!("unknown op {other}"),
    })
}

fn check(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap();
    let got: Result<Value, Error> = run(case["op"].as_str().unwrap(), &case["args"]);
    match (got, case.get("expect"), case.get("error")) {
        (Ok(view), Some(expect), _) => {
            for (k, want) in expect.as_object().unwrap() {
                let ok = match k.as_str() {
                    "contains" => want
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|s| view["text"].as_str().unwrap().contains(s.as_str().unwrap())),
                    "equals_file" => {
                        let file =
                            std::fs::read_to_string(common::repo().join(want.as_str().unwrap()))
                                .unwrap();
                        view["text"].as_str().unwrap() == file
                    }
                    _ => &view[k] == want,
                };
                if !ok {
                    return Err(format!(
                        "{name}: {k}: want {want}, got {}",
                        if view.get(k).is_some() {
                            &view[k]
                        } else {
                            &Value::Null
                        }
                    ));
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

#[test]
fn every_vector_passes() {
    let text = std::fs::read_to_string(common::repo().join("testdata/vectors.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 80, "at least 80 vectors");
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
