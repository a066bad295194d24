//! Partial reports: any split of a log into files, any grouping of the files into partials, merged in any order
//! and in any number of stages, gives the report of one pass over all the files; partials of another schema,
//! catalog or setup are refused with a message saying which.

use std::path::{Path, PathBuf};

use errcat_audit::{
    analyze, merge_partials, merge_to_partial, write_partial, AuditOptions, ErrorCodes,
    PARTIAL_SCHEMA,
};
use proptest::prelude::*;

fn demo_lines() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/audit/demo.log"
    ))
    .unwrap();
    text.lines().map(str::to_string).collect()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("errcat-partial-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `lines` cut at `cuts` into files `f00.log`, `f01.log`… (each ending in a newline).
fn split(dir: &Path, lines: &[String], cuts: &[usize]) -> Vec<PathBuf> {
    let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (lines.len() + 1)).collect();
    bounds.push(0);
    bounds.push(lines.len());
    bounds.sort_unstable();
    bounds.dedup();
    bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let p = dir.join(format!("f{i:02}.log"));
            let mut text = lines[w[0]..w[1]].join("\n");
            text.push('\n');
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

fn exact() -> AuditOptions {
    AuditOptions {
        // Large enough that no summary drops anything: then the entities merge exactly too.
        entity_capacity: 1 << 16,
        ..AuditOptions::default()
    }
}

/// Equal JSON, else the first differing lines.
fn same(a: &str, b: &str) {
    if a != b {
        let diff: Vec<String> = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .take(12)
            .map(|(i, (x, y))| format!("{i}: {x} | {y}"))
            .collect();
        panic!("merged != one pass:\n{}", diff.join("\n"));
    }
}

fn part(bytes: &[Vec<u8>]) -> Vec<(&str, &[u8])> {
    bytes.iter().map(|b| ("partial", b.as_slice())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_split_merged_in_any_order_equals_one_pass(
        take in 50usize..4000,
        cuts in prop::collection::vec(0usize..100_000, 0..6),
        groups in prop::collection::vec(0usize..4, 8),
        order in prop::collection::vec(any::<u32>(), 8),
        staged in any::<bool>(),
    ) {
        let lines = demo_lines();
        let lines = &lines[..take.min(lines.len())];
        let dir = tmp(&format!("split-{take}-{}", cuts.len()));
        let files = split(&dir, lines, &cuts);
        let options = exact();
        // Files grouped into partials (group g = the files with groups[i] == g), in no particular order.
        let mut by_group: Vec<Vec<PathBuf>> = vec![Vec::new(); 4];
        for (i, f) in files.iter().enumerate() {
            by_group[groups[i % groups.len()]].push(f.clone());
        }
        by_group.retain(|g| !g.is_empty());
        let mut partials: Vec<Vec<u8>> =
            by_group.iter().map(|g| write_partial(g, &options).unwrap()).collect();
        let mut keyed: Vec<(u32, Vec<u8>)> =
            partials.drain(..).enumerate().map(|(i, p)| (order[i], p)).collect();
        keyed.sort_by_key(|k| k.0);
        let partials: Vec<Vec<u8>> = keyed.into_iter().map(|k| k.1).collect();
        let merged = if staged && partials.len() > 2 {
            // ((p0 + p1) + rest): a merge in stages.
            let first = merge_to_partial(&part(&partials[..2])).unwrap();
            let mut rest = vec![first];
            rest.extend_from_slice(&partials[2..]);
            merge_partials(&part(&rest)).unwrap()
        } else {
            merge_partials(&part(&partials)).unwrap()
        };
        // One pass over the files, groups ordered by their first file (as the merge orders runs).
        let mut sorted = by_group.clone();
        sorted.sort();
        let all: Vec<PathBuf> = sorted.into_iter().flatten().collect();
        let one = analyze(&all, &options).unwrap();
        prop_assert_eq!(merged.lines, merged.counted + merged.malformed);
        prop_assert_eq!(merged.to_json(), one.to_json());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn counts_and_histograms_merge_exactly_with_the_default_capacity() {
    let lines = demo_lines();
    let dir = tmp("default");
    let files = split(&dir, &lines, &[700, 1900, 2600]);
    let options = AuditOptions::default();
    let partials: Vec<Vec<u8>> = files
        .iter()
        .rev()
        .map(|f| write_partial(std::slice::from_ref(f), &options).unwrap())
        .collect();
    let merged = merge_partials(&part(&partials)).unwrap();
    let one = analyze(&files, &options).unwrap();
    let json = |r: &errcat_audit::Report| {
        let mut v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        v.as_object_mut().unwrap().remove("entities");
        v
    };
    assert_eq!(json(&merged), json(&one));
    assert_eq!(merged.lines, one.lines);
    assert_eq!(
        merged.malformed_lines.first.len(),
        one.malformed_lines.first.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_partial_is_compact_and_names_its_schema() {
    let log = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/audit/demo.log"
    ));
    let p = write_partial(std::slice::from_ref(&log), &AuditOptions::default()).unwrap();
    assert!(p.starts_with(format!("{PARTIAL_SCHEMA}\n").as_bytes()));
    let size = std::fs::metadata(&log).unwrap().len();
    assert!((p.len() as u64) < size / 4, "{} bytes for {size}", p.len());
    let one = analyze(&[log], &AuditOptions::default()).unwrap();
    same(
        &merge_partials(&[("p", &p)]).unwrap().to_json(),
        &one.to_json(),
    );
}

#[test]
fn refuses_other_schemas_catalogs_setups_and_garbage() {
    let dir = tmp("refuse");
    let files = split(&dir, &demo_lines()[..300], &[]);
    let p = write_partial(&files, &AuditOptions::default()).unwrap();
    let err = |parts: &[(&str, &[u8])]| merge_partials(parts).unwrap_err().to_string();

    let mut other = p.clone();
    other.splice(
        ..PARTIAL_SCHEMA.len(),
        b"errcat.audit.partial/9".iter().copied(),
    );
    let e = err(&[("a", &p), ("b.partial", &other)]);
    assert!(
        e.contains("b.partial") && e.contains("schema errcat.audit.partial/9"),
        "{e}"
    );

    let text = String::from_utf8_lossy(&p).into_owned();
    let fp = errcat_audit::catalog_fingerprint();
    let at = p
        .windows(fp.len())
        .position(|w| w == fp.as_bytes())
        .unwrap();
    let mut cat = p.clone();
    cat[at] = if cat[at] == b'0' { b'1' } else { b'0' };
    let e = err(&[("old.partial", &cat)]);
    assert!(
        e.contains("old.partial") && e.contains("another catalog"),
        "{e}"
    );
    assert!(text.contains("\"report_schema\":\"errcat.audit/2\""));

    let http = write_partial(
        &files,
        &AuditOptions {
            errors: ErrorCodes::parse("http").unwrap(),
            ..AuditOptions::default()
        },
    )
    .unwrap();
    let e = err(&[("sla.partial", &p), ("http.partial", &http)]);
    assert!(
        e.contains("http.partial") && e.contains("another setup") && e.contains("error_codes"),
        "{e}"
    );

    let e = err(&[("x", b"hello\n")]);
    assert!(e.contains("not an errcat partial report"), "{e}");
    let mut cut = p.clone();
    cut.truncate(p.len() - 10);
    let e = err(&[("cut", &cut)]);
    assert!(e.contains("cut: a body that does not"), "{e}");
    assert!(merge_partials(&[]).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_boundary_writes_and_merges_partials_as_base64_or_bytes() {
    use errcat::boundary::{Arg, Out};
    use errcat_audit::boundary::call;
    let dir = tmp("boundary");
    let files = split(&dir, &demo_lines()[..800], &[300]);
    let path = |p: &PathBuf| Arg::Str(p.display().to_string());
    let opts = Arg::List(vec![Arg::List(vec![Arg::from("errors"), Arg::from("5xx")])]);
    let one = |p: &PathBuf| match call(
        "audit_partial",
        vec![Arg::List(vec![path(p)]), opts.clone()],
    )
    .unwrap()
    {
        Out::List(v) => match &v[..] {
            [Out::Int(_), Out::Int(_), Out::Str(b64)] => b64.to_string(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    let (a, b) = (one(&files[0]), one(&files[1]));
    let raw = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(&b)
            .unwrap()
    };
    let merged = call(
        "audit_merge",
        vec![Arg::List(vec![Arg::Str(a), Arg::Bytes(raw)]), Arg::Absent],
    )
    .unwrap();
    let Out::List(v) = merged else { panic!() };
    let expected = analyze(
        &files,
        &AuditOptions {
            errors: ErrorCodes::parse("5xx").unwrap(),
            ..AuditOptions::default()
        },
    )
    .unwrap();
    assert!(matches!(&v[..], [Out::Int(l), Out::Int(m), Out::Str(json)]
        if *l == expected.lines as i64 && *m == expected.malformed as i64 && *json == expected.to_json()));
    let e = call(
        "audit_merge",
        vec![Arg::List(vec![Arg::from("!!")]), Arg::Absent],
    )
    .unwrap_err();
    assert!(e.to_string().contains("partials[0]"), "{e}");
    let e = call(
        "audit_merge",
        vec![
            Arg::List(vec![]),
            Arg::List(vec![Arg::List(vec![
                Arg::from("version"),
                Arg::from("v3.5.0"),
            ])]),
        ],
    )
    .unwrap_err();
    assert!(e.to_string().contains("unknown audit_merge option"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entities_tied_at_the_cut_do_not_depend_on_the_merge_order() {
    // 120 hosts named by text (interned, not IPv4), one request each: the 50 kept per service are chosen by name.
    let dir = tmp("names");
    let line = |i: usize| {
        format!(
            "REQ\tBLOBNODE\t1679364113777{i:04}\tGET\t/shard/get/diskid/1\t{{\"Host\":\"node-{}.example:80\"}}\t\t200\t{{}}\t\t0\t68",
            (i * 37) % 120
        )
    };
    let lines: Vec<String> = (0..120).map(line).collect();
    let files = split(&dir, &lines, &[40, 80]);
    let options = exact();
    let parts: Vec<Vec<u8>> = files
        .iter()
        .map(|f| write_partial(std::slice::from_ref(f), &options).unwrap())
        .collect();
    let one = analyze(&files, &options).unwrap().to_json();
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let ps: Vec<Vec<u8>> = order.iter().map(|&i| parts[i].clone()).collect();
        same(&merge_partials(&part(&ps)).unwrap().to_json(), &one);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn summaries_that_dropped_entities_merge_the_same_in_any_order() {
    // Small summaries over the demo log's vuids, bids and clients: they drop entities, so their merge is not
    // associative, and the partials must merge in an order of their own (their inputs), not the arguments'.
    let dir = tmp("dropped");
    let lines = demo_lines();
    let files = split(
        &dir,
        &lines,
        &[lines.len() / 4, lines.len() / 2, lines.len() * 3 / 4],
    );
    let options = AuditOptions {
        entity_capacity: 4,
        ..AuditOptions::default()
    };
    let parts: Vec<Vec<u8>> = files
        .iter()
        .map(|f| write_partial(std::slice::from_ref(f), &options).unwrap())
        .collect();
    let first = merge_partials(&part(&parts)).unwrap();
    assert!(
        first.to_json().contains("\"exact\": false"),
        "something was dropped"
    );
    for order in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
        let ps: Vec<Vec<u8>> = order.iter().map(|&i| parts[i].clone()).collect();
        same(
            &merge_partials(&part(&ps)).unwrap().to_json(),
            &first.to_json(),
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
