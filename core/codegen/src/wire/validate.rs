//! Validates `koupleless-wire.toml` against the Koupleless catalog; every problem as `"<file>: <rule>: <problem>"`.

use std::collections::HashMap;

use super::pattern;
use super::raw::{OneOrMany, RawRule, WireFile};
use super::rules::{ArkletCommand, Shape, Tunnel};
use super::shadow::covers;
use super::trace::Origin;
use super::{OwnedPattern, WireRule, WireRules};
use crate::model::Koupleless;
use crate::syntax::is_pascal_case;

struct Problems<'a> {
    file: &'a str,
    list: Vec<String>,
}

impl Problems<'_> {
    fn add(&mut self, what: &str, problem: impl std::fmt::Display) {
        self.list.push(format!("{}: {what}: {problem}", self.file));
    }
}

/// Which shapes each condition can be tested on (tunnel, shape and command apply to every shape).
const APPLIES: &[(&str, &[Shape])] = &[
    ("http_status", &[Shape::Text, Shape::Empty, Shape::Envelope]),
    ("envelope", &[Shape::Envelope]),
    ("data_code", &[Shape::Envelope, Shape::BatchEntry]),
    ("data_message", &[Shape::Envelope, Shape::BatchEntry]),
    ("state", &[Shape::BizRecord, Shape::OpsRecord]),
    ("reason", &[Shape::BizRecord]),
    (
        "message",
        &[
            Shape::Text,
            Shape::Envelope,
            Shape::BizRecord,
            Shape::OpsRecord,
        ],
    ),
];

/// The shapes a failure condition (error, exception, cause, frames) can be tested on.
const FAILURE_SHAPES: &[Shape] = &[
    Shape::Envelope,
    Shape::BatchEntry,
    Shape::BizRecord,
    Shape::OpsRecord,
];

fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.split(['.', '-']).all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `*`, `a.b.*` or `a.b.C` (dotted Java identifiers).
fn is_class_pattern(p: &str) -> bool {
    let name = p.strip_suffix(".*").unwrap_or(p);
    p == "*"
        || name.split('.').all(|s| {
            let mut c = s.chars();
            c.next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
                && c.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
}

fn is_package_pattern(p: &str) -> bool {
    p.ends_with(".*") && p != ".*" && is_class_pattern(p)
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|v| name(*v)).collect::<Vec<_>>().join(", ")
}

/// Validates the rule file (already named `file` in messages) against the validated Koupleless catalog.
pub fn validate(file: &str, source: &str, catalog: &Koupleless) -> Result<WireRules, Vec<String>> {
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    let raw: WireFile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![format!("{file}: not a valid rule file: {e}")]),
    };
    let mut packages = |list: &[String], what: &str| -> Vec<String> {
        if list.is_empty() {
            p.add(what, "no package");
        }
        list.iter()
            .filter_map(|pkg| {
                if is_package_pattern(pkg) {
                    Some(pkg.trim_end_matches('*').to_string())
                } else {
                    p.add(
                        what,
                        format!("{pkg:?} is not a package pattern like \"java.*\""),
                    );
                    None
                }
            })
            .collect()
    };
    let platform = packages(&raw.frames.platform, "frames.platform");
    let framework = packages(&raw.frames.framework, "frames.framework");

    let mut rules: Vec<WireRule> = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for (n, r) in raw.rule.into_iter().enumerate() {
        let what = format!("rule #{} ({})", n + 1, r.id);
        if !is_rule_id(&r.id) {
            p.add(&what, "id is not lowercase words joined by '.' or '-'");
        }
        if let Some(first) = ids.insert(r.id.clone(), what.clone()) {
            p.add(&what, format!("duplicate id (also {first})"));
        }
        let rule = compile(&mut p, &what, r, catalog);
        for (m, earlier) in rules.iter().enumerate() {
            if covers(earlier, &rule) {
                p.add(
                    &what,
                    format!(
                        "shadowed by rule #{} ({}): every answer it matches, that rule matches first",
                        m + 1,
                        earlier.id
                    ),
                );
                break;
            }
        }
        rules.push(rule);
    }
    if rules.is_empty() {
        p.add("rules", "no rule");
    }
    let patterns: std::collections::HashSet<&String> =
        rules.iter().flat_map(|r| &r.frames).collect();
    if patterns.len() > 64 {
        p.add(
            "rules",
            format!("{} distinct frame patterns; at most 64", patterns.len()),
        );
    }
    if p.list.is_empty() {
        Ok(WireRules {
            platform,
            framework,
            rules,
        })
    } else {
        Err(p.list)
    }
}

