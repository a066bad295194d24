//! Message patterns with named placeholders: `Biz: <bizName>:<bizVersion> has been installed or registered.`
//!
//! A pattern is literal text and placeholders. `<name>` captures any text (possibly empty) under `name`; `<*>`
//! matches any text without capturing it; `<<` is a literal `<`. Matching is exact and case-sensitive, anchored
//! at both ends. Two placeholders must be separated by literal text, so every match is decided by searching each
//! literal once, left to right (the last one anchored at the end): linear time in the text, no backtracking.
//!
//! This file is shared with `errcat-codegen` (which compiles and validates patterns at build time), so it uses
//! nothing but `std` and `memchr`.

/// One piece of a compiled pattern, generic over how its text is stored (`&'static str` in the compiled-in tables,
/// `String` while codegen validates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part<S> {
    /// Literal text, never empty.
    Lit(S),
    /// A placeholder: its name, or `""` for `<*>`.
    Hole(S),
}

/// A compiled pattern in the static tables: the text as written and its parts.
#[derive(Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written in the rule file.
    pub text: &'static str,
    /// Its parts, literal runs merged, placeholders never adjacent.
    pub parts: &'static [Part<&'static str>],
}

impl Pattern {
    /// Whether `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        match_parts(self.parts, text, &mut |_, _| {})
    }

    /// The named placeholders' values when `text` matches, in pattern order.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
        let mut caps = Vec::new();
        match_parts(self.parts, text, &mut |name: &&'static str, value| {
            if !name.is_empty() {
                caps.push((*name, value));
            }
        })
        .then_some(caps)
    }
}

/// Matches `text` against `parts`, calling `capture(name, value)` for each placeholder (only meaningful when the
/// result is `true`).
pub fn match_parts<'t, S: AsRef<str>>(
    parts: &[Part<S>],
    text: &'t str,
    capture: &mut impl FnMut(&S, &'t str),
) -> bool {
    let mut pos = 0;
    let mut hole: Option<&S> = None;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Hole(name) => hole = Some(name),
            Part::Lit(lit) => {
                let lit = lit.as_ref();
                let last = i + 1 == parts.len();
                let found = match (hole, last) {
                    // A literal right at the current position (the first part, or after another literal).
                    (None, true) => {
                        (text.len() - pos == lit.len() && text[pos..] == *lit).then_some(pos)
                    }
                    (None, false) => text[pos..].starts_with(lit).then_some(pos),
                    // The last literal is anchored at the end of the text.
                    (Some(_), true) => (text.len() >= pos + lit.len() && text.ends_with(lit))
                        .then(|| text.len() - lit.len()),
                    // Any other literal: its leftmost occurrence (optimal for placeholders that match anything).
                    (Some(_), false) => {
                        find(&text.as_bytes()[pos..], lit.as_bytes()).map(|at| pos + at)
                    }
                };
                let Some(at) = found else {
                    return false;
                };
                if let Some(name) = hole.take() {
                    capture(name, &text[pos..at]);
                }
                pos = at + lit.len();
            }
        }
    }
    match hole {
        Some(name) => {
            capture(name, &text[pos..]);
            true
        }
        None => pos == text.len(),
    }
}

/// The leftmost occurrence of `needle` (never empty) in `haystack`, in linear time (a byte: memchr; longer:
/// memchr's two-way `memmem`). A match of a valid UTF-8 needle in valid UTF-8 starts on a character boundary.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [byte] => memchr::memchr(*byte, haystack),
        _ => memchr::memmem::find(haystack, needle),
    }
}

