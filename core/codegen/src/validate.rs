//! Turns the raw files into a [`Catalog`], collecting every problem as `"<file>: <entry>: <problem>"`.

use std::collections::HashMap;

use crate::model::*;
use crate::raw::*;
use crate::syntax::is_pascal_case;

/// Collects problems; each names the file and the entry it is about.
struct Problems<'a> {
    file: &'a str,
    list: Vec<String>,
}

impl Problems<'_> {
    fn add(&mut self, entry: &str, problem: impl std::fmt::Display) {
        self.list
            .push(format!("{}: {}: {}", self.file, entry, problem));
    }
}

fn says_retry(solution: &Text) -> bool {
    solution.en.to_ascii_lowercase().contains("retry") || solution.zh.contains("重试")
}

fn text(raw: &RawText) -> Text {
    Text {
        en: raw.en.clone().unwrap_or_default(),
        zh: raw.zh.clone().unwrap_or_default(),
    }
}

/// Validates `koupleless.toml` (already named `file` in messages).
pub fn koupleless(file: &str, source: &str) -> Result<Koupleless, Vec<String>> {
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    let raw: KouplelessFile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![format!("{file}: not a valid catalog file: {e}")]),
    };

    let mut sources = Vec::new();
    let mut source_index = HashMap::new();
    for s in &raw.source {
        let what = format!("source {}", s.name);
        if !is_pascal_case(&s.name) {
            p.add(&what, "source name is not PascalCase");
        }
        if source_index.insert(s.name.clone(), sources.len()).is_some() {
            p.add(&what, "duplicate source");
        }
        sources.push(Source {
            name: s.name.clone(),
            note: s.note.clone(),
        });
    }
    let find_source = |p: &mut Problems, what: &str, name: &str| -> usize {
        match source_index.get(name) {
            Some(&i) => i,
            None => {
                p.add(
                    what,
                    format!("unknown source {name:?} (declare it as a [[source]])"),
                );
                0
            }
        }
    };

    let mut reporters = Vec::new();
    let mut reporter_index = HashMap::new();
    for r in &raw.reporter {
        let what = format!("reporter {}", r.name);
        let source = find_source(&mut p, &what, &r.name);
        if reporter_index
            .insert(r.name.clone(), reporters.len())
            .is_some()
        {
            p.add(&what, "duplicate reporter");
        }
        let mut listed = Vec::new();
        for rs in &r.sources {
            let i = find_source(&mut p, &what, &rs.source);
            if rs.en.as_deref().unwrap_or("").is_empty() {
                p.add(
                    &what,
                    format!("source {} has no English description", rs.source),
                );
            }
            listed.push((
                i,
                Text {
                    en: rs.en.clone().unwrap_or_default(),
                    zh: rs.zh.clone().unwrap_or_default(),
                },
            ));
        }
        reporters.push(Reporter {
            name: r.name.clone(),
            source,
            heading: text(&r.heading),
            sources: listed,
        });
    }

    let mut entries: Vec<Entry> = Vec::new();
    // (reporter, spelling) -> first entry that uses it, as canonical type or alias.
    let mut keys: HashMap<(usize, String), String> = HashMap::new();
    for (n, e) in raw.entry.iter().enumerate() {
        let what = format!("entry #{} ({}/{})", n + 1, e.reporter, e.error_type);
        let reporter = match reporter_index.get(&e.reporter) {
            Some(&i) => i,
            None => {
                p.add(&what, format!("unknown reporter {:?}", e.reporter));
                0
            }
        };
        if !is_pascal_case(&e.error_type) {
            p.add(&what, format!("type {:?} is not PascalCase", e.error_type));
        }
        if e.sources.is_empty() {
            p.add(&what, "no source");
        }
        let entry_sources: Vec<usize> = e
            .sources
            .iter()
            .map(|s| find_source(&mut p, &what, s))
            .collect();
        for spelling in std::iter::once(&e.error_type).chain(&e.aliases) {
            if spelling != &e.error_type && !is_pascal_case(spelling) {
                p.add(&what, format!("alias {spelling:?} is not PascalCase"));
            }
            if let Some(first) = keys.insert((reporter, spelling.clone()), what.clone()) {
                p.add(
                    &what,
                    format!(
                        "duplicate key: {} {spelling} already defined by {first}",
                        e.reporter
                    ),
                );
            }
        }
        let meaning = text(&e.meaning);
        if meaning.en.is_empty() {
            p.add(&what, "missing English meaning");
        }
        let solution = text(&e.solution);
        match (says_retry(&solution), e.retryable) {
            (true, false) => p.add(&what, "solution says retry but the entry is not retryable"),
            (false, true) => p.add(
                &what,
                "entry is retryable but its solution does not say retry",
            ),
            _ => {}
        }
        entries.push(Entry {
            reporter,
            business_type: text(&e.business_type),
            business_type_cell: e.business_type_cell.clone(),
            sources: entry_sources,
            error_type: e.error_type.clone(),
            meaning,
            solution,
            retryable: e.retryable,
            aliases: e.aliases.clone(),
            notes: e.notes.clone(),
            extra: e.extra.clone(),
        });
    }
    if p.list.is_empty() {
        Ok(Koupleless {
            sources,
            reporters,
            entries,
        })
    } else {
        Err(p.list)
    }
}

