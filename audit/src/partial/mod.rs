//! Partial reports: what one pass counted, in a versioned, compact form that travels (`errcat audit --format
//! partial`), and their merge into the report one pass over all their inputs gives (`errcat audit merge`).
//!
//! A partial is a text line naming its schema ([`PARTIAL_SCHEMA`]), a JSON header line (the report schema, the
//! catalog fingerprint, the setup, the inputs, lines in flight and warnings) and a zlib-compressed body holding
//! the counters, the durations as HdrHistogram V2 encodings (V2+DEFLATE for the per-api latencies), the entity
//! summaries, the timeline buckets, the Trace-Log figures and the first malformed lines with their input. The
//! byte layout is specified in `audit/PARTIAL.md`.
//!
//! Merging is exact for every count and histogram, and commutative and associative: the inputs of each pass
//! are kept together as a run, and runs are ordered by their inputs' names, so the merged report does not
//! depend on the order of the partials nor on how they were grouped. The entity summaries merge as their
//! algorithm defines (exact while nothing was dropped: see the report's `entities.summary.bounds`). Partials
//! of another schema, another report schema, another catalog or another setup (error codes, api level,
//! filters, window, bucket, entity capacity, version) are refused with an error saying which.

mod body;
mod header;
mod wire;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use errcat::{Error, Result};
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::input::{self, Input};
use crate::notes::Notes;
use crate::report::{self, Context};
use crate::stats::Partial;
use crate::{AuditOptions, Report, SCHEMA};

use header::{Header, InFlightHeader, InputHeader, SetupHeader, WarningHeader};

/// The schema of a partial report: its first line.
pub const PARTIAL_SCHEMA: &str = "errcat.audit.partial/1";

/// Partials accepted by one merge at most.
pub const MAX_PARTIALS: usize = 65_536;

/// The catalog fingerprint of this errcat (what a partial records and a merge compares).
pub fn catalog_fingerprint() -> String {
    match errcat::boundary::call("fingerprint", Vec::new()) {
        Ok(errcat::boundary::Out::Str(s)) => s.into_owned(),
        _ => String::new(),
    }
}

/// Analyses `paths` like [`crate::analyze`] and returns the partial report of what was counted. A baseline does
/// not apply (compare merged reports instead): asking for one is an [`errcat::ErrorKind::InvalidArgument`] error.
pub fn write_partial(paths: &[PathBuf], options: &AuditOptions) -> Result<Vec<u8>> {
    if options.baseline.is_some() {
        return Err(Error::invalid_argument(
            "a partial report has no baseline: write partials of both sides and compare their merged reports",
        ));
    }
    let ctx = crate::resolve(paths, options.since, options.until)?;
    let setup = Arc::new(crate::setup(options, (ctx.since_us, ctx.until_us)));
    let mut inputs = input::open_inputs(paths)?;
    let (partial, notes) = input::run(&mut inputs, &setup, options.progress.as_deref())?;
    let header = Header {
        schema: PARTIAL_SCHEMA.to_string(),
        report_schema: SCHEMA.to_string(),
        catalog: catalog_fingerprint(),
        errcat: env!("CARGO_PKG_VERSION").to_string(),
        setup: SetupHeader::of(options, (ctx.since_us, ctx.until_us)),
        newest_us: ctx.newest_us,
        lines: 0,
        counted: 0,
        malformed: 0,
        runs: vec![inputs
            .iter()
            .map(|i| InputHeader {
                path: i.name(),
                bytes: i.bytes,
                gzip: i.gzip,
            })
            .collect()],
        in_flight: notes.in_flight.iter().map(InFlightHeader::of).collect(),
        warnings: notes.warnings.iter().map(WarningHeader::of).collect(),
    };
    Ok(serialize(header, &partial))
}

/// Merges partial reports (`(label, bytes)`: the label names a partial in errors) into the report one pass over
/// all their inputs gives.
pub fn merge_partials(parts: &[(&str, &[u8])]) -> Result<Report> {
    let (header, partial) = combine(parts)?;
    let options = header.setup.options().map_err(Error::invalid_argument)?;
    let ctx = Context {
        since_us: header.setup.since_us,
        until_us: header.setup.until_us,
        newest_us: header.newest_us,
    };
    let inputs: Vec<Input> = header
        .runs
        .iter()
        .flatten()
        .map(|i| Input {
            path: (i.path != "-").then(|| PathBuf::from(&i.path)),
            bytes: i.bytes,
            gzip: i.gzip,
            regular: true,
            active: false,
        })
        .collect();
    let mut report = report::build(partial, &inputs, &options, &ctx);
    report.in_flight = header
        .in_flight
        .iter()
        .map(InFlightHeader::in_flight)
        .collect();
    report.warnings = header.warnings.iter().map(WarningHeader::warning).collect();
    Ok(report)
}

