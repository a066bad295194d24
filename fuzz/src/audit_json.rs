//! JSON audit-log lines (`log_format: json`) through `errcat_audit::parse_line`, against `serde_json`.
//!
//! Input: the line's bytes (a `{` is put in front when the input does not start with one). The parser's own
//! scanner finds the top-level members without building a tree; `serde_json` is the reference. Invariants:
//! - a JSON record has 0 fields, a non-empty module without `@`, a status in 0..=999;
//! - when `serde_json` reads the line as an object (nested at most 60 deep), a record agrees with it member for
//!   member (the last of duplicate keys wins in both): module and host, method, path, params, body, the numbers;
//! - and when that object is a valid audit record (`req_type` "REQ", a non-empty module string, a status number
//!   in 0..=999, numbers that are non-negative integers, strings or null where strings go), the line is a record;
//! - errors are the kinds a JSON line can have (never `field_count` or `empty`).

use errcat_audit::{parse_line, LineFormat, MalformedKind};
use serde_json::Value;

pub fn run(data: &[u8]) {
    let line: std::borrow::Cow<'_, [u8]> = if data.starts_with(b"{") {
        data.into()
    } else {
        [b"{", data].concat().into()
    };
    let parsed = parse_line(&line);
    // serde_json is strict UTF-8 and strict JSON; where it accepts the line, it is the reference.
    let reference = serde_json::from_slice::<Members>(&line)
        .ok()
        .filter(|m| m.0.iter().map(|(_, v)| depth(v)).max().unwrap_or(0) < 60);
    let duplicates = reference.as_ref().is_some_and(|m| {
        let mut keys: Vec<&str> = m.0.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| w[0] == w[1])
    });
    // The last of duplicate keys wins, as in the parser.
    let reference: Option<serde_json::Map<String, Value>> =
        reference.map(|m| m.0.into_iter().collect());
    match &parsed {
        Ok(rec) => {
            assert_eq!(rec.format, LineFormat::Json);
            assert_eq!(rec.fields, 0);
            assert!(!rec.module.is_empty() && !rec.module.contains(&b'@'));
            assert!(rec.status <= 999);
            let Some(map) = &reference else { return };
            assert_eq!(map.get("req_type").and_then(Value::as_str), Some("REQ"));
            let module = map["module"].as_str().expect("module is a string");
            let (m, h) = module.split_once('@').unwrap_or((module, ""));
            assert_eq!(rec.module.as_ref(), m.as_bytes());
            assert_eq!(rec.host.as_ref(), h.as_bytes());
            for (key, got) in [
                ("method", &rec.method),
                ("path", &rec.path),
                ("req_params", &rec.req_params),
                ("resp_body", &rec.resp_body),
            ] {
                let want = map.get(key).and_then(Value::as_str).unwrap_or("");
                assert_eq!(got.as_ref(), want.as_bytes(), "{key}");
            }
            for (key, got) in [
                ("status_code", Some(u64::from(rec.status))),
                ("start_time", rec.start_time),
                ("resp_length", rec.resp_length),
                ("duration", rec.duration_us),
            ] {
                if let Some(want) = number(map.get(key)) {
                    assert_eq!(got, want, "{key}");
                }
            }
        }
        Err(m) => {
            assert!(
                !matches!(m.kind, MalformedKind::FieldCount | MalformedKind::Empty),
                "{m:?}"
            );
            if let (Some(map), false) = (&reference, duplicates) {
                assert!(
                    !is_valid_record(map),
                    "serde_json reads a valid audit record, parse_line says {m:?}: {:?}",
                    String::from_utf8_lossy(&line)
                );
            }
        }
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A numeric member as the audit log means it: absent or null → `Some(None)`; a non-negative integer of at most
/// 19 digits, or else a number whose `f64` is an integer below 1.8e19 → `Some(Some(n))`. A string of digits is
/// accepted by the parser too but not claimed here (`None`, like anything else).
fn number(v: Option<&Value>) -> Option<Option<u64>> {
    match v {
        None | Some(Value::Null) => Some(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(u) if u < 10_000_000_000_000_000_000 => Some(Some(u)),
            _ => {
                let f = n.as_f64()?;
                (f >= 0.0 && f.fract() == 0.0 && f < 1.8e19).then_some(Some(f as u64))
            }
        },
        Some(_) => None,
    }
}

/// A JSON object's members in order, duplicates kept (a `Map` keeps only the last).
struct Members(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = a.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Visit)
    }
}

fn is_valid_record(map: &serde_json::Map<String, Value>) -> bool {
    let text_ok = |key: &str| matches!(map.get(key), None | Some(Value::Null | Value::String(_)));
    let module_ok = match map.get("module") {
        Some(Value::String(s)) => !s.split('@').next().unwrap_or("").is_empty(),
        _ => false,
    };
    map.get("req_type").and_then(Value::as_str) == Some("REQ")
        && module_ok
        && ["method", "path", "req_params", "resp_body"]
            .iter()
            .all(|k| text_ok(k))
        && matches!(number(map.get("status_code")), Some(Some(n)) if n <= 999)
        && ["start_time", "resp_length", "duration"]
            .iter()
            .all(|k| number(map.get(*k)).is_some())
}
