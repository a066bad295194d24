//! The catalog operations: lookup, find, status, serviceOf, entries, parse, compose, exportCatalog.

use errcat::{
    Code, Entry, ErrorKind, Filter, Format, Lang, Reporter, Service, Source, System, Version,
};
use napi::bindgen_prelude::*;
use napi::Env;
use napi_derive::napi;

use crate::args::{number, options, string, string_field};
use crate::entry::id_of;
use crate::guard::{check, guard};

/// The errcat version (the core crate's).
#[napi]
pub const VERSION: &str = errcat::VERSION;

/// Options of `lookup`.
#[napi(object)]
pub struct LookupOptions {
    /// Resolve inside this reporter's table: `Arklet`, `ModuleController` or `KouplelessBoard`.
    pub reporter: Option<String>,
}

/// Options of `status` and `serviceOf`.
#[napi(object)]
pub struct StatusOptions {
    /// The CubeFS version (`v3.5.0`, `3.5.0`, `master`); default: the newest.
    pub version: Option<String>,
}

/// Filter of `entries`: every field narrows. A reporter implies Koupleless; a service or version the blobstore.
#[napi(object)]
pub struct EntriesFilter {
    #[napi(ts_type = "'koupleless' | 'blobstore'")]
    pub system: Option<String>,
    pub reporter: Option<String>,
    pub service: Option<String>,
    pub version: Option<String>,
}

/// Options of `exportCatalog`.
#[napi(object)]
pub struct ExportOptions {
    /// `json` (default: the whole catalog, both languages), `md`/`markdown` or `csv`.
    #[napi(ts_type = "'json' | 'md' | 'markdown' | 'csv'")]
    pub format: Option<String>,
    /// The language of Markdown and CSV: `en` (default) or `zh`.
    #[napi(ts_type = "'en' | 'zh'")]
    pub lang: Option<String>,
}

/// Options of `analyzeAudit`.
#[napi(object)]
pub struct AuditOptions {
    /// The CubeFS version whose catalog explains the codes; default: the newest.
    pub version: Option<String>,
    /// Segments of the `api` label kept, like the blobstore's `max_api_level` (default 2).
    pub max_api_level: Option<u32>,
}

/// A two-level code resolved to its Koupleless entry.
#[napi(object, use_nullable = true)]
pub struct Resolved {
    /// `Source.Type` with the canonical type spelling.
    pub code: String,
    /// The source given in the code.
    pub source: String,
    /// The canonical type.
    #[napi(js_name = "type")]
    pub error_type: String,
    /// The reporter whose table holds the entry.
    pub reporter: String,
    /// `true` when the source is not one of the entry's catalogued sources (`User.PullBizError`).
    pub dynamic: bool,
    /// The alias spelling the code used, when it was not the canonical type.
    pub alias: Option<String>,
    /// The entry. (Crosses the boundary as its id; the JavaScript half puts the cached entry object here.)
    #[napi(ts_type = "KouplelessEntry")]
    pub entry: u32,
}

/// A blobstore status number resolved at a CubeFS version.
#[napi(object)]
pub struct StatusMatch {
    /// The number asked about.
    pub code: u32,
    /// The version asked about.
    pub version: String,
    /// Whether the entry is defined at that version (`false`: known only in other versions, see `entry.versions`).
    pub valid: bool,
    /// The entry. (Crosses the boundary as its id; the JavaScript half puts the cached entry object here.)
    #[napi(ts_type = "StatusEntry")]
    pub entry: u32,
}

/// A syntactically valid two-level code.
#[napi(object, js_name = "Code")]
pub struct ParsedCode {
    pub source: String,
    #[napi(js_name = "type")]
    pub error_type: String,
    /// The code rendered back: `Source.Type`.
    pub code: String,
}

impl From<Code<'_>> for ParsedCode {
    fn from(c: Code<'_>) -> ParsedCode {
        ParsedCode {
            source: c.source().name().into(),
            error_type: c.error_type().into(),
            code: c.to_string(),
        }
    }
}