fn compile(p: &mut Problems, what: &str, r: RawRule, catalog: &Koupleless) -> WireRule {
    let mut rule = WireRule {
        id: r.id.clone(),
        why: r.why.clone().unwrap_or_default(),
        rows: r.rows.clone(),
        ..WireRule::default()
    };
    if rule.why.trim().is_empty() {
        p.add(
            what,
            "no why (say in one sentence why the answer means this)",
        );
    }
    if let Some(row) = rule.rows.iter().find(|&&row| row == 0) {
        p.add(
            what,
            format!("row {row} is not a TSV row (rows count from 1)"),
        );
    }

    rule.tunnel = enums(
        p,
        what,
        "tunnel",
        r.tunnel,
        Tunnel::from_name_ignore_case,
        || names(&Tunnel::ALL, Tunnel::name),
    );
    rule.shape = enums(
        p,
        what,
        "shape",
        r.shape,
        |s| Shape::ALL.into_iter().find(|v| v.name() == s),
        || names(&Shape::ALL, Shape::name),
    );
    if rule.shape.is_empty() {
        rule.shape = vec![Shape::Envelope];
    }
    rule.command = enums(
        p,
        what,
        "command",
        r.command,
        |c| ArkletCommand::ALL.into_iter().find(|v| v.name() == c),
        || names(&ArkletCommand::ALL, ArkletCommand::name),
    );
    rule.cause_origin = r.cause_origin.as_deref().and_then(|o| {
        let found = [Origin::Framework, Origin::User]
            .into_iter()
            .find(|v| v.name() == o);
        if found.is_none() {
            p.add(
                what,
                format!("unknown cause_origin {o:?} (framework or user)"),
            );
        }
        found
    });

    rule.http_status = r.http_status.into_vec();
    if let Some(s) = rule.http_status.iter().find(|s| !(100..=599).contains(*s)) {
        p.add(what, format!("http_status {s} is not an HTTP status"));
    }
    rule.envelope = r.envelope.into_vec();
    rule.data_code = r.data_code.into_vec();
    rule.state = r.state.into_vec();
    rule.reason = r.reason.into_vec();
    let mut patterns = |field: &str, list: OneOrMany<String>| -> Vec<OwnedPattern> {
        list.into_vec()
            .into_iter()
            .filter_map(|text| match pattern::parse(&text) {
                Ok(parts) => Some(OwnedPattern { text, parts }),
                Err(e) => {
                    p.add(what, format!("{field} pattern {text:?}: {e}"));
                    None
                }
            })
            .collect()
    };
    rule.message = patterns("message", r.message);
    rule.data_message = patterns("data_message", r.data_message);
    rule.error = patterns("error", r.error);
    rule.exception_message = patterns("exception_message", r.exception_message);
    rule.cause_message = patterns("cause_message", r.cause_message);
    for (field, list) in [("exception", r.exception), ("cause", r.cause)] {
        let list = list.into_vec();
        for c in list.iter().filter(|c| !is_class_pattern(c)) {
            p.add(
                what,
                format!("{field} {c:?} is not a class name, a package.* or *"),
            );
        }
        if field == "exception" {
            rule.exception = list;
        } else {
            rule.cause = list;
        }
    }
    rule.frames = r.frames.into_vec();
    for f in &rule.frames {
        let ok = f.rsplit_once('.').is_some_and(|(class, method)| {
            is_class_pattern(class) && !class.contains('*') && is_class_pattern(method)
        });
        if !ok {
            p.add(what, format!("frame {f:?} is not Class.method"));
        }
    }

    applicability(p, what, &rule);
    if conditions(&rule) == 0 {
        p.add(what, "no condition: it would match every answer");
    }
    outcome(
        p,
        what,
        &mut rule,
        r.outcome.as_deref(),
        r.code,
        r.reporter,
        catalog,
    );
    rule
}

fn enums<T>(
    p: &mut Problems,
    what: &str,
    field: &str,
    list: OneOrMany<String>,
    parse: impl Fn(&str) -> Option<T>,
    known: impl Fn() -> String,
) -> Vec<T> {
    list.into_vec()
        .iter()
        .filter_map(|name| {
            let v = parse(name);
            if v.is_none() {
                p.add(
                    what,
                    format!("unknown {field} {name:?} (one of {})", known()),
                );
            }
            v
        })
        .collect()
}

