//! Resolving two-level codes to Koupleless entries: `lookup` (one entry or an error) and `find` (all candidates).

use std::fmt;

use crate::syntax::type_slot;
use crate::tables::{
    source_by_name, KOUPLELESS, STATUS, STATUS_BY_CODE, TYPE_KEYS, TYPE_MASK, TYPE_SEED, TYPE_SLOTS,
};
use crate::{suggest, Code, Entry, Error, KouplelessEntry, Reporter, Result, Source};

/// A code resolved to its catalog entry. Displays as `Source.Type` with the canonical type spelling.
///
/// The source is the one given in the code: a source outside the entry's catalogued ones is a valid dynamic
/// combination ([`Resolved::is_dynamic`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// The source given in the code.
    pub source: Source,
    /// The entry.
    pub entry: &'static KouplelessEntry,
    /// The alias spelling the code used, when it was not the canonical type.
    pub alias: Option<&'static str>,
}

impl Resolved {
    /// `true` when the source is not one of the entry's catalogued sources (e.g. `User.PullBizError`).
    pub fn is_dynamic(&self) -> bool {
        !self.entry.sources.contains(&self.source)
    }

    /// The reporter whose table holds the entry.
    pub fn reporter(&self) -> Reporter {
        self.entry.reporter
    }
}

impl fmt::Display for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.source.name(), self.entry.error_type)
    }
}

/// The entries a type spelling (canonical or alias) names, through the compiled-in perfect hash: one hash, one
/// compare.
pub(crate) fn type_entries(spelling: &str) -> Option<&'static [u16]> {
    let index = TYPE_SLOTS[type_slot(spelling, TYPE_SEED, TYPE_MASK)];
    let (key, entries) = TYPE_KEYS.get(usize::from(index))?;
    (*key == spelling).then_some(*entries)
}

