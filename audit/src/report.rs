//! The report: built from the merged counts, explained with the catalog at the chosen version, serialised as JSON
//! (schema `errcat.audit/1`, documented in docs/audit.md).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use hdrhistogram::Histogram;
use serde::{Serialize, Serializer};

use super::errors::ErrorCodes;
use super::explain::{explain_code, CodeInfo};
use super::input::Input;
use super::notes::{InFlight, Warning};
use super::parse::MalformedKind;
use super::stats::{split_key, Partial, UnitId};
use super::AuditOptions;
use errcat::{Service, Version};

/// The JSON schema name; bumped only for incompatible changes (members may be added within a version).
pub const SCHEMA: &str = "errcat.audit/1";

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
        build(Partial::new(options.max_api_level), &[], &options)
    }
}

impl Report {
    /// The full report as pretty-printed JSON (2-space indent, members in a fixed order; schema in
    /// docs/audit.md). `errcat audit --format json` prints exactly this.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report serialises")
    }

    /// Whether lines read = lines counted + malformed lines (always true; stated in the report).
    pub fn invariant_holds(&self) -> bool {
        self.lines == self.counted + self.malformed
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
pub(crate) fn build(partial: Partial, inputs: &[Input], options: &AuditOptions) -> Report {
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

    let malformed = partial.malformed();
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
        invariant: format!(
            "lines read {} = lines counted {} + malformed lines {}",
            partial.lines, partial.counted, malformed
        ),
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
    }
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
