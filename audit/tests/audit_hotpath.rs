//! The analysis's fast path (one pass for newlines and TABs, lines starting with `REQ<TAB>` validated from the
//! TAB positions, api labels remembered per (module, path head)) against the line-by-line reference: `parse_line`
//! and `api_label` on every line. Lines are built from pieces that stress it: TABs, `\r`, `REQ` prefixes, JSON,
//! paths with versions, `admin`, `v2/tune`, upper case and non-ASCII, every api level.

use std::collections::BTreeMap;
use std::path::PathBuf;

use errcat_audit::{analyze, api_label, parse_line, AuditOptions, MalformedKind};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("REQ\t".to_string()),
        Just("\t".to_string()),
        Just("\r".to_string()),
        Just("/".to_string()),
        Just("{}".to_string()),
        Just("16793641137770897".to_string()),
        Just("651".to_string()),
        Just("ACCESS@10.0.0.1:9500".to_string()),
        prop::sample::select(vec![
            "/v2/tune/a/b",
            "/V2/Tune/x",
            "/v2-tune/q",
            "/admin/chunk/x",
            "/Admin//y",
            "/v1/put",
            "/v12/",
            "/shard/get/1",
            "/a b/c",
            "/Ünï/x",
            "x/y/z",
            "/",
            "//",
            "/put",
            "/a/b/c/d/e",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9 ._-]{0,6}",
    ]
}

/// A line made of pieces, or a well-formed line with chosen module, method and path.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(piece(), 0..16).prop_map(|p| p.concat()),
        (
            prop::sample::select(vec!["BLOBNODE", "access", "ACCESS@h:1", "Sch", "ÜB", ""]),
            prop::sample::select(vec!["GET", "", "PSH"]),
            prop::collection::vec(piece(), 0..5),
            prop::sample::select(vec!["200", "651", "x", "1000"]),
            prop::sample::select(vec!["", "\r", "\textra\tmore", "\tone"]),
        )
            .prop_map(|(m, meth, path, code, tail)| {
                let path = path.concat().replace(['\t', '\n'], "");
                format!("REQ\t{m}\t16793641137770897\t{meth}\t{path}\t{{}}\t\t{code}\t{{}}\t\t0\t68{tail}")
            }),
    ]
}

/// (service, api, code) → count and malformed kind → count, the reference way.
type Counts = (
    BTreeMap<(String, String, u16), u64>,
    BTreeMap<&'static str, u64>,
);

fn reference(lines: &[String], level: usize) -> Counts {
    let mut counts = BTreeMap::new();
    let mut bad = BTreeMap::new();
    for l in lines {
        match parse_line(l.as_bytes()) {
            Ok(r) => {
                let module = String::from_utf8_lossy(&r.module).into_owned();
                let method = String::from_utf8_lossy(&r.method).into_owned();
                let path = String::from_utf8_lossy(&r.path).into_owned();
                let api = api_label(&module, &method, &path, level);
                *counts.entry((module, api, r.status)).or_default() += 1;
            }
            Err(m) => *bad.entry(m.kind.name()).or_default() += 1,
        }
    }
    (counts, bad)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn fast_path_counts_like_parse_line(lines in prop::collection::vec(line(), 1..120), level in 1usize..5, final_nl in any::<bool>()) {
        // Lossy text only: the reference builds labels from `&str`.
        prop_assume!(lines.iter().all(|l| !l.contains('\n')));
        let dir = std::env::temp_dir().join(format!("errcat-audit-hot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path: PathBuf = dir.join("0-0.log");
        let mut text = lines.join("\n");
        if final_nl || lines.last().is_some_and(String::is_empty) {
            text.push('\n'); // else the last line ends the file without one
        }
        // The newest file of its directory: a last line without `\n` is in flight, not counted.
        let in_flight = !text.ends_with('\n');
        std::fs::write(&path, text).unwrap();
        let report = analyze(&[path], &AuditOptions { max_api_level: level, ..AuditOptions::default() }).unwrap();
        prop_assert_eq!(report.in_flight.len(), usize::from(in_flight));
        let lines = &lines[..lines.len() - usize::from(in_flight)];
        let (counts, bad) = reference(lines, level);
        let mut got = BTreeMap::new();
        for s in &report.series {
            *got.entry((s.service.clone(), s.api.clone(), s.code)).or_default() += s.count;
        }
        prop_assert_eq!(report.lines, lines.len() as u64);
        prop_assert_eq!(got, counts);
        let got_bad: BTreeMap<&'static str, u64> = MalformedKind::ALL
            .iter()
            .filter_map(|k| report.malformed_lines.by_kind.get(k.name()).map(|&n| (k.name(), n)))
            .collect();
        prop_assert_eq!(got_bad, bad);
    }
}
