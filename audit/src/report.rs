//! The report: built from the merged counts, explained with the catalog at the chosen version, serialised as JSON
//! (schema `errcat.audit/2`, documented in the README).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use hdrhistogram::Histogram;
use serde::{Serialize, Serializer};

use super::baseline::Comparison;
use super::entities::{decode_vuid, EntityKind, ERROR_WEIGHT};
use super::errors::ErrorCodes;
use super::explain::{explain_code, CodeInfo};
use super::filter::Filters;
use super::hist::Counts;
use super::input::Input;
use super::notes::{InFlight, Warning};
use super::parse::MalformedKind;
use super::stats::{split_key, Partial, UnitId};
use super::timeline::{default_width, width_label};
use super::AuditOptions;
use errcat::{Service, Version};

/// The JSON schema name; bumped only for incompatible changes (members may be added within a version).
pub const SCHEMA: &str = "errcat.audit/2";

/// The analysis of one or more audit logs. Every member is in the JSON report under the same name.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The CubeFS version whose catalog explains the codes.
    #[serde(serialize_with = "version_name")]
    pub cubefs_version: Version,
    /// Segments of the `api` label.
    pub max_api_level: usize,
    /// The error-code spec as given (`sla`).
    pub error_spec: String,
    /// The codes counted as errors, as ranges (`500-999`).
    pub error_codes: String,
    /// Lines read (= lines counted + malformed lines).
    pub lines: u64,
    /// Lines counted as requests.
    pub counted: u64,
    /// Malformed lines.
    pub malformed: u64,
    /// `lines read N = lines counted C + malformed lines M`: the invariant, stated.
    pub invariant: String,
    /// Lines in the JSON format (the rest of the counted lines are TAB lines).
    pub json_lines: u64,
    /// First and last request start time, when any line has one.
    pub time_span: Option<TimeSpan>,
    /// The files read, in order.
    pub inputs: Vec<InputReport>,
    /// Unfinished last lines of files still being written: not counted (see [`InFlight`]).
    pub in_flight: Vec<InFlight>,
    /// Inputs that changed under the reader (see [`Warning`]); the counts cover what was read.
    pub warnings: Vec<Warning>,
    /// All services together.
    pub totals: Totals,
    /// Per service (module), most requests first.
    pub services: Vec<ServiceReport>,
    /// Codes not in the catalog at the version (and not standard HTTP statuses), most frequent first.
    pub unknown_codes: Vec<UnknownCode>,
    /// Malformed lines: counts by kind and the first ones with their line numbers.
    pub malformed_lines: MalformedReport,
    /// Request counts per (service, api, method, host, code): the `service_response_code` series.
    pub series: Vec<Series>,
    /// The filters applied (`--service`, `--api`, `--code`, `--host`, `--client`, `--trace`).
    pub filters: Filters,
    /// The time window applied (`--since`, `--until`), `null` when none.
    pub window: Option<Window>,
    /// Counted lines that the filters and the window let through (= `totals.requests`).
    pub matched: u64,
    /// Counted lines that the filters or the window left out (`counted = matched + filtered_out`).
    pub filtered_out: u64,
    /// The width of the timeline's buckets.
    pub timeline_bucket: TimelineBucket,
    /// Per bucket and service, in time order, then by service.
    pub timeline: Vec<TimelinePoint>,
    /// The entities that carry the errors and the latency, per kind.
    pub entities: Entities,
    /// Per (service, api): where the time went according to Trace-Log, and the downstream errors of failed
    /// requests.
    pub tracelog: Vec<TraceLogReport>,
    /// What changed against a baseline (`--baseline`), `null` without one.
    pub baseline: Option<Comparison>,
}

/// The time window of a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    /// Start (inclusive), RFC 3339 UTC, `null` when open.
    pub since: Option<String>,
    /// End (exclusive), RFC 3339 UTC, `null` when open.
    pub until: Option<String>,
    /// The same in µs since the epoch.
    pub since_us: Option<u64>,
    pub until_us: Option<u64>,
    /// The newest line's start time, which relative times (`-15m`) count from; `null` when none was needed.
    pub newest: Option<String>,
}

/// The timeline's bucket width.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineBucket {
    /// Seconds (may be fractional for a given width under 1 s).
    pub seconds: f64,
    /// `1m`, `30s`, `6h`.
    pub label: String,
    /// Whether it was given (`--bucket`) rather than chosen from the span.
    pub given: bool,
}