/// A JavaScript number as a status code: integers only (the core range-checks); NaN, infinities and fractions
/// are `InvalidCode`, as an out-of-range integer is.
pub fn status_number(code: f64) -> errcat::Result<i64> {
    if code.is_finite() && code.fract() == 0.0 {
        Ok(code as i64) // saturates beyond ±2^63, which the core rejects as out of range
    } else {
        Err(errcat::Error::new(
            ErrorKind::InvalidCode,
            format!("{code} is not a status code (an integer 0..=999)"),
        ))
    }
}

/// Parses an optional CubeFS version name.
pub fn version(name: Option<String>) -> errcat::Result<Option<Version>> {
    name.map(|v| Version::parse(&v)).transpose()
}

/// Resolves a two-level code (`"Arklet.InstallBizFailed"`) to its Koupleless entry, inside `options.reporter`'s
/// table when given. Throws `ERRCAT_NOT_FOUND` (with `suggestions`), `ERRCAT_AMBIGUOUS` (with `candidates`),
/// `ERRCAT_INVALID_CODE` or `ERRCAT_INVALID_ARGUMENT`.
#[napi(
    ts_args_type = "code: string, options?: LookupOptions | null",
    ts_return_type = "Resolved"
)]
pub fn lookup(env: Env, code: Unknown, options_arg: Option<Unknown>) -> Result<Resolved> {
    guard(&env, || {
        let code = string(&env, code, "code")?;
        let opts = options(&env, options_arg, "options")?;
        let reporter = string_field(&env, &opts, "reporter", "options")?;
        let reporter = check(&env, reporter.map(|r| Reporter::parse(&r)).transpose())?;
        let r = check(&env, errcat::lookup(&code, reporter))?;
        Ok(Resolved {
            code: r.to_string(),
            source: r.source.name().into(),
            error_type: r.entry.error_type.into(),
            reporter: r.reporter().name().into(),
            dynamic: r.is_dynamic(),
            alias: r.alias.map(str::to_string),
            entry: id_of(Entry::Koupleless(r.entry)),
        })
    })
}

/// Every entry a code could mean: for a two-level code the entries of its type in every table, for a number
/// (`"552"`) the blobstore entries with that number in every version. Throws `ERRCAT_NOT_FOUND` when none.
#[napi(
    ts_args_type = "code: string",
    ts_return_type = "Array<KouplelessEntry | StatusEntry>"
)]
pub fn find(env: Env, code: Unknown) -> Result<Vec<u32>> {
    guard(&env, || {
        let code = string(&env, code, "code")?;
        let found = check(&env, errcat::find(&code))?;
        Ok(found.into_iter().map(id_of).collect())
    })
}

/// The blobstore entry for a status number at `options.version` (default: newest). A number known only in other
/// versions is returned with `valid: false`. Throws `ERRCAT_NOT_FOUND`, `ERRCAT_INVALID_CODE` (not an integer in
/// 0..=999) or `ERRCAT_INVALID_ARGUMENT` (unknown version).
#[napi(
    ts_args_type = "code: number, options?: StatusOptions | null",
    ts_return_type = "StatusMatch"
)]
pub fn status(env: Env, code: Unknown, options_arg: Option<Unknown>) -> Result<StatusMatch> {
    guard(&env, || {
        let code = number(&env, code, "code")?;
        let opts = options(&env, options_arg, "options")?;
        let version = version(string_field(&env, &opts, "version", "options")?);
        let m = check(
            &env,
            version.and_then(|v| errcat::status(status_number(code)?, v)),
        )?;
        Ok(StatusMatch {
            code: m.entry.code.into(),
            version: m.version.name().into(),
            valid: m.valid,
            entry: id_of(Entry::Blobstore(m.entry)),
        })
    })
}

