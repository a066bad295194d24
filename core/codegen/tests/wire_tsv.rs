//! The rule file against the reference: every row of `../shared/reference/koupleless-arklet-responses.tsv` whose
//! proposed code is not `none` is classified, with its placeholders filled two ways (the `row` cases of
//! `testdata/vectors-classify.json`), by a rule that lists the row, to the row's proposed code. The rules run on
//! the core's own decoder and matcher (`core/src/classify`), compiled here from the validated rule file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

// The core's classification modules: codegen compiles the matcher, the decoder (serde_json) is compiled here.
use errcat_codegen::wire::{rules, subject, trace};
#[path = "../../src/classify/decode.rs"]
#[allow(dead_code)]
mod decode;

use decode::Answer;
use rules::{first_match, ArkletCommand, Rule, Tunnel};
use subject::{Call, Subject};
use trace::Packages;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The TSV's data rows (1 = first), as column name → cell.
fn tsv() -> Vec<BTreeMap<String, String>> {
    let path = repo().join("../shared/reference/koupleless-arklet-responses.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "this test needs ../shared/reference beside the repo; cannot read {}: {e}",
            path.display()
        )
    });
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 11, "TSV columns");
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "{l}");
            header
                .iter()
                .zip(cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// The two-level codes a TSV cell names (`Arklet.PullBizError | Arklet.InstallationRequirementNotMet`).
fn codes(cell: &str) -> Vec<String> {
    cell.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter(|w| {
            w.split_once('.').is_some_and(|(s, t)| {
                s.starts_with(|c: char| c.is_ascii_uppercase())
                    && t.starts_with(|c: char| c.is_ascii_uppercase())
            })
        })
        .map(str::to_string)
        .collect()
}

/// Whether a row is one of ModuleController's own client errors (classified by its table's `mc_table_code`).
fn client_row(row: &BTreeMap<String, String>) -> bool {
    row["command"].contains("(MC http client)") || row["message"] == "network info not found"
}

/// The codes a row expects: the proposed code, or for a client error the ModuleController table's.
fn expected(row: &BTreeMap<String, String>) -> Vec<String> {
    if client_row(row) {
        codes(&row["mc_table_code"])
    } else {
        codes(&row["proposed_code"])
    }
}

fn body(args: &Value) -> Vec<u8> {
    if let Some(text) = args["body"].as_str() {
        return text.as_bytes().to_vec();
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

fn call(args: &Value) -> Call {
    Call {
        tunnel: args["tunnel"]
            .as_str()
            .and_then(Tunnel::from_name_ignore_case)
            .unwrap_or_default(),
        command: args["command"]
            .as_str()
            .and_then(ArkletCommand::from_name_ignore_case),
        http_status: args["http_status"].as_u64().map(|s| s as u16),
    }
}

/// The rule that decides an answer, as the core decides it (a composite answer: its first failing entry).
fn decide(rules: &'static [Rule], packages: &Packages, args: &Value) -> Option<&'static Rule> {
    let bytes = body(args);
    let text = std::str::from_utf8(&bytes).unwrap();
    let call = call(args);
    let read = decode::read(text, call.tunnel).unwrap();
    match decode::answer(text, &read, call, packages).unwrap() {
        Answer::One(s) => first_match(rules, &s),
        Answer::Many { envelope, items } => {
            let decided: Vec<Option<&Rule>> = items
                .iter()
                .map(|(_, s): &(String, Subject)| first_match(rules, s))
                .collect();
            decided
                .iter()
                .flatten()
                .find(|r| !r.success)
                .copied()
                .or_else(|| first_match(rules, &envelope))
        }
    }
}

#[test]
fn every_row_with_a_proposed_code_is_classified_by_the_rule_that_lists_it() {
    let catalog =
        errcat_codegen::load(&repo().join("catalog")).unwrap_or_else(|p| panic!("{p:#?}"));
    let (rules, packages) = catalog.wire.leak();
    let rows = tsv();
    assert_eq!(rows.len(), 87, "the reference has 87 rows");
    let vectors: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("testdata/vectors-classify.json")).unwrap(),
    )
    .unwrap();

    let mut cases_per_row: BTreeMap<usize, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in vectors["cases"].as_array().unwrap() {
        let Some(row) = case["row"].as_u64().map(|r| r as usize) else {
            continue;
        };
        let like = case["as_row"].as_u64().map_or(row, |r| r as usize);
        *cases_per_row.entry(row).or_default() += 1;
        let name = case["name"].as_str().unwrap();
        let want = expected(&rows[like - 1]);
        match decide(rules, packages, &case["args"]) {
            None => failures.push(format!(
                "{name}: no rule matches (row {row} expects {want:?})"
            )),
            Some(rule) => {
                if !want.iter().any(|c| c == rule.code) {
                    failures.push(format!(
                        "{name}: rule {} gives {:?}, row {like} proposes {want:?}",
                        rule.id, rule.code
                    ));
                }
                if !rule
                    .rows
                    .iter()
                    .any(|&r| usize::from(r) == row || usize::from(r) == like)
                {
                    failures.push(format!(
                        "{name}: decided by rule {}, which does not list row {row}{}",
                        rule.id,
                        if like == row {
                            String::new()
                        } else {
                            format!(" or {like}")
                        }
                    ));
                }
            }
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        let classified =
            row["proposed_code"] != "none" || (client_row(row) && !expected(row).is_empty());
        if classified && cases_per_row.get(&n).copied().unwrap_or(0) < 2 {
            failures.push(format!(
                "row {n} ({}) has {} case(s); every row with a code needs two fills",
                row["message"],
                cases_per_row.get(&n).copied().unwrap_or(0)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_lists_rows_that_propose_its_code() {
    let catalog = errcat_codegen::load(&repo().join("catalog")).unwrap();
    let rows = tsv();
    let mut claimed = vec![false; rows.len()];
    let mut failures = Vec::new();
    for rule in &catalog.wire.rules {
        for &r in &rule.rows {
            let Some(row) = rows.get(usize::from(r) - 1) else {
                failures.push(format!("rule {}: row {r} is not in the TSV", rule.id));
                continue;
            };
            claimed[usize::from(r) - 1] = true;
            let want = expected(row);
            let ok = if rule.success {
                row["proposed_code"] == "none"
            } else {
                // A row "as the matching row" names no code of its own.
                want.is_empty() || want.contains(&rule.code)
            };
            if !ok {
                failures.push(format!(
                    "rule {} ({}) lists row {r}, which proposes {:?}",
                    rule.id,
                    if rule.success { "success" } else { &rule.code },
                    row["proposed_code"]
                ));
            }
        }
    }
    for (i, row) in rows.iter().enumerate() {
        if !expected(row).is_empty() && !claimed[i] {
            failures.push(format!(
                "row {} ({}) proposes {:?} but no rule lists it",
                i + 1,
                row["message"],
                expected(row)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
