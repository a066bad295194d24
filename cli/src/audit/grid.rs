//! Aligned text tables and the number formats of the audit output.

use errcat::display::terminal_safe;
use errcat_audit::Latency;

use crate::style::{bad, label};

/// A column: right-aligned numbers, left-aligned text.
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// Colours a cell's text.
pub type Paint = fn(&str) -> String;

/// A cell: text, and how to colour it once padded.
pub struct Cell {
    pub text: String,
    pub paint: Paint,
}

pub fn plain(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        paint: |s| s.to_string(),
    }
}

pub fn painted(text: impl Into<String>, paint: fn(&str) -> String) -> Cell {
    Cell {
        text: text.into(),
        paint,
    }
}

/// Renders rows under a header with aligned columns (the last column is not padded).
pub fn grid(out: &mut String, indent: &str, header: &[(&str, Align)], rows: Vec<Vec<Cell>>) {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut widths: Vec<usize> = header.iter().map(|(h, _)| width(h)).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(&c.text));
        }
    }
    let line = |cells: Vec<(String, Paint)>| {
        let n = cells.len();
        let mut s = String::from(indent);
        for (i, ((text, paint), (&w, (_, align)))) in
            cells.into_iter().zip(widths.iter().zip(header)).enumerate()
        {
            let fill = " ".repeat(w.saturating_sub(width(&text)));
            let cell = match align {
                Align::Right => format!("{fill}{}", paint(&text)),
                Align::Left if i + 1 == n => paint(&text),
                Align::Left => format!("{}{fill}", paint(&text)),
            };
            s.push_str(&cell);
            if i + 1 < n {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(
        header
            .iter()
            .map(|(h, _)| (h.to_string(), label as Paint))
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.into_iter().map(|c| (c.text, c.paint)).collect()));
    }
}

/// `68µs`, `1.2ms`, `3.40s`.
pub fn dur(us: u64) -> String {
    match us {
        0..=999 => format!("{us}µs"),
        1_000..=999_999 => format!("{:.1}ms", us as f64 / 1e3),
        _ => format!("{:.2}s", us as f64 / 1e6),
    }
}

pub fn pct(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

pub fn span(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..=59 => format!("{seconds:.1}s"),
        60..=3599 => format!("{}m {}s", s / 60, s % 60),
        3600..=86_399 => format!("{}h {}m {}s", s / 3600, s / 60 % 60, s % 60),
        _ => format!("{}d {}h {}m", s / 86_400, s / 3600 % 24, s / 60 % 60),
    }
}

pub fn latency_cells(l: &Option<Latency>) -> [Cell; 4] {
    match l {
        Some(l) => [
            plain(dur(l.p50)),
            plain(dur(l.p90)),
            plain(dur(l.p99)),
            plain(dur(l.max)),
        ],
        None => ["-", "-", "-", "-"].map(plain),
    }
}

pub fn errors_cell(errors: u64, share: f64) -> [Cell; 2] {
    if errors == 0 {
        [plain("0"), plain(pct(share))]
    } else {
        [painted(errors.to_string(), bad), painted(pct(share), bad)]
    }
}

pub fn limit(top: usize, len: usize) -> usize {
    if top == 0 {
        len
    } else {
        top.min(len)
    }
}

/// Text from the input, made harmless on a terminal (control characters shown escaped).
pub fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

/// An optional duration, `-` when none.
pub fn opt_dur(us: Option<u64>) -> String {
    us.map_or_else(|| "-".to_string(), dur)
}