/// Merges partial reports into one partial report (for a merge in stages: merging its output with others
/// equals merging all of them at once).
pub fn merge_to_partial(parts: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    let (header, partial) = combine(parts)?;
    Ok(serialize(header, &partial))
}

fn serialize(mut header: Header, partial: &Partial) -> Vec<u8> {
    header.lines = partial.lines;
    header.counted = partial.counted;
    header.malformed = partial.malformed();
    let mut w = wire::Writer::default();
    body::encode(partial, &mut w);
    let mut out = Vec::with_capacity(w.out.len() / 3 + 4096);
    out.extend_from_slice(PARTIAL_SCHEMA.as_bytes());
    out.push(b'\n');
    // Serialising plain structs to JSON cannot fail.
    out.extend_from_slice(
        serde_json::to_string(&header)
            .unwrap_or_default()
            .as_bytes(),
    );
    out.push(b'\n');
    let mut z = ZlibEncoder::new(out, Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(&w.out);
    z.finish().unwrap_or_default()
}

/// A partial read as far as its header.
struct Piece<'a> {
    label: &'a str,
    header: Header,
    body: &'a [u8],
}

fn refuse(label: &str, why: impl std::fmt::Display) -> Error {
    Error::invalid_argument(format!("{label}: {why}"))
}

fn line<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let at = memchr::memchr(b'\n', rest)?;
    let l = &rest[..at];
    *rest = &rest[at + 1..];
    Some(l)
}

fn read_header<'a>(label: &'a str, bytes: &'a [u8], catalog: &str) -> Result<Piece<'a>> {
    let mut rest = bytes;
    let first = line(&mut rest).filter(|l| l.len() <= 64);
    let schema = first.map(String::from_utf8_lossy);
    match schema.as_deref() {
        Some(PARTIAL_SCHEMA) => {}
        Some(s) if s.starts_with("errcat.audit.partial/") => {
            return Err(refuse(
                label,
                format_args!("a partial report of schema {s}; this errcat reads {PARTIAL_SCHEMA} (merge with the errcat that wrote it)"),
            ))
        }
        _ => {
            return Err(refuse(
                label,
                format_args!("not an errcat partial report (its first line is not {PARTIAL_SCHEMA})"),
            ))
        }
    }
    let header: Header = line(&mut rest)
        .and_then(|h| serde_json::from_slice(h).ok())
        .ok_or_else(|| refuse(label, "a partial report whose header does not read"))?;
    if header.schema != PARTIAL_SCHEMA {
        return Err(refuse(
            label,
            format_args!("a header of schema {:?}", header.schema),
        ));
    }
    if header.report_schema != SCHEMA {
        return Err(refuse(
            label,
            format_args!(
                "a partial of report schema {}; this errcat makes {SCHEMA}",
                header.report_schema
            ),
        ));
    }
    if header.catalog != catalog {
        return Err(refuse(
            label,
            format_args!(
                "a partial made with another catalog (fingerprint {}, errcat {}); this errcat's catalog is {catalog}: merge partials of one errcat version",
                header.catalog, header.errcat
            ),
        ));
    }
    Ok(Piece {
        label,
        header,
        body: rest,
    })
}

