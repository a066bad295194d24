//! `errcat explain CODE...`: everything the catalog knows about each code, for people or as JSON.

use std::process::ExitCode;

use errcat::boundary::{names::opt_name, ops, Number};
use errcat::display::terminal_safe;
use errcat::{find, Entry, Error, Lang, Reporter, Resolved, StatusMatch, Version};
use serde_json::{json, Value};

use crate::style::{bad, label, pad, strong, warn};

/// Arguments of `errcat explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Resolve two-level codes inside this reporter's table (Arklet, ModuleController, KouplelessBoard)
    #[arg(long)]
    reporter: Option<String>,
    /// CubeFS version for numeric codes (default: newest, master)
    #[arg(long)]
    version: Option<String>,
    /// Language of meanings and solutions (en, zh, or a locale such as zh-CN)
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print a JSON array, one object per CODE
    #[arg(long)]
    json: bool,
    /// Two-level codes (Arklet.InstallBizFailed), aliases, bare types (InstallBizFailed: every table's entry), or
    /// blobstore status numbers (552)
    #[arg(required = true)]
    codes: Vec<String>,
}

/// What one CODE resolved to.
enum Outcome {
    Koupleless(Resolved),
    Blobstore(StatusMatch),
    /// A bare type: the entries of every table that has it.
    Entries(Vec<Entry>),
    Failed(Error),
}

/// Resolves one CODE the way the libraries do: a number is a status (`ops::number_text`), a bare type the entries
/// of every table, anything else a two-level code.
fn resolve(code: &str, reporter: Option<&str>, version: Option<&str>) -> Outcome {
    let result = match ops::number_text(code) {
        Some(n) => ops::status(&n, version).map(Outcome::Blobstore),
        None if !code.contains('.') && ops::find(code).is_ok() => {
            ops::find(code).map(Outcome::Entries)
        }
        None => ops::lookup(code, reporter).map(Outcome::Koupleless),
    };
    result.unwrap_or_else(Outcome::Failed)
}

