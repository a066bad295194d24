//! `errcat classify` as a process: explanations, JSON, --enrich, exit codes, and input that must not reach the
//! terminal raw.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const REPEAT: &str = r#"{"code":"FAILED","data":{"code":"REPEAT_BIZ","message":"Biz: dynamic-provider:1.0.0 has been installed or registered."},"message":"install biz not success!"}"#;

const USER_ERROR: &str = concat!(
    r#"{"code":"CMD_PROCESS_INTERNAL_ERROR","errorStackTrace":"com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: java.lang.reflect.InvocationTargetException\n"#,
    r#"\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.install(UnifiedOperationServiceImpl.java:62)\n"#,
    r#"Caused by: java.lang.reflect.InvocationTargetException\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:118)\n"#,
    r#"Caused by: java.lang.IllegalStateException: order table is missing\n\tat app//com.example.demo.OrderService.start(OrderService.java:41)\n","#,
    r#""message":"Internal Error: java.lang.reflect.InvocationTargetException"}"#
);

fn errcat(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("errcat runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // A writer thread: a large input must not deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("errcat exits");
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

#[test]
fn explains_a_repeat_biz_answer_from_stdin() {
    let o = errcat(&["classify", "--command", "installBiz"], REPEAT.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Arklet.InstallationRequirementNotMet  Module installation conditions are not met\n"
        ),
        "{out}"
    );
    for line in [
        "  retryable   no\n",
        "  rule        biz.repeat — A biz with the identity in the jar's manifest is already installed or registered.\n",
        "  bizName     dynamic-provider\n",
        "  bizVersion  1.0.0\n",
    ] {
        assert!(out.contains(line), "{line:?} in\n{out}");
    }
    assert!(
        !out.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn explains_the_deepest_cause_of_a_stack_trace_read_from_a_file() {
    let dir = std::env::temp_dir().join(format!("errcat-classify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("answer.json");
    std::fs::write(&file, USER_ERROR).unwrap();
    let o = errcat(
        &[
            "classify",
            "--command",
            "installBiz",
            file.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "User.InstallBizUserError  Module installation failed, business exception\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  cause       java.lang.IllegalStateException: order table is missing (user code, com.example.demo.OrderService.start)\n"),
        "{out}"
    );
    assert!(
        out.contains("  trace       3 throwable(s), 3 frame(s)\n"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_is_the_core_object() {
    let o = errcat(&["classify", "--json", "-"], REPEAT.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["outcome"], "error");
    assert_eq!(v["code"], "Arklet.InstallationRequirementNotMet");
    assert_eq!(v["reporter"], "Arklet");
    assert_eq!(v["rule"], "biz.repeat");
    assert_eq!(v["retryable"], false);
    assert_eq!(v["evidence"]["placeholders"]["bizName"], "dynamic-provider");
    assert_eq!(v["entry"]["type"], "InstallationRequirementNotMet");
    assert_eq!(v["results"], serde_json::json!([]));
    let core = errcat::classify(REPEAT.as_bytes(), &errcat::ClassifyContext::default()).unwrap();
    assert_eq!(v, core.to_json_value(), "the CLI prints the core's object");

    let success = json(&errcat(&["classify", "--json"], br#"{"code":"SUCCESS"}"#));
    assert_eq!(success["outcome"], "success");
    assert!(success["code"].is_null());
}

#[test]
fn a_batch_lists_its_entries() {
    let body = r#"{"code":"FAILED","data":{"bizUrlToResponse":{"http://a/1.jar":{"code":"SUCCESS","message":"ok"},"http://a/2.jar":{"code":"FAILED","message":"internal exception: null"}},"code":"FAILED","message":"batch install failed"},"message":"install biz not success!"}"#;
    let o = errcat(&["classify"], body.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("User.InstallBizUserError"), "{out}");
    assert!(
        out.contains("  entries     2 (1 failed, 0 unclassified)\n"),
        "{out}"
    );
    assert!(
        out.contains("    http://a/1.jar  success (batch.entry-success)\n"),
        "{out}"
    );
    assert!(
        out.contains("    http://a/2.jar  User.InstallBizUserError (batch.user-error)\n"),
        "{out}"
    );
    let v = json(&errcat(&["classify", "--json"], body.as_bytes()));
    assert_eq!(v["results"][1]["key"], "http://a/2.jar");
    assert_eq!(v["results"][1]["code"], "User.InstallBizUserError");
}

#[test]
fn a_client_error_text_in_chinese() {
    let o = errcat(
        &["classify", "--tunnel", "client", "--lang", "zh"],
        b"Post \"http://10.0.0.3:1238/installBiz\": dial tcp 10.0.0.3:1238: connect: connection refused\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("Arklet.ArkletServiceNotFound  "), "{out}");
    assert!(out.contains("reporter    ModuleController"), "{out}");
}

#[test]
fn unclassified_exits_1_and_says_why() {
    let o = errcat(&["classify"], br#"{"code":"FAILED","message":"whatever"}"#);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("unclassified  NotFound: no rule classifies this answer"),
        "{}",
        stdout(&o)
    );
    let o = errcat(&["classify", "--json"], b"<html>404</html>");
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["outcome"], "unclassified");
    assert!(v["code"].is_null());
    assert_eq!(v["error"]["kind"], "InvalidArgument");
    let hint = stdout(&errcat(
        &["classify"],
        br#"{"code":"CMD_PROCESS_INTERNAL_ERROR","message":"Internal Error: java.lang.IllegalStateException: x"}"#,
    ));
    assert!(
        hint.contains("the command decides: installBiz → Arklet.InstallBizFailed"),
        "{hint}"
    );
}

#[test]
fn unreadable_input_exits_1() {
    let o = errcat(&["classify", "/nonexistent/answer.json"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("Io: cannot read /nonexistent/answer.json"),
        "{}",
        stdout(&o)
    );
    let o = errcat(&["classify"], b"{\"code\":\"FAILED\",\"message\":\"\xff\"}");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("InvalidArgument: body is not UTF-8"),
        "{}",
        stdout(&o)
    );
    let huge = vec![b' '; errcat::classify::MAX_BODY + 10];
    let o = errcat(&["classify", "--json"], &huge);
    assert_eq!(o.status.code(), Some(1));
    assert!(json(&o)["error"]["message"]
        .as_str()
        .unwrap()
        .contains("larger than 16777216 bytes"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["classify", "--tunnel", "grpc"][..],
        &["classify", "--command", "fly"],
        &["classify", "--http-status", "42"],
        &["classify", "--http-status", "two hundred"],
        &["classify", "--json", "--enrich"],
        &["classify", "a", "b"],
    ] {
        let o = errcat(args, REPEAT.as_bytes());
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn enrich_adds_error_code_and_keeps_the_rest() {
    let o = errcat(&["classify", "--enrich"], REPEAT.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        REPEAT.replace(
            r#""message":"install biz not success!"}"#,
            r#""message":"install biz not success!","errorCode":"Arklet.InstallationRequirementNotMet"}"#
        )
    );
    let ok = errcat(&["classify", "--enrich"], br#"{"code":"SUCCESS"}"#);
    assert_eq!(stdout(&ok), r#"{"code":"SUCCESS"}"#);
    let text = errcat(
        &["classify", "--enrich", "--http-status", "500"],
        b"POST http request only supported by arklet",
    );
    assert_eq!(text.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&text.stderr).contains("InvalidArgument"));
}

#[test]
fn input_text_never_reaches_the_terminal_raw() {
    // ESC ] (OSC), BEL, a C1 CSI and a bidi override inside the answer's messages.
    let body = "{\"code\":\"FAILED\",\"data\":{\"code\":\"REPEAT_BIZ\",\"message\":\"Biz: \\u001b]0;pwned\\u0007\u{9b}2J:1\u{202e} has been installed or registered.\"}}";
    let out = stdout(&errcat(&["classify"], body.as_bytes()));
    assert!(
        out.contains(r"bizName     \x1b]0;pwned\x07\u{9b}2J"),
        "{out}"
    );
    assert!(out.contains(r"bizVersion  1\u{202e}"), "{out}");
    for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
        assert!(!out.contains(bad), "{bad:?} reached stdout: {out:?}");
    }
    let o = errcat(&["classify", "--json"], body.as_bytes());
    let raw = stdout(&o);
    for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
        assert!(!raw.contains(bad), "{bad:?} reached stdout: {raw:?}");
    }
    assert_eq!(
        json(&o)["evidence"]["placeholders"]["bizName"],
        "\u{1b}]0;pwned\u{7}\u{9b}2J",
        "the JSON still carries the exact text"
    );
    let err = stdout(&errcat(
        &["classify"],
        b"{\"code\":\"FAILED\",\"message\":\"\\u001b[2J\"}",
    ));
    assert!(
        !err.contains('\x1b') && err.contains(r"\u{1b}[2J"),
        "{err:?}"
    );
}
