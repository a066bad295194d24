//! Finding codes by the words of their meaning: `errcat search disk full`, `errcat search 磁盘`.

use crate::{entries, Entry, Filter};

/// The texts of an entry a search looks in: its code, type, meaning, solution, Go message, const and description,
/// in both languages.
fn haystack(entry: Entry) -> String {
    match entry {
        Entry::Koupleless(e) => [
            e.default_code,
            e.meaning.en,
            e.meaning.zh,
            e.solution.en,
            e.solution.zh,
            e.business_type.en,
            e.business_type.zh,
        ]
        .iter()
        .chain(e.aliases)
        .copied()
        .collect::<Vec<_>>()
        .join("\n"),
        Entry::Blobstore(e) => {
            let code = e.code.to_string();
            let mut texts = vec![
                code.as_str(),
                e.message,
                e.go_const,
                e.go_err,
                e.meaning.en,
                e.meaning.zh,
            ];
            texts.extend(e.description.iter().flat_map(|d| [d.en, d.zh]));
            texts.join("\n")
        }
    }
    .to_lowercase()
}

/// The entries holding every word of `words` (split at whitespace; case ignored; a word may be Chinese, matched
/// as a substring), best first: entries where a word is a whole word of the text before those where it is only
/// part of one, then catalog order. No words, no entries.
///
/// ```
/// let found = errcat::search("disk full");
/// assert!(found.iter().any(|e| e.key() == "Arklet/DiskFull"));
/// assert!(!errcat::search("磁盘").is_empty());
/// ```
pub fn search(words: &str) -> Vec<Entry> {
    let words: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, Entry)> = entries(Filter::default())
        .enumerate()
        .filter_map(|(i, entry)| {
            let text = haystack(entry);
            if !words.iter().all(|w| text.contains(w.as_str())) {
                return None;
            }
            let partial = words
                .iter()
                .filter(|w| {
                    !text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|t| t == w.as_str())
                })
                .count();
            Some((partial, i, entry))
        })
        .collect();
    scored.sort_by_key(|(partial, i, _)| (*partial, *i));
    scored.into_iter().map(|(_, _, e)| e).collect()
}
