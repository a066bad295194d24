//! `errcat`: explain, list and export error codes; classify Arklet answers; analyse blobstore audit logs.

mod audit;
mod classify;
mod codes;
mod explain;
mod follow;
mod list;
mod style;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// One error-code catalog for Koupleless two-level codes and CubeFS blobstore status codes.
#[derive(Parser, Debug)]
#[command(name = "errcat", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Explain codes: meaning, solution, source, reporter/service, retryability, validity by version
    Explain(explain::ExplainArgs),
    /// Every entry a code, a bare type or a status number could mean
    Find(codes::FindArgs),
    /// Find codes by the words of their meaning, solution or message (English or Chinese)
    Search(codes::SearchArgs),
    /// Parse a two-level code strictly (Source.Type)
    Parse(codes::ParseArgs),
    /// Build Source.Type from a source and a type
    Compose(codes::ComposeArgs),
    /// Render an error value and its causes as problem+json or the Arklet envelope
    Render(codes::RenderArgs),
    /// List catalog entries, filtered
    List(list::ListArgs),
    /// Export the whole catalog to stdout
    Export {
        /// json (both languages; the default), md (the published tables) or csv
        #[arg(long)]
        format: Option<String>,
        /// Language of md and csv (en, zh, or a locale such as zh-CN)
        #[arg(long)]
        lang: Option<String>,
    },
    /// Classify a real Arklet / ModuleController answer: success, or its two-level code, rule and evidence
    Classify(classify::ClassifyArgs),
    /// Analyse CubeFS blobstore audit logs
    Audit(Box<audit::AuditArgs>),
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), for packaging: `make dist` puts it in the CLI tarball
    #[command(hide = true)]
    Manpage,
}

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| exit_on(e));
    match cli.command {
        Command::Explain(args) => explain::run(&args),
        Command::Find(args) => codes::find(&args),
        Command::Search(args) => codes::search(&args),
        Command::Parse(args) => codes::parse(&args),
        Command::Compose(args) => codes::compose(&args),
        Command::Render(args) => codes::render(&args),
        Command::List(args) => list::run(&args),
        Command::Export { format, lang } => {
            match errcat::boundary::ops::export(format.as_deref(), lang.as_deref()) {
                Ok(text) => print(&text),
                Err(e) => codes::fail(&e),
            }
        }
        Command::Classify(args) => classify::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "errcat", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Manpage => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => print(&String::from_utf8_lossy(&page)),
                Err(e) => {
                    eprintln!("errcat: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// Writes `text` to stdout; a closed pipe (`errcat export | head`) is not an error.
fn print(text: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("errcat: {e}");
            ExitCode::from(1)
        }
    }
}

/// Parses a `--version` value, or exits with a usage error (2).
fn version_arg(text: Option<&str>) -> Option<errcat::Version> {
    errcat::boundary::names::opt_name("version", text)
        .unwrap_or_else(|e| usage_error(&e.to_string()))
}

/// Prints a usage error the way clap does and exits with status 2. The message may repeat what was typed: it is
/// shown with control characters escaped.
fn usage_error(message: &str) -> ! {
    Cli::command()
        .error(
            clap::error::ErrorKind::InvalidValue,
            errcat::display::terminal_safe(message),
        )
        .exit()
}

/// Exits the way clap does for `error` (help, version or a usage error), after escaping the control characters of
/// the arguments it repeats (`invalid value '<ESC>]0;…'` must not retitle the terminal). Context without any keeps
/// its styling.
fn exit_on(mut error: clap::Error) -> ! {
    use clap::builder::StyledStr;
    use clap::error::ContextValue;
    use errcat::display::terminal_safe;
    use std::borrow::Cow;
    let safe = |text: &str| match terminal_safe(text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(escaped) => Some(escaped),
    };
    let safe_styled = |s: &StyledStr| safe(&s.to_string()).map(StyledStr::from);
    let escaped: Vec<_> = error
        .context()
        .filter_map(|(kind, value)| {
            let value = match value {
                ContextValue::String(s) => ContextValue::String(safe(s)?),
                ContextValue::Strings(v) if v.iter().any(|s| safe(s).is_some()) => {
                    ContextValue::Strings(v.iter().map(|s| terminal_safe(s).into()).collect())
                }
                ContextValue::StyledStr(s) => ContextValue::StyledStr(safe_styled(s)?),
                ContextValue::StyledStrs(v) if v.iter().any(|s| safe_styled(s).is_some()) => {
                    ContextValue::StyledStrs(
                        v.iter()
                            .map(|s| safe_styled(s).unwrap_or_else(|| s.clone()))
                            .collect(),
                    )
                }
                _ => return None,
            };
            Some((kind, value))
        })
        .collect();
    for (kind, value) in escaped {
        error.insert(kind, value);
    }
    error.exit()
}