/// Runs the command: exit 0 when every code was found, 1 when any was not, 2 on usage errors.
pub fn run(args: &ExplainArgs) -> ExitCode {
    let checked = (
        opt_name::<Reporter>("reporter", args.reporter.as_deref()),
        opt_name::<Version>("version", args.version.as_deref()),
        errcat::boundary::names::name::<Lang>("lang", &args.lang),
    );
    let (version, lang) = match checked {
        (Ok(_), Ok(version), Ok(lang)) => (version, lang),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return crate::codes::fail(&e),
    };
    let (reporter_text, version_text) = (args.reporter.as_deref(), args.version.as_deref());
    let outcomes: Vec<(&str, Outcome)> = args
        .codes
        .iter()
        .map(|c| (c.as_str(), resolve(c, reporter_text, version_text)))
        .collect();
    let all_found = outcomes
        .iter()
        .all(|(_, o)| !matches!(o, Outcome::Failed(_)));
    let text = if args.json {
        let list: Vec<Value> = outcomes
            .iter()
            .map(|(code, o)| to_json(code, o, version, lang))
            .collect();
        serde_json::to_string_pretty(&list).expect("JSON values serialise") + "\n"
    } else {
        outcomes
            .iter()
            .map(|(code, o)| to_text(code, o, version, lang))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let printed = crate::print(&text);
    if printed != ExitCode::SUCCESS || !all_found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn field(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("  {} {value}\n", label(&pad(name, 11))));
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn to_text(code: &str, outcome: &Outcome, version: Option<Version>, lang: Lang) -> String {
    let mut out = String::new();
    match outcome {
        Outcome::Koupleless(r) => {
            let e = r.entry;
            out.push_str(&format!(
                "{}  {}\n",
                strong(&r.to_string()),
                e.meaning.get(lang)
            ));
            field(&mut out, "solution", e.solution.get(lang));
            let catalogued: Vec<&str> = e.sources.iter().map(|s| s.name()).collect();
            let source = if r.is_dynamic() {
                format!(
                    "{} (dynamic combination; catalogued: {})",
                    r.source,
                    catalogued.join(", ")
                )
            } else {
                format!("{} (catalogued: {})", r.source, catalogued.join(", "))
            };
            field(&mut out, "source", &source);
            field(
                &mut out,
                "reporter",
                &format!("{} — {}", e.reporter, e.business_type.get(lang)),
            );
            field(&mut out, "retryable", yes_no(e.retryable));
            if let Some(alias) = r.alias {
                field(
                    &mut out,
                    "alias",
                    &format!("{alias} → published spelling {}", e.error_type),
                );
            }
            for note in e.notes {
                field(&mut out, "note", note);
            }
        }
        Outcome::Blobstore(m) => {
            let e = m.entry;
            let message = if e.message.is_empty() {
                "(no message)"
            } else {
                e.message
            };
            out.push_str(&format!("{}  {message}\n", strong(&e.code.to_string())));
            if e.description.is_some() {
                field(&mut out, "meaning", e.meaning(lang));
            }
            field(&mut out, "service", e.service.name());
            let validity = if m.valid {
                format!("{} (valid at {})", e.versions.describe(), m.version)
            } else {
                warn(&format!(
                    "{} — not defined at {}",
                    e.versions.describe(),
                    m.version
                ))
            };
            field(&mut out, "versions", &validity);
            if let Some(to) = e.renumbered_to {
                field(
                    &mut out,
                    "renumbered",
                    &format!("now {to} (from {})", next_version(e)),
                );
            }
            if let Some(from) = e.renumbered_from {
                field(
                    &mut out,
                    "renumbered",
                    &format!("was {from} before {}", e.versions.describe()),
                );
            }
            field(
                &mut out,
                "retry",
                &format!(
                    "{} (retryable: {})",
                    e.retry.name(),
                    yes_no(e.retry.retryable())
                ),
            );
            let go = format!("{} {} (errors/{}.go)", e.go_const, e.go_err, e.go_file);
            field(&mut out, "go", if e.go_const.is_empty() { "" } else { &go });
            field(&mut out, "documented", yes_no(e.documented));
            for note in e.notes {
                field(&mut out, "note", note);
            }
            for other in others(e) {
                field(&mut out, "also", &other);
            }
        }
        Outcome::Entries(found) => {
            out.push_str(&format!(
                "{}  {}\n",
                strong(&terminal_safe(code)),
                label(&format!("a bare type: {} table(s) hold it", found.len()))
            ));
            let width = Reporter::ALL
                .iter()
                .map(|r| r.name().len())
                .max()
                .unwrap_or(0);
            for entry in found {
                if let Entry::Koupleless(e) = entry {
                    let reporter = label(&pad(e.reporter.name(), width));
                    let meaning = e.meaning.get(lang);
                    out.push_str(&format!("  {reporter} {}  {meaning}\n", e.default_code));
                }
            }
        }
        Outcome::Failed(err) => {
            // The code as typed and the messages that repeat it: shown with control characters escaped.
            out.push_str(&format!(
                "{}  {}\n",
                strong(&terminal_safe(code)),
                bad(&format!("{}: {}", err.kind(), terminal_safe(err.message())))
            ));
            if !err.suggestions().is_empty() {
                field(
                    &mut out,
                    "did you mean",
                    &terminal_safe(&err.suggestions().join(", ")),
                );
            }
            for c in err.candidates() {
                field(&mut out, "candidate", &terminal_safe(c));
            }
            if let Some(service) = range_service(code, version) {
                field(&mut out, "service", &format!("{service} (by its range)"));
            }
        }
    }
    out
}

fn next_version(e: &errcat::StatusEntry) -> String {
    let last = e.versions.last().unwrap_or(Version::NEWEST);
    Version::all()
        .find(|v| *v > last)
        .map_or_else(|| last.to_string(), |v| v.to_string())
}

/// The other entries with the same number, in other versions.
fn others(e: &'static errcat::StatusEntry) -> Vec<String> {
    find(&e.code.to_string())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|other| match other {
            Entry::Blobstore(o) if !std::ptr::eq(o, e) => Some(format!(
                "{} = {:?} in {}",
                o.code,
                o.message,
                o.versions.describe()
            )),
            _ => None,
        })
        .collect()
}

/// The service of a number at the version: its entry's, else its range's (`service_of`).
fn range_service(code: &str, version: Option<Version>) -> Option<errcat::Service> {
    let n = match ops::number_text(code)? {
        Number::Int(n) => n,
        Number::Other(_) => return None,
    };
    errcat::service_of(n, version).ok()
}

fn to_json(code: &str, outcome: &Outcome, version: Option<Version>, lang: Lang) -> Value {
    match outcome {
        Outcome::Koupleless(r) => json!({
            "input": code,
            "found": true,
            "code": r.to_string(),
            "source": r.source.name(),
            "dynamic": r.is_dynamic(),
            "alias": r.alias,
            "meaning": r.entry.meaning.get(lang),
            "solution": r.entry.solution.get(lang),
            "entry": errcat::export::entry_json(Entry::Koupleless(r.entry)),
        }),
        Outcome::Blobstore(m) => json!({
            "input": code,
            "found": true,
            "code": m.entry.code.to_string(),
            "version": m.version.name(),
            "valid": m.valid,
            "meaning": m.entry.meaning(lang),
            "service": range_service(code, version).map(|s| s.name()),
            "entry": errcat::export::entry_json(Entry::Blobstore(m.entry)),
        }),
        Outcome::Entries(found) => json!({
            "input": code,
            "found": true,
            "entries": found.iter().map(|e| errcat::export::entry_json(*e)).collect::<Vec<_>>(),
        }),
        Outcome::Failed(e) => json!({
            "input": code,
            "found": false,
            "error": {
                "kind": e.kind().name(),
                "message": e.message(),
                "suggestions": e.suggestions(),
                "candidates": e.candidates(),
            },
            "service": range_service(code, version).map(|s| s.name()),
        }),
    }
}