/// Reads, checks, orders and merges the partials.
fn combine(parts: &[(&str, &[u8])]) -> Result<(Header, Partial)> {
    if parts.is_empty() {
        return Err(Error::invalid_argument("no partial report to merge"));
    }
    if parts.len() > MAX_PARTIALS {
        return Err(Error::invalid_argument(format!(
            "{} partial reports; at most {MAX_PARTIALS} merge at once (merge in stages)",
            parts.len()
        )));
    }
    let catalog = catalog_fingerprint();
    let pieces = parts
        .iter()
        .map(|(label, bytes)| read_header(label, bytes, &catalog))
        .collect::<Result<Vec<_>>>()?;
    let first = &pieces[0];
    for p in &pieces[1..] {
        if let Some(d) = p.header.setup.difference(&first.header.setup) {
            return Err(refuse(
                p.label,
                format_args!(
                    "counted with another setup than {} ({d}): merge only partials written with the same options",
                    first.label
                ),
            ));
        }
    }
    // Runs ordered by their inputs (then by their bytes, so that equal inputs order the same way every time).
    let mut runs: Vec<(usize, usize)> = pieces
        .iter()
        .enumerate()
        .flat_map(|(i, p)| (0..p.header.runs.len()).map(move |j| (i, j)))
        .collect();
    runs.sort_by(|&(a, ra), &(b, rb)| {
        pieces[a].header.runs[ra]
            .cmp(&pieces[b].header.runs[rb])
            .then_with(|| pieces[a].body.cmp(pieces[b].body))
            .then(ra.cmp(&rb))
    });
    // Each piece's local input index → the merged one.
    let mut maps: Vec<Vec<u32>> = pieces
        .iter()
        .map(|p| vec![0; p.header.runs.iter().map(Vec::len).sum()])
        .collect();
    let mut starts: Vec<Vec<usize>> = pieces
        .iter()
        .map(|p| {
            p.header
                .runs
                .iter()
                .scan(0, |at, r| {
                    let s = *at;
                    *at += r.len();
                    Some(s)
                })
                .collect()
        })
        .collect();
    let mut next = 0u32;
    let mut merged_runs = Vec::with_capacity(runs.len());
    for &(i, j) in &runs {
        let run = &pieces[i].header.runs[j];
        for k in 0..run.len() {
            maps[i][starts[i][j] + k] = next;
            next += 1;
        }
        merged_runs.push(run.clone());
    }
    starts.clear();
    let opts = first
        .header
        .setup
        .options()
        .map_err(|e| refuse(first.label, e))?;
    let setup = Arc::new(crate::setup(
        &opts,
        (first.header.setup.since_us, first.header.setup.until_us),
    ));
    let mut total = Partial::new(&setup);
    let mut notes = Notes::default();
    let mut in_flight = Vec::new();
    let mut warnings = Vec::new();
    let mut newest: Option<u64> = None;
    // Pieces merge in the order of their first run, not of the arguments: the entity summaries that dropped
    // entities do not merge associatively, and the result must not depend on how the files were listed.
    let mut seen = vec![false; pieces.len()];
    let mut order: Vec<usize> = Vec::with_capacity(pieces.len());
    for &(i, _) in &runs {
        if !std::mem::replace(&mut seen[i], true) {
            order.push(i);
        }
    }
    order.extend((0..pieces.len()).filter(|&i| !seen[i])); // no runs: nothing counted
    for (p, map) in order.iter().map(|&i| (&pieces[i], &maps[i])) {
        let mut raw = Vec::with_capacity(p.body.len() * 4);
        ZlibDecoder::new(p.body)
            .read_to_end(&mut raw)
            .map_err(|e| {
                refuse(
                    p.label,
                    format_args!("a body that does not decompress: {e}"),
                )
            })?;
        let mut part = body::decode(&mut wire::Reader::new(&raw), &setup)
            .map_err(|e| refuse(p.label, format_args!("a body that does not read: {e}")))?;
        let remap = |input: &mut u32| -> Result<()> {
            *input = *map
                .get(*input as usize)
                .ok_or_else(|| refuse(p.label, "a count of an input its header does not list"))?;
            Ok(())
        };
        for u in &mut part.units {
            remap(&mut u.unit.input)?;
        }
        for m in &mut part.first_malformed {
            remap(&mut m.unit.input)?;
        }
        total = total.merge(part);
        in_flight.extend(p.header.in_flight.iter().map(InFlightHeader::in_flight));
        warnings.extend(p.header.warnings.iter().map(WarningHeader::warning));
        newest = newest.max(p.header.newest_us);
    }
    total.seal();
    notes.in_flight = in_flight;
    notes.warnings = warnings;
    notes.sort();
    let mut header = first.header.clone();
    header.errcat = env!("CARGO_PKG_VERSION").to_string();
    header.newest_us = newest;
    header.runs = merged_runs;
    header.in_flight = notes.in_flight.iter().map(InFlightHeader::of).collect();
    header.warnings = notes.warnings.iter().map(WarningHeader::of).collect();
    Ok((header, total))
}
