//! The rule validator rejects each kind of broken `koupleless-wire.toml` with one line per problem,
//! `file: rule: problem`, like the catalog validator.

use std::path::Path;

use errcat_codegen::model::Koupleless;

const FILE: &str = "catalog/koupleless-wire.toml";

const VALID: &str = r#"
[frames]
platform = ["java.*"]
framework = ["com.alipay.sofa.ark.*"]

[[rule]]
id = "health.not-found"
code = "Arklet.NoMatchedBiz"
why = "No such biz."
envelope = "FAILED"
message = "can not find biz: <bizName>"
"#;

fn koupleless() -> Koupleless {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog");
    errcat_codegen::load(&dir)
        .unwrap_or_else(|p| panic!("{p:#?}"))
        .koupleless
}

fn problems(text: &str) -> Vec<String> {
    match errcat_codegen::wire::validate(FILE, text, &koupleless()) {
        Ok(_) => Vec::new(),
        Err(list) => list,
    }
}

/// `VALID` plus one more rule.
fn with_rule(rule: &str) -> String {
    format!("{VALID}\n[[rule]]\n{rule}\n")
}

fn assert_rejected(text: &str, expected: &str) {
    let list = problems(text);
    assert!(
        list.iter().any(|p| p == expected),
        "expected {expected:?}, got {list:#?}"
    );
}

#[test]
fn the_committed_rule_file_and_the_sample_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog");
    let catalog = errcat_codegen::load(&dir).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(catalog.wire.rules.len() > 40);
    assert_eq!(catalog.wire.rules[0].id, "http.not-post");
    assert_eq!(problems(VALID), Vec::<String>::new());
}

#[test]
fn reports_toml_errors_with_the_file_name() {
    let list = problems("[[rule]\n");
    assert_eq!(list.len(), 1);
    assert!(
        list[0].starts_with("catalog/koupleless-wire.toml: not a valid rule file:"),
        "{list:?}"
    );
    let unknown_field = problems(&with_rule(
        "id = \"x.y\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmesage = \"typo\"",
    ));
    assert!(
        unknown_field[0].contains("unknown field `mesage`"),
        "{unknown_field:?}"
    );
}

#[test]
fn rejects_a_malformed_or_duplicate_id() {
    assert_rejected(
        &with_rule("id = \"Health.NotFound\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (Health.NotFound): id is not lowercase words joined by '.' or '-'",
    );
    assert_rejected(
        &with_rule("id = \"health.not-found\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (health.not-found): duplicate id (also rule #1 (health.not-found))",
    );
}

#[test]
fn rejects_a_rule_without_why_or_with_row_zero() {
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nmessage = \"x\"\nrows = [0]"),
        "catalog/koupleless-wire.toml: rule #2 (a.b): no why (say in one sentence why the answer means this)",
    );
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = \"x\"\nrows = [0]"),
        "catalog/koupleless-wire.toml: rule #2 (a.b): row 0 is not a TSV row (rows count from 1)",
    );
}

#[test]
fn rejects_unknown_names() {
    let bad = with_rule(
        "id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\ntunnel = \"grpc\"\nshape = \"blob\"\ncommand = \"InstallBiz\"\n\
         cause_origin = \"jdk\"\nmessage = \"x\"",
    );
    for expected in [
        "catalog/koupleless-wire.toml: rule #2 (a.b): unknown tunnel \"grpc\" (one of http, mqtt, client)",
        "catalog/koupleless-wire.toml: rule #2 (a.b): unknown shape \"blob\" (one of text, empty, envelope, batch-entry, biz-record, ops-record)",
        "catalog/koupleless-wire.toml: rule #2 (a.b): unknown command \"InstallBiz\" (one of installBiz, help, queryAllBiz, uninstallBiz, switchBiz, health, queryBizOps, batchInstallBiz)",
        "catalog/koupleless-wire.toml: rule #2 (a.b): unknown cause_origin \"jdk\" (framework or user)",
    ] {
        assert_rejected(&bad, expected);
    }
}

#[test]
fn rejects_an_http_status_that_is_not_one() {
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = \"x\"\nhttp_status = 42"),
        "catalog/koupleless-wire.toml: rule #2 (a.b): http_status 42 is not an HTTP status",
    );
}

#[test]
fn rejects_patterns_that_do_not_compile() {
    for (pattern, why) in [
        ("", "empty pattern"),
        (
            "a <b",
            "unclosed placeholder at byte 2 (write << for a literal <)",
        ),
        ("<>", "empty placeholder <> (name it, or write <*>)"),
        (
            "<1a>",
            "placeholder <1a> is not an identifier (letters, digits, _; a letter first)",
        ),
        (
            "<a><b>",
            "placeholders <a> and <b> are not separated by text",
        ),
        ("<a>:<a>", "placeholder <a> appears twice"),
    ] {
        assert_rejected(
            &with_rule(&format!(
                "id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = {pattern:?}"
            )),
            &format!(
                "catalog/koupleless-wire.toml: rule #2 (a.b): message pattern {pattern:?}: {why}"
            ),
        );
    }
}

#[test]
fn rejects_bad_class_and_frame_patterns() {
    let bad = with_rule(
        "id = \"a.b\"\ncode = \"Arklet.InstallBizFailed\"\nwhy = \"w\"\nexception = \"java.net.\"\ncause = \"java lang\"\nframes = \"install\"",
    );
    assert_rejected(
        &bad,
        "catalog/koupleless-wire.toml: rule #2 (a.b): exception \"java.net.\" is not a class name, a package.* or *",
    );
    assert_rejected(
        &bad,
        "catalog/koupleless-wire.toml: rule #2 (a.b): cause \"java lang\" is not a class name, a package.* or *",
    );
    assert_rejected(
        &bad,
        "catalog/koupleless-wire.toml: rule #2 (a.b): frame \"install\" is not Class.method",
    );
}