/// A code and its count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The status code.
    pub code: u16,
    /// Requests.
    pub count: u64,
}

/// One bucket of one service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// Bucket start, RFC 3339 UTC.
    pub start: String,
    /// Bucket start, µs since the epoch.
    pub start_us: u64,
    /// The module.
    pub service: String,
    pub requests: u64,
    pub errors: u64,
    pub error_share: f64,
    /// Median and 99th percentile of the durations (µs), `null` when none.
    pub p50_us: Option<u64>,
    pub p99_us: Option<u64>,
    /// Up to five codes, most frequent first.
    pub top_codes: Vec<CodeCount>,
}

/// One entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityReport {
    /// The module whose lines name it.
    pub service: String,
    /// The id: a number for disk, vuid, bid and volume; an address for host and client.
    pub id: String,
    /// Requests seen (exact unless the kind's summary dropped entities: then at most `max_undercount` short).
    pub requests: u64,
    pub errors: u64,
    pub error_share: f64,
    /// Median and 99th percentile (µs; 1 significant digit), `null` when no duration.
    pub p50_us: Option<u64>,
    pub p99_us: Option<u64>,
    /// Up to five codes, most frequent first.
    pub top_codes: Vec<CodeCount>,
    /// For a vuid: vid = vuid >> 32, index = (vuid >> 24) & 0xff, epoch = vuid & 0xffffff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vid: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epoch: Option<u64>,
}

/// The entities of the report, most errors first (then most requests, then id), at most
/// [`ENTITIES_PER_SERVICE`] per service and kind.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct Entities {
    pub disk: Vec<EntityReport>,
    pub vuid: Vec<EntityReport>,
    pub bid: Vec<EntityReport>,
    pub volume: Vec<EntityReport>,
    pub host: Vec<EntityReport>,
    pub client: Vec<EntityReport>,
    /// How the entities were counted, and the error bound of each summary.
    pub summary: EntitySummary,
}

impl Entities {
    /// The list of one kind.
    pub fn of(&self, kind: EntityKind) -> &[EntityReport] {
        match kind {
            EntityKind::Disk => &self.disk,
            EntityKind::Vuid => &self.vuid,
            EntityKind::Bid => &self.bid,
            EntityKind::Volume => &self.volume,
            EntityKind::Host => &self.host,
            EntityKind::Client => &self.client,
        }
    }

    fn of_mut(&mut self, kind: EntityKind) -> &mut Vec<EntityReport> {
        match kind {
            EntityKind::Disk => &mut self.disk,
            EntityKind::Vuid => &mut self.vuid,
            EntityKind::Bid => &mut self.bid,
            EntityKind::Volume => &mut self.volume,
            EntityKind::Host => &mut self.host,
            EntityKind::Client => &mut self.client,
        }
    }
}

/// Entities listed per service and kind in the report.
pub const ENTITIES_PER_SERVICE: usize = 50;

/// The heavy-hitters summary behind [`Entities`].
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct EntitySummary {
    /// `weighted Misra-Gries`.
    pub algorithm: &'static str,
    /// Entities kept per service and kind (up to twice as many between reductions).
    pub capacity: usize,
    /// The weight of an error request (a success weighs 1).
    pub error_weight: u64,
    /// Kinds whose entities are many (`vuid`, `bid`): an entity enters the summary with its first error request,
    /// and its requests are counted from then on, within each 8 MiB piece of the input.
    pub from_first_error: Vec<&'static str>,
    /// Per service and kind that has entities.
    pub bounds: Vec<SummaryBound>,
}

/// The error bound of one (service, kind) summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryBound {
    pub service: String,
    pub kind: &'static str,
    /// Entities kept.
    pub tracked: usize,
    /// Entities dropped to stay within the capacity.
    pub dropped: u64,
    /// How many requests a kept entity's count can miss (0: exact).
    pub max_undercount: u64,
    /// Whether every count of this kind is exact.
    pub exact: bool,
}

