//! The audit-log parser: the reference sample lines, the odd-but-valid shapes, every malformed kind, the `api`
//! label, and property tests (arbitrary bytes never panic; generated lines round-trip).

use errcat_audit::{api_label, parse_line, LineFormat, MalformedKind, Record};
use proptest::prelude::*;

const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/blobstore-auditlog-samples.log"
);

fn samples() -> Vec<String> {
    let text = std::fs::read_to_string(SAMPLES).unwrap_or_else(|e| {
        panic!(
            "the audit tests need ../shared/reference beside the repo; cannot read {SAMPLES}: {e}"
        )
    });
    text.lines().map(str::to_string).collect()
}

fn s(b: &[u8]) -> &str {
    std::str::from_utf8(b).expect("UTF-8")
}

/// (module, start, method, path, params empty?, status, body, length, duration) of a sample line.
type Want = (
    &'static str,
    u64,
    &'static str,
    &'static str,
    bool,
    u16,
    &'static str,
    u64,
    u64,
);

#[test]
fn reference_samples_parse_to_their_fields() {
    let lines = samples();
    assert_eq!(lines.len(), 5, "the sample file has 5 lines");
    // (module, start, method, path, params empty?, status, body, length, duration)
    let want: [Want; 5] = [
        (
            "SCHEDULER",
            16793641137770897,
            "POST",
            "/inspect/complete",
            false,
            200,
            "",
            0,
            68,
        ),
        (
            "BENCH",
            16866434380042975,
            "POST",
            "/bench/mark/test",
            false,
            200,
            "{}",
            199,
            262144,
        ),
        (
            "RPC",
            16894926383996678,
            "GET",
            "/service/get",
            true,
            404,
            "",
            19,
            56,
        ),
        (
            "BLOBNODE",
            17580778513753547,
            "POST",
            "/shard/put/diskid/3/vuid/687261876225/bid/801788/size/307200",
            true,
            200,
            "{\"crc\":2310519499}",
            18,
            24553,
        ),
        (
            "BLOBNODE",
            17580778267459048,
            "POST",
            "/shard/markdelete/diskid/12/vuid/283501395969/bid/700009",
            true,
            200,
            "",
            0,
            106,
        ),
    ];
    for (line, w) in lines.iter().zip(want) {
        let r = parse_line(line.as_bytes()).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(r.format, LineFormat::Tab);
        assert_eq!(r.fields, 12);
        assert_eq!(s(&r.module), w.0);
        assert_eq!(s(&r.host), "");
        assert_eq!(r.start_time, Some(w.1));
        assert_eq!(r.start_us(), Some(w.1 / 10), "17 digits = 100-ns ticks");
        assert_eq!(s(&r.method), w.2);
        assert_eq!(s(&r.path), w.3);
        assert_eq!(r.req_params.is_empty(), w.4, "{line}");
        assert_eq!(r.status, w.5);
        assert_eq!(s(&r.resp_body), w.6);
        assert_eq!(r.resp_length, Some(w.7));
        assert_eq!(r.duration_us, Some(w.8));
        assert!(s(&r.req_header).starts_with('{') && s(&r.resp_header).starts_with('{'));
    }
    let first = parse_line(lines[0].as_bytes()).unwrap();
    assert!(s(&first.req_params).starts_with("{\"task_id\":\"inspect-45800"));
    assert!(s(&first.resp_header).contains("\"Trace-Log\":[\"SCHEDULER\"]"));
    assert_eq!(first.api(2), "scheduler.inspect");
    assert_eq!(first.api(3), "scheduler.inspect.complete");
    assert_eq!(
        parse_line(lines[3].as_bytes()).unwrap().api(2),
        "blobnode.shard"
    );
    assert_eq!(
        parse_line(lines[2].as_bytes()).unwrap().api(2),
        "rpc.service"
    );
}

fn line(fields: &[&str]) -> String {
    fields.join("\t")
}

const BASE: [&str; 12] = [
    "REQ",
    "BLOBNODE",
    "17580778513753547",
    "GET",
    "/shard/get/diskid/1/vuid/2/bid/3",
    "{\"IP\":\"127.0.0.1\"}",
    "",
    "651",
    "{\"Content-Type\":\"application/json\"}",
    "{\"error\":\"bid not found\"}",
    "25",
    "310",
];