/// The number of conditions a rule has (shape not counted: it has a default).
fn conditions(r: &WireRule) -> usize {
    [
        r.tunnel.len(),
        r.command.len(),
        r.http_status.len(),
        r.envelope.len(),
        r.data_code.len(),
        r.state.len(),
        r.reason.len(),
        r.message.len(),
        r.data_message.len(),
        r.error.len(),
        r.exception.len(),
        r.exception_message.len(),
        r.cause.len(),
        r.cause_message.len(),
        usize::from(r.cause_origin.is_some()),
        r.frames.len(),
    ]
    .iter()
    .filter(|&&n| n > 0)
    .count()
        + usize::from(r.shape.iter().any(|s| *s != Shape::Envelope))
}

fn applicability(p: &mut Problems, what: &str, r: &WireRule) {
    let used: [(&str, bool); 7] = [
        ("http_status", !r.http_status.is_empty()),
        ("envelope", !r.envelope.is_empty()),
        ("data_code", !r.data_code.is_empty()),
        ("data_message", !r.data_message.is_empty()),
        ("state", !r.state.is_empty()),
        ("reason", !r.reason.is_empty()),
        ("message", !r.message.is_empty()),
    ];
    for (field, on) in used {
        if !on {
            continue;
        }
        let shapes = APPLIES
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[][..], |(_, s)| s);
        for s in r.shape.iter().filter(|s| !shapes.contains(s)) {
            p.add(
                what,
                format!("{field} does not apply to shape {}", s.name()),
            );
        }
    }
    let failure = !(r.error.is_empty()
        && r.exception.is_empty()
        && r.exception_message.is_empty()
        && r.cause.is_empty()
        && r.cause_message.is_empty()
        && r.cause_origin.is_none()
        && r.frames.is_empty());
    if failure {
        for s in r.shape.iter().filter(|s| !FAILURE_SHAPES.contains(s)) {
            p.add(
                what,
                format!("a failure condition (error, exception, cause, frames) does not apply to shape {}", s.name()),
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn outcome(
    p: &mut Problems,
    what: &str,
    rule: &mut WireRule,
    outcome: Option<&str>,
    code: Option<String>,
    reporter: Option<String>,
    catalog: &Koupleless,
) {
    rule.success = match outcome.unwrap_or("error") {
        "error" => false,
        "success" => true,
        other => {
            p.add(
                what,
                format!("unknown outcome {other:?} (error or success)"),
            );
            false
        }
    };
    // The reporter of an answer: Arklet for what Arklet sends, ModuleController for its own client's errors.
    let default_reporter = if rule.tunnel == [Tunnel::Client] {
        "ModuleController"
    } else {
        "Arklet"
    };
    rule.reporter = reporter.unwrap_or_else(|| default_reporter.to_string());
    let Some(reporter) = catalog
        .reporters
        .iter()
        .position(|r| r.name == rule.reporter)
    else {
        p.add(what, format!("unknown reporter {:?}", rule.reporter));
        return;
    };
    match (rule.success, code) {
        (true, Some(code)) => p.add(
            what,
            format!("a success rule has no code (it names {code})"),
        ),
        (true, None) => {}
        (false, None) => p.add(what, "an error rule needs a code"),
        (false, Some(code)) => {
            check_code(p, what, &code, reporter, catalog);
            rule.code = code;
        }
    }
}

fn check_code(p: &mut Problems, what: &str, code: &str, reporter: usize, catalog: &Koupleless) {
    let Some((source, error_type)) = code
        .split_once('.')
        .filter(|(s, t)| is_pascal_case(s) && is_pascal_case(t))
    else {
        p.add(what, format!("code {code:?} is not Source.Type"));
        return;
    };
    let reporter_name = &catalog.reporters[reporter].name;
    let Some(source_index) = catalog.sources.iter().position(|s| s.name == source) else {
        p.add(what, format!("code {code}: unknown source {source:?}"));
        return;
    };
    let Some(entry) = catalog.entries.iter().find(|e| {
        e.reporter == reporter
            && (e.error_type == error_type || e.aliases.iter().any(|a| a == error_type))
    }) else {
        p.add(
            what,
            format!("code {code}: type {error_type} is not in the {reporter_name} table"),
        );
        return;
    };
    if !entry.sources.contains(&source_index) {
        let catalogued: Vec<&str> = entry
            .sources
            .iter()
            .map(|&s| catalog.sources[s].name.as_str())
            .collect();
        p.add(
            what,
            format!(
                "code {code}: source {source} is not catalogued for {reporter_name}/{} (catalogued: {})",
                entry.error_type,
                catalogued.join(", ")
            ),
        );
    }
    if entry.error_type != error_type {
        p.add(
            what,
            format!(
                "code {code}: write the published spelling {source}.{}",
                entry.error_type
            ),
        );
    }
}
