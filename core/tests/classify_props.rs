//! `classify` on arbitrary input: never a panic, never `Internal`; and what it decides does not depend on
//! how the JSON is laid out.

use errcat::{classify, ClassifyContext, ErrorKind, Tunnel};
use proptest::prelude::*;

/// Lines a stack trace is made of, including the odd ones.
fn trace_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}(\\.[a-z]{1,6}){0,3}\\.[A-Z][a-zA-Z]{0,8}(: .{0,20})?",
        "\tat [a-z]{1,6}(\\.[a-z]{1,6}){0,3}\\.[A-Z][a-z]{0,8}\\.[a-z]{1,8}\\([A-Za-z]{0,8}\\.java:[0-9]{1,4}\\)",
        "\tat (java\\.base/|app//|L\\(x:1\\)//)?[a-z]{1,4}\\.[A-Z][a-z]{0,4}\\.[a-z]{1,4}\\((Native Method|Unknown Source)\\)",
        "Caused by: [a-z]{1,6}\\.[A-Z][a-z]{0,8}(: .{0,20})?",
        "\tSuppressed: [a-z]\\.[A-Z](: .{0,5})?",
        "\t\\.\\.\\. [0-9]{1,3} more",
        ".{0,30}",
    ]
}

fn trace() -> impl Strategy<Value = String> {
    prop::collection::vec(trace_line(), 0..30).prop_map(|lines| lines.join("\n"))
}

fn envelope() -> impl Strategy<Value = serde_json::Value> {
    let code = prop_oneof![
        Just("SUCCESS".to_string()),
        Just("FAILED".to_string()),
        Just("CMD_NOT_FOUND".to_string()),
        Just("CMD_PROCESS_INTERNAL_ERROR".to_string()),
        "[A-Z_]{0,10}",
    ];
    let message = prop_oneof![
        Just("Internal Error: java.lang.reflect.InvocationTargetException".to_string()),
        Just("install biz not success!".to_string()),
        "Internal Error: .{0,40}",
        "FAILED:.{0,10}:.{0,5} installBiz conflict, exist unfinished command\\(.{0,15}\\) for this biz",
        ".{0,40}",
    ];
    let data_code = prop_oneof![
        Just(None),
        Just(Some("REPEAT_BIZ")),
        Just(Some("NOT_FOUND_BIZ")),
        Just(Some("FAILED")),
        Just(Some("SUCCESS")),
    ];
    (code, proptest::option::of(message), data_code, proptest::option::of(trace()), 0..4u8).prop_map(
        |(code, message, data_code, trace, shape)| {
            let mut v = serde_json::json!({ "code": code });
            if let Some(m) = message {
                v["message"] = m.into();
            }
            if let Some(t) = &trace {
                v["errorStackTrace"] = t.clone().into();
            }
            match shape {
                0 => {}
                1 => v["data"] = serde_json::json!({ "code": data_code, "message": trace }),
                2 => {
                    v["data"] = serde_json::json!({ "bizUrlToResponse": {
                        "http://a/1.jar": { "code": data_code, "message": "internal exception: null" },
                        "http://a/2.jar": { "code": "SUCCESS" },
                    }})
                }
                _ => {
                    v["data"] = serde_json::json!([{ "bizName": "a", "bizVersion": "1", "bizState": "broken",
                        "bizStateRecords": [{ "state": "broken", "reason": "Install Failed", "message": trace }] }])
                }
            }
            v
        },
    )
}

fn contexts() -> impl Strategy<Value = ClassifyContext> {
    (
        proptest::option::of(prop_oneof![
            Just("installBiz"),
            Just("uninstallBiz"),
            Just("switchBiz"),
            Just("batchInstallBiz"),
            Just("queryAllBiz"),
            Just("health"),
            Just("queryBizOps"),
        ]),
        proptest::option::of(prop_oneof![Just(200i64), Just(500)]),
        prop_oneof![Just("http"), Just("mqtt"), Just("client")],
    )
        .prop_map(|(c, s, t)| ClassifyContext::parse(c, s, Some(t)).unwrap())
}

fn never_internal(r: &errcat::Result<errcat::Classification>) -> bool {
    match r {
        Ok(_) => true,
        Err(e) => matches!(e.kind(), ErrorKind::InvalidArgument | ErrorKind::NotFound),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_bytes_are_answered_with_a_kind(bytes in prop::collection::vec(any::<u8>(), 0..300), ctx in contexts()) {
        let r = classify(&bytes, &ctx);
        prop_assert!(never_internal(&r), "{r:?}");
    }

    #[test]
    fn arbitrary_envelopes_are_answered_with_a_kind(v in envelope(), ctx in contexts()) {
        let compact = v.to_string();
        let r = classify(compact.as_bytes(), &ctx);
        prop_assert!(never_internal(&r), "{r:?}");
        // The same answer pretty-printed is the same answer.
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let p = classify(pretty.as_bytes(), &ctx);
        prop_assert_eq!(
            r.as_ref().map(|c| (c.rule(), c.code())).map_err(|e| e.kind()),
            p.as_ref().map(|c| (c.rule(), c.code())).map_err(|e| e.kind())
        );
        if let Ok(c) = &r {
            // enrich gives JSON or says why not; to_json is always an object.
            if let Ok(e) = c.enrich(compact.as_bytes()) {
                prop_assert!(serde_json::from_str::<serde_json::Value>(&e).is_ok(), "{e}");
            }
            prop_assert!(c.to_json_value().is_object());
            prop_assert_eq!(c.to_json(), c.to_json_value().to_string());
        }
    }

    #[test]
    fn arbitrary_client_texts_are_answered_with_a_kind(text in ".{0,200}") {
        let r = classify(text.as_bytes(), &ClassifyContext::new(Tunnel::Client));
        prop_assert!(never_internal(&r), "{r:?}");
    }
}
