//! The header of a partial report: one JSON line with the schema, the catalog, the setup the counts were made
//! with, the inputs and what the report says besides the counts (see `audit/PARTIAL.md`).

use serde::{Deserialize, Serialize};

use crate::{AuditOptions, ErrorCodes, Filters, InFlight, Warning};

/// The setup a partial was counted with: two partials merge only when theirs are equal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SetupHeader {
    /// The CubeFS version that explains the codes.
    pub version: String,
    pub max_api_level: usize,
    /// The error spec as given, and its codes as ranges (what is compared).
    pub errors: String,
    pub error_codes: String,
    pub filters: FiltersHeader,
    /// The resolved window (µs since the epoch).
    pub since_us: Option<u64>,
    pub until_us: Option<u64>,
    /// A given timeline bucket width (µs); none = chosen from the span.
    pub bucket_us: Option<u64>,
    pub entity_capacity: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FiltersHeader {
    pub services: Vec<String>,
    pub apis: Vec<String>,
    pub codes: Option<String>,
    pub hosts: Vec<String>,
    pub clients: Vec<String>,
    pub trace: Option<String>,
}

/// One input: its name in the report, bytes and whether it was gzip.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct InputHeader {
    pub path: String,
    pub bytes: u64,
    pub gzip: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WarningHeader {
    pub input: String,
    pub kind: String,
    pub offset: u64,
    pub size: u64,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InFlightHeader {
    pub input: String,
    pub bytes: u64,
    pub excerpt: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    /// [`super::PARTIAL_SCHEMA`].
    pub schema: String,
    /// The report schema the counts make ([`crate::SCHEMA`]).
    pub report_schema: String,
    /// The catalog's fingerprint: codes are explained by the catalog of the errcat that merges.
    pub catalog: String,
    /// The errcat that wrote it (information).
    pub errcat: String,
    pub setup: SetupHeader,
    /// The newest start time of the inputs, when a relative window was resolved against it.
    pub newest_us: Option<u64>,
    /// Lines read, counted and malformed (also in the body; here for a reader of the header alone).
    pub lines: u64,
    pub counted: u64,
    pub malformed: u64,
    /// The inputs, in runs: one run per `--format partial` pass, in the order the merge sorts them. The body's
    /// input indices count through the runs in order.
    pub runs: Vec<Vec<InputHeader>>,
    pub in_flight: Vec<InFlightHeader>,
    pub warnings: Vec<WarningHeader>,
}

impl SetupHeader {
    pub fn of(options: &AuditOptions, window: (Option<u64>, Option<u64>)) -> SetupHeader {
        let f = &options.filters;
        SetupHeader {
            version: options
                .version
                .unwrap_or(errcat::Version::NEWEST)
                .name()
                .to_string(),
            max_api_level: options.max_api_level,
            errors: options.errors.spec().to_string(),
            error_codes: options.errors.ranges(),
            filters: FiltersHeader {
                services: f.services.clone(),
                apis: f.apis.clone(),
                codes: f.codes.as_ref().map(|c| c.spec().to_string()),
                hosts: f.hosts.clone(),
                clients: f.clients.clone(),
                trace: f.trace.clone(),
            },
            since_us: window.0,
            until_us: window.1,
            bucket_us: options.bucket_us.filter(|&b| b > 0),
            entity_capacity: options.entity_capacity,
        }
    }

    /// The first member in which `self` and `other` differ, with both values.
    pub fn difference(&self, other: &SetupHeader) -> Option<String> {
        let (a, b) = (
            serde_json::to_value(self).unwrap_or_default(),
            serde_json::to_value(other).unwrap_or_default(),
        );
        let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
            return None;
        };
        a.iter()
            .filter(|(k, _)| k.as_str() != "errors")
            .find(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, v)| {
                format!(
                    "{k} {v} against {}",
                    b.get(k).unwrap_or(&serde_json::Value::Null)
                )
            })
    }

    /// The options the counts were made with.
    pub fn options(&self) -> Result<AuditOptions, String> {
        let bad = |what: &str, e: errcat::Error| format!("its setup's {what}: {e}");
        let version = errcat::Version::parse(&self.version).map_err(|e| bad("version", e))?;
        let codes = match &self.filters.codes {
            Some(c) => Some(ErrorCodes::parse(c).map_err(|e| bad("code filter", e))?),
            None => None,
        };
        let f = &self.filters;
        Ok(AuditOptions {
            version: Some(version),
            max_api_level: self.max_api_level,
            errors: ErrorCodes::parse(&self.errors).map_err(|e| bad("errors", e))?,
            bucket_us: self.bucket_us,
            entity_capacity: self.entity_capacity,
            filters: Filters {
                services: f.services.clone(),
                apis: f.apis.clone(),
                codes,
                hosts: f.hosts.clone(),
                clients: f.clients.clone(),
                trace: f.trace.clone(),
            },
            ..AuditOptions::default()
        })
    }
}

impl WarningHeader {
    pub fn of(w: &Warning) -> WarningHeader {
        WarningHeader {
            input: w.input.clone(),
            kind: w.kind.to_string(),
            offset: w.offset,
            size: w.size,
            message: w.message.clone(),
        }
    }

    pub fn warning(&self) -> Warning {
        Warning {
            input: self.input.clone(),
            kind: match self.kind.as_str() {
                "shrank" => "shrank",
                "vanished" => "vanished",
                "truncated" => "truncated",
                "unreadable" => "unreadable",
                _ => "other",
            },
            offset: self.offset,
            size: self.size,
            message: self.message.clone(),
        }
    }
}

impl InFlightHeader {
    pub fn of(f: &InFlight) -> InFlightHeader {
        InFlightHeader {
            input: f.input.clone(),
            bytes: f.bytes,
            excerpt: f.excerpt.clone(),
        }
    }

    pub fn in_flight(&self) -> InFlight {
        InFlight {
            input: self.input.clone(),
            bytes: self.bytes,
            excerpt: self.excerpt.clone(),
        }
    }
}