/// Trace-Log figures of one (service, api).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceLogReport {
    pub service: String,
    pub api: String,
    /// Requests with a Trace-Log.
    pub requests: u64,
    /// Of those, the failed ones (per `--errors`).
    pub failed: u64,
    /// Stages and downstream modules, most requests first.
    pub stages: Vec<StageReport>,
    /// Items with an error in failed requests: module, error text (as logged, up to 32 bytes), count.
    pub downstream_errors: Vec<DownstreamError>,
    /// Error items beyond the 32 distinct pairs kept.
    pub other_errors: u64,
}

/// One stage of an api's Trace-Log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageReport {
    /// `BLOBNODE`, `dat.wai`, `alloc`, `PROXY>CLUSTERMGR`.
    pub stage: String,
    /// Requests whose Trace-Log has it.
    pub requests: u64,
    /// `requests` / the api's requests with a Trace-Log.
    pub share: f64,
    /// Occurrences (a request can call a module twice).
    pub count: u64,
    /// Median and 99th percentile of its durations (µs; items without a duration count as 0).
    pub p50_us: Option<u64>,
    pub p99_us: Option<u64>,
}

/// A downstream error carried by failed requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DownstreamError {
    pub module: String,
    pub error: String,
    pub count: u64,
}

/// What the pass was asked beyond the options: the resolved window.
#[derive(Clone, Debug, Default)]
pub(crate) struct Context {
    pub since_us: Option<u64>,
    pub until_us: Option<u64>,
    pub newest_us: Option<u64>,
}

fn version_name<S: Serializer>(v: &Version, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.name())
}

/// The time covered by the requests' start times.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeSpan {
    /// Earliest start time, microseconds since the Unix epoch.
    pub first_us: u64,
    /// Latest start time, microseconds since the Unix epoch.
    pub last_us: u64,
    /// `first_us` as RFC 3339 UTC (`2023-03-21T02:21:53.777089Z`).
    pub first: String,
    /// `last_us` as RFC 3339 UTC.
    pub last: String,
    /// `last_us − first_us` in seconds.
    pub seconds: f64,
}

/// One input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputReport {
    /// The path as given or found in a directory; `-` for stdin.
    pub path: String,
    /// Bytes read from disk (compressed size for gzip; bytes read for stdin).
    pub bytes: u64,
    /// Whether it was gzip-compressed.
    pub gzip: bool,
    /// Lines read from it.
    pub lines: u64,
    /// Malformed lines in it.
    pub malformed: u64,
}

/// Latency from the duration field, in microseconds (HDR histogram, 2 significant digits; `max` exact).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Latency {
    /// Requests with a duration.
    pub count: u64,
    /// Median.
    pub p50: u64,
    /// 90th percentile.
    pub p90: u64,
    /// 99th percentile.
    pub p99: u64,
    /// Largest.
    pub max: u64,
    /// Mean.
    pub mean: f64,
}

/// Figures over every service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// Requests counted.
    pub requests: u64,
    /// Requests with an error code.
    pub errors: u64,
    /// `errors / requests` (0 when there are none).
    pub error_share: f64,
    /// Latency over all requests.
    pub latency_us: Option<Latency>,
}

/// One service (audit-log module).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceReport {
    /// The module as written (`BLOBNODE`).
    pub service: String,
    /// The catalog's service of that module (`BlobNode`), `null` for modules that are not blobstore services.
    pub catalog_service: Option<&'static str>,
    /// Requests.
    pub requests: u64,
    /// Requests with an error code.
    pub errors: u64,
    /// `errors / requests`.
    pub error_share: f64,
    /// Latency.
    pub latency_us: Option<Latency>,
    /// `host:port` values from `MODULE@host:port`, sorted (empty for older builds).
    pub hosts: Vec<String>,
    /// Counts per status code with their meaning, most frequent first.
    pub codes: Vec<CodeReport>,
    /// Per `api` label, most requests first.
    pub apis: Vec<ApiReport>,
}

/// A status code of a service and what it means at the version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeReport {
    /// The status code.
    pub code: u16,
    /// Requests answered with it.
    pub count: u64,
    /// `count / requests` of the service.
    pub share: f64,
    /// Whether it counts as an error.
    pub error: bool,
    /// `catalog`, `http`, `other_version` or `unknown`.
    pub source: &'static str,
    /// The Go message (`bid not found`) or the HTTP reason phrase; empty when unknown.
    pub message: &'static str,
    /// The catalog's description (else the message).
    pub meaning: &'static str,
    /// The catalog entry's service (or for unknown codes, the service of the number's range).
    pub code_service: Option<&'static str>,
    /// The Go const of a catalog entry.
    pub go_const: Option<&'static str>,
    /// `never`, `transient`, `overload` or `ignore` for catalog entries.
    pub retry: Option<&'static str>,
    /// Versions the entry is defined in (`v3.2.0..v3.5.0`).
    pub versions: Option<String>,
    /// A remark (renumbering, validity).
    pub note: Option<String>,
}

