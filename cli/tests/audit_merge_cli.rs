//! `errcat audit --format partial -o FILE` and `errcat audit merge`: the merged report of two partials equals one
//! pass; a partial is not written to a terminal; a refused partial is a usage error (2) naming its file.

use std::path::PathBuf;
use std::process::{Command, Output};

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("errcat runs")
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("errcat-merge-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn partials_merge_into_the_one_pass_report() {
    let d = dir();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/audit/demo.log");
    let text = std::fs::read_to_string(demo).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (a, b) = (d.join("a.log"), d.join("b.log"));
    std::fs::write(&a, lines[..700].join("\n") + "\n").unwrap();
    std::fs::write(&b, lines[700..].join("\n") + "\n").unwrap();
    let s = |p: &PathBuf| p.display().to_string();
    for (log, out) in [(&a, "a.partial"), (&b, "b.partial")] {
        let o = errcat(&[
            "audit",
            "--format",
            "partial",
            "-o",
            &s(&d.join(out)),
            &s(log),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let merged = errcat(&[
        "audit",
        "merge",
        "--format",
        "json",
        &s(&d.join("b.partial")),
        &s(&d.join("a.partial")),
    ]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let one = errcat(&["audit", "--format", "json", &s(&a), &s(&b)]);
    assert_eq!(merged.stdout, one.stdout);
    let table = errcat(&[
        "audit",
        "merge",
        &s(&d.join("a.partial")),
        &s(&d.join("b.partial")),
    ]);
    assert!(String::from_utf8_lossy(&table.stdout)
        .starts_with("errcat audit 1526 lines read from 2 inputs"));
    let html = errcat(&[
        "audit",
        "merge",
        "--format",
        "html",
        "-o",
        &s(&d.join("r.html")),
        &s(&d.join("a.partial")),
    ]);
    assert!(html.status.success());
    assert!(std::fs::read_to_string(d.join("r.html"))
        .unwrap()
        .starts_with("<!DOCTYPE html>"));

    std::fs::write(d.join("bad.partial"), "not a partial\n").unwrap();
    let bad = errcat(&[
        "audit",
        "merge",
        &s(&d.join("a.partial")),
        &s(&d.join("bad.partial")),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let e = String::from_utf8_lossy(&bad.stderr);
    assert!(
        e.contains("bad.partial") && e.contains("not an errcat partial report"),
        "{e}"
    );
    let base = errcat(&[
        "audit",
        "--format",
        "partial",
        "--baseline",
        "-1h..",
        &s(&a),
    ]);
    assert_eq!(base.status.code(), Some(2));
    std::fs::remove_dir_all(&d).unwrap();
}
