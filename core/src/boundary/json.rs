//! [`call`](super::call) with JSON text in and out, for bindings whose host speaks JSON more easily than it builds
//! [`Arg`]s (Go over the C API): the same dispatcher, so the same answers.
//!
//! Arguments are a JSON array. A string is [`Arg::Str`], an integer [`Arg::Int`] (one beyond 64 bits
//! [`Arg::BigInt`]), another number [`Arg::Float`], `null` [`Arg::Absent`], `true`/`false` [`Arg::Bool`], an
//! array [`Arg::List`], and `{"bytes": "<base64>"}` [`Arg::Bytes`] (a path that is not UTF-8). The answer is the
//! [`Out`] as JSON: integers, strings, booleans, `null` and arrays.

use serde_json::Value;

use super::{Arg, Out};
use crate::{Error, Result};

fn arg(value: Value) -> Result<Arg> {
    Ok(match value {
        Value::Null => Arg::Absent,
        Value::Bool(b) => Arg::Bool(b),
        Value::String(s) => Arg::Str(s),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Arg::Int(i),
            (None, _) if n.as_u64().is_some() => Arg::BigInt(n.to_string()),
            (None, Some(f)) => Arg::Float(f),
            (None, None) => Arg::BigInt(n.to_string()),
        },
        Value::Array(items) => Arg::List(items.into_iter().map(arg).collect::<Result<_>>()?),
        Value::Object(mut map) => match map.remove("bytes") {
            Some(Value::String(b64)) if map.is_empty() => Arg::Bytes(base64(&b64)?),
            _ => Arg::Other("object".into()),
        },
    })
}

/// Standard base64 (RFC 4648, with or without padding).
fn base64(text: &str) -> Result<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = value(c).ok_or_else(|| Error::invalid_argument("bytes is not base64"))?;
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

/// Runs `op` with the JSON array `args` through `dispatch` (the core's [`super::call`], or a crate's that extends
/// it, like the audit crate's); the answer as JSON.
pub fn call_json(
    op: &str,
    args: &str,
    dispatch: impl FnOnce(&str, Vec<Arg>) -> Result<Out>,
) -> Result<String> {
    let value: Value = serde_json::from_str(args)
        .map_err(|e| Error::invalid_argument(format!("arguments are not JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(Error::invalid_argument("arguments are not a JSON array"));
    };
    let args = items.into_iter().map(arg).collect::<Result<Vec<_>>>()?;
    Ok(serde_json::to_string(&dispatch(op, args)?).expect("an Out is always JSON"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_in_json() {
        let id = call_json(
            "lookup",
            r#"["Arklet.InstallBizFailed", null]"#,
            super::super::call,
        )
        .unwrap();
        assert!(id.parse::<u32>().is_ok(), "{id}");
        let err = call_json("status", r#"[18446744073709551616]"#, super::super::call).unwrap_err();
        assert!(
            err.message()
                .contains("18446744073709551616 is not a status code"),
            "{err}"
        );
        assert_eq!(base64("aGk/").unwrap(), b"hi?");
        let err = call_json("lookup", "[", super::super::call).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument);
    }
}