/// One `api` label of a service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiReport {
    /// The label (`blobnode.shard`).
    pub api: String,
    /// Requests.
    pub requests: u64,
    /// Requests with an error code.
    pub errors: u64,
    /// `errors / requests`.
    pub error_share: f64,
    /// Latency.
    pub latency_us: Option<Latency>,
    /// Requests per method, most first.
    pub methods: Vec<MethodCount>,
    /// Requests per status code, most first (meanings are in the service's `codes`).
    pub codes: Vec<ApiCode>,
}

/// Requests per method.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MethodCount {
    /// The method (`GET`, `PSH`).
    pub method: String,
    /// Requests.
    pub count: u64,
}

/// Requests per code of one api.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiCode {
    /// The status code.
    pub code: u16,
    /// Requests.
    pub count: u64,
    /// `count / requests` of the api.
    pub share: f64,
    /// Whether it counts as an error.
    pub error: bool,
}

/// A code unknown to the catalog at the version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnknownCode {
    /// The status code.
    pub code: u16,
    /// Requests answered with it.
    pub count: u64,
    /// Modules that wrote it.
    pub services: Vec<String>,
    /// The service whose range covers the number at the version (`BlobNode` for 640), if any.
    pub range_service: Option<&'static str>,
    /// `other_version` (defined in other CubeFS versions) or `unknown`.
    pub source: &'static str,
    /// For `other_version`: the entry's meaning in the versions that define it.
    pub meaning: &'static str,
    /// Those versions.
    pub versions: Option<String>,
    /// Why it is unknown.
    pub note: Option<String>,
}

/// Malformed lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct MalformedReport {
    /// All malformed lines (= `malformed`).
    pub count: u64,
    /// Count per kind (`field_count`: 3), only kinds that occurred, in a fixed order.
    pub by_kind: BTreeMap<&'static str, u64>,
    /// The first 10, in input order.
    pub first: Vec<MalformedLine>,
}

/// One malformed line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MalformedLine {
    /// The input's path (`-` for stdin).
    pub input: String,
    /// 1-based line number in that input.
    pub line: u64,
    /// The kind (`field_count`).
    pub kind: &'static str,
    /// The reason for people.
    pub reason: String,
    /// The beginning of the line (at most 120 characters, TABs shown as `→`).
    pub excerpt: String,
}

/// One `service_response_code` series: requests per (service, api, method, host, code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Series {
    /// The module (`BLOBNODE`).
    pub service: String,
    /// The `api` label.
    pub api: String,
    /// The method.
    pub method: String,
    /// The `host:port` from `MODULE@host:port`, else empty.
    pub host: String,
    /// The status code.
    pub code: u16,
    /// Requests.
    pub count: u64,
}

impl Default for Report {
    fn default() -> Self {
        let options = AuditOptions::default();
        let setup = std::sync::Arc::new(super::setup(&options, (None, None)));
        build(Partial::new(&setup), &[], &options, &Context::default())
    }
}

impl Report {
    /// The full report as pretty-printed JSON (2-space indent, members in a fixed order; schema in
    /// docs/audit.md). `errcat audit --format json` prints exactly this.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }

    /// Whether lines read = lines counted + malformed lines and lines counted = matched + filtered out (always
    /// true; stated in the report).
    pub fn invariant_holds(&self) -> bool {
        self.lines == self.counted + self.malformed
            && self.counted == self.matched + self.filtered_out
    }
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64 * 1e6).round() / 1e6
    }
}

