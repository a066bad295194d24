//! The `errcat` binary as a process: exit codes, output, JSON, exports, completions.

use std::process::{Command, Output};

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("errcat runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn explain_a_koupleless_code() {
    let o = errcat(&["explain", "Arklet.InstallBizFailed"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Arklet.InstallBizFailed  New module installation failed during module installation\n"
        ),
        "{out}"
    );
    assert!(out.contains("retryable   no"), "{out}");
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn explain_a_blobstore_code_at_two_versions() {
    let old = stdout(&errcat(&["explain", "--version", "v3.5.0", "552"]));
    assert!(
        old.contains("(valid at v3.5.0)") && old.contains("now 429"),
        "{old}"
    );
    let new = stdout(&errcat(&["explain", "--version", "master", "552"]));
    assert!(new.contains("not defined at master"), "{new}");
}

#[test]
fn explain_in_chinese_resolves_an_alias() {
    let out = stdout(&errcat(&[
        "explain",
        "--lang",
        "zh",
        "ModuleController.ResourceConstrained",
    ]));
    assert!(
        out.starts_with("ModuleController.ResourceConstraned  资源受限（线程池、队列等满）"),
        "{out}"
    );
    assert!(out.contains("请稍后重试"), "{out}");
}

#[test]
fn explain_exits_1_when_any_code_is_unknown_and_says_why() {
    let o = errcat(&[
        "explain",
        "Arklet.InstallBizFailed",
        "Arklet.InstallBizFailes",
        "640",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("did you mean Arklet.InstallBizFailed"),
        "{out}"
    );
    assert!(out.contains("BlobNode (by its range)"), "{out}");
}

#[test]
fn explain_exits_2_on_usage_errors() {
    assert_eq!(errcat(&["explain"]).status.code(), Some(2));
    assert_eq!(
        errcat(&["explain", "--version", "v9", "552"]).status.code(),
        Some(2)
    );
    assert_eq!(
        errcat(&["explain", "--reporter", "Nobody", "Arklet.X"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        errcat(&["explain", "--lang", "fr", "552"]).status.code(),
        Some(2)
    );
}

#[test]
fn explain_json_is_one_object_per_code() {
    let o = errcat(&[
        "explain",
        "--json",
        "User.PullBizError",
        "OtherUpstream.InvalidParameter",
        "825",
    ]);
    assert_eq!(o.status.code(), Some(1), "the ambiguous code is not found");
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[0]["dynamic"], true);
    assert_eq!(list[0]["entry"]["reporter"], "Arklet");
    assert_eq!(list[1]["error"]["kind"], "Ambiguous");
    assert_eq!(list[1]["error"]["candidates"].as_array().unwrap().len(), 2);
    assert_eq!(list[2]["entry"]["service"], "ShardNode");
    assert_eq!(list[2]["valid"], true);
}

#[test]
fn explain_survives_hostile_input() {
    let huge = "A".repeat(100_000); // near the 128 KiB limit of one argv string
    for bad in [
        "",
        "arklet.x",
        "Arklet..X",
        "99999999999999999999999",
        huge.as_str(),
        "Arklet.\u{7f}",
    ] {
        let o = errcat(&["explain", bad]);
        assert_eq!(o.status.code(), Some(1), "{:?}", &bad[..bad.len().min(20)]);
    }
}

#[test]
fn list_filters() {
    let arklet = stdout(&errcat(&["list", "--reporter", "Arklet"]));
    assert_eq!(arklet.lines().count(), 18);
    let json: serde_json::Value = serde_json::from_slice(
        &errcat(&[
            "list",
            "--service",
            "shardnode",
            "--version",
            "master",
            "--json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 20);
    assert_eq!(errcat(&["list", "--system", "nope"]).status.code(), Some(2));
}

#[test]
fn export_json_is_the_committed_catalog() {
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/catalog.json"
    ))
    .unwrap();
    assert!(errcat(&["export", "--format", "json"]).stdout == committed);
}

#[test]
fn export_markdown_zh_re_creates_published_rows() {
    let md = stdout(&errcat(&["export", "--format", "md", "--lang", "zh"]));
    assert!(md.contains("| 通用 | Arklet | UnknownError | 未知错误（默认） | 请排查 |"));
    assert!(md.contains("| 911 | disk not found | 磁盘找不到 |"));
}

#[test]
fn export_csv_has_one_row_per_entry() {
    let csv = stdout(&errcat(&["export", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 1 + 56 + 133);
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = errcat(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("explain"), "{shell}");
    }
}