/// Validates `blobstore.toml` (already named `file` in messages).
pub fn blobstore(file: &str, source: &str) -> Result<Blobstore, Vec<String>> {
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    let raw: BlobstoreFile = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![format!("{file}: not a valid catalog file: {e}")]),
    };
    if raw.versions.is_empty() || raw.versions.len() > 16 {
        p.add("versions", "between 1 and 16 versions are supported");
    }
    let all_versions: u16 = if raw.versions.len() >= 16 {
        u16::MAX
    } else {
        (1u16 << raw.versions.len()) - 1
    };
    let version = |p: &mut Problems, what: &str, v: &str| -> Option<usize> {
        let found = raw.versions.iter().position(|x| x == v);
        if found.is_none() {
            p.add(what, format!("unknown version {v:?}"));
        }
        found
    };
    let span = |p: &mut Problems, what: &str, since: Option<&str>, until: Option<&str>| -> u16 {
        let lo = since.map_or(Some(0), |v| version(p, what, v));
        let hi = until.map_or(Some(raw.versions.len().saturating_sub(1)), |v| {
            version(p, what, v)
        });
        match (lo, hi) {
            (Some(lo), Some(hi)) if lo <= hi => (lo..=hi).fold(0, |m, i| m | 1 << i),
            (Some(_), Some(_)) => {
                p.add(what, "since is after until");
                0
            }
            _ => 0,
        }
    };

    let services: Vec<Service> = raw
        .service
        .iter()
        .map(|s| Service {
            name: s.name.clone(),
            module: s.module.clone(),
            note: s.note.clone(),
        })
        .collect();
    let service = |p: &mut Problems, what: &str, name: &str| -> usize {
        services
            .iter()
            .position(|s| s.name == name)
            .unwrap_or_else(|| {
                p.add(what, format!("unknown service {name:?}"));
                0
            })
    };
    let mut ranges = Vec::new();
    for r in &raw.range {
        let what = format!("range {}-{} ({})", r.first, r.last, r.service);
        if r.first > r.last || r.last > MAX_STATUS {
            p.add(&what, "first must be <= last <= 999");
        }
        ranges.push(Range {
            service: service(&mut p, &what, &r.service),
            first: r.first,
            last: r.last,
            versions: span(&mut p, &what, r.since.as_deref(), r.until.as_deref()),
        });
    }

    let mut codes: Vec<Code> = Vec::new();
    for c in &raw.code {
        let what = format!(
            "code {} ({})",
            c.code,
            if c.go_const.is_empty() {
                "no const"
            } else {
                &c.go_const
            }
        );
        if c.code > MAX_STATUS {
            p.add(&what, "a status code has at most three digits");
        }
        let versions = span(&mut p, &what, Some(&c.since), c.until.as_deref());
        let svc = match &c.service {
            Some(name) => service(&mut p, &what, name),
            None => {
                // Without an explicit service, one range must cover the code in every version it is valid in.
                let by_range: Vec<usize> = (0..raw.versions.len())
                    .filter(|v| versions & (1 << v) != 0)
                    .map(|v| {
                        ranges.iter().find(|r| {
                            r.versions & (1 << v) != 0 && (r.first..=r.last).contains(&c.code)
                        })
                    })
                    .map(|r| r.map_or(usize::MAX, |r| r.service))
                    .collect();
                match by_range.first() {
                    Some(&s) if s != usize::MAX && by_range.iter().all(|&x| x == s) => s,
                    _ => {
                        p.add(
                            &what,
                            "outside every known range without an explicit service",
                        );
                        0
                    }
                }
            }
        };
        let retry = RETRY_CLASSES
            .iter()
            .position(|r| *r == c.retry)
            .unwrap_or_else(|| {
                p.add(
                    &what,
                    format!(
                        "unknown retry class {:?} (one of {RETRY_CLASSES:?})",
                        c.retry
                    ),
                );
                0
            });
        let description = c.description.as_ref().map(text);
        if let Some(d) = &description {
            if d.en.is_empty() {
                p.add(&what, "missing English description");
            }
        }
        if c.documented && description.is_none() {
            p.add(&what, "documented but has no description");
        }
        for other in codes
            .iter()
            .filter(|o| o.code == c.code && o.versions & versions != 0)
        {
            let clash = (0..raw.versions.len())
                .find(|v| other.versions & versions & (1 << v) != 0)
                .unwrap_or(0);
            let other_name = if other.go_const.is_empty() {
                "no const"
            } else {
                &other.go_const
            };
            p.add(
                &what,
                format!(
                    "also valid in {} is code {} ({other_name})",
                    raw.versions[clash], c.code
                ),
            );
        }
        codes.push(Code {
            code: c.code,
            service: svc,
            message: c.message.clone(),
            go_file: c.go_file.clone(),
            go_const: c.go_const.clone(),
            go_err: c.go_err.clone(),
            versions: versions & all_versions,
            renumbered_to: c.renumbered_to,
            renumbered_from: c.renumbered_from,
            documented: c.documented,
            description,
            retry,
            notes: c.notes.clone(),
            extra: c.extra.clone(),
        });
    }
    for c in &codes {
        for (link, target) in [
            ("renumbered_to", c.renumbered_to),
            ("renumbered_from", c.renumbered_from),
        ] {
            if let Some(t) = target {
                if !codes.iter().any(|o| o.code == t) {
                    p.add(
                        &format!("code {} ({})", c.code, c.go_const),
                        format!("{link} {t} is not in the catalog"),
                    );
                }
            }
        }
    }
    if p.list.is_empty() {
        Ok(Blobstore {
            versions: raw.versions,
            services,
            ranges,
            codes,
        })
    } else {
        Err(p.list)
    }
}