fn latency(hist: &Histogram<u64>, max: u64) -> Option<Latency> {
    (!hist.is_empty()).then(|| Latency {
        count: hist.len(),
        p50: hist.value_at_quantile(0.5).min(max),
        p90: hist.value_at_quantile(0.9).min(max),
        p99: hist.value_at_quantile(0.99).min(max),
        max,
        mean: (hist.mean() * 10.0).round() / 10.0,
    })
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Counts of one service or api while building.
struct Acc {
    requests: u64,
    errors: u64,
    codes: BTreeMap<u16, u64>,
    hist: Option<Histogram<u64>>,
    max: u64,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            requests: 0,
            errors: 0,
            codes: BTreeMap::new(),
            hist: None,
            max: 0,
        }
    }

    fn add_hist(&mut self, h: &Histogram<u64>, max: u64) {
        match &mut self.hist {
            Some(mine) => {
                let _ = mine.add(h);
            }
            None => self.hist = Some(h.clone()),
        }
        self.max = self.max.max(max);
    }

    fn add_code(&mut self, code: u16, n: u64, errors: &ErrorCodes) {
        self.requests += n;
        if errors.contains(code) {
            self.errors += n;
        }
        *self.codes.entry(code).or_default() += n;
    }

    fn latency(&self) -> Option<Latency> {
        self.hist.as_ref().and_then(|h| latency(h, self.max))
    }

    /// Codes, most frequent first.
    fn top_codes(&self) -> Vec<(u16, u64)> {
        let mut v: Vec<(u16, u64)> = self.codes.iter().map(|(&c, &n)| (c, n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// Microseconds since the epoch as RFC 3339 UTC with microseconds.
pub(crate) fn rfc3339(us: u64) -> String {
    let secs = us / 1_000_000;
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        us % 1_000_000
    )
}

/// Builds the report from the merged counts.
pub(crate) fn build(
    mut partial: Partial,
    inputs: &[Input],
    options: &AuditOptions,
    ctx: &Context,
) -> Report {
    let version = options.version.unwrap_or(Version::NEWEST);
    let errors = &options.errors;

    // Line numbers: units in order, offsets per input.
    let mut units = partial.units.clone();
    units.sort_by_key(|u| u.unit);
    let mut offsets: HashMap<UnitId, u64> = HashMap::with_capacity(units.len());
    let mut per_input = vec![(0u64, 0u64); inputs.len()];
    for u in &units {
        let slot = &mut per_input[u.unit.input as usize];
        offsets.insert(u.unit, slot.0);
        slot.0 += u.lines;
        slot.1 += u.malformed;
    }
    let input_reports = inputs
        .iter()
        .zip(&per_input)
        .map(|(i, &(lines, malformed))| InputReport {
            path: i.name(),
            bytes: i.bytes,
            gzip: i.gzip,
            lines,
            malformed,
        })
        .collect();
    let first = partial
        .first_malformed
        .iter()
        .map(|m| MalformedLine {
            input: inputs
                .get(m.unit.input as usize)
                .map_or_else(String::new, Input::name),
            line: offsets.get(&m.unit).copied().unwrap_or(0) + m.line,
            kind: m.kind.name(),
            reason: m.reason.clone(),
            excerpt: m.excerpt.clone(),
        })
        .collect();
    let by_kind = MalformedKind::ALL
        .iter()
        .filter(|k| partial.kinds[k.index()] > 0)
        .map(|k| (k.name(), partial.kinds[k.index()]))
        .collect();

    // Services and apis.
    let mut services: BTreeMap<String, SvcAcc> = BTreeMap::new();
    let mut total = Acc::new();
    let mut series = Vec::new();
    for (key, group) in &partial.groups {
        if group.rows.is_empty() {
            continue; // only filtered-out lines
        }
        let (module, api) = split_key(key);
        let (module, api) = (lossy(module), lossy(api));
        let (svc, hosts, apis) = services
            .entry(module.clone())
            .or_insert_with(|| (Acc::new(), BTreeSet::new(), BTreeMap::new()));
        let api_acc = apis.entry(api.clone()).or_insert_with(ApiAcc::new);
        if !group.hist.is_empty() {
            svc.add_hist(&group.hist, group.max_us);
            api_acc.acc.add_hist(&group.hist, group.max_us);
            total.add_hist(&group.hist, group.max_us);
        }
        for row in &group.rows {
            svc.add_code(row.code, row.count, errors);
            api_acc.acc.add_code(row.code, row.count, errors);
            total.add_code(row.code, row.count, errors);
            let method = lossy(&row.method);
            *api_acc.methods.entry(method.clone()).or_default() += row.count;
            let host = lossy(&row.host);
            if !host.is_empty() {
                hosts.insert(host.clone());
            }
            series.push(Series {
                service: module.clone(),
                api: api.clone(),
                method,
                host,
                code: row.code,
                count: row.count,
            });
        }
    }
    series.sort_by(|a, b| {
        (&a.service, &a.api, &a.method, &a.host, a.code)
            .cmp(&(&b.service, &b.api, &b.method, &b.host, b.code))
    });

    let mut unknown: BTreeMap<u16, (u64, BTreeSet<String>, CodeInfo)> = BTreeMap::new();
    let mut service_reports: Vec<ServiceReport> = services
        .into_iter()
        .map(|(module, (acc, hosts, apis))| {
            let catalog_service = Service::parse(&module)
                .ok()
                .filter(|s| s.module().is_some());
            let codes = acc
                .top_codes()
                .into_iter()
                .map(|(code, count)| {
                    let info = explain_code(code, catalog_service, version);
                    if info.source.is_unknown() {
                        let u = unknown
                            .entry(code)
                            .or_insert_with(|| (0, BTreeSet::new(), info.clone()));
                        u.0 += count;
                        u.1.insert(module.clone());
                    }
                    CodeReport {
                        code,
                        count,
                        share: share(count, acc.requests),
                        error: errors.contains(code),
                        source: info.source.name(),
                        message: info.message,
                        meaning: info.meaning,
                        code_service: info.service.map(Service::name),
                        go_const: info.go_const,
                        retry: info.retry.map(|r| r.name()),
                        versions: info.versions,
                        note: info.note,
                    }
                })
                .collect();
            let mut api_reports: Vec<ApiReport> = apis
                .into_iter()
                .map(|(api, a)| {
                    let mut methods: Vec<MethodCount> = a
                        .methods
                        .into_iter()
                        .map(|(method, count)| MethodCount { method, count })
                        .collect();
                    methods.sort_by(|x, y| y.count.cmp(&x.count).then(x.method.cmp(&y.method)));
                    ApiReport {
                        requests: a.acc.requests,
                        errors: a.acc.errors,
                        error_share: share(a.acc.errors, a.acc.requests),
                        latency_us: a.acc.latency(),
                        methods,
                        codes: a
                            .acc
                            .top_codes()
                            .into_iter()
                            .map(|(code, count)| ApiCode {
                                code,
                                count,
                                share: share(count, a.acc.requests),
                                error: errors.contains(code),
                            })
                            .collect(),
                        api,
                    }
                })
                .collect();
            api_reports.sort_by(|x, y| y.requests.cmp(&x.requests).then(x.api.cmp(&y.api)));
            ServiceReport {
                catalog_service: catalog_service.map(Service::name),
                requests: acc.requests,
                errors: acc.errors,
                error_share: share(acc.errors, acc.requests),
                latency_us: acc.latency(),
                hosts: hosts.into_iter().collect(),
                codes,
                apis: api_reports,
                service: module,
            }
        })
        .collect();
    service_reports.sort_by(|x, y| y.requests.cmp(&x.requests).then(x.service.cmp(&y.service)));

    let mut unknown_codes: Vec<UnknownCode> = unknown
        .into_iter()
        .map(|(code, (count, services, info))| UnknownCode {
            code,
            count,
            services: services.into_iter().collect(),
            range_service: errcat::service_of(i64::from(code), Some(version))
                .ok()
                .map(Service::name),
            source: info.source.name(),
            meaning: info.meaning,
            versions: info.versions,
            note: info.note,
        })
        .collect();
    unknown_codes.sort_by(|x, y| y.count.cmp(&x.count).then(x.code.cmp(&y.code)));

    let timeline_bucket;
    let timeline = {
        let (b, t) = timeline(&mut partial, errors);
        timeline_bucket = b;
        t
    };
    let entities = entities(&partial, options);
    let tracelog = tracelog(&partial, errors);
    let malformed = partial.malformed();
    let matched = partial.counted - partial.filtered;
    let mut invariant = format!(
        "lines read {} = lines counted {} + malformed lines {}",
        partial.lines, partial.counted, malformed
    );
    if partial.filtered > 0
        || !options.filters.is_empty()
        || ctx.since_us.is_some()
        || ctx.until_us.is_some()
    {
        invariant.push_str(&format!(
            "; lines counted {} = matched {} + filtered out {}",
            partial.counted, matched, partial.filtered
        ));
    }
    let window = (ctx.since_us.is_some() || ctx.until_us.is_some()).then(|| Window {
        since: ctx.since_us.map(rfc3339),
        until: ctx.until_us.map(rfc3339),
        since_us: ctx.since_us,
        until_us: ctx.until_us,
        newest: ctx.newest_us.map(rfc3339),
    });
    let time_span = (partial.first_us <= partial.last_us).then(|| TimeSpan {
        first_us: partial.first_us,
        last_us: partial.last_us,
        first: rfc3339(partial.first_us),
        last: rfc3339(partial.last_us),
        seconds: (partial.last_us - partial.first_us) as f64 / 1e6,
    });
    Report {
        schema: SCHEMA,
        cubefs_version: version,
        max_api_level: options.max_api_level,
        error_spec: errors.spec().to_string(),
        error_codes: errors.ranges(),
        lines: partial.lines,
        counted: partial.counted,
        malformed,
        invariant,
        json_lines: partial.json_lines,
        time_span,
        inputs: input_reports,
        in_flight: Vec::new(),
        warnings: Vec::new(),
        totals: Totals {
            requests: total.requests,
            errors: total.errors,
            error_share: share(total.errors, total.requests),
            latency_us: total.latency(),
        },
        services: service_reports,
        unknown_codes,
        malformed_lines: MalformedReport {
            count: malformed,
            by_kind,
            first,
        },
        series,
        filters: options.filters.clone(),
        window,
        matched,
        filtered_out: partial.filtered,
        timeline_bucket,
        timeline,
        entities,
        tracelog,
        baseline: None,
    }
}

fn code_counts(sorted: Vec<(u16, u64)>, n: usize) -> Vec<CodeCount> {
    sorted
        .into_iter()
        .take(n)
        .map(|(code, count)| CodeCount { code, count })
        .collect()
}

/// The timeline at its final width: the given one, or the default for the span of the bulk of the requests.
fn timeline(partial: &mut Partial, errors: &ErrorCodes) -> (TimelineBucket, Vec<TimelinePoint>) {
    let given = partial.setup.bucket_us;
    let held = partial
        .svcs
        .iter()
        .map(|s| s.timeline.width)
        .max()
        .unwrap_or(given.unwrap_or(super::timeline::LADDER[0]));
    for s in &mut partial.svcs {
        s.timeline.rebucket(held);
    }
    let width = match given {
        Some(_) => held,
        None => {
            let mut per: BTreeMap<u64, u64> = BTreeMap::new();
            for s in &partial.svcs {
                for (start, c) in &s.timeline.cells {
                    *per.entry(*start).or_default() += c.requests;
                }
            }
            let per: Vec<(u64, u64)> = per.into_iter().collect();
            default_width(&per, held)
        }
    };
    let mut points = Vec::new();
    for s in &mut partial.svcs {
        s.timeline.rebucket(width);
        let service = lossy(&s.module);
        for (start, c) in &s.timeline.cells {
            if c.requests == 0 {
                continue;
            }
            let errs: u64 = c
                .codes
                .iter()
                .filter(|(code, _)| errors.contains(*code))
                .map(|x| x.1)
                .sum();
            points.push(TimelinePoint {
                start: rfc3339(*start),
                start_us: *start,
                service: service.clone(),
                requests: c.requests,
                errors: errs,
                error_share: share(errs, c.requests),
                p50_us: c.durations.quantile(0.5),
                p99_us: c.durations.quantile(0.99),
                top_codes: code_counts(c.codes.sorted(), 5),
            });
        }
    }
    points.sort_by(|a, b| (a.start_us, &a.service).cmp(&(b.start_us, &b.service)));
    (
        TimelineBucket {
            seconds: width as f64 / 1e6,
            label: width_label(width),
            given: given.is_some(),
        },
        points,
    )
}

/// The entities per kind, most errors first, and the summaries' bounds.
fn entities(partial: &Partial, options: &AuditOptions) -> Entities {
    let mut out = Entities {
        summary: EntitySummary {
            algorithm: "weighted Misra-Gries",
            capacity: partial.setup.entity_capacity,
            error_weight: ERROR_WEIGHT,
            from_first_error: vec![EntityKind::Vuid.name(), EntityKind::Bid.name()],
            bounds: Vec::new(),
        },
        ..Entities::default()
    };
    let mut svcs: Vec<&super::stats::Svc> = partial.svcs.iter().collect();
    svcs.sort_by(|a, b| a.module.cmp(&b.module));
    for kind in EntityKind::ALL {
        let mut list = Vec::new();
        for svc in &svcs {
            let sk = &svc.sketches[kind as usize];
            if sk.slots.is_empty() {
                continue;
            }
            let service = lossy(&svc.module);
            out.summary.bounds.push(SummaryBound {
                service: service.clone(),
                kind: kind.name(),
                tracked: sk.slots.len(),
                dropped: sk.dropped,
                max_undercount: sk.subtracted,
                exact: sk.subtracted == 0,
            });
            let mut slots: Vec<_> = sk.slots.iter().filter(|s| s.requests > 0).collect();
            slots.sort_by(|a, b| {
                b.errors
                    .cmp(&a.errors)
                    .then(b.requests.cmp(&a.requests))
                    .then(a.key.cmp(&b.key))
            });
            for s in slots.into_iter().take(ENTITIES_PER_SERVICE) {
                let key = s.key;
                let d: &Counts<5> = &s.durations;
                let parts = (kind == EntityKind::Vuid).then(|| decode_vuid(key));
                list.push(EntityReport {
                    service: service.clone(),
                    id: partial.names.render(kind, key),
                    requests: s.requests,
                    errors: s.errors,
                    error_share: share(s.errors, s.requests),
                    p50_us: d.quantile(0.5),
                    p99_us: d.quantile(0.99),
                    top_codes: code_counts(s.codes.sorted(), 5),
                    vid: parts.map(|p| p.0),
                    index: parts.map(|p| p.1),
                    epoch: parts.map(|p| p.2),
                });
            }
        }
        list.sort_by(|a, b| {
            b.errors
                .cmp(&a.errors)
                .then(b.requests.cmp(&a.requests))
                .then(a.service.cmp(&b.service))
                .then(a.id.cmp(&b.id))
        });
        *out.of_mut(kind) = list;
    }
    let _ = options;
    out
}

/// Trace-Log figures per (service, api), by service then api.
fn tracelog(partial: &Partial, errors: &ErrorCodes) -> Vec<TraceLogReport> {
    let _ = errors;
    let mut out = Vec::new();
    for (key, g) in &partial.groups {
        let t = &g.tracelog;
        if t.requests == 0 {
            continue;
        }
        let (module, api) = split_key(key);
        let mut stages: Vec<StageReport> = t
            .stages
            .iter()
            .map(|s| {
                let mut d = s.durations.clone();
                d.record_n(0, s.zero);
                StageReport {
                    stage: if s.via.is_empty() || s.via == s.name {
                        lossy(&s.name)
                    } else {
                        format!("{}>{}", lossy(&s.via), lossy(&s.name))
                    },
                    requests: s.requests,
                    share: share(s.requests, t.requests),
                    count: s.durations.n + s.zero,
                    p50_us: d.quantile(0.5),
                    p99_us: d.quantile(0.99),
                }
            })
            .collect();
        stages.sort_by(|a, b| b.requests.cmp(&a.requests).then(a.stage.cmp(&b.stage)));
        let mut downstream_errors: Vec<DownstreamError> = t
            .errors
            .iter()
            .map(|(m, e, n)| DownstreamError {
                module: lossy(m),
                error: lossy(e),
                count: *n,
            })
            .collect();
        downstream_errors.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.module.cmp(&b.module))
                .then(a.error.cmp(&b.error))
        });
        out.push(TraceLogReport {
            service: lossy(module),
            api: lossy(api),
            requests: t.requests,
            failed: t.failed,
            stages,
            downstream_errors,
            other_errors: t.other_errors,
        });
    }
    out.sort_by(|a, b| (&a.service, &a.api).cmp(&(&b.service, &b.api)));
    out
}

/// A service's counts, hosts and apis while building.
type SvcAcc = (Acc, BTreeSet<String>, BTreeMap<String, ApiAcc>);

struct ApiAcc {
    acc: Acc,
    methods: BTreeMap<String, u64>,
}

impl ApiAcc {
    fn new() -> ApiAcc {
        ApiAcc {
            acc: Acc::new(),
            methods: BTreeMap::new(),
        }
    }
}
