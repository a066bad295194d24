//! Iterating the catalog with a filter.

use crate::tables::{KOUPLELESS, STATUS};
use crate::{Entry, Reporter, Service, System, Version};

/// Which entries [`entries`] yields. Every field narrows; the default yields everything.
/// A `reporter` implies the Koupleless system; a `service` or `version` implies the blobstore.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this system.
    pub system: Option<System>,
    /// Only Koupleless entries of this reporter's table.
    pub reporter: Option<Reporter>,
    /// Only blobstore entries of this service.
    pub service: Option<Service>,
    /// Only blobstore entries valid at this version.
    pub version: Option<Version>,
}

impl Filter {
    fn wants(&self, system: System) -> bool {
        let implied = match system {
            System::Koupleless => self.service.is_none() && self.version.is_none(),
            System::Blobstore => self.reporter.is_none(),
        };
        implied && self.system.is_none_or(|s| s == system)
    }
}

/// The catalog's entries that pass `filter`, in catalog order (Koupleless tables first, then blobstore by number
/// as in `catalog/blobstore.toml`).
///
/// ```
/// use errcat::{entries, Filter, Reporter, Service, Version};
/// let arklet = entries(Filter { reporter: Some(Reporter::Arklet), ..Filter::default() }).count();
/// assert_eq!(arklet, 18);
/// let master = Version::parse("master").unwrap();
/// let shardnode = entries(Filter { service: Some(Service::ShardNode), version: Some(master), ..Filter::default() });
/// assert_eq!(shardnode.count(), 20);
/// ```
pub fn entries(filter: Filter) -> impl Iterator<Item = Entry> {
    let koupleless = KOUPLELESS
        .iter()
        .filter(move |e| {
            filter.wants(System::Koupleless) && filter.reporter.is_none_or(|r| e.reporter == r)
        })
        .map(Entry::Koupleless);
    let blobstore = STATUS
        .iter()
        .filter(move |e| {
            filter.wants(System::Blobstore)
                && filter.service.is_none_or(|s| e.service == s)
                && filter.version.is_none_or(|v| e.versions.contains(v))
        })
        .map(Entry::Blobstore);
    koupleless.chain(blobstore)
}