/// Compiles a pattern as written in the rule file, or says why it does not compile.
pub fn parse(text: &str) -> Result<Vec<Part<String>>, String> {
    if text.is_empty() {
        return Err("empty pattern".into());
    }
    if text.contains('\0') {
        return Err("a pattern cannot contain NUL".into());
    }
    let mut parts: Vec<Part<String>> = Vec::new();
    let mut lit = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        lit.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('<') {
            lit.push('<');
            rest = after;
            continue;
        }
        let Some(end) = rest.find('>') else {
            return Err(format!(
                "unclosed placeholder at byte {} (write << for a literal <)",
                text.len() - rest.len() - 1
            ));
        };
        let name = &rest[..end];
        rest = &rest[end + 1..];
        if name.is_empty() {
            return Err("empty placeholder <> (name it, or write <*>)".into());
        }
        if name != "*" && !is_identifier(name) {
            return Err(format!(
                "placeholder <{name}> is not an identifier (letters, digits, _; a letter first)"
            ));
        }
        if name != "*" && names.iter().any(|n| n == name) {
            return Err(format!("placeholder <{name}> appears twice"));
        }
        if lit.is_empty() {
            if let Some(Part::Hole(prev)) = parts.last() {
                let prev = if prev.is_empty() { "*" } else { prev };
                return Err(format!(
                    "placeholders <{prev}> and <{name}> are not separated by text"
                ));
            }
        } else {
            parts.push(Part::Lit(std::mem::take(&mut lit)));
        }
        if name != "*" {
            names.push(name.to_string());
        }
        parts.push(Part::Hole(if name == "*" {
            String::new()
        } else {
            name.to_string()
        }));
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        parts.push(Part::Lit(lit));
    }
    Ok(parts)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether every text `narrow` matches is matched by `wide` too (a sound test: `true` is always right).
