//! Shadowing: rule `wide` (earlier) shadows rule `narrow` (later) when every subject `narrow` matches is matched by
//! `wide` too, so `narrow` can never decide. The test is sound (a reported shadow is real): each condition of
//! `wide` must be implied by the same condition of `narrow`.

use super::pattern::covers as pattern_covers;
use super::rules::class_matches;
use super::{OwnedPattern, WireRule};

/// `wide`'s list (empty = anything) admits every value `narrow`'s list (empty = anything) admits.
fn list<T: PartialEq>(wide: &[T], narrow: &[T]) -> bool {
    wide.is_empty() || (!narrow.is_empty() && narrow.iter().all(|v| wide.contains(v)))
}

fn states(wide: &[String], narrow: &[String]) -> bool {
    wide.is_empty()
        || (!narrow.is_empty()
            && narrow
                .iter()
                .all(|v| wide.iter().any(|w| w.eq_ignore_ascii_case(v))))
}

fn patterns(wide: &[OwnedPattern], narrow: &[OwnedPattern]) -> bool {
    wide.is_empty()
        || (!narrow.is_empty()
            && narrow
                .iter()
                .all(|n| wide.iter().any(|w| pattern_covers(&w.parts, &n.parts))))
}

/// A class pattern `wide` names every class the class pattern `narrow` names.
fn class_covers(wide: &str, narrow: &str) -> bool {
    match narrow.strip_suffix('*') {
        Some("") => wide == "*",
        // `a.b.*` names `a.b.` and below: covered by `*`, by `a.*`, by `a.b.*`.
        Some(prefix) => wide
            .strip_suffix('*')
            .is_some_and(|w| prefix.starts_with(w)),
        None => class_matches(wide, narrow),
    }
}

fn classes(wide: &[String], narrow: &[String]) -> bool {
    wide.is_empty()
        || (!narrow.is_empty()
            && narrow
                .iter()
                .all(|n| wide.iter().any(|w| class_covers(w, n))))
}

/// Whether `wide` matches every subject `narrow` matches.
pub fn covers(wide: &WireRule, narrow: &WireRule) -> bool {
    list(&wide.tunnel, &narrow.tunnel)
        && list(&wide.shape, &narrow.shape)
        && list(&wide.command, &narrow.command)
        && list(&wide.http_status, &narrow.http_status)
        && list(&wide.envelope, &narrow.envelope)
        && list(&wide.data_code, &narrow.data_code)
        && states(&wide.state, &narrow.state)
        && list(&wide.reason, &narrow.reason)
        && patterns(&wide.message, &narrow.message)
        && patterns(&wide.data_message, &narrow.data_message)
        && patterns(&wide.error, &narrow.error)
        && classes(&wide.exception, &narrow.exception)
        && patterns(&wide.exception_message, &narrow.exception_message)
        && classes(&wide.cause, &narrow.cause)
        && patterns(&wide.cause_message, &narrow.cause_message)
        && (wide.cause_origin.is_none() || wide.cause_origin == narrow.cause_origin)
        && wide.frames.iter().all(|f| narrow.frames.contains(f))
}
