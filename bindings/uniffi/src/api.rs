//! The catalog operations: lookup, find, status, service_of, parse, compose, entries, export.

use errcat::{Format, Lang, Reporter, Service, Source, System, Version};

use crate::{
    guard, CatalogNames, Code, Entry, EntryFilter, ErrcatError, HostString, Resolved, StatusMatch,
};

type Result<T> = std::result::Result<T, ErrcatError>;

/// Parses an optional name with the core's parser (`None` stays `None`).
fn parse_opt<T>(
    text: Option<&HostString>,
    parse: impl Fn(&str) -> errcat::Result<T>,
) -> Result<Option<T>> {
    Ok(text.map(|t| parse(t)).transpose()?)
}

pub(crate) fn version(text: Option<&HostString>) -> Result<Option<Version>> {
    parse_opt(text, Version::parse)
}

/// Resolves a two-level code (`Arklet.InstallBizFailed`, an alias, or a dynamic combination such as
/// `User.PullBizError`) to its Koupleless entry, inside `reporter`'s table when given.
///
/// Errors: `InvalidCode` (malformed), `NotFound` (with suggestions), `Ambiguous` (with candidates: give the
/// reporter), `InvalidArgument` (unknown reporter).
#[uniffi::export(default(reporter = None))]
pub fn lookup(code: HostString, reporter: Option<HostString>) -> Result<Resolved> {
    guard(|| {
        let reporter = parse_opt(reporter.as_ref(), Reporter::from_name)?;
        Ok(errcat::lookup(&code, reporter)?.into())
    })
}

/// Every entry a code could mean: for a two-level code, the entries of its type in every table; for a number
/// (`"552"`), the blobstore entries with that number in every version. `NotFound` (with suggestions) when none.
#[uniffi::export]
pub fn find(code: HostString) -> Result<Vec<Entry>> {
    guard(|| Ok(errcat::find(&code)?.into_iter().map(Entry::from).collect()))
}

/// The blobstore entry for status `code` at `version` (default: newest). A number known only in other versions is
/// returned with `valid = false`. Errors: `InvalidCode` (outside 0..=999), `NotFound`, `InvalidArgument`
/// (unknown version).
#[uniffi::export(default(version = None))]
pub fn status(code: i64, version: Option<HostString>) -> Result<StatusMatch> {
    guard(|| Ok(errcat::status(code, self::version(version.as_ref())?)?.into()))
}

/// The service status `code` belongs to at `version` (default: newest): by its entry, else by the service ranges.
#[uniffi::export(default(version = None))]
pub fn service_of(code: i64, version: Option<HostString>) -> Result<String> {
    guard(|| {
        let service = errcat::service_of(code, self::version(version.as_ref())?)?;
        Ok(service.name().to_string())
    })
}

/// Parses a two-level code strictly: exactly one `.`, PascalCase parts, a known source. `InvalidCode` says which
/// rule failed. The type need not be catalogued.
#[uniffi::export]
pub fn parse_code(text: HostString) -> Result<Code> {
    guard(|| Ok(errcat::Code::parse(&text)?.into()))
}

/// Builds `source.errorType`, checking the type like `parseCode`. `InvalidArgument` for an unknown source,
/// `InvalidCode` for a malformed type.
#[uniffi::export]
pub fn compose_code(source: HostString, error_type: HostString) -> Result<Code> {
    guard(|| {
        let source = Source::from_name(&source)?;
        Ok(errcat::Code::compose(source, &error_type)?.into())
    })
}

/// The catalog's entries that pass `filter`, in catalog order (Koupleless tables first, then blobstore by number).
#[uniffi::export(default(filter))]
pub fn entries(filter: EntryFilter) -> Result<Vec<Entry>> {
    guard(|| {
        let filter = errcat::Filter {
            system: parse_opt(filter.system.as_ref(), System::parse)?,
            reporter: parse_opt(filter.reporter.as_ref(), Reporter::from_name)?,
            service: parse_opt(filter.service.as_ref(), Service::from_name)?,
            version: version(filter.version.as_ref())?,
        };
        Ok(errcat::entries(filter).map(Entry::from).collect())
    })
}

/// The entry with `id` (see `KouplelessEntry.id` / `StatusEntry.id`); `NotFound` when there is none.
#[uniffi::export]
pub fn entry_by_id(id: u32) -> Result<Entry> {
    guard(|| Ok(core_entry(id)?.into()))
}

/// The JSON of one entry, exactly as it appears in the catalog export.
#[uniffi::export]
pub fn entry_json(id: u32) -> Result<String> {
    guard(|| Ok(errcat::export::entry_json(core_entry(id)?).to_string()))
}

fn core_entry(id: u32) -> Result<errcat::Entry> {
    errcat::Entry::by_id(id as usize).ok_or_else(|| ErrcatError::NotFound {
        reason: format!(
            "no entry with id {id} (ids run from 0 to {})",
            errcat::Entry::COUNT - 1
        ),
        suggestions: Vec::new(),
    })
}

/// The whole catalog as `json` (both languages; equals `testdata/catalog.json`), `md` (the published tables) or
/// `csv`, in `lang` (`en`, the default, or `zh`; JSON carries both).
#[uniffi::export(default(lang = None))]
pub fn export_catalog(format: HostString, lang: Option<HostString>) -> Result<String> {
    guard(|| {
        let format = Format::parse(&format)?;
        let lang = parse_opt(lang.as_ref(), Lang::parse)?.unwrap_or_default();
        Ok(errcat::export(format, lang))
    })
}

/// The names the catalog knows: sources, reporters, services, versions.
#[uniffi::export]
pub fn catalog_names() -> CatalogNames {
    fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|v| name(*v).to_string()).collect()
    }
    CatalogNames {
        sources: names(Source::ALL, Source::name),
        reporters: names(Reporter::ALL, Reporter::name),
        services: names(Service::ALL, Service::name),
        versions: Version::all().map(|v| v.name().to_string()).collect(),
    }
}

/// The errcat version (of the Rust core the library was built from).
#[uniffi::export]
pub fn errcat_version() -> String {
    errcat::VERSION.to_string()
}

/// Panics inside the boundary guard, so tests can check that a panic arrives as an `Internal` error and the
/// library stays usable. Never call it otherwise.
#[uniffi::export]
pub fn panic_for_test(message: HostString) -> Result<()> {
    guard(|| panic!("{}", &*message))
}
