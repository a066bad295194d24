//! Every conformance vector (`testdata/vectors*.json`) through the `errcat` command and its JSON output: the CLI
//! answers like every language. A case the command line cannot express is skipped with the reason, counted.

#[path = "../../core/tests/common/vectors.rs"]
mod vectors_file;

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};
use vectors_file::Failure;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `errcat args…`: the parsed JSON of stdout, or the failure `errcat: Kind: message` on stderr.
fn errcat(args: &[String], json_out: bool) -> Result<Value, Failure> {
    let o = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .output()
        .expect("errcat runs");
    let stdout = String::from_utf8(o.stdout).expect("UTF-8 output");
    if o.status.success() {
        return Ok(if json_out {
            serde_json::from_str(&stdout).expect("JSON output")
        } else {
            json!(stdout)
        });
    }
    let stderr = String::from_utf8_lossy(&o.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("errcat: "))
        .unwrap_or_else(|| panic!("{args:?}: {stderr}"));
    let (kind, message) = line["errcat: ".len()..]
        .split_once(": ")
        .unwrap_or(("?", line));
    Err(Failure {
        kind: kind.into(),
        message: message.into(),
        suggestions: None,
        candidates: None,
    })
}

/// `--flag value` for each argument given (a `null` is an option left out).
fn options(args: &Value, names: &[(&str, &str)]) -> Vec<String> {
    names
        .iter()
        .filter_map(|(flag, name)| {
            args[*name]
                .as_str()
                .map(|v| vec![flag.to_string(), v.to_string()])
        })
        .flatten()
        .collect()
}

fn key(entry: &Value) -> String {
    match entry["system"].as_str() {
        Some("koupleless") => format!(
            "{}/{}",
            entry["reporter"].as_str().unwrap(),
            entry["type"].as_str().unwrap()
        ),
        _ => format!("{}/{}", entry["code"], entry["go_const"].as_str().unwrap()),
    }
}

/// `explain --json`'s one object: a view, or the failure it reports.
fn explained(object: &Value) -> Result<&Value, Failure> {
    if object["found"] == json!(true) {
        return Ok(object);
    }
    let e = &object["error"];
    let list = |k: &str| {
        Some(
            e[k].as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect(),
        )
    };
    Err(Failure {
        kind: e["kind"].as_str().unwrap().into(),
        message: e["message"].as_str().unwrap().into(),
        suggestions: list("suggestions"),
        candidates: list("candidates"),
    })
}

fn explain(code: &Value, flags: Vec<String>) -> Result<Value, Failure> {
    let mut args = vec!["explain".to_string(), "--json".into()];
    args.extend(flags);
    args.extend([
        "--".to_string(),
        code.as_i64()
            .map_or_else(|| code.as_str().unwrap().to_string(), |n| n.to_string()),
    ]);
    // explain prints the objects and exits 1 when a code is not found: the objects say why.
    let o = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(&args)
        .output()
        .expect("errcat runs");
    if !o.stdout.is_empty() {
        let list: Value = serde_json::from_slice(&o.stdout).expect("JSON output");
        return Ok(list[0].clone());
    }
    errcat(&args, true)
}

