//! `classify`: bytes → subjects → the first matching rule → the code, its entry and the evidence.

use super::context::ClassifyContext;
use super::decode::{self, Answer};
use super::result::{Classification, ClassifiedItem, Evidence, Outcome};
use super::rules::{first_match, ArkletCommand, Rule, Shape, Tunnel};
use super::subject::Subject;
use crate::tables::wire::{PACKAGES, RULES};
use crate::{lookup, Error, ErrorKind, Reporter, Result};

/// The largest body classified: 16 MiB. Larger is `InvalidArgument`.
pub const MAX_BODY: usize = 16 << 20;

/// Classifies one answer as received: the response body of Arklet's HTTP API, an MQTT payload, or (tunnel
/// `client`) the text of ModuleController's client error.
///
/// The result is a success or a two-level code with its catalog entry, the rule that decided, the evidence and
/// the catalog's retryability; a `batchInstallBiz` or `queryAllBiz` answer also has one result per entry, and its
/// own code is its first failing entry's. Time is linear in the body (a 10,000-frame stack trace is one scan);
/// nesting is bounded by serde_json's recursion limit (128).
///
/// Errors (never a guess):
/// - `InvalidArgument`: not an answer errcat can read: larger than [`MAX_BODY`], not UTF-8, JSON that is not an
///   object or whose `code` is missing or a number, invalid JSON, JSON nested deeper than 128, or plain text over
///   HTTP/MQTT that no rule knows (not Arklet JSON). The message says what is missing.
/// - `NotFound`: a well-formed answer that no rule classifies (the message describes it, and names the command
///   that would classify it when the caller did not give one).
///
/// ```
/// use errcat::{classify, ClassifyContext, ErrorKind};
/// let body = br#"{"code":"CMD_PROCESS_INTERNAL_ERROR","message":"Internal Error: java.lang.reflect.InvocationTargetException"}"#;
/// let ctx = ClassifyContext::parse(Some("installBiz"), None, None).unwrap();
/// assert_eq!(classify(body, &ctx).unwrap().code().unwrap().to_string(), "User.InstallBizUserError");
/// assert_eq!(classify(b"\xff", &ctx).unwrap_err().kind(), ErrorKind::InvalidArgument);
/// ```
pub fn classify(body: &[u8], context: &ClassifyContext) -> Result<Classification> {
    if body.len() > MAX_BODY {
        return Err(Error::invalid_argument(format!(
            "body is {} bytes; at most {MAX_BODY} (16 MiB) are classified",
            body.len()
        )));
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        Error::invalid_argument(format!(
            "body is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let call = context.call();
    let read = decode::read(text, call.tunnel).map_err(Error::invalid_argument)?;
    match decode::answer(text, &read, call, &PACKAGES).map_err(Error::invalid_argument)? {
        Answer::One(subject) => one(&subject, None),
        Answer::Many { envelope, items } => many(&envelope, items),
    }
}

fn one(s: &Subject<'_>, key: Option<&str>) -> Result<Classification> {
    match first_match(&RULES, s) {
        Some(rule) => decided(rule, s, key),
        None => Err(unmatched(s)),
    }
}

fn decided(rule: &'static Rule, s: &Subject<'_>, key: Option<&str>) -> Result<Classification> {
    let code = if rule.success {
        None
    } else {
        let internal = |e: Error| {
            Error::new(
                ErrorKind::Internal,
                format!("rule {} names {}: {e}", rule.id, rule.code),
            )
        };
        let reporter = Reporter::from_name(rule.reporter).map_err(internal)?;
        Some(lookup(rule.code, Some(reporter)).map_err(internal)?)
    };
    Ok(Classification {
        outcome: if rule.success {
            Outcome::Success
        } else {
            Outcome::Error
        },
        code,
        rule,
        evidence: Evidence::of(s, &rule.captures(s), key),
        results: Vec::new(),
    })
}

/// A composite answer: every entry classified; the answer's own code is the first failing entry's, else the
/// envelope's (a success).
fn many(envelope: &Subject<'_>, items: Vec<(String, Subject<'_>)>) -> Result<Classification> {
    let results: Vec<ClassifiedItem> = items
        .iter()
        .map(|(key, s)| ClassifiedItem {
            key: key.clone(),
            result: one(s, Some(key)),
        })
        .collect();
    let failed = results.iter().find_map(|i| match &i.result {
        Ok(c) if c.outcome == Outcome::Error => Some(c),
        _ => None,
    });
    let mut top = match failed {
        Some(c) => c.clone(),
        None => {
            if let Some((key, Err(e))) = results
                .iter()
                .map(|i| (&i.key, &i.result))
                .find(|(_, r)| r.is_err())
            {
                return Err(Error::new(
                    e.kind(),
                    format!("entry {key}: {}", e.message()),
                ));
            }
            one(envelope, None)?
        }
    };
    top.results = results;
    Ok(top)
}

/// Clips `text` for a message: one line, at most 160 characters.
fn clip(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(160).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    format!("{out:?}")
}

/// The NotFound error for a subject no rule matches: what it showed, and the command that would classify it.
fn unmatched(s: &Subject<'_>) -> Error {
    let mut seen = vec![format!("{} over {}", s.shape.name(), s.tunnel.name())];
    if let Some(c) = s.command {
        seen.push(format!("command {}", c.name()));
    }
    for (name, value) in [
        ("envelope", s.envelope),
        ("data.code", s.data_code),
        ("state", s.state),
        ("reason", s.reason),
    ] {
        if let Some(v) = value {
            seen.push(format!("{name} {v}"));
        }
    }
    for (name, value) in [("message", s.message), ("data.message", s.data_message)] {
        if let Some(v) = value {
            seen.push(format!("{name} {}", clip(v)));
        }
    }
    if let Some(f) = &s.failure {
        if let Some(class) = f.exception.and_then(|e| e.class) {
            seen.push(format!("exception {class}"));
        }
        if let Some(class) = f.deepest().class {
            seen.push(format!("deepest cause {class}"));
        }
    }
    // Plain text or nothing over Arklet's own tunnels is not an answer errcat can read.
    let unreadable = match s.shape {
        Shape::Text => s.tunnel != Tunnel::Client,
        Shape::Empty => true,
        _ => false,
    };
    if unreadable {
        return Error::invalid_argument(if s.shape == Shape::Empty {
            format!(
                "nothing to classify: the body is empty (over {})",
                s.tunnel.name()
            )
        } else {
            format!(
                "not Arklet JSON over {}: plain text {}",
                s.tunnel.name(),
                clip(s.message.unwrap_or(""))
            )
        });
    }
    let mut message = format!("no rule classifies this answer ({})", seen.join(", "));
    if s.command.is_none() {
        let with: Vec<String> = ArkletCommand::ALL
            .iter()
            .filter_map(|&c| {
                let mut probe = s.clone();
                probe.command = Some(c);
                first_match(&RULES, &probe)
                    .filter(|r| !r.success)
                    .map(|r| format!("{} → {} ({})", c.name(), r.code, r.id))
            })
            .collect();
        if !with.is_empty() {
            message.push_str(&format!("; the command decides: {}", with.join(", ")));
        }
    }
    Error::new(ErrorKind::NotFound, message)
}
