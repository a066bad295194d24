//! Two-level codes: `Code::parse`, `Code::compose`, `lookup` (with and without a reporter), `find`, and the
//! error values built from a code.
//!
//! Input: the first byte picks a reporter and a source, the rest is the code text (invalid UTF-8 replaced).
//! Invariants:
//! - a parsed code renders back to the same text, and composing its parts gives the same code;
//! - `lookup` and `find` never succeed on text `Code::parse` rejects (digit strings aside, which `find` reads as
//!   status numbers), and their answers agree: the entry `lookup` picks is among those `find` returns, its type
//!   or one of its aliases is the code's type, it lies in the reporter's table when one is given, and looking it
//!   up again inside its own table gives the same answer;
//! - errors are of the kinds each operation documents (never `Internal`: that is "rejected without a reason"),
//!   with a message, and the message is harmless once passed through `terminal_safe`;
//! - an error value of a resolved code renders as JSON naming the canonical code.

use errcat::display::terminal_safe;
use errcat::{find, lookup, Code, CodedError, Entry, Error, ErrorKind, Reporter, Source};

use super::support::{assert_terminal_safe, lossy};

fn check_error(e: &Error, allowed: &[ErrorKind], what: &str) {
    assert!(
        allowed.contains(&e.kind()),
        "{what}: unexpected kind {:?}: {e:?}",
        e.kind()
    );
    assert!(!e.message().is_empty(), "{what}: empty message");
    assert_terminal_safe(&terminal_safe(e.message()));
    for s in e.suggestions().iter().chain(e.candidates()) {
        assert_terminal_safe(&terminal_safe(s));
    }
}

fn is_status_text(text: &str) -> bool {
    !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit())
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = lossy(rest);
    let text: &str = &text;
    let reporter = match usize::from(selector) % (Reporter::ALL.len() + 1) {
        0 => None,
        n => Some(Reporter::ALL[n - 1]),
    };
    let source = Source::ALL[usize::from(selector) % Source::ALL.len()];

    // Parse: strict, and a round trip.
    let parsed = Code::parse(text);
    match &parsed {
        Ok(code) => {
            assert_eq!(code.to_string(), text);
            assert_eq!(Code::compose(code.source(), code.error_type()), Ok(*code));
            assert_eq!(code.source().name().len() + 1 + code.error_type().len(), text.len());
        }
        Err(e) => check_error(e, &[ErrorKind::InvalidCode], "parse"),
    }

    // Compose: the same rule for the type, whatever the source.
    match Code::compose(source, text) {
        Ok(code) => {
            let shown = code.to_string();
            assert_eq!(shown, format!("{}.{text}", source.name()));
            assert_eq!(Code::parse(&shown), Ok(code));
        }
        Err(e) => {
            check_error(&e, &[ErrorKind::InvalidCode], "compose");
            assert!(Code::parse(&format!("{}.{text}", source.name())).is_err());
        }
    }

    // Lookup, without and with a reporter.
    let found = find(text);
    for r in [None, reporter] {
        match lookup(text, r) {
            Ok(resolved) => {
                let code = parsed
                    .as_ref()
                    .unwrap_or_else(|e| panic!("lookup({text:?}) succeeded, parse failed: {e:?}"));
                assert_eq!(resolved.source, code.source());
                let entry = resolved.entry;
                match resolved.alias {
                    None => assert_eq!(entry.error_type, code.error_type()),
                    Some(alias) => {
                        assert_eq!(alias, code.error_type());
                        assert!(entry.aliases.contains(&alias));
                    }
                }
                if let Some(r) = r {
                    assert_eq!(entry.reporter, r);
                }
                assert_eq!(
                    resolved.to_string(),
                    format!("{}.{}", code.source().name(), entry.error_type)
                );
                assert_eq!(
                    resolved.is_dynamic(),
                    !entry.sources.contains(&code.source())
                );
                // Inside its own table the answer is the same.
                assert_eq!(lookup(text, Some(entry.reporter)), Ok(resolved));
                // The canonical spelling resolves to the same entry.
                let canonical = resolved.to_string();
                assert_eq!(lookup(&canonical, Some(entry.reporter)).map(|c| c.entry), Ok(entry));
                let all = found
                    .as_ref()
                    .unwrap_or_else(|e| panic!("lookup({text:?}) succeeded, find failed: {e:?}"));
                assert!(all.contains(&Entry::Koupleless(entry)));

                if r.is_none() {
                    // An error value resolves its code the same way, without a reporter.
                    let err = CodedError::new(text, text).expect("a resolved code makes an error value");
                    let problem: serde_json::Value =
                        serde_json::from_str(&err.to_problem_json()).expect("problem JSON");
                    assert_eq!(problem["code"], canonical.as_str());
                    let arklet: serde_json::Value =
                        serde_json::from_str(&err.to_arklet_json()).expect("Arklet JSON");
                    assert_eq!(arklet["errorCode"], canonical.as_str());
                }
            }
            Err(e) => {
                check_error(
                    &e,
                    &[
                        ErrorKind::NotFound,
                        ErrorKind::Ambiguous,
                        ErrorKind::InvalidCode,
                    ],
                    "lookup",
                );
                if e.kind() == ErrorKind::InvalidCode {
                    assert!(parsed.is_err(), "lookup({text:?}) says invalid, parse accepts it");
                }
                if e.kind() == ErrorKind::Ambiguous {
                    assert!(e.candidates().len() >= 2, "{e:?}");
                }
            }
        }
    }

    // Find: digit strings are status numbers, anything else must parse.
    match &found {
        Ok(entries) => {
            assert!(!entries.is_empty());
            if is_status_text(text) {
                let n: u16 = text.parse().expect("digits");
                for e in entries {
                    assert!(matches!(e, Entry::Blobstore(s) if s.code == n), "{e:?}");
                }
            } else {
                // A bare type (no '.') names its entries directly; anything else must parse.
                let wanted = if text.contains('.') {
                    parsed
                        .as_ref()
                        .unwrap_or_else(|e| panic!("find({text:?}) succeeded, parse failed: {e:?}"))
                        .error_type()
                } else {
                    text
                };
                for e in entries {
                    let Entry::Koupleless(k) = e else {
                        panic!("find({text:?}) gave {e:?}");
                    };
                    assert!(k.error_type == wanted || k.aliases.contains(&wanted), "{k:?}");
                }
            }
        }
        Err(e) => {
            check_error(e, &[ErrorKind::NotFound, ErrorKind::InvalidCode], "find");
            if !is_status_text(text) && e.kind() == ErrorKind::InvalidCode {
                assert!(parsed.is_err());
            }
        }
    }
}

