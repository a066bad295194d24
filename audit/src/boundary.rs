//! The audit operations at the language boundary, with the core's policies (`errcat::boundary`): every binding
//! calls [`call`], which answers the audit operations and hands every other one to `errcat::boundary::call`.
//!
//! `audit(paths, options)`: `paths` is a list of paths (any bytes but NUL; at most `MAX_PATHS`; an empty list is an
//! empty report); `options` is a list of `[name, value]` pairs ([`options`] lists the names), so a new option
//! reaches every language without a binding change. The answer is `[lines, malformed, report JSON]`.
//!
//! `audit_partial(paths, options)`: the same arguments; the answer is `[lines, malformed, partial]`, the partial
//! report (`audit/PARTIAL.md`) as base64 text (RFC 4648, padded): `Out` has no bytes variant, and adding one
//! would change every binding's conversion, so the bytes travel as text every host already converts (about a
//! third larger; a partial is small). `audit_merge(partials, options)`: `partials` is a list whose items are a
//! partial's raw bytes (`Bytes`) or its base64 text (`Str`); the one option is `format`: `json` (default),
//! `html` or `partial` (base64 again, for a merge in stages). The answer is `[lines, malformed, text]`.

use std::path::PathBuf;

use errcat::boundary::{self, args, Arg, Out, MAX_PATHS};
use errcat::{Error, Result, Version};

use base64::Engine;

use crate::{
    analyze, merge_partials, merge_to_partial, parse_duration, write_partial, AuditOptions,
    Baseline, ErrorCodes, Report, TimeSpec,
};

/// The base64 alphabet of partials at the boundary.
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The limit on the paths of one analysis: more than [`MAX_PATHS`] is `InvalidArgument`. A caller whose paths
/// are behind pointers checks the count before reading any.
pub fn check_path_count(count: usize) -> Result<()> {
    if count > MAX_PATHS {
        return Err(Error::invalid_argument(format!(
            "paths holds {count} paths; at most {MAX_PATHS} are accepted"
        )));
    }
    Ok(())
}

/// The paths of an `audit` call, checked.
pub fn paths(arg: Arg) -> Result<Vec<PathBuf>> {
    let items = args::list("paths", arg)?;
    check_path_count(items.len())?;
    items
        .into_iter()
        .enumerate()
        .map(|(i, p)| args::path(&format!("paths[{i}]"), p))
        .collect()
}

/// A list option: a list of texts, or one text of comma-separated items; items are trimmed, empty ones dropped.
fn texts(name: &str, value: Arg) -> Result<Vec<String>> {
    let items = match value {
        Arg::Absent => return Ok(Vec::new()),
        Arg::List(items) => items,
        text => vec![text],
    };
    let mut out = Vec::new();
    for item in items {
        for part in args::text(name, item)?.split(',') {
            if !part.trim().is_empty() {
                out.push(part.trim().to_string());
            }
        }
    }
    Ok(out)
}

fn time(name: &str, text: &str) -> Result<TimeSpec> {
    TimeSpec::parse(text).map_err(|e| Error::invalid_argument(format!("{name}: {}", e.message())))
}

/// An optional text option, empty = not given.
fn opt_text(name: &str, value: Arg) -> Result<Option<String>> {
    Ok(args::opt_text(name, value)?
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty()))
}

/// A count option in `range`.
fn count(name: &str, value: Arg, range: std::ops::RangeInclusive<i64>) -> Result<Option<usize>> {
    match args::opt_number(name, value)? {
        None => Ok(None),
        Some(args::Number::Int(n)) if range.contains(&n) => Ok(Some(n as usize)),
        Some(other) => Err(Error::invalid_argument(format!(
            "{name} {} is not in {}..={}",
            other.text(),
            range.start(),
            range.end()
        ))),
    }
}

