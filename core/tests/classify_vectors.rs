//! Runs every case of `testdata/vectors-classify.json` against `errcat::classify` (the view is defined in
//! testdata/README.md, op `classify`).

mod common;

use errcat::{classify, Classification, ClassifyContext, Error};
use serde_json::{json, Map, Value};

/// The body a case describes: `body` (text), `body_hex` (bytes), or `body_template` (`head` + `repeat` × `times`
/// + `tail`, for the large ones).
pub fn body(args: &Value) -> Vec<u8> {
    if let Some(text) = args["body"].as_str() {
        return text.as_bytes().to_vec();
    }
    if let Some(hex) = args["body_hex"].as_str() {
        return (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect();
    }
    let t = &args["body_template"];
    let mut out = t["head"].as_str().unwrap().to_string();
    out.push_str(
        &t["repeat"]
            .as_str()
            .unwrap()
            .repeat(t["times"].as_u64().unwrap() as usize),
    );
    out.push_str(t["tail"].as_str().unwrap());
    out.into_bytes()
}

fn view(c: &Classification) -> Value {
    let e = c.evidence();
    let placeholders: Map<String, Value> = e
        .placeholders
        .iter()
        .map(|(n, v)| (n.clone(), json!(v)))
        .collect();
    let results: Vec<Value> = c
        .results()
        .iter()
        .map(|i| match &i.result {
            Ok(r) => json!({
                "key": i.key, "outcome": r.outcome().name(), "code": r.code().map(|x| x.to_string()), "rule": r.rule(),
            }),
            Err(_) => json!({ "key": i.key, "outcome": "unclassified", "code": null, "rule": null }),
        })
        .collect();
    json!({
        "outcome": c.outcome().name(),
        "code": c.code().map(|x| x.to_string()),
        "reporter": c.reporter().map(|r| r.name()),
        "rule": c.rule(),
        "retryable": c.retryable(),
        "command": e.command.map(|c| c.name()),
        "shape": e.shape.name(),
        "exception": e.exception,
        "cause": e.cause,
        "cause_message": e.cause_message,
        "cause_origin": e.cause_origin.map(|o| o.name()),
        "causes": e.causes,
        "frames": e.frames,
        "placeholders": placeholders,
        "results": results,
    })
}

fn run(args: &Value) -> errcat::Result<Value> {
    let ctx = ClassifyContext::parse(
        args["command"].as_str(),
        args["http_status"].as_i64(),
        args["tunnel"].as_str(),
    )?;
    let bytes = body(args);
    let c = classify(&bytes, &ctx)?;
    let mut v = view(&c);
    if args["enrich"].as_bool() == Some(true) {
        v["enriched"] = json!(c.enrich(&bytes)?);
    }
    Ok(v)
}

fn check(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap();
    assert_eq!(case["op"], "classify", "{name}");
    let got: Result<Value, Error> = run(&case["args"]);
    match (got, case.get("expect"), case.get("error")) {
        (Ok(view), Some(expect), _) => {
            for (k, want) in expect.as_object().unwrap() {
                if &view[k] != want {
                    return Err(format!("{name}: {k}: want {want}, got {}", view[k]));
                }
            }
            Ok(())
        }
        (Err(e), _, Some(want)) if e.kind().name() == want["kind"] => Ok(()),
        (Err(e), _, Some(want)) => Err(format!(
            "{name}: want {}, got {:?}: {e}",
            want["kind"],
            e.kind()
        )),
        (Ok(view), None, _) => Err(format!("{name}: want an error, got {view}")),
        (Err(e), _, None) => Err(format!("{name}: unexpected {:?}: {e}", e.kind())),
    }
}

#[test]
fn every_classify_vector_passes() {
    let text =
        std::fs::read_to_string(common::repo().join("testdata/vectors-classify.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 120, "at least 120 classify vectors");
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
