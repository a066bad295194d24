//! The interface in Rust: `call` converts mechanically and the answers are the core's (the Kotlin suite tests the
//! same through the JAR).

mod common;

use common::{list, s, utf16};
use errcat_uniffi::*;

#[test]
fn call_converts_and_the_core_answers() {
    let answer = call(
        "lookup".into(),
        vec![utf16("Arklet.InstallBizFailed"), s(" arklet ")],
    )
    .unwrap();
    let [Value::Int { value: id }] = answer[..] else {
        panic!("want an answer id, got {answer:?}")
    };
    let errcat::boundary::Answer::Lookup(r) = errcat::boundary::Answer::by_id(id as u32).unwrap()
    else {
        panic!("want a lookup answer")
    };
    assert_eq!(r.to_string(), "Arklet.InstallBizFailed");
    let parsed = call("parse".into(), vec![s("User.DiskFull")]).unwrap();
    assert_eq!(parsed[0], list(3));
    assert_eq!(parsed[2], s("DiskFull"));
    // audit(paths = [], options = [["errors", "5xx"], ["max_api_level", 3]]): lists of lists, flattened.
    let options = vec![
        list(0),
        list(2),
        list(2),
        s("errors"),
        s("5xx"),
        list(2),
        s("max_api_level"),
        Value::Int { value: 3 },
    ];
    let report = call("audit".into(), options).unwrap();
    assert_eq!(
        report[..3],
        [list(3), Value::Int { value: 0 }, Value::Int { value: 0 }]
    );
}

#[test]
fn nesting_is_read_with_loops_and_bounded_by_the_core() {
    // A million nested lists as the value of an option: no recursion anywhere, and the core names what it got.
    let mut flat = vec![list(0), list(1), list(2), s("version")];
    flat.extend(std::iter::repeat_n(list(1), 1_000_000));
    flat.push(s("x"));
    match call("audit".into(), flat) {
        Err(ErrcatError::InvalidArgument { reason, .. }) => {
            assert_eq!(reason, "version must be a string, not a list")
        }
        other => panic!("{other:?}"),
    }
    // A list whose items run out ends there: [["version"]] is an option without a value (absent).
    let report = call(
        "audit".into(),
        vec![list(0), list(1), list(2), s("version")],
    )
    .unwrap();
    assert_eq!(report[0], list(3));
    // Too long a list, declared: refused by the core as it is.
    let err = call("render".into(), vec![s("problem"), list(u32::MAX)]).unwrap_err();
    assert!(
        matches!(err, ErrcatError::InvalidArgument { .. }),
        "{err:?}"
    );
}

#[test]
fn core_errors_keep_kind_message_and_lists() {
    match call("lookup".into(), vec![s("Arklet.InstallBizFailes")]) {
        Err(ErrcatError::NotFound { suggestions, .. }) => {
            assert_eq!(suggestions[0], "Arklet.InstallBizFailed")
        }
        other => panic!("{other:?}"),
    }
    match call("lookup".into(), vec![s("arklet.installBizFailed")]) {
        Err(ErrcatError::InvalidCode { suggestions, .. }) => {
            assert_eq!(suggestions, ["Arklet.InstallBizFailed"])
        }
        other => panic!("{other:?}"),
    }
    let lone: Vec<u16> = vec![0x41, 0xD800];
    match call("lookup".into(), vec![Value::Utf16 { units: lone }]) {
        Err(ErrcatError::InvalidArgument { reason, .. }) => {
            assert!(reason.contains("lone surrogate"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    match call(
        "lookup".into(),
        vec![Value::Other {
            type_name: "java.util.HashMap".into(),
        }],
    ) {
        Err(e) => assert_eq!(
            e.to_string(),
            "code must be a string, not a java.util.HashMap"
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        call("status".into(), vec![Value::Int { value: -1 }]),
        Err(ErrcatError::InvalidCode { .. })
    ));
}

#[test]
fn a_panic_is_an_internal_error() {
    let e = panic_for_test("boom".into()).unwrap_err();
    assert!(matches!(e, ErrcatError::Internal { .. }));
    assert!(e.to_string().contains("boom"), "{e}");
    assert!(call("lookup".into(), vec![s("Arklet.InstallBizFailed")]).is_ok());
}

#[test]
fn entries_names_and_the_answer_table() {
    let all = entries().unwrap();
    assert_eq!(all.len(), errcat::Entry::COUNT);
    let Entry::Blobstore { entry } = &all[errcat::find("552").unwrap()[0].id()] else {
        panic!("552")
    };
    assert_eq!(entry.key, "552/CodeAccessLimited");
    assert_eq!(entry.renumbered_to, Some(429));
    assert_eq!(entry.retry, RetryClass::Overload);
    let names = catalog_names().unwrap();
    assert_eq!(names.versions.last().map(String::as_str), Some("master"));
    let table = answer_table().unwrap();
    let header = table.lines().next().unwrap();
    let answer = call("fingerprint".into(), vec![]).unwrap();
    let [Value::Str {
        value: ref fingerprint,
    }] = answer[..]
    else {
        panic!("text")
    };
    assert_eq!(header.split('\t').nth(2), Some(fingerprint.as_str()));
}