/// The options of an audit from `[name, value]` pairs, the one reading every language and the CLI share. Names:
/// `version`, `max_api_level`, `errors` (an error-code spec), `since`, `until` (RFC 3339, epoch µs or a time
/// before the newest line such as `-15m`), `bucket` (a duration: `1m`), the filters `service`, `api`, `host`,
/// `client` (each a list or comma-separated text), `code` (a spec) and `trace`, `baseline` (a range `A..B`),
/// `baseline_paths` (paths) and `entities` (kept per service and kind). An empty value is not given; an unknown
/// name is `InvalidArgument`.
pub fn options(arg: Arg) -> Result<AuditOptions> {
    let mut o = AuditOptions::default();
    let pairs = match arg {
        Arg::Absent => Vec::new(),
        other => args::list("options", other)?,
    };
    let mut baseline: Option<Baseline> = None;
    for pair in pairs {
        let mut pair = args::list("option", pair)?.into_iter();
        let name = args::text("option name", pair.next().unwrap_or(Arg::Absent))?;
        let value = pair.next().unwrap_or(Arg::Absent);
        match name.as_str() {
            "version" => o.version = boundary::names::opt_name::<Version>("version", opt_text("version", value)?.as_deref())?,
            "max_api_level" => o.max_api_level = count("max_api_level", value, 0..=64)?.unwrap_or(2).max(2),
            "errors" => {
                if let Some(spec) = opt_text("errors", value)? {
                    o.errors = ErrorCodes::parse(&spec)?;
                }
            }
            "since" => o.since = opt_text("since", value)?.map(|t| time("since", &t)).transpose()?,
            "until" => o.until = opt_text("until", value)?.map(|t| time("until", &t)).transpose()?,
            "bucket" => {
                o.bucket_us = match opt_text("bucket", value)?.map(|t| parse_duration(&t)).transpose()? {
                    Some(0) => return Err(Error::invalid_argument("bucket: the width must be above 0")),
                    width => width,
                }
            }
            "service" => o.filters.services = texts("service", value)?,
            "api" => o.filters.apis = texts("api", value)?,
            "host" => o.filters.hosts = texts("host", value)?,
            "client" => o.filters.clients = texts("client", value)?,
            "code" => o.filters.codes = opt_text("code", value)?.map(|c| ErrorCodes::parse(&c)).transpose()?,
            "trace" => o.filters.trace = opt_text("trace", value)?,
            "entities" => o.entity_capacity = count("entities", value, 1..=1 << 20)?.unwrap_or(o.entity_capacity),
            "baseline" => {
                if let Some(range) = opt_text("baseline", value)? {
                    let Some((a, b)) = range.split_once("..") else {
                        return Err(Error::invalid_argument(
                            "baseline: give a range A..B (2025-09-17T01:00:00Z..2025-09-17T02:00:00Z, -2h..-1h)",
                        ));
                    };
                    let side = |t: &str| (!t.trim().is_empty()).then(|| time("baseline", t.trim())).transpose();
                    let b_ = baseline.get_or_insert_with(Baseline::default);
                    (b_.since, b_.until) = (side(a)?, side(b)?);
                }
            }
            "baseline_paths" => {
                let list = match value {
                    Arg::Absent => Vec::new(),
                    v => paths(v)?,
                };
                if !list.is_empty() {
                    baseline.get_or_insert_with(Baseline::default).paths = list;
                }
            }
            other => {
                return Err(Error::invalid_argument(format!(
                    "unknown audit option {other:?} (version, max_api_level, errors, since, until, bucket, service, \
                     api, code, host, client, trace, baseline, baseline_paths, entities)"
                )))
            }
        }
    }
    o.baseline = baseline;
    Ok(o)
}

/// `audit(paths, options)`, typed: what the C export calls.
pub fn audit(paths: Vec<PathBuf>, options: &AuditOptions) -> Result<Report> {
    check_path_count(paths.len())?;
    analyze(&paths, options)
}

fn take(args: &mut [Arg], i: usize) -> Arg {
    args.get_mut(i)
        .map_or(Arg::Absent, |a| std::mem::replace(a, Arg::Absent))
}

/// The partials of an `audit_merge` call: raw bytes, or base64 text.
fn partials(arg: Arg) -> Result<Vec<Vec<u8>>> {
    let items = args::list("partials", arg)?;
    if items.len() > crate::MAX_PARTIALS {
        return Err(Error::invalid_argument(format!(
            "partials holds {} items; at most {} are accepted",
            items.len(),
            crate::MAX_PARTIALS
        )));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            match item {
                Arg::Bytes(b) if b.starts_with(crate::PARTIAL_SCHEMA.as_bytes()) => Ok(b),
                Arg::Bytes(b) => B64.decode(b.trim_ascii()),
                other => B64.decode(args::text(&format!("partials[{i}]"), other)?.trim()),
            }
            .map_err(|e| {
                Error::invalid_argument(format!(
                    "partials[{i}]: neither a partial report nor its base64 text ({e})"
                ))
            })
        })
        .collect()
}

