//! The `errcat` binary on hostile input, as a process: numbers are asked of the core as status numbers (the same
//! answer every binding's `status` gives), and nothing typed reaches the terminal with its control characters.

use std::process::{Command, Output};

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("errcat runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// No C0 or C1 control character (but the line ends) and no bidi override in `out`.
fn assert_harmless(out: &str) {
    for c in out.chars() {
        let control = c.is_control() && c != '\n';
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        assert!(!control && !bidi, "{c:?} reached the terminal: {out:?}");
    }
}

#[test]
fn a_negative_number_is_not_a_status_code_as_the_libraries_say() {
    let o = errcat(&["explain", "--", "-1"]);
    assert_eq!(o.status.code(), Some(1));
    let core = errcat::status(-1, None).unwrap_err();
    assert_eq!(
        text(&o.stdout),
        format!("-1  InvalidCode: {}\n", core.message())
    );
    assert!(core.message().contains("is not a status code"), "{core:?}");

    let o = errcat(&["explain", "--json", "--", "-1"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(json[0]["error"]["kind"], "InvalidCode");
    assert_eq!(json[0]["error"]["message"], core.message());
}

#[test]
fn numbers_of_any_size_are_status_questions() {
    let o = errcat(&[
        "explain",
        "--",
        "1000",
        "-9223372036854775808",
        "99999999999999999999",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    for n in ["1000", "-9223372036854775808", "99999999999999999999"] {
        assert!(
            out.contains(&format!(
                "{n}  InvalidCode: {n} is not a status code (0..=999)\n"
            )),
            "{out}"
        );
    }
    assert!(!out.contains("has no"), "{out}");
    // A sign alone, or a number with a fraction, is still read as a two-level code (and is not one).
    let o = errcat(&["explain", "--", "-", "-1.5"]);
    let out = text(&o.stdout);
    assert!(out.contains("-  InvalidCode: \"-\" has no \".\""), "{out}");
    assert!(
        out.contains("-1.5  InvalidCode: \"-1.5\": source \"-1\""),
        "{out}"
    );
}

#[test]
fn a_typed_code_is_shown_escaped() {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}\u{9b}";
    for args in [
        vec!["explain", evil],
        vec!["explain", "--reporter", "Arklet", evil],
    ] {
        let o = errcat(&args);
        assert_eq!(o.status.code(), Some(1));
        let out = text(&o.stdout);
        assert_harmless(&out);
        assert!(
            out.starts_with(r"\x1b]0;pwned\x07\x1b[2J\u{202e}\u{9b}  InvalidCode: "),
            "{out}"
        );
    }
    // A code that parses but is not catalogued repeats the type in the message: no control character can be in
    // it, but a suggestion or a message never brings one back either.
    let o = errcat(&["explain", "Arklet.InstallBizFailes"]);
    assert_harmless(&text(&o.stdout));
}

#[test]
fn usage_errors_repeat_arguments_escaped() {
    let evil = "\u{202e}x\u{9b}\u{1b}]0;pwned\u{7}";
    let bogus = format!("--bogus{evil}");
    for args in [
        vec!["explain", "--lang", evil, "X"],     // clap: invalid value
        vec!["explain", "--reporter", evil, "X"], // errcat: unknown reporter
        vec!["explain", "--version", evil, "552"],
        vec!["list", "--service", evil],
        vec!["list", "--reporter", evil],
        vec!["list", "--system", evil],
        vec![evil],                   // clap: unrecognised subcommand
        vec!["explain", &bogus, "X"], // clap: unexpected argument
    ] {
        let o = errcat(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert_harmless(&err);
        assert!(
            err.contains(r"\u{202e}") || err.contains(r"\u{9b}"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn list_shows_catalog_text_only() {
    let o = errcat(&["list"]);
    assert_eq!(o.status.code(), Some(0));
    assert_harmless(&text(&o.stdout));
}
