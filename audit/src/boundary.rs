//! The audit operations at the language boundary, with the core's policies (`errcat::boundary`): every binding
//! calls [`call`], which answers the audit operations and hands every other one to `errcat::boundary::call`.
//!
//! `audit(paths, options)`: `paths` is a list of paths (any bytes but NUL; at most `MAX_PATHS`; an empty list is an
//! empty report); `options` is a list of `[name, value]` pairs, so a new option reaches every language without a
//! binding change. Options: `version` (a CubeFS version name), `max_api_level` (a number), `errors` (an
//! error-code spec such as `sla` or `5xx,!596`). The answer is `[lines, malformed, report JSON]`.

use std::path::PathBuf;

use errcat::boundary::{self, args, Arg, Out, MAX_PATHS};
use errcat::{Error, Result, Version};

use crate::{analyze, AuditOptions, ErrorCodes, Report};

/// The paths of an `audit` call, checked.
pub fn paths(arg: Arg) -> Result<Vec<PathBuf>> {
    let items = args::list("paths", arg)?;
    if items.len() > MAX_PATHS {
        return Err(Error::invalid_argument(format!(
            "paths holds {} paths; at most {MAX_PATHS} are accepted",
            items.len()
        )));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, p)| args::path(&format!("paths[{i}]"), p))
        .collect()
}

/// The options of an `audit` call from `[name, value]` pairs; an unknown name is `InvalidArgument`.
pub fn options(arg: Arg) -> Result<AuditOptions> {
    let mut options = AuditOptions::default();
    let pairs = match arg {
        Arg::Absent => Vec::new(),
        other => args::list("options", other)?,
    };
    for pair in pairs {
        let mut pair = args::list("option", pair)?.into_iter();
        let name = args::text("option name", pair.next().unwrap_or(Arg::Absent))?;
        let value = pair.next().unwrap_or(Arg::Absent);
        match name.as_str() {
            "version" => {
                let text = args::opt_text("version", value)?;
                options.version = boundary::names::opt_name::<Version>("version", text.as_deref())?;
            }
            "max_api_level" => {
                if let Some(n) = args::opt_number("max_api_level", value)? {
                    options.max_api_level = match n {
                        args::Number::Int(n) if (0..=64).contains(&n) => (n as usize).max(2),
                        other => {
                            return Err(Error::invalid_argument(format!(
                                "max_api_level {} is not in 0..=64",
                                other.text()
                            )))
                        }
                    };
                }
            }
            "errors" => {
                if let Some(spec) = args::opt_text("errors", value)? {
                    options.errors = ErrorCodes::parse(&spec)?;
                }
            }
            other => {
                return Err(Error::invalid_argument(format!(
                    "unknown audit option {other:?} (version, max_api_level, errors)"
                )))
            }
        }
    }
    Ok(options)
}

/// `audit(paths, options)`, typed: what the C export calls.
pub fn audit(paths: Vec<PathBuf>, options: &AuditOptions) -> Result<Report> {
    if paths.len() > MAX_PATHS {
        return Err(Error::invalid_argument(format!(
            "paths holds {} paths; at most {MAX_PATHS} are accepted",
            paths.len()
        )));
    }
    analyze(&paths, options)
}

fn take(args: &mut [Arg], i: usize) -> Arg {
    args.get_mut(i)
        .map_or(Arg::Absent, |a| std::mem::replace(a, Arg::Absent))
}

/// Runs `op` (an audit operation or any `errcat::boundary::call` operation), guarded against panics.
pub fn call(op: &str, mut args: Vec<Arg>) -> Result<Out> {
    match op {
        "audit" => boundary::guard(|| {
            let report = audit(paths(take(&mut args, 0))?, &options(take(&mut args, 1))?)?;
            Ok(Out::List(vec![
                Out::Int(report.lines as i64),
                Out::Int(report.malformed as i64),
                Out::Str(report.to_json()),
            ]))
        }),
        _ => boundary::call(op, args),
    }
}
