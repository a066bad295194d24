//! Which requests a report counts: by time, service, api, code, host, client and trace id. Filters compose (a
//! request must pass all of them); a line that fails one is still a counted line (`filtered_out`), so lines read
//! = lines counted + malformed lines holds under every filter.

use memchr::memmem::Finder;

use super::entities::{ipv4, Needles};
use super::errors::ErrorCodes;

/// The request filters (empty lists = no filter). Each list matches when any of its items does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Modules (`BLOBNODE`, case-insensitive).
    pub services: Vec<String>,
    /// `api` labels (`blobnode.shard`); an item ending in `*` matches labels starting with the rest.
    pub apis: Vec<String>,
    /// Status codes, in the `--errors` spec language (`651`, `6xx`, `500-599,!596`).
    pub codes: Option<ErrorCodes>,
    /// Serving addresses: `host:port` exactly, or a host without a port matching any port.
    pub hosts: Vec<String>,
    /// Client addresses (`req_header.IP`): an IPv4 address, a CIDR block (`10.1.0.0/16`) or any exact text.
    pub clients: Vec<String>,
    /// A trace id (`Blobstore-Tracer-Traceid`): only that request's lines.
    pub trace: Option<String>,
}

impl serde::Serialize for Filters {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Filters", 6)?;
        st.serialize_field("services", &self.services)?;
        st.serialize_field("apis", &self.apis)?;
        st.serialize_field("codes", &self.codes.as_ref().map(|c| c.spec()))?;
        st.serialize_field("hosts", &self.hosts)?;
        st.serialize_field("clients", &self.clients)?;
        st.serialize_field("trace", &self.trace)?;
        st.end()
    }
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filters as a short text (`service=BLOBNODE code=651`), for the report.
    pub fn describe(&self) -> String {
        let mut out = Vec::new();
        let list = |name: &str, v: &[String], out: &mut Vec<String>| {
            if !v.is_empty() {
                out.push(format!("{name}={}", v.join(",")));
            }
        };
        list("service", &self.services, &mut out);
        list("api", &self.apis, &mut out);
        if let Some(c) = &self.codes {
            out.push(format!("code={}", c.spec()));
        }
        list("host", &self.hosts, &mut out);
        list("client", &self.clients, &mut out);
        if let Some(t) = &self.trace {
            out.push(format!("trace={t}"));
        }
        out.join(" ")
    }
}

/// A client item, compiled.
#[derive(Clone, Debug)]
enum ClientMatch {
    Net(u32, u32),
    Text(Vec<u8>),
}

/// Everything a worker needs to count, shared by reference for the whole pass.
pub(crate) struct Setup {
    pub level: usize,
    pub errors: ErrorCodes,
    pub since_us: Option<u64>,
    pub until_us: Option<u64>,
    pub bucket_us: Option<u64>,
    pub entity_capacity: usize,
    pub filters: Filters,
    services: Vec<Vec<u8>>,
    hosts: Vec<Vec<u8>>,
    clients: Vec<ClientMatch>,
    pub trace: Option<Finder<'static>>,
    /// The `trace ID` command: only find that id's lines (no counting).
    pub trace_only: bool,
    pub needles: Needles,
}

impl Setup {
    pub fn new(
        level: usize,
        errors: ErrorCodes,
        window: (Option<u64>, Option<u64>),
        bucket_us: Option<u64>,
        entity_capacity: usize,
        filters: Filters,
    ) -> Setup {
        let clients = filters
            .clients
            .iter()
            .map(|c| match c.split_once('/') {
                Some((net, bits)) => match (ipv4(net.as_bytes()), bits.parse::<u32>()) {
                    (Some(ip), Ok(b)) if b <= 32 => {
                        let mask = if b == 0 { 0 } else { u32::MAX << (32 - b) };
                        ClientMatch::Net(ip & mask, mask)
                    }
                    _ => ClientMatch::Text(c.as_bytes().to_vec()),
                },
                None => match ipv4(c.as_bytes()) {
                    Some(ip) => ClientMatch::Net(ip, u32::MAX),
                    None => ClientMatch::Text(c.as_bytes().to_vec()),
                },
            })
            .collect();
        Setup {
            level,
            errors,
            since_us: window.0,
            until_us: window.1,
            bucket_us,
            entity_capacity,
            services: filters
                .services
                .iter()
                .map(|s| s.trim().as_bytes().to_ascii_uppercase())
                .collect(),
            hosts: filters
                .hosts
                .iter()
                .map(|h| h.trim().as_bytes().to_vec())
                .collect(),
            clients,
            trace: filters
                .trace
                .as_ref()
                .map(|t| Finder::new(t.as_bytes()).into_owned()),
            filters,
            trace_only: false,
            needles: Needles::new(),
        }
    }

    /// Whether a time filter is set.
    #[inline]
    pub fn timed(&self) -> bool {
        self.since_us.is_some() || self.until_us.is_some()
    }

    /// Whether `t` is inside `[since, until)`.
    #[inline]
    pub fn in_window(&self, t: Option<u64>) -> bool {
        match t {
            Some(t) => self.since_us.is_none_or(|s| t >= s) && self.until_us.is_none_or(|u| t < u),
            None => false,
        }
    }

    /// Whether a group of (module, api) passes the service and api filters.
    pub fn group_passes(&self, module: &[u8], api: &[u8]) -> bool {
        let service_ok = self.services.is_empty()
            || self.services.iter().any(|s| s.eq_ignore_ascii_case(module));
        let api_ok = self.filters.apis.is_empty()
            || self.filters.apis.iter().any(|a| match a.strip_suffix('*') {
                Some(prefix) => api.starts_with(prefix.as_bytes()),
                None => a.as_bytes() == api,
            });
        service_ok && api_ok
    }

    /// Whether the host and client filters are set.
    #[inline]
    pub fn by_address(&self) -> bool {
        !self.hosts.is_empty() || !self.clients.is_empty()
    }

    pub fn host_passes(&self, host: &[u8]) -> bool {
        self.hosts.is_empty()
            || self.hosts.iter().any(|h| {
                *h == host
                    || (!h.contains(&b':')
                        && host.len() > h.len()
                        && host.starts_with(h)
                        && host[h.len()] == b':')
            })
    }

    pub fn client_passes(&self, client: &[u8]) -> bool {
        if self.clients.is_empty() {
            return true;
        }
        let ip = ipv4(client);
        self.clients.iter().any(|c| match c {
            ClientMatch::Net(net, mask) => ip.is_some_and(|ip| ip & mask == *net),
            ClientMatch::Text(t) => t.as_slice() == client,
        })
    }
}

/// The client of a request: `req_header.IP`, any `:port` removed (rpc2 writes one).
#[inline]
pub(crate) fn client_host(ip: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', ip) {
        // IPv4 with a port, or `[v6]:port`; a bare IPv6 address has several colons and no brackets.
        Some(at) if !ip[..at].contains(&b':') => &ip[..at],
        Some(at) if ip.first() == Some(&b'[') && at > 0 && ip[at - 1] == b']' => &ip[1..at - 1],
        _ => ip,
    }
}
