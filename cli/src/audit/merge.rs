//! `errcat audit merge FILE...`: partial reports (`errcat audit --format partial`) of any machines merged into
//! the report one pass over all their inputs gives.

use std::path::PathBuf;
use std::process::ExitCode;

use errcat_audit::{merge_partials, merge_to_partial};

use super::output;
use crate::style::warn;

/// Arguments of `errcat audit merge`.
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// Partial reports written by `errcat audit --format partial`
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// table (for people), json, prom, html (one self-contained page), or partial (merge in stages)
    #[arg(long, default_value = "table", value_parser = ["table", "json", "prom", "html", "partial"])]
    pub format: String,
    /// Write the report to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Rows per list in the table; 0 = all
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Entities per kind in the table
    #[arg(long, default_value_t = super::DEFAULT_ENTITIES, value_name = "N")]
    pub entities: usize,
}

pub fn run(args: &MergeArgs) -> ExitCode {
    let mut data = Vec::with_capacity(args.files.len());
    for f in &args.files {
        match std::fs::read(f) {
            Ok(b) => data.push((f.display().to_string(), b)),
            Err(e) => {
                eprintln!(
                    "errcat: {}: {e}",
                    super::grid::safe(&f.display().to_string())
                );
                return ExitCode::from(1);
            }
        }
    }
    let parts: Vec<(&str, &[u8])> = data
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let bytes = if args.format == "partial" {
        merge_to_partial(&parts)
    } else {
        merge_partials(&parts).map(|r| {
            for w in &r.warnings {
                eprintln!(
                    "errcat: {} {}",
                    warn("warning:"),
                    errcat::display::terminal_safe(&w.message)
                );
            }
            output::render(&r, &args.format, args.top, args.entities)
        })
    };
    match bytes {
        Ok(b) => output::write(&b, args.output.as_deref(), args.format == "partial"),
        Err(e) => {
            eprintln!("errcat: audit merge: {}", super::grid::safe(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