#[test]
fn rejects_a_condition_that_does_not_apply_to_the_shape() {
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nshape = \"batch-entry\"\nenvelope = \"FAILED\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): envelope does not apply to shape batch-entry",
    );
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nshape = \"text\"\nerror = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): a failure condition (error, exception, cause, frames) does not apply to shape text",
    );
}

#[test]
fn rejects_a_rule_without_conditions() {
    assert_rejected(
        &with_rule("id = \"a.b\"\ncode = \"Arklet.UnknownError\"\nwhy = \"w\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): no condition: it would match every answer",
    );
}

#[test]
fn rejects_outcomes_without_or_with_a_code() {
    assert_rejected(
        &with_rule("id = \"a.b\"\noutcome = \"maybe\"\nwhy = \"w\"\nmessage = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): unknown outcome \"maybe\" (error or success)",
    );
    assert_rejected(
        &with_rule("id = \"a.b\"\nwhy = \"w\"\nmessage = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): an error rule needs a code",
    );
    assert_rejected(
        &with_rule("id = \"a.b\"\noutcome = \"success\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nmessage = \"x\""),
        "catalog/koupleless-wire.toml: rule #2 (a.b): a success rule has no code (it names Arklet.NoMatchedBiz)",
    );
}

#[test]
fn rejects_a_code_the_reporters_table_does_not_hold() {
    for (fields, expected) in [
        ("reporter = \"Kubelet\"\ncode = \"Arklet.NoMatchedBiz\"", "unknown reporter \"Kubelet\""),
        ("code = \"NoMatchedBiz\"", "code \"NoMatchedBiz\" is not Source.Type"),
        ("code = \"Nobody.NoMatchedBiz\"", "code Nobody.NoMatchedBiz: unknown source \"Nobody\""),
        ("code = \"Arklet.NetworkError\"", "code Arklet.NetworkError: type NetworkError is not in the Arklet table"),
        (
            "code = \"User.InvalidParameter\"",
            "code User.InvalidParameter: source User is not catalogued for Arklet/InvalidParameter (catalogued: ModuleController)",
        ),
        (
            "code = \"Arklet.PullBizTimedOut\"",
            "code Arklet.PullBizTimedOut: write the published spelling Arklet.PullBizTimeOut",
        ),
        (
            "reporter = \"ModuleController\"\ncode = \"Arklet.NoMatchedBiz\"",
            "code Arklet.NoMatchedBiz: type NoMatchedBiz is not in the ModuleController table",
        ),
    ] {
        assert_rejected(
            &with_rule(&format!("id = \"a.b\"\nwhy = \"w\"\nmessage = \"x\"\n{fields}")),
            &format!("catalog/koupleless-wire.toml: rule #2 (a.b): {expected}"),
        );
    }
}

#[test]
fn the_client_tunnel_reports_in_module_controllers_table() {
    let ok = with_rule(
        "id = \"client.x\"\ncode = \"Arklet.NetworkError\"\nwhy = \"w\"\ntunnel = \"client\"\nshape = \"text\"\nmessage = \"x\"",
    );
    assert_eq!(problems(&ok), Vec::<String>::new());
}

#[test]
fn rejects_a_rule_an_earlier_one_shadows() {
    // The earlier pattern `can not find biz: <bizName>` matches every text the later one does.
    assert_rejected(
        &with_rule("id = \"health.narrow\"\ncode = \"Arklet.NoMatchedBiz\"\nwhy = \"w\"\nenvelope = \"FAILED\"\ncommand = \"health\"\nmessage = \"can not find biz: demo\""),
        "catalog/koupleless-wire.toml: rule #2 (health.narrow): shadowed by rule #1 (health.not-found): every answer it matches, that rule matches first",
    );
    // A class pattern covers its package: java.net.* before MalformedURLException.
    let text = format!(
        "{VALID}\n[[rule]]\nid = \"pull\"\ncode = \"Arklet.PullBizError\"\nwhy = \"w\"\nexception = \"java.net.*\"\n\
         [[rule]]\nid = \"url\"\ncode = \"OtherUpstream.DecodeURLFailed\"\nwhy = \"w\"\nexception = \"java.net.MalformedURLException\"\nshape = [\"envelope\"]\n"
    );
    assert_rejected(
        &text,
        "catalog/koupleless-wire.toml: rule #3 (url): shadowed by rule #2 (pull): every answer it matches, that rule matches first",
    );
    // The narrow rule first is fine, and so is a wider rule that adds a condition.
    let ordered = format!(
        "{VALID}\n[[rule]]\nid = \"url\"\ncode = \"OtherUpstream.DecodeURLFailed\"\nwhy = \"w\"\nexception = \"java.net.MalformedURLException\"\n\
         [[rule]]\nid = \"pull\"\ncode = \"Arklet.PullBizError\"\nwhy = \"w\"\nexception = \"java.net.*\"\n"
    );
    assert_eq!(problems(&ordered), Vec::<String>::new());
}

#[test]
fn rejects_bad_frame_packages_and_an_empty_rule_list() {
    let text = "rule = []\n[frames]\nplatform = [\"java\"]\nframework = []\n";
    for expected in [
        "catalog/koupleless-wire.toml: frames.platform: \"java\" is not a package pattern like \"java.*\"",
        "catalog/koupleless-wire.toml: frames.framework: no package",
        "catalog/koupleless-wire.toml: rules: no rule",
    ] {
        assert_rejected(text, expected);
    }
}
