//! `errcat list`: catalog entries as an aligned table or JSON.

use std::process::ExitCode;

use errcat::{entries, Entry, Filter, Lang, Reporter, Service, System};

use crate::style::{pad, strong};

/// Arguments of `errcat list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only this system
    #[arg(long, value_parser = ["koupleless", "blobstore"])]
    system: Option<String>,
    /// Only this reporter's table (Koupleless)
    #[arg(long)]
    reporter: Option<String>,
    /// Only this service (blobstore)
    #[arg(long)]
    service: Option<String>,
    /// Only blobstore codes valid at this CubeFS version
    #[arg(long)]
    version: Option<String>,
    /// Language of meanings
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    lang: String,
    /// Print a JSON array of entries
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: &ListArgs) -> ExitCode {
    let filter = Filter {
        system: args
            .system
            .as_deref()
            .map(|s| System::parse(s).unwrap_or_else(|e| crate::usage_error(&e.to_string()))),
        reporter: args
            .reporter
            .as_deref()
            .map(|r| Reporter::parse(r).unwrap_or_else(|e| crate::usage_error(&e.to_string()))),
        service: args
            .service
            .as_deref()
            .map(|s| Service::parse(s).unwrap_or_else(|e| crate::usage_error(&e.to_string()))),
        version: crate::version_arg(args.version.as_deref()),
    };
    let lang = Lang::parse(&args.lang).unwrap_or_default();
    if args.json {
        let list: Vec<_> = entries(filter).map(errcat::export::entry_json).collect();
        return crate::print(
            &(serde_json::to_string_pretty(&list).expect("JSON values serialise") + "\n"),
        );
    }
    let rows: Vec<[String; 4]> = entries(filter)
        .map(|entry| match entry {
            Entry::Koupleless(e) => [
                e.reporter.name().to_string(),
                format!("{}.{}", e.sources[0], e.error_type),
                if e.retryable { "retry" } else { "" }.to_string(),
                e.meaning.get(lang).to_string(),
            ],
            Entry::Blobstore(e) => [
                e.service.name().to_string(),
                e.code.to_string(),
                e.versions.describe(),
                e.meaning(lang).to_string(),
            ],
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r[i].as_str()))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for r in &rows {
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            pad(&r[0], widths[0]),
            strong(&pad(&r[1], widths[1])),
            pad(&r[2], widths[2]),
            r[3]
        ));
    }
    crate::print(&out)
}