fn run(op: &str, a: &Value) -> Result<Value, Failure> {
    let text = |k: &str| a[k].as_str().unwrap_or_default().to_string();
    match op {
        "lookup" => {
            let object = explain(&a["code"], options(a, &[("--reporter", "reporter")]))?;
            let r = explained(&object)?;
            let e = &r["entry"];
            Ok(json!({
                "code": r["code"], "source": r["source"], "dynamic": r["dynamic"], "alias": r["alias"],
                "type": e["type"], "reporter": e["reporter"], "retryable": e["retryable"],
                "meaning_en": e["meaning"]["en"], "meaning_zh": e["meaning"]["zh"],
                "solution_en": e["solution"]["en"], "solution_zh": e["solution"]["zh"],
            }))
        }
        "status" => {
            let object = explain(&a["code"], options(a, &[("--version", "version")]))?;
            let m = explained(&object)?;
            let e = &m["entry"];
            let mut view = json!({"valid": m["valid"]});
            for k in [
                "code",
                "service",
                "message",
                "versions",
                "retry",
                "renumbered_to",
                "renumbered_from",
                "go_const",
                "go_err",
            ] {
                view[k] = e[k].clone();
            }
            Ok(view)
        }
        "service_of" => {
            let object = explain(&a["code"], options(a, &[("--version", "version")]))?;
            match &object["service"] {
                Value::String(s) => Ok(json!({"service": s})),
                // No service: the number's own failure, or (a number known only elsewhere) no service at the version.
                _ => explained(&object).and_then(|_| {
                    Err(Failure {
                        kind: "NotFound".into(),
                        message: "no service".into(),
                        suggestions: None,
                        candidates: None,
                    })
                }),
            }
        }
        "find" | "search" => {
            let arg = if op == "find" {
                text("code")
            } else {
                text("words")
            };
            let list = errcat(&[op.into(), "--json".into(), "--".into(), arg], true)?;
            let keys: Vec<String> = list.as_array().unwrap().iter().map(key).collect();
            Ok(json!({"count": keys.len(), "keys": keys}))
        }
        "entries" => {
            let mut args = vec!["list".to_string(), "--json".into()];
            args.extend(options(
                a,
                &[
                    ("--system", "system"),
                    ("--reporter", "reporter"),
                    ("--service", "service"),
                    ("--version", "version"),
                ],
            ));
            let list = errcat(&args, true)?;
            let keys: Vec<String> = list.as_array().unwrap().iter().map(key).collect();
            Ok(json!({"count": keys.len(), "first": keys.first(), "last": keys.last()}))
        }
        "parse" => errcat(
            &["parse".into(), "--json".into(), "--".into(), text("text")],
            true,
        ),
        "compose" => errcat(
            &[
                "compose".into(),
                "--json".into(),
                "--".into(),
                text("source"),
                text("type"),
            ],
            true,
        ),
        "export" => {
            let mut args = vec!["export".to_string()];
            args.extend(options(a, &[("--format", "format"), ("--lang", "lang")]));
            errcat(&args, false).map(|text| json!({"text": text}))
        }
        "problem" | "arklet" => {
            let chain = a["chain"].as_array().unwrap();
            let mut args = vec!["render".to_string(), format!("--{op}")];
            args.extend(options(
                &chain[0],
                &[("--reporter", "reporter"), ("--version", "version")],
            ));
            for link in &chain[1..] {
                args.extend([
                    "--cause".into(),
                    text_of(&link["code"]),
                    text_of(&link["detail"]),
                ]);
            }
            args.extend([
                "--".into(),
                text_of(&chain[0]["code"]),
                text_of(&chain[0]["detail"]),
            ]);
            errcat(&args, false)
                .map(|out| json!({"json": out.as_str().unwrap().trim_end_matches('\n')}))
        }
        "classify" => {
            let file = std::env::temp_dir().join(format!(
                "errcat-vector-{}-{:x}.body",
                std::process::id(),
                rand_id(a)
            ));
            std::fs::write(&file, vectors_file::classify_body(a)).unwrap();
            let mut args = vec!["classify".to_string(), "--json".into()];
            args.extend(options(
                a,
                &[("--command", "command"), ("--tunnel", "tunnel")],
            ));
            if let Some(n) = a["http_status"].as_i64() {
                args.extend(["--http-status".to_string(), n.to_string()]);
            }
            args.push(file.to_string_lossy().into_owned());
            let classified = classify_json(&args);
            let mut view = classified.map(|c| vectors_file::classify_view(&c));
            if a["enrich"] == json!(true) {
                if let Ok(v) = &mut view {
                    args[1] = "--enrich".into();
                    v["enriched"] = errcat(&args, false)?;
                }
            }
            std::fs::remove_file(&file).ok();
            view
        }
        other => panic!("unknown op {other}"),
    }
}

/// A file name for a case's body, distinct per case.
fn rand_id(a: &Value) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    a.to_string().hash(&mut h);
    h.finish()
}

/// `errcat classify --json`: the classification, or the failure its `outcome: unclassified` object reports.
fn classify_json(args: &[String]) -> Result<Value, Failure> {
    let o = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .output()
        .expect("errcat runs");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let Ok(c) = serde_json::from_slice::<Value>(&o.stdout) else {
        // A wrong argument is a usage error (exit 2), as for every command.
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        return Err(Failure {
            kind: "InvalidArgument".into(),
            message: stderr,
            suggestions: None,
            candidates: None,
        });
    };
    if c["outcome"] == "unclassified" {
        let e = &c["error"];
        return Err(Failure {
            kind: e["kind"].as_str().unwrap().into(),
            message: e["message"].to_string(),
            suggestions: None,
            candidates: None,
        });
    }
    Ok(c)
}

fn text_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Why a case cannot go through a command line, if it cannot.
fn skip(case: &Value) -> Option<&'static str> {
    let text = case["args"].to_string();
    if text.contains("\\u0000") {
        return Some("a command line cannot carry a NUL");
    }
    let a = &case["args"];
    match case["op"].as_str().unwrap() {
        "lookup" => {
            let code = a["code"].as_str().unwrap_or_default();
            if errcat::boundary::ops::number_text(code).is_some() || !code.contains('.') {
                return Some(
                    "explain reads a number as a status and a bare type as every table's entries",
                );
            }
            None
        }
        "problem" | "arklet" => {
            let chain = a["chain"].as_array().unwrap();
            let same = |k: &str| chain.iter().all(|l| l[k] == chain[0][k]);
            let causes_plain = chain
                .iter()
                .skip(1)
                .all(|l| l["code"].as_str().is_some_and(|c| !c.starts_with('-')));
            (!(same("reporter") && same("version") && causes_plain))
                .then_some("render's --reporter/--version apply to every link")
        }
        _ => None,
    }
}

#[test]
fn every_vector_passes_through_the_command_line() {
    vectors_file::run_all(&repo(), 300, skip, run);
}
