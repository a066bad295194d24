//! The interface in Rust: `call` converts mechanically and the answers are the core's (the Kotlin suite tests the
//! same through the JAR).

use errcat_uniffi::*;

fn s(text: &str) -> Value {
    Value::Str {
        value: text.to_string(),
    }
}

fn utf16(text: &str) -> Value {
    Value::Utf16 {
        units: text.encode_utf16().collect(),
    }
}

#[test]
fn call_converts_and_the_core_answers() {
    let Value::Int { value: id } = call(
        "lookup".into(),
        vec![utf16("Arklet.InstallBizFailed"), s(" arklet ")],
    )
    .unwrap() else {
        panic!("want an answer id")
    };
    let errcat::boundary::Answer::Lookup(r) = errcat::boundary::Answer::by_id(id as u32).unwrap()
    else {
        panic!("want a lookup answer")
    };
    assert_eq!(r.to_string(), "Arklet.InstallBizFailed");
    let parsed = call("parse".into(), vec![s("User.DiskFull")]).unwrap();
    let Value::List { items } = parsed else {
        panic!("want a list")
    };
    assert_eq!(items[1], s("DiskFull"));
    let report = call(
        "audit".into(),
        vec![Value::List { items: vec![] }, Value::Null],
    )
    .unwrap();
    let Value::List { items } = report else {
        panic!("want a list")
    };
    assert_eq!(items[0], Value::Int { value: 0 });
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
        Err(ErrcatError::InvalidArgument { reason }) => {
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
    let Value::Str { value: fingerprint } = call("fingerprint".into(), vec![]).unwrap() else {
        panic!("text")
    };
    assert_eq!(header.split('\t').nth(2), Some(fingerprint.as_str()));
}
