//! Values for the tests of `call` (api.rs) and of the direct functions (direct.rs).
#![allow(dead_code)] // each test binary uses its own subset

use errcat_uniffi::Value;

pub fn s(text: &str) -> Value {
    Value::Str {
        value: text.to_string(),
    }
}

pub fn utf16(text: &str) -> Value {
    Value::Utf16 {
        units: text.encode_utf16().collect(),
    }
}

pub fn list(len: u32) -> Value {
    Value::List { len }
}