///
/// `narrow`'s placeholders become a character no literal contains; `wide` covers `narrow` when it matches that
/// symbolic text, because each of its placeholders can then absorb whatever `narrow`'s placeholders stand for.
pub fn covers<S: AsRef<str>, T: AsRef<str>>(wide: &[Part<S>], narrow: &[Part<T>]) -> bool {
    let symbolic: String = narrow
        .iter()
        .map(|p| match p {
            Part::Lit(l) => l.as_ref(),
            Part::Hole(_) => "\0",
        })
        .collect();
    match_parts(wide, &symbolic, &mut |_, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(text: &str) -> Vec<Part<String>> {
        parse(text).unwrap()
    }

    fn caps(pattern: &str, text: &str) -> Option<Vec<(String, String)>> {
        let parts = compiled(pattern);
        let mut out = Vec::new();
        match_parts(&parts, text, &mut |n: &String, v| {
            if !n.is_empty() {
                out.push((n.clone(), v.to_string()))
            }
        })
        .then_some(out)
    }

    #[test]
    fn placeholders_capture_and_literals_anchor() {
        assert_eq!(
            caps(
                "Biz: <bizName>:<bizVersion> has been installed or registered.",
                "Biz: demo:1.0.0 has been installed or registered."
            ),
            Some(vec![
                ("bizName".into(), "demo".into()),
                ("bizVersion".into(), "1.0.0".into())
            ])
        );
        assert_eq!(caps("can not find biz", "can not find biz: x"), None);
        assert_eq!(caps("can not find biz: <n>", "can not find biz"), None);
        assert_eq!(
            caps("<*>No space left on device<*>", "No space left on device"),
            Some(vec![])
        );
        assert_eq!(caps("a<x>", "a"), Some(vec![("x".into(), String::new())]));
        assert_eq!(caps("<x>b", "ab"), Some(vec![("x".into(), "a".into())]));
        assert_eq!(caps("<x>ab", "ab"), Some(vec![("x".into(), "".into())]));
        assert_eq!(caps("a<x>a", "a"), None, "the two literals cannot overlap");
        assert_eq!(caps("x <<y>", "x <y>"), Some(vec![]));
    }

    #[test]
    fn leftmost_search_finds_every_match() {
        // The middle literal's leftmost occurrence is always the right one for any-text placeholders.
        assert!(caps("<a>: <b>: <c>", "x: y: z: w").is_some());
        assert_eq!(
            caps("<a>: <b>", "x: y: z").unwrap(),
            vec![("a".into(), "x".into()), ("b".into(), "y: z".into())]
        );
    }

    #[test]
    fn bad_patterns_are_rejected_with_a_reason() {
        assert_eq!(parse("").unwrap_err(), "empty pattern");
        assert!(parse("a <b")
            .unwrap_err()
            .starts_with("unclosed placeholder"));
        assert!(parse("<>").unwrap_err().starts_with("empty placeholder"));
        assert!(parse("<1x>").unwrap_err().contains("not an identifier"));
        assert_eq!(
            parse("<a><b>").unwrap_err(),
            "placeholders <a> and <b> are not separated by text"
        );
        assert_eq!(
            parse("<a>-<a>").unwrap_err(),
            "placeholder <a> appears twice"
        );
    }

    #[test]
    fn coverage_is_inclusion_of_languages() {
        let wide = compiled("refresh biz info from jar failed: <reason>");
        let narrow = compiled("refresh biz info from jar failed: no protocol: <url>");
        assert!(covers(&wide, &narrow));
        assert!(!covers(&narrow, &wide));
        assert!(covers(&compiled("<*>"), &narrow));
        assert!(!covers(&compiled("ab"), &compiled("a<x>b")));
        assert!(covers(&compiled("a<x>b"), &compiled("ab")));
    }

    /// The obvious backtracking matcher, to check the one-pass one against.
    fn naive(parts: &[Part<String>], text: &str) -> bool {
        match parts.split_first() {
            None => text.is_empty(),
            Some((Part::Lit(l), rest)) => text
                .strip_prefix(l.as_str())
                .is_some_and(|t| naive(rest, t)),
            Some((Part::Hole(_), rest)) => (0..=text.len()).any(|i| naive(rest, &text[i..])),
        }
    }

    #[test]
    fn one_pass_matching_agrees_with_backtracking_on_every_small_case() {
        // Every pattern of up to 5 tokens over {a, b, <x>} (placeholders never adjacent) against every text of up
        // to 6 letters over {a, b}.
        fn strings(alphabet: &[&str], max: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|s| alphabet.iter().map(move |a| format!("{s}{a}")))
                    .collect();
                out.extend(last.iter().cloned());
            }
            out
        }
        let texts = strings(&["a", "b"], 6);
        let mut checked = 0;
        for p in strings(&["a", "b", "<x>"], 5) {
            let Ok(parts) = parse(&p.replacen("<x>", "<y>", 1)) else {
                continue; // adjacent or repeated placeholders: rejected at build time
            };
            for t in &texts {
                assert_eq!(
                    match_parts(&parts, t, &mut |_, _| {}),
                    naive(&parts, t),
                    "pattern {p:?} text {t:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn coverage_is_sound_on_every_small_case() {
        // covers(wide, narrow) must mean: every text of length <= 5 that narrow matches, wide matches.
        let tokens = ["a", "b", "<x>"];
        let mut patterns = vec![String::new()];
        for _ in 0..3 {
            let next: Vec<String> = patterns
                .iter()
                .flat_map(|p| tokens.iter().map(move |t| format!("{p}{t}")))
                .collect();
            patterns.extend(next);
        }
        let compiled: Vec<Vec<Part<String>>> = patterns
            .iter()
            .filter_map(|p| parse(&p.replacen("<x>", "<y>", 1)).ok())
            .collect();
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let next: Vec<String> = texts
                .iter()
                .flat_map(|t| [format!("{t}a"), format!("{t}b")])
                .collect();
            texts.extend(next);
        }
        texts.dedup();
        for wide in &compiled {
            for narrow in &compiled {
                if covers(wide, narrow) {
                    for t in &texts {
                        if naive(narrow, t) {
                            assert!(naive(wide, t), "{wide:?} covers {narrow:?} but not {t:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn matching_is_linear_on_adversarial_text() {
        // 1 MiB of 'a' against a pattern whose middle literal never occurs: one scan, not a quadratic search.
        let text = "a".repeat(1 << 20);
        let parts = compiled("<x>ab<y>b");
        assert!(!match_parts(&parts, &text, &mut |_, _| {}));
    }
}