#[test]
fn odd_but_valid_shapes() {
    let base = line(&BASE);
    let plain = parse_line(base.as_bytes()).unwrap();

    // grep -n output and CRLF.
    let text = format!("1234:{base}\r");
    let grep = parse_line(text.as_bytes()).unwrap();
    assert_eq!(grep, plain);

    // MODULE@host:port with a microsecond start time.
    let mut f = BASE;
    f[1] = "ACCESS@127.0.0.2:9500";
    f[2] = "1758077851375354";
    let text = line(&f);
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!((s(&r.module), s(&r.host)), ("ACCESS", "127.0.0.2:9500"));
    assert_eq!(r.start_us(), plain.start_us(), "16 digits = microseconds");

    // A TAB in the path: 13 fields, the path rejoined.
    let mut f: Vec<&str> = BASE.to_vec();
    f[4] = "/shard/get/a\tb";
    let text = line(&f);
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!(
        (r.fields, s(&r.path), r.status, r.duration_us),
        (13, "/shard/get/a\tb", 651, Some(310))
    );
    assert_eq!(s(&r.req_header), BASE[5]);

    // A TAB in an XML body: 13 fields, the body rejoined.
    let mut f: Vec<&str> = BASE.to_vec();
    f[9] = "<Error>\t<Code>1</Code></Error>";
    let text = line(&f);
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!((r.fields, s(&r.path), r.status), (13, BASE[4], 651));
    assert_eq!(s(&r.resp_body), "<Error>\t<Code>1</Code></Error>");
    assert_eq!((r.resp_length, r.duration_us), (Some(25), Some(310)));

    // 14 fields: the first 12 are the record.
    let text = format!("{base}\tx\ty");
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!((r.fields, r.status, r.duration_us), (14, 651, Some(310)));

    // Empty numeric fields are allowed.
    let mut f = BASE;
    f[2] = "";
    f[10] = "";
    f[11] = "";
    let text = line(&f);
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!(
        (r.start_time, r.resp_length, r.duration_us),
        (None, None, None)
    );

    // The JSON format gives the same record.
    let json = format!(
        "{{\"req_type\":\"REQ\",\"module\":\"BLOBNODE\",\"start_time\":17580778513753547,\"method\":\"GET\",\
         \"path\":\"/shard/get/diskid/1/vuid/2/bid/3\",\"req_header\":{},\"req_params\":\"\",\"status_code\":651,\
         \"resp_header\":{},\"resp_body\":\"{{\\\"error\\\":\\\"bid not found\\\"}}\",\"resp_length\":25,\"duration\":310}}",
        BASE[5], BASE[8]
    );
    let r = parse_line(json.as_bytes()).unwrap();
    assert_eq!(r.format, LineFormat::Json);
    let as_tab = Record {
        format: LineFormat::Json,
        fields: 0,
        ..plain.clone()
    };
    assert_eq!(r, as_tab);
    // ... also behind a grep -n prefix and with the module@host form.
    let text = format!("7:{}", json.replace("\"BLOBNODE\"", "\"BLOBNODE@h:1\""));
    let r = parse_line(text.as_bytes()).unwrap();
    assert_eq!((s(&r.module), s(&r.host)), ("BLOBNODE", "h:1"));
}

