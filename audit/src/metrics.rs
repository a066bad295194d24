//! The Prometheus exposition of follow mode (`GET /metrics`), in the text format 0.0.4 that the blobstore's own
//! Go sender serves, written with the `prometheus-client` crate:
//!
//! - `service_response_code{api,code,host,idc,method,service,tag,team}`: requests per series, named and labelled
//!   as the blobstore's sender does (`idc`, `tag`, `team` are configuration, not in the log: empty unless given).
//!   prometheus-client appends `_total` to every counter's name, which would rename the blobstore's series, so
//!   this one family is written untyped: the same name, and `rate()`/`increase()` work on it the same;
//! - errcat's own counters: `errcat_audit_lines_read_total`, `errcat_audit_lines_counted_total`,
//!   `errcat_audit_lines_malformed_total{kind}`, `errcat_audit_unknown_codes_total{code,range_service,source}`,
//!   `errcat_audit_bytes_read_total`, `errcat_audit_files_opened_total`, `errcat_audit_files_closed_total`,
//!   `errcat_audit_truncations_total`, `errcat_audit_warnings_total`; gauges `errcat_audit_files_followed`,
//!   `errcat_audit_lines_in_flight`;
//! - `errcat_audit_request_duration_seconds{service,api}`: a histogram with the blobstore's millisecond buckets
//!   (1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 ms, written in seconds as Prometheus names want: `le="0.001"`
//!   … `le="5"`), counted exactly from the duration field;
//! - `errcat_build_info{version,catalog_version,schema} 1`.
//!
//! Counters only grow: follow mode never forgets a count, whatever happens to the files.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

use crate::follow::Snapshot;
use crate::MalformedKind;

/// The `Content-Type` of [`exposition`]'s text.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// The blobstore's configured labels of `service_response_code`, which a log does not tell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetricLabels {
    /// `idc` (`metric_config.idc`).
    pub idc: String,
    /// `team`.
    pub team: String,
    /// `tag`.
    pub tag: String,
}

/// The exposition of a follow-mode snapshot.
pub fn exposition(snapshot: &Snapshot, labels: &MetricLabels) -> String {
    let mut registry = Registry::default();
    registry.register_collector(Box::new(Exposed {
        snapshot: snapshot.clone(),
        labels: labels.clone(),
    }));
    let mut out = String::new();
    prometheus_client::encoding::prometheus_text::encode(&mut out, &registry)
        .expect("writing to a String cannot fail");
    out
}

#[derive(Debug)]
struct Exposed {
    snapshot: Snapshot,
    labels: MetricLabels,
}

type Labels = Vec<(&'static str, String)>;

fn counter(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    samples: impl IntoIterator<Item = (Labels, u64)>,
) -> Result<(), std::fmt::Error> {
    let mut family = encoder.encode_descriptor(name, help, None, MetricType::Counter)?;
    for (labels, v) in samples {
        ConstCounter::new(v).encode(family.encode_family(&labels)?)?;
    }
    Ok(())
}

fn gauge(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    v: u64,
) -> Result<(), std::fmt::Error> {
    let family = encoder.encode_descriptor(name, help, None, MetricType::Gauge)?;
    ConstGauge::new(v as i64).encode(family)
}

impl Collector for Exposed {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let r = &self.snapshot.report;
        let st = &self.snapshot.stats;
        {
            let mut family = encoder.encode_descriptor(
                "service_response_code",
                "service response code",
                None,
                MetricType::Unknown,
            )?;
            for s in &r.series {
                let labels: Labels = vec![
                    ("api", s.api.clone()),
                    ("code", s.code.to_string()),
                    ("host", s.host.clone()),
                    ("idc", self.labels.idc.clone()),
                    ("method", s.method.clone()),
                    ("service", s.service.clone()),
                    ("tag", self.labels.tag.clone()),
                    ("team", self.labels.team.clone()),
                ];
                family.encode_family(&labels)?.encode_gauge(&s.count)?;
            }
        }
        counter(
            &mut encoder,
            "errcat_audit_lines_read",
            "Audit-log lines read (counted + malformed) since errcat started.",
            [(vec![], r.lines)],
        )?;
        counter(
            &mut encoder,
            "errcat_audit_lines_counted",
            "Audit-log lines counted as requests.",
            [(vec![], r.counted)],
        )?;
        counter(
            &mut encoder,
            "errcat_audit_lines_malformed",
            "Malformed audit-log lines by kind.",
            MalformedKind::ALL.iter().map(|k| {
                let n = r
                    .malformed_lines
                    .by_kind
                    .get(k.name())
                    .copied()
                    .unwrap_or(0);
                (vec![("kind", k.name().to_string())], n)
            }),
        )?;
        counter(
            &mut encoder,
            "errcat_audit_unknown_codes",
            "Requests answered with a code the catalog does not know at the chosen CubeFS version, with the \
             service whose range covers the number.",
            r.unknown_codes.iter().map(|u| {
                let labels = vec![
                    ("code", u.code.to_string()),
                    ("range_service", u.range_service.unwrap_or("").to_string()),
                    ("source", u.source.to_string()),
                ];
                (labels, u.count)
            }),
        )?;
        {
            let mut family = encoder.encode_descriptor(
                "errcat_audit_request_duration_seconds",
                "Request duration from the audit log's duration field, in the blobstore's millisecond buckets.",
                None,
                MetricType::Histogram,
            )?;
            for d in &self.snapshot.durations {
                // Per-bucket counts: the encoder writes them cumulated.
                let buckets: Vec<(f64, u64)> = d
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        (
                            d.bounds
                                .get(i)
                                .map_or(f64::INFINITY, |&b| b as f64 / 1000.0),
                            n,
                        )
                    })
                    .collect();
                let cumulative = d.counts.iter().sum();
                let labels: Labels = vec![("service", d.service.clone()), ("api", d.api.clone())];
                family.encode_family(&labels)?.encode_histogram::<Labels>(
                    d.sum_us as f64 / 1e6,
                    cumulative,
                    &buckets,
                    None,
                )?;
            }
        }
        for (name, help, v) in [
            (
                "errcat_audit_bytes_read",
                "Bytes read from the followed files.",
                st.bytes_read,
            ),
            (
                "errcat_audit_files_opened",
                "Files opened by the follower.",
                st.files_opened,
            ),
            (
                "errcat_audit_files_closed",
                "Files read to their end and closed (unlinked or renamed away).",
                st.files_closed,
            ),
            (
                "errcat_audit_truncations",
                "Files found truncated under the reader (copytruncate) and read again from 0.",
                st.truncations,
            ),
            (
                "errcat_audit_warnings",
                "Warnings given about the inputs.",
                st.warnings,
            ),
        ] {
            counter(&mut encoder, name, help, [(vec![], v)])?;
        }
        gauge(
            &mut encoder,
            "errcat_audit_files_followed",
            "Files followed now.",
            st.followed,
        )?;
        gauge(
            &mut encoder,
            "errcat_audit_lines_in_flight",
            "Unfinished last lines of active files, not counted yet.",
            r.in_flight.len() as u64,
        )?;
        let mut info = encoder.encode_descriptor(
            "errcat_build",
            "errcat build information.",
            None,
            MetricType::Info,
        )?;
        let labels: Labels = vec![
            ("version", env!("CARGO_PKG_VERSION").to_string()),
            ("catalog_version", r.cubefs_version.name().to_string()),
            ("schema", r.schema.to_string()),
        ];
        info.encode_info(&labels)
    }
}
