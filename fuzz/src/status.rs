//! Blobstore status numbers: `status` and `service_of` over any `i64` at any version, `find` on the number's
//! text (and on the raw input as text), `Entry::by_id`.
//!
//! Input: byte 0 picks the version (or none = newest) and whether the number is near the catalogued range or any
//! `i64`; the next 8 bytes are the number; the whole input is also tried as text.
//! Invariants:
//! - outside 0..=999 both `status` and `service_of` say `InvalidCode`, naming the number as given;
//! - a match is of that number, valid exactly when its versions contain the version asked about, and not valid
//!   only when no entry of the number is valid then; `service_of` agrees with a valid match;
//! - `NotFound` from `status` means no version knows the number (`find` agrees);
//! - `find` on 1 to 3 digits returns the entries of that number and nothing else, the same as `status` sees;
//!   4 or more digits, signs and spaces are not status numbers;
//! - `Entry::by_id(n)` is the entry whose id is `n`, `None` exactly from `Entry::COUNT` on.

use errcat::display::terminal_safe;
use errcat::{find, service_of, status, Entry, ErrorKind, Version};

use super::support::{assert_terminal_safe, lossy};

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let versions: Vec<Version> = Version::all().collect();
    let version = match usize::from(selector & 0x7f) % (versions.len() + 1) {
        0 => None,
        n => Some(versions[n - 1]),
    };
    let mut raw = [0u8; 8];
    let n = rest.len().min(8);
    raw[..n].copy_from_slice(&rest[..n]);
    let wide = i64::from_le_bytes(raw);
    let number = if selector & 0x80 == 0 {
        wide.rem_euclid(1100) - 50 // -50..=1049: the catalogued range and its edges
    } else {
        wide
    };
    check_number(number, version);

    let text = lossy(data);
    check_text(&text);
    check_text(&number.to_string());

    let id = u64::from_le_bytes(raw) as usize % (Entry::COUNT + 16);
    match Entry::by_id(id) {
        Some(e) => assert_eq!(e.id(), id),
        None => assert!(id >= Entry::COUNT),
    }
}

fn check_number(number: i64, version: Option<Version>) {
    let at = version.unwrap_or(Version::NEWEST);
    let matched = status(number, version);
    let service = service_of(number, version);
    if !(0..=999).contains(&number) {
        for e in [matched.unwrap_err(), service.unwrap_err()] {
            assert_eq!(e.kind(), ErrorKind::InvalidCode, "{number}: {e:?}");
            assert!(e.message().contains(&number.to_string()), "{e:?}");
        }
        return;
    }
    let all: Vec<&'static errcat::StatusEntry> = match find(&number.to_string()) {
        Ok(list) => list
            .into_iter()
            .map(|e| match e {
                Entry::Blobstore(s) => s,
                other => panic!("find({number}) gave {other:?}"),
            })
            .collect(),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::NotFound, "{e:?}");
            Vec::new()
        }
    };
    match matched {
        Ok(m) => {
            assert_eq!(i64::from(m.entry.code), number);
            assert_eq!(m.version, at);
            assert_eq!(m.valid, m.entry.versions.contains(at));
            assert!(all.iter().any(|e| std::ptr::eq(*e, m.entry)));
            if !m.valid {
                assert!(all.iter().all(|e| !e.versions.contains(at)), "{number} at {at}");
            } else {
                assert_eq!(service.as_ref().ok(), Some(&m.entry.service));
            }
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::NotFound, "{number}: {e:?}");
            assert!(all.is_empty(), "status({number}) not found, find has {all:?}");
            assert_terminal_safe(&terminal_safe(e.message()));
        }
    }
    if let Err(e) = service {
        assert_eq!(e.kind(), ErrorKind::NotFound, "{e:?}");
    }
}

fn check_text(text: &str) {
    let digits = !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit());
    match find(text) {
        Ok(list) => {
            assert!(!list.is_empty());
            if digits {
                let n: u16 = text.parse().expect("digits");
                for e in &list {
                    assert!(matches!(e, Entry::Blobstore(s) if s.code == n), "{e:?}");
                }
                // The number is known, so status finds an entry at every version.
                for v in Version::all() {
                    let m = status(i64::from(n), Some(v)).expect("a catalogued number");
                    assert!(list.contains(&Entry::Blobstore(m.entry)));
                }
            } else {
                assert!(
                    list.iter().all(|e| matches!(e, Entry::Koupleless(_))),
                    "find({text:?}) = {list:?}"
                );
            }
        }
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::NotFound | ErrorKind::InvalidCode),
                "{e:?}"
            );
            if digits {
                assert_eq!(e.kind(), ErrorKind::NotFound, "find({text:?}): {e:?}");
                let n: i64 = text.parse().expect("digits");
                for v in Version::all() {
                    assert!(status(n, Some(v)).is_err());
                }
            }
        }
    }
}