#[test]
fn every_malformed_kind() {
    let base = line(&BASE);
    let with = |i: usize, v: &str| {
        let mut f = BASE;
        f[i] = v;
        line(&f)
    };
    let cases: Vec<(String, MalformedKind)> = vec![
        (String::new(), MalformedKind::Empty),
        ("  \r".into(), MalformedKind::Empty),
        ("panic: runtime error".into(), MalformedKind::NoReq),
        ("REQUEST\tBLOBNODE".into(), MalformedKind::NoReq),
        (BASE[..9].join("\t"), MalformedKind::FieldCount),
        (format!("{base}\tx\ty\tz"), MalformedKind::FieldCount),
        (with(1, ""), MalformedKind::EmptyModule),
        (with(1, "@host:1"), MalformedKind::EmptyModule),
        (with(2, "2025-09-17"), MalformedKind::BadStartTime),
        (with(7, "OK"), MalformedKind::BadStatus),
        (with(7, ""), MalformedKind::BadStatus),
        (with(7, "1000"), MalformedKind::BadStatus),
        (with(10, "12kB"), MalformedKind::BadLength),
        (with(11, "-5"), MalformedKind::BadDuration),
        (
            "{\"req_type\":\"REQ\",\"module\":".into(),
            MalformedKind::BadJson,
        ),
        (
            "{\"module\":\"ACCESS\",\"status_code\":200}".into(),
            MalformedKind::NoReq,
        ),
        (
            "{\"req_type\":\"REQ\",\"module\":\"ACCESS\"}".into(),
            MalformedKind::BadStatus,
        ),
        (
            "{\"req_type\":\"REQ\",\"module\":\"\",\"status_code\":200}".into(),
            MalformedKind::EmptyModule,
        ),
    ];
    for (text, kind) in cases {
        let got = parse_line(text.as_bytes()).expect_err(&text);
        assert_eq!(got.kind, kind, "{text:?}");
        assert!(!got.reason().is_empty());
    }
    let fc = parse_line(BASE[..9].join("\t").as_bytes()).unwrap_err();
    assert_eq!(fc.fields, 9);
    assert_eq!(fc.reason(), "9 TAB-separated fields (expected 12 or 14)");
}

#[test]
fn api_label_like_the_metric() {
    let cases = [
        (
            "BLOBNODE",
            "GET",
            "/shard/get/diskid/12/vuid/283501395969/bid/700009",
            2,
            "blobnode.shard",
        ),
        (
            "BLOBNODE",
            "GET",
            "/shard/get/diskid/12",
            3,
            "blobnode.shard.get",
        ),
        (
            "BLOBNODE",
            "GET",
            "/shard/get/diskid/12",
            4,
            "blobnode.shard.get.diskid",
        ),
        (
            "SCHEDULER",
            "GET",
            "/inspect/acquire",
            3,
            "scheduler.inspect.acquire",
        ),
        (
            "SCHEDULER",
            "GET",
            "/inspect/acquire",
            9,
            "scheduler.inspect.acquire",
        ),
        ("ACCESS", "GET", "/v1/put", 2, "access.v1-put"),
        ("ACCESS", "GET", "/V12/Put/x", 3, "access.v12-put.x"),
        ("ACCESS", "GET", "/v1/", 2, "access.v1"),
        ("ACCESS", "GET", "/vx/put", 2, "access.vx"),
        (
            "BLOBNODE",
            "POST",
            "/admin/chunk/compact",
            2,
            "blobnode.admin-chunk",
        ),
        ("ACCESS", "GET", "/v2/tune/a/b", 2, "access.v2-tune.a.b"),
        ("ACCESS", "GET", "/Put", 2, "access.put"),
        ("ACCESS", "GET", "/put?x=1", 2, "access.unknown"),
        ("ACCESS", "GET", "/", 2, "access.unknown"),
        ("ACCESS", "GET", "", 2, "access.unknown"),
        ("ACCESS", "GET", "put", 2, "access.unknown"),
        ("ACCESS", "GET", "/a/b c", 3, "access.unknown"),
        ("ACCESS", "GET", "/a//b", 4, "access.a..b"),
        ("ACCESS", "", "/put", 2, "unknown.unknown"),
        ("", "GET", "/put", 2, "unknown.unknown"),
        ("ACCESS", "GET", "/pütt", 2, "access.unknown"),
        ("SHARDNODE", "PSH", "/blob/create", 2, "shardnode.blob"),
    ];
    for (module, method, path, level, want) in cases {
        assert_eq!(
            api_label(module, method, path, level),
            want,
            "{module} {method} {path} {level}"
        );
    }
}

prop_compose! {
    fn field(max: usize)(s in proptest::string::string_regex(&format!("[ -~]{{0,{max}}}")).unwrap()) -> String {
        s
    }
}

