//! `errcat find`, `search`, `parse`, `compose` and `render`: the catalog operations as commands, each printing a
//! line per answer or, with `--json`, the answer as JSON. Arguments pass through the core's boundary policies
//! (`errcat::boundary::ops`) exactly as every language binding's do.

use std::process::ExitCode;

use errcat::boundary::ops;
use errcat::display::terminal_safe;
use errcat::{Code, Entry, Lang};
use serde_json::json;

use crate::style::{label, pad, strong};

/// Arguments of `errcat find`.
#[derive(clap::Args, Debug)]
pub struct FindArgs {
    /// Print a JSON array of the entries (as in the catalog export)
    #[arg(long)]
    json: bool,
    /// Language of meanings
    #[arg(long, default_value = "en")]
    lang: String,
    /// A two-level code (User.UnknownError), a bare type (InstallBizFailed) or a status number (935)
    code: String,
}

/// Arguments of `errcat search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Print a JSON array of the entries (as in the catalog export)
    #[arg(long)]
    json: bool,
    /// Language of meanings
    #[arg(long, default_value = "en")]
    lang: String,
    /// Words of the meaning, solution or message, English or Chinese (every word must appear)
    #[arg(required = true)]
    words: Vec<String>,
}

/// Arguments of `errcat parse`.
#[derive(clap::Args, Debug)]
pub struct ParseArgs {
    /// Print {source, type, code} as JSON
    #[arg(long)]
    json: bool,
    /// The text to parse strictly as Source.Type
    text: String,
}

/// Arguments of `errcat compose`.
#[derive(clap::Args, Debug)]
pub struct ComposeArgs {
    /// Print {source, type, code} as JSON
    #[arg(long)]
    json: bool,
    /// A Level-1 source (Arklet, user, ...)
    source: String,
    /// A PascalCase type
    error_type: String,
}

/// Arguments of `errcat render`.
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// RFC 9457 application/problem+json (the default)
    #[arg(long, conflicts_with = "arklet")]
    problem: bool,
    /// The Arklet response envelope with errorCode
    #[arg(long)]
    arklet: bool,
    /// Look two-level codes up in this reporter's table
    #[arg(long)]
    reporter: Option<String>,
    /// CubeFS version of status numbers (default: newest)
    #[arg(long)]
    version: Option<String>,
    /// The error's code: a two-level code or a status number
    code: String,
    /// What happened this time
    detail: String,
    /// A cause, outermost first: CODE DETAIL (repeat for a chain)
    #[arg(long, num_args = 2, value_names = ["CODE", "DETAIL"], action = clap::ArgAction::Append, allow_hyphen_values = true)]
    cause: Vec<String>,
}

/// Prints `error` as `errcat: Kind: message` on stderr; exit 2 for a wrong argument, 1 otherwise.
pub fn fail(error: &errcat::Error) -> ExitCode {
    eprintln!(
        "errcat: {}: {}",
        error.kind(),
        terminal_safe(&error.to_string())
    );
    match error.kind() {
        errcat::ErrorKind::InvalidArgument => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}

fn lang(text: &str) -> Result<Lang, errcat::Error> {
    errcat::boundary::names::name("lang", text)
}

fn print_entries(found: Vec<Entry>, json: bool, lang: Lang) -> ExitCode {
    if json {
        let list: Vec<_> = found.into_iter().map(errcat::export::entry_json).collect();
        return crate::print(
            &(serde_json::to_string_pretty(&list).expect("JSON values serialise") + "\n"),
        );
    }
    let mut out = String::new();
    for entry in found {
        let (code, meaning) = match entry {
            Entry::Koupleless(e) => (e.default_code.to_string(), e.meaning.get(lang)),
            Entry::Blobstore(e) => (e.code.to_string(), e.meaning(lang)),
        };
        out.push_str(&format!(
            "{}  {}  {meaning}\n",
            strong(&pad(&code, 24)),
            label(&pad(entry.key(), 40))
        ));
    }
    crate::print(&out)
}

/// `errcat find`.
pub fn find(args: &FindArgs) -> ExitCode {
    match lang(&args.lang).and_then(|l| Ok((ops::find(&args.code)?, l))) {
        Ok((found, l)) => print_entries(found, args.json, l),
        Err(e) => fail(&e),
    }
}

/// `errcat search`: exit 1 when nothing matches.
pub fn search(args: &SearchArgs) -> ExitCode {
    match lang(&args.lang).and_then(|l| Ok((ops::search(&args.words.join(" "))?, l))) {
        Ok((found, _)) if found.is_empty() && !args.json => {
            eprintln!(
                "errcat: no entry holds every word of {:?}",
                terminal_safe(&args.words.join(" "))
            );
            ExitCode::from(1)
        }
        Ok((found, l)) => print_entries(found, args.json, l),
        Err(e) => fail(&e),
    }
}

fn print_code(code: Result<Code<'_>, errcat::Error>, json: bool) -> ExitCode {
    match code {
        Ok(c) if json => crate::print(
            &(json!({"source": c.source().name(), "type": c.error_type(), "code": c.to_string()})
                .to_string()
                + "\n"),
        ),
        Ok(c) => crate::print(&format!("{c}\n")),
        Err(e) => fail(&e),
    }
}

/// `errcat parse`.
pub fn parse(args: &ParseArgs) -> ExitCode {
    print_code(ops::parse(&args.text), args.json)
}

/// `errcat compose`.
pub fn compose(args: &ComposeArgs) -> ExitCode {
    print_code(ops::compose(&args.source, &args.error_type), args.json)
}

/// `errcat render`: the error value and its causes as problem+json (default) or the Arklet envelope.
pub fn render(args: &RenderArgs) -> ExitCode {
    let links = std::iter::once((args.code.as_str(), args.detail.as_str())).chain(
        args.cause
            .chunks(2)
            .map(|pair| (pair[0].as_str(), pair[1].as_str())),
    );
    let chain = links.map(|(code, detail)| {
        let code = ops::error_code(code, args.reporter.as_deref(), args.version.as_deref())?;
        Ok((code, detail.to_string()))
    });
    let rendering = if args.arklet { "arklet" } else { "problem" };
    match ops::render(rendering, chain) {
        Ok(text) => crate::print(&(text + "\n")),
        Err(e) => fail(&e),
    }
}