/// The `format` of an `audit_merge` call (its only option).
fn merge_format(arg: Arg) -> Result<String> {
    let mut format = "json".to_string();
    let pairs = match arg {
        Arg::Absent => Vec::new(),
        other => args::list("options", other)?,
    };
    for pair in pairs {
        let mut pair = args::list("option", pair)?.into_iter();
        let name = args::text("option name", pair.next().unwrap_or(Arg::Absent))?;
        match name.as_str() {
            "format" => {
                if let Some(f) = args::opt_text("format", pair.next().unwrap_or(Arg::Absent))? {
                    if !["json", "html", "partial"].contains(&f.as_str()) {
                        return Err(Error::invalid_argument(format!(
                            "format {f:?} is not json, html or partial"
                        )));
                    }
                    format = f;
                }
            }
            other => {
                return Err(Error::invalid_argument(format!(
                "unknown audit_merge option {other:?} (format; the setup comes from the partials)"
            )))
            }
        }
    }
    Ok(format)
}

/// `audit_merge(partials, format)`, typed: the report (`json`, `html`) or a partial (`partial`, raw bytes).
pub fn merge(partials: &[Vec<u8>], format: &str) -> Result<(u64, u64, Vec<u8>)> {
    let labels: Vec<String> = (0..partials.len())
        .map(|i| format!("partials[{i}]"))
        .collect();
    let parts: Vec<(&str, &[u8])> = labels
        .iter()
        .zip(partials)
        .map(|(l, p)| (l.as_str(), p.as_slice()))
        .collect();
    if format == "partial" {
        let bytes = merge_to_partial(&parts)?;
        let (lines, malformed) = partial_counts(&bytes);
        return Ok((lines, malformed, bytes));
    }
    let report = merge_partials(&parts)?;
    let text = if format == "html" {
        report.to_html()
    } else {
        report.to_json()
    };
    Ok((report.lines, report.malformed, text.into_bytes()))
}

/// `audit_partial(paths, options)`, typed: the partial report's bytes (what the C export calls).
pub fn partial(paths: Vec<PathBuf>, options: &AuditOptions) -> Result<Vec<u8>> {
    check_path_count(paths.len())?;
    write_partial(&paths, options)
}

/// Lines read and malformed, from a partial's header.
fn partial_counts(bytes: &[u8]) -> (u64, u64) {
    let header = bytes.split(|&c| c == b'\n').nth(1).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_slice(header).unwrap_or_default();
    (
        v["lines"].as_u64().unwrap_or(0),
        v["malformed"].as_u64().unwrap_or(0),
    )
}

/// Runs `op` (an audit operation or any `errcat::boundary::call` operation), guarded against panics.
pub fn call(op: &str, mut args: Vec<Arg>) -> Result<Out> {
    match op {
        "audit" => boundary::guard(|| {
            let report = audit(paths(take(&mut args, 0))?, &options(take(&mut args, 1))?)?;
            Ok(Out::List(vec![
                Out::Int(report.lines as i64),
                Out::Int(report.malformed as i64),
                Out::Str(report.to_json().into()),
            ]))
        }),
        "audit_partial" => boundary::guard(|| {
            let bytes = partial(paths(take(&mut args, 0))?, &options(take(&mut args, 1))?)?;
            let (lines, malformed) = partial_counts(&bytes);
            Ok(Out::List(vec![
                Out::Int(lines as i64),
                Out::Int(malformed as i64),
                Out::Str(B64.encode(&bytes).into()),
            ]))
        }),
        "audit_merge" => boundary::guard(|| {
            let parts = partials(take(&mut args, 0))?;
            let format = merge_format(take(&mut args, 1))?;
            let (lines, malformed, bytes) = merge(&parts, &format)?;
            let text = if format == "partial" {
                B64.encode(&bytes)
            } else {
                String::from_utf8(bytes).unwrap_or_default()
            };
            Ok(Out::List(vec![
                Out::Int(lines as i64),
                Out::Int(malformed as i64),
                Out::Str(text.into()),
            ]))
        }),
        _ => boundary::call(op, args),
    }
}