/// The service a status number belongs to at `options.version`: the service of the entry valid then, else the
/// service whose range covers the number. Throws `ERRCAT_NOT_FOUND` when neither says.
#[napi(ts_args_type = "code: number, options?: StatusOptions | null")]
pub fn service_of(env: Env, code: Unknown, options_arg: Option<Unknown>) -> Result<String> {
    guard(&env, || {
        let code = number(&env, code, "code")?;
        let opts = options(&env, options_arg, "options")?;
        let version = version(string_field(&env, &opts, "version", "options")?);
        let service = check(
            &env,
            version.and_then(|v| errcat::service_of(status_number(code)?, v)),
        )?;
        Ok(service.name().into())
    })
}

/// The catalog's entries passing `filter`, in catalog order (Koupleless tables first, then the blobstore).
#[napi(
    ts_args_type = "filter?: EntriesFilter | null",
    ts_return_type = "Array<KouplelessEntry | StatusEntry>"
)]
pub fn entries(env: Env, filter: Option<Unknown>) -> Result<Vec<u32>> {
    guard(&env, || {
        let f = options(&env, filter, "filter")?;
        let field = |key| string_field(&env, &f, key, "filter");
        let (system, reporter) = (field("system")?, field("reporter")?);
        let (service, version_name) = (field("service")?, field("version")?);
        let filter = check(
            &env,
            (|| {
                Ok(Filter {
                    system: system.map(|s| System::parse(&s)).transpose()?,
                    reporter: reporter.map(|r| Reporter::parse(&r)).transpose()?,
                    service: service.map(|s| Service::parse(&s)).transpose()?,
                    version: version(version_name)?,
                })
            })(),
        )?;
        Ok(errcat::entries(filter).map(id_of).collect())
    })
}

/// Parses a two-level code strictly: exactly one `.`, PascalCase parts, a known source. Throws
/// `ERRCAT_INVALID_CODE` saying which rule failed.
#[napi(ts_args_type = "text: string")]
pub fn parse(env: Env, text: Unknown) -> Result<ParsedCode> {
    guard(&env, || {
        let text = string(&env, text, "text")?;
        check(&env, Code::parse(&text).map(ParsedCode::from))
    })
}

/// Builds `source.type`, checking the type like `parse` does. An unknown source is `ERRCAT_INVALID_ARGUMENT`.
#[napi(ts_args_type = "source: string, type: string")]
pub fn compose(env: Env, source: Unknown, error_type: Unknown) -> Result<ParsedCode> {
    guard(&env, || {
        let source = string(&env, source, "source")?;
        let error_type = string(&env, error_type, "type")?;
        check(
            &env,
            Source::from_name(&source)
                .and_then(|s| Code::compose(s, &error_type).map(ParsedCode::from)),
        )
    })
}

/// The catalog exported: `json` (default; equals the committed `testdata/catalog.json`), `md` or `csv` in `lang`.
#[napi(ts_args_type = "options?: ExportOptions | null")]
pub fn export_catalog(env: Env, options_arg: Option<Unknown>) -> Result<String> {
    guard(&env, || {
        let opts = options(&env, options_arg, "options")?;
        let format = string_field(&env, &opts, "format", "options")?;
        let lang = string_field(&env, &opts, "lang", "options")?;
        let parsed = (|| {
            let format = format.map_or(Ok(Format::Json), |f| Format::parse(&f))?;
            let lang = lang.map_or(Ok(Lang::En), |l| Lang::parse(&l))?;
            Ok((format, lang))
        })();
        let (format, lang) = check(&env, parsed)?;
        Ok(errcat::export(format, lang))
    })
}

/// Panics inside the guard, so the tests can check that a panic surfaces as `ERRCAT_INTERNAL` (not exported by
/// the package's entry point; reachable only through the native binding).
#[napi(skip_typescript, js_name = "__panicForTests")]
pub fn panic_for_tests(env: Env) -> Result<()> {
    guard(&env, || panic!("deliberate panic (test hook)"))
}
