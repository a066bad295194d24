//! `errcat classify [FILE|-]`: which two-level code a real Arklet / ModuleController answer means, explained like
//! `errcat explain`, as JSON, or as the answer with `errorCode` added.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use errcat::display::terminal_safe;
use errcat::{classify, Classification, ClassifiedItem, ClassifyContext, Error, Lang, Shape};

use crate::style::{bad, label, pad, strong};

/// Arguments of `errcat classify`.
#[derive(clap::Args, Debug)]
pub struct ClassifyArgs {
    /// The command the answer is for: installBiz, batchInstallBiz, uninstallBiz, switchBiz, queryAllBiz, health,
    /// queryBizOps, help (case ignored)
    #[arg(long, value_name = "CMD")]
    command: Option<String>,
    /// The HTTP status of the response
    #[arg(long, value_name = "N")]
    http_status: Option<i64>,
    /// How the answer arrived: http (Arklet's HTTP API, default), mqtt (a bizOperation payload) or client (the
    /// text of ModuleController's client error)
    #[arg(long, value_name = "TUNNEL")]
    tunnel: Option<String>,
    /// Language of meanings and solutions
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    lang: String,
    /// Print one JSON object (code, outcome, rule, evidence, entry, retryable, results)
    #[arg(long, conflicts_with = "enrich")]
    json: bool,
    /// Print the answer with its code added as errorCode (a success is printed as received)
    #[arg(long)]
    enrich: bool,
    /// The answer: a file, or - for standard input
    #[arg(default_value = "-", value_name = "FILE|-")]
    file: String,
}

/// Reads the answer, at most one byte more than errcat classifies.
fn read(file: &str) -> Result<Vec<u8>, Error> {
    let limit = errcat::classify::MAX_BODY as u64 + 1;
    let mut body = Vec::new();
    let result = if file == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut body)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut body))
    };
    result.map_err(|e| Error::new(errcat::ErrorKind::Io, format!("cannot read {file}: {e}")))?;
    if body.len() as u64 == limit {
        return Err(Error::invalid_argument(format!(
            "{file} is larger than {} bytes (16 MiB), the most errcat classifies",
            errcat::classify::MAX_BODY
        )));
    }
    Ok(body)
}

/// Runs the command: exit 0 when the answer was classified (a success included), 1 when it was not, 2 on usage
/// errors.
pub fn run(args: &ClassifyArgs) -> ExitCode {
    let context = ClassifyContext::parse(
        args.command.as_deref(),
        args.http_status,
        args.tunnel.as_deref(),
    )
    .unwrap_or_else(|e| crate::usage_error(&e.to_string()));
    let lang = Lang::parse(&args.lang).unwrap_or_default();
    let body = read(&args.file);
    let result = body
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|b| classify(b, &context));
    if args.enrich {
        return enrich(&result, body.as_deref().unwrap_or_default());
    }
    let text = if args.json {
        let value = match &result {
            Ok(c) => c.to_json_value(),
            Err(e) => errcat::classify::unclassified_json(e),
        };
        json_safe(&serde_json::to_string_pretty(&value).expect("JSON values serialise")) + "\n"
    } else {
        match &result {
            Ok(c) => to_text(c, lang),
            Err(e) => unclassified_text(e),
        }
    };
    let printed = crate::print(&text);
    if printed != ExitCode::SUCCESS || result.is_err() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn enrich(result: &errcat::Result<Classification>, body: &[u8]) -> ExitCode {
    let enriched = result
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|c| c.enrich(body));
    match enriched {
        Ok(text) => {
            let shown = if std::io::stdout().is_terminal() {
                json_safe(&text)
            } else {
                text
            };
            crate::print(&shown)
        }
        Err(e) => {
            eprintln!(
                "errcat: {}",
                terminal_safe(&format!("{}: {}", e.kind(), e.message()))
            );
            ExitCode::from(1)
        }
    }
}

