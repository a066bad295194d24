//! Every successful answer of `lookup` and `status` has a stable id, and the whole set is known at build time: a
//! host loads [`table`] once (one crossing) and serves repeated successful calls from its own immutable map, while
//! misses and errors always come from the core. No host has a cache policy of its own.
//!
//! The table is text, one row per line, fields separated by a TAB:
//!
//! ```text
//! errcat-answers  1  <catalog fingerprint>
//! R  <answer id>  <entry id>  <source index>  <alias or ->  <dynamic 0|1>  <code>     a lookup answer
//! S  <answer id>  <entry id>  <version index>  <valid 0|1>                            a status answer
//! L  <answer id>  <reporter spelling or ->  <code>       lookup(code, reporter) = that answer
//! N  <answer id>  <version spelling or ->  <number>      status(number, version) = that answer
//! ```
//!
//! Entry ids are [`Entry::id`]; source and version indices are positions in `Source::ALL` and `Version::all()`.
//! `L` and `N` rows list the canonical spellings of codes and the spellings of reporters and versions the core
//! names in [`super::names::table_spellings`]; any other spelling is a miss that the core answers.

use std::fmt::Write;
use std::sync::OnceLock;

use crate::tables::{KOUPLELESS, MAX_ALIASES, STATUS, STATUS_BY_CODE, TYPE_KEYS};
use crate::{lookup, status, Entry, Reporter, Resolved, Source, StatusMatch, Version};

use super::names::table_spellings;

const SOURCES: usize = Source::ALL.len();
const ALIAS_SLOTS: usize = MAX_ALIASES + 1;
const LOOKUP_SPACE: usize = KOUPLELESS.len() * SOURCES * ALIAS_SLOTS;

/// A successful answer of `lookup` or `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Answer {
    /// A resolved two-level code.
    Lookup(Resolved),
    /// A status number at a version.
    Status(StatusMatch),
}

fn index_of<T>(table: &'static [T], item: &'static T) -> usize {
    (item as *const T as usize - table.as_ptr() as usize) / std::mem::size_of::<T>()
}

impl Answer {
    /// The answer's id: stable within a build of the catalog, dense enough for a host array.
    pub fn id(&self) -> u32 {
        let id = match self {
            Answer::Lookup(r) => {
                let alias = r.alias.map_or(0, |a| {
                    1 + r.entry.aliases.iter().position(|x| *x == a).unwrap_or(0)
                });
                (index_of(&KOUPLELESS, r.entry) * SOURCES + r.source as usize) * ALIAS_SLOTS + alias
            }
            Answer::Status(m) => {
                LOOKUP_SPACE
                    + index_of(&STATUS, m.entry) * Version::all().count()
                    + m.version.index()
            }
        };
        id as u32
    }

    /// The answer with `id`, if it is one.
    pub fn by_id(id: u32) -> Option<Answer> {
        let id = id as usize;
        if id < LOOKUP_SPACE {
            let (rest, alias) = (id / ALIAS_SLOTS, id % ALIAS_SLOTS);
            let (entry, source) = (&KOUPLELESS[rest / SOURCES], Source::ALL[rest % SOURCES]);
            let alias = match alias {
                0 => None,
                n => Some(*entry.aliases.get(n - 1)?),
            };
            return Some(Answer::Lookup(Resolved {
                source,
                entry,
                alias,
            }));
        }
        let versions = Version::all().count();
        let (entry, version) = (
            (id - LOOKUP_SPACE) / versions,
            (id - LOOKUP_SPACE) % versions,
        );
        let entry = STATUS.get(entry)?;
        let version = Version::all().nth(version)?;
        Some(Answer::Status(StatusMatch {
            entry,
            version,
            valid: entry.versions.contains(version),
        }))
    }
}

/// Every lookup answer (each entry with each source and each of its spellings), then every status answer.
fn all_answers() -> impl Iterator<Item = Answer> {
    let lookups = KOUPLELESS.iter().flat_map(|entry| {
        Source::ALL.iter().flat_map(move |&source| {
            std::iter::once(None)
                .chain(entry.aliases.iter().copied().map(Some))
                .map(move |alias| {
                    Answer::Lookup(Resolved {
                        source,
                        entry,
                        alias,
                    })
                })
        })
    });
    let statuses = STATUS.iter().flat_map(|entry| {
        Version::all().map(move |version| {
            Answer::Status(StatusMatch {
                entry,
                version,
                valid: entry.versions.contains(version),
            })
        })
    });
    lookups.chain(statuses)
}

fn build() -> String {
    let mut out = String::with_capacity(256 * 1024);
    let _ = writeln!(
        out,
        "errcat-answers\t1\t{}",
        crate::tables::CATALOG_FINGERPRINT
    );
    for answer in all_answers() {
        let id = answer.id();
        let _ = match answer {
            Answer::Lookup(r) => writeln!(
                out,
                "R\t{id}\t{}\t{}\t{}\t{}\t{r}",
                Entry::Koupleless(r.entry).id(),
                r.source as usize,
                r.alias.unwrap_or("-"),
                u8::from(r.is_dynamic()),
            ),
            Answer::Status(m) => writeln!(
                out,
                "S\t{id}\t{}\t{}\t{}",
                Entry::Blobstore(m.entry).id(),
                m.version.index(),
                u8::from(m.valid)
            ),
        };
    }
    let reporters: Vec<(String, Option<Reporter>)> = std::iter::once(("-".to_string(), None))
        .chain(
            Reporter::ALL
                .iter()
                .flat_map(|&r| table_spellings(r).into_iter().map(move |s| (s, Some(r)))),
        )
        .collect();
    for source in Source::ALL {
        for (spelling, _) in TYPE_KEYS.iter() {
            let code = format!("{}.{spelling}", source.name());
            for (name, reporter) in &reporters {
                if let Ok(r) = lookup(&code, *reporter) {
                    let _ = writeln!(out, "L\t{}\t{name}\t{code}", Answer::Lookup(r).id());
                }
            }
        }
    }
    let versions: Vec<(String, Option<Version>)> = std::iter::once(("-".to_string(), None))
        .chain(
            Version::all().flat_map(|v| table_spellings(v).into_iter().map(move |s| (s, Some(v)))),
        )
        .collect();
    for number in (0..STATUS_BY_CODE.len()).filter(|&n| !STATUS_BY_CODE[n].is_empty()) {
        for (name, version) in &versions {
            if let Ok(m) = status(number as i64, *version) {
                let _ = writeln!(out, "N\t{}\t{name}\t{number}", Answer::Status(m).id());
            }
        }
    }
    out
}

/// The answer table (format above), built once per process.
pub fn table() -> &'static str {
    static TABLE: OnceLock<String> = OnceLock::new();
    TABLE.get_or_init(build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for answer in all_answers() {
            assert_eq!(Answer::by_id(answer.id()), Some(answer));
            assert!(seen.insert(answer.id()), "{answer:?}");
        }
    }

    #[test]
    fn every_row_is_what_the_core_answers() {
        for line in table().lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let id: u32 = f[1].parse().unwrap();
            let answer = Answer::by_id(id).unwrap();
            match f[0] {
                "L" => {
                    let reporter = (f[2] != "-").then(|| Reporter::parse(f[2]).unwrap());
                    assert_eq!(Answer::Lookup(lookup(f[3], reporter).unwrap()), answer);
                }
                "N" => {
                    let version = (f[2] != "-").then(|| Version::parse(f[2]).unwrap());
                    assert_eq!(
                        Answer::Status(status(f[3].parse().unwrap(), version).unwrap()),
                        answer
                    );
                }
                _ => {}
            }
        }
    }
}
