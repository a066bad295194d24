//! `errcat list`: catalog entries as an aligned table or JSON.

use std::process::ExitCode;

use errcat::{Entry, Lang};

use crate::style::{pad, strong};

/// Arguments of `errcat list`.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only this system (koupleless or blobstore)
    #[arg(long)]
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
    /// Language of meanings (en, zh, or a locale such as zh-CN)
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print a JSON array of entries
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: &ListArgs) -> ExitCode {
    let checked = errcat::boundary::ops::entries(
        args.system.as_deref(),
        args.reporter.as_deref(),
        args.service.as_deref(),
        args.version.as_deref(),
    )
    .and_then(|found| {
        Ok((
            found,
            errcat::boundary::names::name::<Lang>("lang", &args.lang)?,
        ))
    });
    let (found, lang) = match checked {
        Ok(ok) => ok,
        Err(e) => return crate::codes::fail(&e),
    };
    if args.json {
        let list: Vec<_> = found.into_iter().map(errcat::export::entry_json).collect();
        return crate::print(
            &(serde_json::to_string_pretty(&list).expect("JSON values serialise") + "\n"),
        );
    }
    let rows: Vec<[String; 4]> = found
        .into_iter()
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
