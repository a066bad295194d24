//! Text from input made harmless before it reaches a terminal.
//!
//! Every printer that shows text it did not write itself (a log excerpt, a path, a code someone typed, a message
//! from a response) passes it through [`terminal_safe`] first, so an ESC, OSC, BEL or a bidi override in the input
//! cannot retitle, clear or reorder the user's terminal. JSON and Prometheus outputs escape per their own formats
//! instead.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal raw: C0 controls (TAB and newline included: an excerpt is one line),
/// DEL, C1 controls, and the Unicode bidi embedding, override and isolate characters.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `text` with every control character shown escaped (`\x1b`, `\t`, `\u{9b}`, `\u{202e}`), borrowed when there is
/// none.
///
/// ```
/// use errcat::display::terminal_safe;
/// assert_eq!(terminal_safe("\x1b]0;pwned\x07"), r"\x1b]0;pwned\x07");
/// assert_eq!(terminal_safe("a\tb"), r"a\tb");
/// assert_eq!(terminal_safe("模块安装"), "模块安装");
/// ```
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str(r"\t"),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`terminal_safe`] for bytes that may not be UTF-8: invalid sequences are shown as `\xNN` too.
///
/// ```
/// assert_eq!(errcat::display::terminal_safe_bytes(b"ok\xff\x1b"), r"ok\xff\x1b");
/// ```
pub fn terminal_safe_bytes(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => terminal_safe(text),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(&terminal_safe(chunk.valid()));
                for b in chunk.invalid() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_and_bidi_character_is_escaped() {
        for c in (0u32..0x20)
            .chain(0x7f..0xa0)
            .chain(0x202a..0x202f)
            .chain(0x2066..0x206a)
        {
            let c = char::from_u32(c).unwrap();
            let shown = terminal_safe(&c.to_string()).into_owned();
            assert!(shown.starts_with('\\'), "{c:?} shown as {shown:?}");
            assert!(!shown.chars().any(is_unsafe), "{shown:?}");
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            terminal_safe("Arklet.InstallBizFailed 模块"),
            Cow::Borrowed(_)
        ));
    }
}
