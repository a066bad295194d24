//! Close matches for codes that are not in the catalog: case-insensitive equality first, then edit distance.

use crate::lookup::type_entries;
use crate::tables::{KOUPLELESS, TYPE_KEYS};
use crate::Source;

/// At most this many suggestions.
const MAX_SUGGESTIONS: usize = 3;

/// Type spellings close to `wanted`, best first, each as `Source.Type` (with `source` when given, else the
/// entry's default source). Exact matches of the spelling are excluded.
pub(crate) fn types(wanted: &str, source: Option<Source>) -> Vec<String> {
    let lower = wanted.to_ascii_lowercase();
    let budget = (wanted.len() / 4).clamp(2, 4);
    let mut scored: Vec<(usize, &str, Source)> = Vec::new();
    let wanted_chars = wanted.chars().count();
    for (spelling, indices) in TYPE_KEYS.iter() {
        // The edit distance is at least the difference in length: a spelling that far off is out of the budget
        // without computing it (found by fuzzing: a 255-byte miss cost 1.3 ms, a one-letter typo 128 µs).
        if spelling.chars().count().abs_diff(wanted_chars) > budget {
            continue;
        }
        let distance = if spelling.eq_ignore_ascii_case(wanted) {
            0
        } else {
            strsim::damerau_levenshtein(&lower, &spelling.to_ascii_lowercase())
        };
        if *spelling != wanted && distance <= budget {
            let entry = &KOUPLELESS[usize::from(indices[0])];
            scored.push((distance, spelling, source.unwrap_or(entry.sources[0])));
        }
    }
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    // A spelling that differs only in case is the answer; near misses would only distract from it.
    if scored.first().is_some_and(|s| s.0 == 0) {
        scored.retain(|s| s.0 == 0);
    }
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, t, s)| format!("{}.{t}", s.name()))
        .collect()
}

/// Suggestions for text that failed to parse as a code: a case-insensitive or near spelling of a real code.
pub(crate) fn malformed(text: &str) -> Vec<String> {
    let (source, error_type) = text.split_once('.').unwrap_or(("", text));
    let source = Source::ALL
        .iter()
        .copied()
        .find(|s| s.name().eq_ignore_ascii_case(source));
    if error_type.len() > 2 * crate::syntax::MAX_PART_LEN {
        return Vec::new();
    }
    let cleaned: String = error_type
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    types(&cleaned, source)
        .into_iter()
        .chain(
            source
                .filter(|_| type_entries(&cleaned).is_some())
                .map(|s| format!("{}.{cleaned}", s.name())),
        )
        .take(MAX_SUGGESTIONS)
        .collect()
}
