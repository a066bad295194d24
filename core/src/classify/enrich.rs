//! The answer with its two-level code added as `errorCode`: ModuleController's decoder (Go `encoding/json`) ignores
//! members it does not know, so an enriched answer reads exactly as before everywhere else.

use serde_json::{Map, Value};

use super::result::Classification;
use super::rules::{Shape, Tunnel};
use crate::{Error, Result};

const MEMBER: &str = "errorCode";

/// `text` (a JSON object without a top-level `errorCode`) with `"errorCode":"<code>"` inserted after its last
/// member: every other byte stays as received.
fn insert_last(text: &str, code: &str) -> Option<String> {
    let body = text.trim_end();
    let inside = body.strip_suffix('}')?;
    let before = inside.trim_end();
    let member = format!("\"{MEMBER}\":{}", Value::from(code));
    let sep = if before.ends_with('{') { "" } else { "," };
    Some(format!(
        "{before}{sep}{member}{}{}",
        &inside[before.len()..],
        &text[inside.len()..]
    ))
}

fn set(obj: &mut Map<String, Value>, code: &str) {
    obj.insert(MEMBER.into(), Value::from(code));
}

impl Classification {
    /// `body` (the bytes that were classified) with the code added as `errorCode`; a success is returned as
    /// received. The member goes where ModuleController reads the envelope: the top level of an HTTP answer
    /// (inserted after the last member, every other byte unchanged), `data.response` of an MQTT payload, and
    /// `data` of an operation record (`ProcessRecord.errorCode`, which Arklet never sets). A body that is not a
    /// JSON object (plain text, a client error) has nowhere to carry it: `InvalidArgument`.
    ///
    /// ```
    /// use errcat::{classify, ClassifyContext};
    /// let body = br#"{"code":"FAILED","message":"can not find biz"}"#;
    /// let c = classify(body, &ClassifyContext::default()).unwrap();
    /// assert_eq!(
    ///     c.enrich(body).unwrap(),
    ///     r#"{"code":"FAILED","message":"can not find biz","errorCode":"Arklet.NoMatchedBiz"}"#
    /// );
    /// ```
    pub fn enrich(&self, body: &[u8]) -> Result<String> {
        let text = std::str::from_utf8(body)
            .map_err(|e| Error::invalid_argument(format!("body is not UTF-8: {e}")))?;
        let Some(code) = self.code() else {
            return Ok(text.to_string());
        };
        let code = code.to_string();
        let not_object =
            || Error::invalid_argument("only a JSON object answer can carry an errorCode member");
        let mut value: Value = serde_json::from_str(text).map_err(|_| not_object())?;
        let top = value.as_object_mut().ok_or_else(not_object)?;
        let e = self.evidence();
        if e.tunnel == Tunnel::Mqtt {
            if let Some(response) = top
                .get_mut("data")
                .and_then(Value::as_object_mut)
                .and_then(|d| d.get_mut("response"))
                .and_then(Value::as_object_mut)
            {
                set(response, &code);
                return Ok(value.to_string());
            }
        }
        if e.shape == Shape::OpsRecord {
            if let Some(data) = top.get_mut("data").and_then(Value::as_object_mut) {
                set(data, &code);
                return Ok(value.to_string());
            }
        }
        if top.contains_key(MEMBER) {
            set(top, &code);
            return Ok(value.to_string());
        }
        insert_last(text, &code).ok_or_else(not_object)
    }
}

#[cfg(test)]
mod tests {
    use super::insert_last;

    #[test]
    fn inserts_after_the_last_member_keeping_every_other_byte() {
        assert_eq!(
            insert_last("{\"code\":\"FAILED\"}", "Arklet.X").unwrap(),
            "{\"code\":\"FAILED\",\"errorCode\":\"Arklet.X\"}"
        );
        assert_eq!(
            insert_last("{\n  \"code\": \"FAILED\"\n}\n", "A.B").unwrap(),
            "{\n  \"code\": \"FAILED\",\"errorCode\":\"A.B\"\n}\n"
        );
        assert_eq!(
            insert_last("{ }", "A.B").unwrap(),
            "{\"errorCode\":\"A.B\" }"
        );
    }
}
