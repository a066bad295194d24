//! Terminal styling: colour only when stdout is a terminal and `NO_COLOR` is unset.

use std::io::IsTerminal;
use std::sync::OnceLock;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    })
}

fn paint(code: &str, text: &str) -> String {
    if enabled() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A heading (bold).
pub fn strong(text: &str) -> String {
    paint("1", text)
}

/// A field label (dim).
pub fn label(text: &str) -> String {
    paint("2", text)
}

/// A warning (yellow).
pub fn warn(text: &str) -> String {
    paint("33", text)
}

/// A failure (red).
pub fn bad(text: &str) -> String {
    paint("31", text)
}

/// Pads `text` to `width` terminal columns (CJK characters take two).
pub fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}
