//! The conformance vectors (`testdata/vectors*.json`, format in testdata/README.md): loading, expanding long
//! strings, and checking a runner's view or failure against a case. Shared by the Rust runner and the CLI's.

#![allow(dead_code)]

use std::path::Path;

use serde_json::{json, Value};

/// A failed call as a runner saw it.
pub struct Failure {
    pub kind: String,
    pub message: String,
    pub suggestions: Option<Vec<String>>,
    pub candidates: Option<Vec<String>>,
}

impl From<errcat::Error> for Failure {
    fn from(e: errcat::Error) -> Failure {
        Failure {
            kind: e.kind().name().to_string(),
            message: e.to_string(),
            suggestions: Some(e.suggestions().to_vec()),
            candidates: Some(e.candidates().to_vec()),
        }
    }
}

/// Expands the long-string objects `{"repeat", "count", "prefix", "suffix"}` anywhere in a case.
pub fn expand(value: &Value) -> Value {
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

/// Every case of every `testdata/vectors*.json`, expanded, in file order.
pub fn all_cases(repo: &Path) -> Vec<Value> {
    let mut files: Vec<_> = std::fs::read_dir(repo.join("testdata"))
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
            doc["cases"]
                .as_array()
                .unwrap()
                .iter()
                .map(expand)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether the view satisfies expectation `key: want`.
fn satisfies(repo: &Path, view: &Value, key: &str, want: &Value) -> bool {
    match key {
        "contains" => want.as_array().unwrap().iter().all(|s| {
            view["text"]
                .as_str()
                .unwrap_or("")
                .contains(s.as_str().unwrap())
        }),
        "equals_file" => {
            let file = std::fs::read_to_string(repo.join(want.as_str().unwrap())).unwrap();
            view["text"].as_str() == Some(file.as_str())
        }
        "keys_include" => want
            .as_array()
            .unwrap()
            .iter()
            .all(|k| view["keys"].as_array().is_some_and(|keys| keys.contains(k))),
        _ => &view[key] == want,
    }
}

/// Checks one case's outcome; the error names the case.
pub fn check(repo: &Path, case: &Value, got: Result<Value, Failure>) -> Result<(), String> {
    let name = case["name"].as_str().unwrap();
    match (got, case.get("expect"), case.get("error")) {
        (Ok(view), Some(expect), _) => {
            for (k, want) in expect.as_object().unwrap() {
                if !satisfies(repo, &view, k, want) {
                    let got = view.get(k).cloned().unwrap_or(Value::Null);
                    return Err(format!("{name}: {k}: want {want}, got {got}"));
                }
            }
            Ok(())
        }
        (Err(f), _, Some(want)) => {
            if f.kind != want["kind"] {
                return Err(format!(
                    "{name}: want {}, got {}: {}",
                    want["kind"], f.kind, f.message
                ));
            }
            for (field, got) in [
                ("suggestions", &f.suggestions),
                ("candidates", &f.candidates),
            ] {
                if let (Some(list), Some(got)) = (want.get(field), got) {
                    if list != &json!(got) {
                        return Err(format!("{name}: {field}: want {list}, got {got:?}"));
                    }
                }
            }
            Ok(())
        }
        (Ok(view), None, _) => Err(format!("{name}: want an error, got {view}")),
        (Err(f), _, None) => Err(format!(
            "{name}: unexpected error {}: {}",
            f.kind, f.message
        )),
    }
}

/// Runs every case through `run` and fails listing every failure; `skip` says why a case cannot be run (then it
/// is counted, and the count printed).
pub fn run_all(
    repo: &Path,
    minimum: usize,
    skip: impl Fn(&Value) -> Option<&'static str>,
    run: impl Fn(&str, &Value) -> Result<Value, Failure>,
) {
    let cases = all_cases(repo);
    assert!(
        cases.len() >= minimum,
        "at least {minimum} vectors, found {}",
        cases.len()
    );
    let mut skipped = std::collections::BTreeMap::new();
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| match skip(c) {
            Some(why) => {
                *skipped.entry(why).or_insert(0) += 1;
                false
            }
            None => true,
        })
        .filter_map(|c| check(repo, c, run(c["op"].as_str().unwrap(), &c["args"])).err())
        .collect();
    println!("{} vectors, skipped: {skipped:?}", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The body of a `classify` case: `body` (text, long ones already expanded) or `body_hex` (bytes).
pub fn classify_body(args: &Value) -> Vec<u8> {
    match args["body_hex"].as_str() {
        Some(hex) => (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect(),
        None => args["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

/// The view of a `classify` case (testdata/README.md) from the classification's JSON object (the core's
/// `to_json_value`, which `errcat classify --json` prints; the boundary's answer has its members but `entry`, and
/// each code's `answer` id).
pub fn classify_view(c: &Value) -> Value {
    let e = &c["evidence"];
    let results: Vec<Value> = c["results"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| json!({"key": i["key"], "outcome": i["outcome"], "code": i["code"], "rule": i["rule"]}))
                .collect()
        })
        .unwrap_or_default();
    let mut view = json!({"outcome": c["outcome"], "code": c["code"], "reporter": c["reporter"], "rule": c["rule"],
        "retryable": c["retryable"], "placeholders": e["placeholders"], "results": results});
    for k in [
        "command",
        "shape",
        "exception",
        "cause",
        "cause_message",
        "cause_origin",
        "causes",
        "frames",
    ] {
        view[k] = e[k].clone();
    }
    view
}