/// The fields of a generated line: (module, host, start, method, path, req_header, params, status, resp_header,
/// body, length, duration).
type Fields = (
    String,
    Option<String>,
    Option<u64>,
    String,
    String,
    String,
    String,
    u16,
    String,
    String,
    Option<u64>,
    Option<u64>,
);

fn fields() -> impl Strategy<Value = Fields> {
    (
        (
            prop::sample::select(vec![
                "ACCESS",
                "BLOBNODE",
                "CLUSTERMGR",
                "PROXY",
                "SCHEDULER",
                "SHARDNODE",
                "X",
            ]),
            prop::option::of("[0-9.]{1,15}:[0-9]{1,5}"),
            prop::option::of(prop_oneof![
                1_000_000_000_000_000u64..9_999_999_999_999_999,
                10_000_000_000_000_000u64..99_999_999_999_999_999
            ]),
            prop::sample::select(vec![
                "GET", "PUT", "POST", "DELETE", "NOT", "SYN", "PSH", "FIN", "",
            ]),
            "(/[a-zA-Z0-9_.-]{0,12}){0,6}",
            field(40),
        ),
        (
            field(40),
            0u16..=999,
            field(40),
            field(40),
            prop::option::of(0u64..u32::MAX as u64),
            prop::option::of(0u64..100_000_000),
        ),
    )
        .prop_map(|((m, h, st, me, p, rh), (pa, c, rsh, b, l, d))| {
            (
                m.to_string(),
                h,
                st,
                me.to_string(),
                p,
                rh.replace('\t', " "),
                pa,
                c,
                rsh,
                b,
                l,
                d,
            )
        })
        .prop_filter("no TABs inside fields", |f| {
            ![&f.4, &f.5, &f.6, &f.8, &f.9]
                .iter()
                .any(|s| s.contains('\t'))
        })
}

fn opt(n: Option<u64>) -> String {
    n.map_or_else(String::new, |n| n.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_line(&bytes);
        let mut with_req = b"REQ\t".to_vec();
        with_req.extend_from_slice(&bytes);
        let _ = parse_line(&with_req);
        let mut json = b"{\"req_type\":\"REQ\",".to_vec();
        json.extend_from_slice(&bytes);
        let _ = parse_line(&json);
    }

    #[test]
    fn arbitrary_tab_fields_never_panic(parts in prop::collection::vec("[\\PC\t]{0,12}", 0..20)) {
        let text = format!("REQ\t{}", parts.join("\t"));
        let _ = parse_line(text.as_bytes());
    }

    #[test]
    fn generated_lines_round_trip(f in fields(), prefix in prop::option::of("[0-9]{1,6}:"), crlf in any::<bool>()) {
        let (module, host, start, method, path, rh, params, code, rsh, body, len, dur) = f;
        let module_field = match &host { Some(h) => format!("{module}@{h}"), None => module.clone() };
        let text = format!(
            "{}REQ\t{module_field}\t{}\t{method}\t{path}\t{rh}\t{params}\t{code}\t{rsh}\t{body}\t{}\t{}{}",
            prefix.unwrap_or_default(), opt(start), opt(len), opt(dur), if crlf { "\r" } else { "" }
        );
        // A prefix or field holding REQ<TAB> or `{` before it could change the reading; keep to clean prefixes.
        let r = parse_line(text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        prop_assert_eq!(s(&r.module), module.as_str());
        prop_assert_eq!(s(&r.host), host.as_deref().unwrap_or(""));
        prop_assert_eq!(r.start_time, start);
        prop_assert_eq!(s(&r.method), method.as_str());
        prop_assert_eq!(s(&r.path), path.as_str());
        prop_assert_eq!(s(&r.req_header), rh.as_str());
        prop_assert_eq!(s(&r.req_params), params.as_str());
        prop_assert_eq!(r.status, code);
        prop_assert_eq!(s(&r.resp_header), rsh.as_str());
        prop_assert_eq!(s(&r.resp_body), body.as_str());
        prop_assert_eq!(r.resp_length, len);
        prop_assert_eq!(r.duration_us, dur);
        prop_assert_eq!(r.start_us(), start.map(|t| if t >= 10_000_000_000_000_000 { t / 10 } else { t }));
    }
}