/// JSON with every character a terminal would act on (C1 controls, DEL, bidi overrides; newlines excepted, they
/// only separate members) written as a `\u` escape: the same JSON value, harmless to print.
fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        let mut buf = [0u8; 4];
        let one: &str = c.encode_utf8(&mut buf);
        if c != '\n' && terminal_safe(one) != one {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Input-derived text for one line of the explanation: its first line, clipped, terminal-safe.
fn show(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut clipped: String = first.chars().take(200).collect();
    if clipped.len() < text.trim_end().len() {
        clipped.push('…');
    }
    terminal_safe(&clipped).into_owned()
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

fn to_text(c: &Classification, lang: Lang) -> String {
    let mut out = String::new();
    let e = c.evidence();
    match c.code() {
        Some(code) => {
            let entry = code.entry;
            out.push_str(&format!(
                "{}  {}\n",
                strong(&code.to_string()),
                entry.meaning.get(lang)
            ));
            field(&mut out, "solution", entry.solution.get(lang));
            field(
                &mut out,
                "reporter",
                &format!("{} — {}", entry.reporter, entry.business_type.get(lang)),
            );
            field(&mut out, "retryable", yes_no(entry.retryable));
        }
        None => out.push_str(&format!(
            "{}  the answer reports a success\n",
            strong("success")
        )),
    }
    field(&mut out, "rule", &format!("{} — {}", c.rule(), c.why()));
    let mut answer = vec![match e.shape {
        Shape::Envelope => format!("envelope {}", show(e.envelope.as_deref().unwrap_or(""))),
        Shape::Text => "plain text".to_string(),
        Shape::Empty => "no body".to_string(),
        Shape::BatchEntry => "batch entry".to_string(),
        Shape::BizRecord => "biz record".to_string(),
        Shape::OpsRecord => "operation record".to_string(),
    }];
    for (name, value) in [
        ("data.code", &e.data_code),
        ("state", &e.state),
        ("reason", &e.reason),
    ] {
        if let Some(v) = value {
            answer.push(format!("{name} {}", show(v)));
        }
    }
    let mut call = match e.command {
        Some(c) => format!("{} over {}", c.name(), e.tunnel.name()),
        None => format!("over {}", e.tunnel.name()),
    };
    if let Some(status) = e.http_status {
        call.push_str(&format!(", HTTP {status}"));
    }
    field(
        &mut out,
        "answer",
        &format!("{} ({call})", answer.join(", ")),
    );
    if let Some(key) = &e.key {
        field(&mut out, "entry", &show(key));
    }
    for (name, value) in [("message", &e.message), ("data", &e.data_message)] {
        if let Some(v) = value {
            field(&mut out, name, &show(v));
        }
    }
    if let Some(class) = &e.exception {
        field(&mut out, "exception", &show(class));
    }
    // The deepest cause, when it is a throwable (not just the failure text again).
    if e.cause.is_some() {
        let mut cause = match (&e.cause, &e.cause_message) {
            (Some(class), Some(m)) => format!("{}: {}", show(class), show(m)),
            (Some(class), None) => show(class),
            (None, Some(m)) => show(m),
            (None, None) => String::new(),
        };
        if let (Some(origin), Some(frame)) = (e.cause_origin, &e.cause_frame) {
            cause.push_str(&format!(" ({} code, {})", origin.name(), show(frame)));
        }
        field(&mut out, "cause", &cause);
    }
    if e.frames > 0 {
        field(
            &mut out,
            "trace",
            &format!("{} throwable(s), {} frame(s)", e.causes, e.frames),
        );
    }
    for (name, value) in &e.placeholders {
        field(&mut out, &show(name), &show(value));
    }
    if !c.results().is_empty() {
        let failed = c
            .results()
            .iter()
            .filter(|i| matches!(&i.result, Ok(r) if !r.is_success()))
            .count();
        let unknown = c.results().iter().filter(|i| i.result.is_err()).count();
        field(
            &mut out,
            "entries",
            &format!(
                "{} ({failed} failed, {unknown} unclassified)",
                c.results().len()
            ),
        );
        for item in c.results() {
            out.push_str(&format!("    {}  {}\n", show(&item.key), item_text(item)));
        }
    }
    out
}

fn item_text(item: &ClassifiedItem) -> String {
    match &item.result {
        Ok(c) => match c.code() {
            Some(code) => format!("{} ({})", code, c.rule()),
            None => format!("success ({})", c.rule()),
        },
        Err(e) => bad(&format!("unclassified: {}", show(e.message()))),
    }
}

fn unclassified_text(e: &Error) -> String {
    format!(
        "{}  {}\n",
        strong("unclassified"),
        bad(&terminal_safe(&format!("{}: {}", e.kind(), e.message())))
    )
}

#[cfg(test)]
mod tests {
    use super::json_safe;
    use serde_json::Value;

    #[test]
    fn json_safe_escapes_what_a_terminal_acts_on_and_stays_json() {
        let text = "{\n  \"m\": \"a\u{9b}b\u{202e}c\"\n}";
        let safe = json_safe(text);
        assert_eq!(safe, "{\n  \"m\": \"a\\u009bb\\u202ec\"\n}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["m"], Value::from("a\u{9b}b\u{202e}c"));
    }
}