fn entries_of(indices: &'static [u16]) -> impl Iterator<Item = &'static KouplelessEntry> + Clone {
    indices.iter().map(|&i| &KOUPLELESS[usize::from(i)])
}

fn describe(e: &KouplelessEntry) -> String {
    let sources: Vec<&str> = e.sources.iter().map(|s| s.name()).collect();
    format!(
        "{}/{}.{}",
        e.reporter.name(),
        sources.join("|"),
        e.error_type
    )
}

fn resolved(code: Code<'_>, entry: &'static KouplelessEntry) -> Resolved {
    let alias = entry
        .aliases
        .iter()
        .copied()
        .find(|a| *a == code.error_type());
    Resolved {
        source: code.source(),
        entry,
        alias,
    }
}

/// Resolves a two-level code (`"Arklet.InstallBizFailed"`) to its entry, inside `reporter`'s table when given.
///
/// The type (or an alias of it) picks the entry. When several tables hold the type, the entry whose catalogued
/// sources include the code's source wins; when that does not choose one, the error is `Ambiguous` and names
/// the candidates. Never allocates on success.
///
/// ```
/// use errcat::{lookup, ErrorKind, Reporter};
/// let r = lookup("User.PullBizError", None).unwrap();
/// assert_eq!(r.entry.meaning.en, "Package pulling failed");
/// assert!(r.is_dynamic());
/// let alias = lookup("ModuleController.ResourceConstrained", None).unwrap();
/// assert_eq!(alias.entry.error_type, "ResourceConstraned");
/// let err = lookup("OtherUpstream.InvalidParameter", None).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Ambiguous);
/// assert!(lookup("OtherUpstream.InvalidParameter", Some(Reporter::KouplelessBoard)).is_ok());
/// ```
pub fn lookup(code: &str, reporter: Option<Reporter>) -> Result<Resolved> {
    let Some((parsed, indices)) = catalogued(code) else {
        return Err(not_catalogued(code));
    };
    let in_table = entries_of(indices).filter(|e| reporter.is_none_or(|r| e.reporter == r));
    let mut candidates = in_table.clone();
    match (candidates.next(), candidates.next()) {
        (None, _) => {
            let elsewhere: Vec<String> = entries_of(indices).map(describe).collect();
            Err(Error::not_found(
                format!(
                    "{code}: type {} is not in the {} table (it is in: {})",
                    parsed.error_type(),
                    reporter.map_or("", |r| r.name()),
                    elsewhere.join(", ")
                ),
                entries_of(indices)
                    .map(|e| format!("{}.{}", parsed.source().name(), e.error_type))
                    .take(1)
                    .collect(),
            ))
        }
        (Some(only), None) => Ok(resolved(parsed, only)),
        _ => {
            let by_source = in_table
                .clone()
                .filter(|e| e.sources.contains(&parsed.source()));
            let mut picked = by_source.clone();
            match (picked.next(), picked.next()) {
                (Some(only), None) => Ok(resolved(parsed, only)),
                (first, _) => {
                    let names: Vec<String> = if first.is_some() {
                        by_source.map(describe).collect()
                    } else {
                        in_table.map(describe).collect()
                    };
                    Err(Error::ambiguous(
                        format!(
                            "{code} is ambiguous: {} entries match; give the reporter",
                            names.len()
                        ),
                        names,
                    ))
                }
            }
        }
    }
}

/// The fast path of [`lookup`]: a type spelling found in the catalog is valid by construction, so a hit needs no
/// syntax check beyond the source's `match`.
#[inline]
fn catalogued(code: &str) -> Option<(Code<'_>, &'static [u16])> {
    if code.len() > 2 * crate::syntax::MAX_PART_LEN + 1 {
        return None;
    }
    // A plain scan: sources are at most 16 bytes, too short for `split_once`'s searcher to pay off.
    let dot = code.bytes().position(|b| b == b'.')?;
    let (source, error_type) = (&code[..dot], &code[dot + 1..]);
    let indices = type_entries(error_type)?;
    Some((Code::trusted(source_by_name(source)?, error_type), indices))
}

/// Why `code` missed the fast path: malformed (`InvalidCode`) or an unknown type (`NotFound`), with suggestions.
fn not_catalogued(code: &str) -> Error {
    match Code::parse(code) {
        Err(e) => with_malformed_suggestions(e, code),
        Ok(parsed) => Error::not_found(
            format!(
                "{code}: type {:?} is not in the catalog",
                parsed.error_type()
            ),
            suggest::types(parsed.error_type(), Some(parsed.source())),
        ),
    }
}

fn with_malformed_suggestions(e: Error, text: &str) -> Error {
    let suggestions = suggest::malformed(text);
    if suggestions.is_empty() {
        e
    } else {
        e.with_suggestions(suggestions)
    }
}

/// Every entry a code could mean: for a two-level code or a bare type (`InstallBizFailed`), the entries of its type
/// (or alias) in every table;
/// for a number (`"552"`), the blobstore entries with that number in every version. `NotFound` (with
/// suggestions) when there is none.
///
/// ```
/// let all = errcat::find("User.UnknownError").unwrap();
/// assert_eq!(all.len(), 3); // one per reporter table
/// assert_eq!(errcat::find("935").unwrap().len(), 2); // reused on master
/// ```
pub fn find(code: &str) -> Result<Vec<Entry>> {
    if !code.is_empty() && code.len() <= 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        let n: usize = code
            .parse()
            .map_err(|_| Error::invalid_code(format!("{code:?} is not a status code")))?;
        let found: Vec<Entry> = STATUS_BY_CODE[n]
            .iter()
            .map(|&i| Entry::Blobstore(&STATUS[usize::from(i)]))
            .collect();
        if found.is_empty() {
            return Err(Error::not_found(
                format!("status {n} is not in the catalog"),
                Vec::new(),
            ));
        }
        return Ok(found);
    }
    if !code.contains('.') {
        if let Some(indices) = type_entries(code) {
            return Ok(entries_of(indices).map(Entry::Koupleless).collect());
        }
    }
    let parsed = Code::parse(code).map_err(|e| with_malformed_suggestions(e, code))?;
    match type_entries(parsed.error_type()) {
        Some(indices) => Ok(entries_of(indices).map(Entry::Koupleless).collect()),
        None => Err(Error::not_found(
            format!(
                "{code}: type {:?} is not in the catalog",
                parsed.error_type()
            ),
            suggest::types(parsed.error_type(), Some(parsed.source())),
        )),
    }
}
