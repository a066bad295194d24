//! One request across nodes: every line of one trace id, in the logs of every service and host given, in time
//! order. The search is a substring search over the raw bytes (as fast as `grep -F`); only the lines that hold
//! the id are parsed, and only those whose `Blobstore-Tracer-Traceid` (any case) is exactly the id are kept.

use std::cmp::Reverse;

use serde::Serialize;

use super::explain::explain_code;
use super::filter::{client_host, Setup};
use super::parse::{parse_line, LineFormat};
use super::report::rfc3339;
use super::stats::{Partial, UnitId};
use super::tracelog::{find_value, parse_trace_log, TraceItem};
use errcat::{Service, Version};

/// The JSON schema of [`TraceReport`].
pub const TRACE_SCHEMA: &str = "errcat.audit.trace/1";

/// A line of the trace id, as found.
#[derive(Clone, Debug)]
pub(crate) struct Hop {
    pub unit: UnitId,
    /// Byte offset of the line in its unit.
    pub pos: usize,
    pub json: bool,
    pub module: String,
    pub host: String,
    pub client: String,
    pub start_us: Option<u64>,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub duration_us: Option<u64>,
    pub trace_log: Option<String>,
    pub items: Vec<TraceItem>,
}

/// Finds the lines of `setup.trace` in `data`.
pub(crate) fn find(p: &mut Partial, setup: &Setup, unit: UnitId, data: &[u8]) {
    let Some(f) = &setup.trace else { return };
    let mut after = 0usize;
    for at in f.find_iter(data) {
        if at < after {
            continue; // the same line again
        }
        let start = memchr::memrchr(b'\n', &data[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |i| at + i);
        after = end;
        let Ok(rec) = parse_line(&data[start..end]) else {
            continue;
        };
        if setup.needles.trace_id(&rec.resp_header) != Some(f.needle()) {
            continue;
        }
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let host = if rec.host.is_empty() {
            setup
                .needles
                .host(&rec.req_header)
                .map(lossy)
                .unwrap_or_default()
        } else {
            lossy(&rec.host)
        };
        let micro = rec.module.eq_ignore_ascii_case(b"SHARDNODE");
        p.hops.push(Hop {
            unit,
            pos: start,
            json: rec.format == LineFormat::Json,
            module: lossy(&rec.module),
            host,
            client: setup
                .needles
                .ip(&rec.req_header)
                .map(|c| lossy(client_host(c)))
                .unwrap_or_default(),
            start_us: rec.start_us(),
            method: lossy(&rec.method),
            path: lossy(&rec.path),
            status: rec.status,
            duration_us: rec.duration_us,
            trace_log: find_value(&rec.resp_header, &setup.needles.trace_log).map(lossy),
            items: parse_trace_log(&rec.resp_header, micro),
        });
    }
}

/// Every line of one trace id, in time order.
#[derive(Clone, Debug, Serialize)]
pub struct TraceReport {
    /// [`TRACE_SCHEMA`].
    pub schema: &'static str,
    /// The trace id looked for.
    pub trace_id: String,
    /// The CubeFS version whose catalog explains the codes.
    pub cubefs_version: &'static str,
    /// Files read, in reading order.
    pub inputs: Vec<String>,
    /// The lines found, by start time (an outer request before the calls it made at the same instant).
    pub hops: Vec<TraceHop>,
}

/// One line of the trace.
#[derive(Clone, Debug, Serialize)]
pub struct TraceHop {
    /// The file it is in.
    pub input: String,
    /// Start time, RFC 3339 UTC (null when the line has none).
    pub start: Option<String>,
    /// Start time, µs since the epoch.
    pub start_us: Option<u64>,
    /// Microseconds after the first hop's start.
    pub offset_us: Option<u64>,
    /// The module (`BLOBNODE`).
    pub service: String,
    /// The serving address (`MODULE@host:port`, else `req_header.Host`; empty when unknown).
    pub host: String,
    /// The client (`req_header.IP`, without port).
    pub client: String,
    /// Method and path.
    pub method: String,
    pub path: String,
    /// The status code and what it means at the version.
    pub code: u16,
    pub message: &'static str,
    pub meaning: &'static str,
    /// `catalog`, `http`, `other_version` or `unknown`.
    pub source: &'static str,
    /// Whether the code counts as an error (`--errors`).
    pub error: bool,
    /// Duration, µs.
    pub duration_us: Option<u64>,
    /// The Trace-Log as logged (JSON array text, or the rpc2 string).
    pub trace_log: Option<String>,
    /// Its items, parsed.
    pub trace_items: Vec<TraceItem>,
    /// Whether the line was in the JSON format.
    pub json: bool,
}

impl TraceReport {
    /// Pretty-printed JSON (`errcat audit trace --format json`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the trace serialises")
    }
}

pub(crate) fn build(
    id: &str,
    mut hops: Vec<Hop>,
    inputs: &[String],
    version: Version,
    errors: &super::ErrorCodes,
) -> TraceReport {
    hops.sort_by_key(|h| {
        (
            h.start_us.unwrap_or(u64::MAX),
            Reverse(h.duration_us.unwrap_or(0)),
            h.unit,
            h.pos,
        )
    });
    let first = hops.iter().filter_map(|h| h.start_us).min();
    let hops = hops
        .into_iter()
        .map(|h| {
            let service = Service::parse(&h.module)
                .ok()
                .filter(|s| s.module().is_some());
            let info = explain_code(h.status, service, version);
            TraceHop {
                input: inputs
                    .get(h.unit.input as usize)
                    .cloned()
                    .unwrap_or_default(),
                start: h.start_us.map(rfc3339),
                start_us: h.start_us,
                offset_us: h.start_us.zip(first).map(|(t, f)| t - f),
                service: h.module,
                host: h.host,
                client: h.client,
                method: h.method,
                path: h.path,
                code: h.status,
                message: info.message,
                meaning: info.meaning,
                source: info.source.name(),
                error: errors.contains(h.status),
                duration_us: h.duration_us,
                trace_log: h.trace_log,
                trace_items: h.items,
                json: h.json,
            }
        })
        .collect();
    TraceReport {
        schema: TRACE_SCHEMA,
        trace_id: id.to_string(),
        cubefs_version: version.name(),
        inputs: inputs.to_vec(),
        hops,
    }
}
