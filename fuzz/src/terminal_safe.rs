//! `errcat::display::terminal_safe` and `terminal_safe_bytes`, the one function every printer passes input-derived
//! text through.
//!
//! Input: any bytes. Invariants:
//! - the output contains no control character (C0, DEL, C1) and no bidi embedding, override or isolate;
//! - text with none of those comes back unchanged (and borrowed), so the output is a fixed point;
//! - valid UTF-8 gives the same text through both functions;
//! - every safe character of the input is kept, in order: removing the escapes gives the input's safe characters;
//! - the output grows at most tenfold (`\u{10ffff}` for a four-byte character).

use std::borrow::Cow;

use errcat::display::{terminal_safe, terminal_safe_bytes};

use super::support::{assert_terminal_safe, is_unsafe, lossy};

pub fn run(data: &[u8]) {
    let shown = terminal_safe_bytes(data);
    assert_terminal_safe(&shown);
    assert!(shown.len() <= 10 * data.len().max(1), "{data:?} → {shown:?}");
    assert!(matches!(terminal_safe(&shown), Cow::Borrowed(_)));

    let text = lossy(data);
    let safe_text = terminal_safe(&text);
    assert_terminal_safe(&safe_text);
    match std::str::from_utf8(data) {
        Ok(valid) => {
            assert_eq!(safe_text, shown);
            if !valid.chars().any(is_unsafe) {
                assert!(matches!(shown, Cow::Borrowed(s) if s == valid));
            }
            // Taking the escapes out again leaves the safe characters of the input, in order.
            let kept: String = valid.chars().filter(|&c| !is_unsafe(c)).collect();
            assert_eq!(strip_escapes(&safe_text, valid), kept);
        }
        Err(_) => assert!(matches!(shown, Cow::Owned(_))),
    }
}

/// `shown` without the escapes `terminal_safe` wrote for the unsafe characters of `input`, found by walking both
/// (a backslash of the input itself is kept as it is).
fn strip_escapes(shown: &str, input: &str) -> String {
    let mut out = String::new();
    let mut rest = shown;
    for c in input.chars() {
        if is_unsafe(c) {
            let escape = match c {
                '\t' => r"\t".to_string(),
                '\n' => r"\n".to_string(),
                '\r' => r"\r".to_string(),
                c if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
                c => format!("\\u{{{:x}}}", c as u32),
            };
            rest = rest
                .strip_prefix(escape.as_str())
                .unwrap_or_else(|| panic!("{c:?} not shown as {escape:?} in {shown:?}"));
        } else {
            let next = rest
                .chars()
                .next()
                .unwrap_or_else(|| panic!("{c:?} lost from {shown:?}"));
            assert_eq!(next, c, "{shown:?}");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert!(rest.is_empty(), "{shown:?} has more than {input:?}");
    out
}
