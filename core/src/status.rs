//! Blobstore status numbers: the entry valid at a CubeFS version, and the service a number belongs to.

use crate::tables::{RANGES, STATUS, STATUS_BY_CODE};
use crate::{Error, Result, Service, StatusEntry, Version};

/// A status number resolved at a version: the entry, and whether it is valid at that version.
///
/// A number known only in other versions is still returned, with `valid == false`, so a caller can say
/// "552 = access limited, v3.2.0..v3.5.0, now 429".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StatusMatch {
    /// The entry.
    pub entry: &'static StatusEntry,
    /// The version asked about.
    pub version: Version,
    /// Whether the entry is defined at `version`.
    pub valid: bool,
}

fn checked(code: i64) -> Result<usize> {
    usize::try_from(code)
        .ok()
        .filter(|&n| n < STATUS_BY_CODE.len())
        .ok_or_else(|| Error::invalid_code(format!("{code} is not a status code (0..=999)")))
}

/// The blobstore entry for `code` at `version` (default: newest). When no entry is valid at that version, the
/// nearest one in time is returned with `valid == false` (the newest older one, else the oldest newer one).
///
/// ```
/// use errcat::{status, Version};
/// let m = status(552, Some(Version::parse("v3.5.0").unwrap())).unwrap();
/// assert!(m.valid);
/// assert_eq!(m.entry.message, "access limited");
/// let moved = status(552, None).unwrap(); // master
/// assert!(!moved.valid);
/// assert_eq!(moved.entry.renumbered_to, Some(429));
/// ```
pub fn status(code: i64, version: Option<Version>) -> Result<StatusMatch> {
    let version = version.unwrap_or(Version::NEWEST);
    let n = checked(code)?;
    let entries = STATUS_BY_CODE[n].iter().map(|&i| &STATUS[usize::from(i)]);
    if let Some(entry) = entries.clone().find(|e| e.versions.contains(version)) {
        return Ok(StatusMatch {
            entry,
            version,
            valid: true,
        });
    }
    let older = entries
        .clone()
        .filter(|e| e.versions.last().is_some_and(|v| v < version))
        .max_by_key(|e| e.versions.last());
    let nearest = older.or_else(|| entries.min_by_key(|e| e.versions.first()));
    match nearest {
        Some(entry) => Ok(StatusMatch {
            entry,
            version,
            valid: false,
        }),
        None => {
            let range = range_service(n, version).map_or_else(
                || "no service range covers it".to_string(),
                |s| format!("it is in the range of {s}"),
            );
            Err(Error::not_found(
                format!("status {code} is not in the catalog at {version}; {range}"),
                Vec::new(),
            ))
        }
    }
}

fn range_service(n: usize, version: Version) -> Option<Service> {
    RANGES
        .iter()
        .find(|r| {
            r.versions.contains(version)
                && (usize::from(r.first)..=usize::from(r.last)).contains(&n)
        })
        .map(|r| r.service)
}

/// The service `code` belongs to at `version` (default: newest): the service of the entry valid then, else the
/// service whose range covers the number then. `NotFound` when neither says.
///
/// ```
/// use errcat::{service_of, Service, Version};
/// assert_eq!(service_of(640, None).unwrap(), Service::BlobNode); // unknown code, BlobNode by range
/// assert_eq!(service_of(825, None).unwrap(), Service::ShardNode);
/// assert_eq!(service_of(825, Some(Version::parse("v3.5.3").unwrap())).unwrap(), Service::Proxy);
/// ```
pub fn service_of(code: i64, version: Option<Version>) -> Result<Service> {
    let version = version.unwrap_or(Version::NEWEST);
    let n = checked(code)?;
    STATUS_BY_CODE[n]
        .iter()
        .map(|&i| &STATUS[usize::from(i)])
        .find(|e| e.versions.contains(version))
        .map(|e| e.service)
        .or_else(|| range_service(n, version))
        .ok_or_else(|| {
            Error::not_found(
                format!("status {code} belongs to no service at {version}"),
                Vec::new(),
            )
        })
}
