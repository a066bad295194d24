//! URL paths: the `api` label of `service_response_code`, `errcat_audit::api_label`, against a plain
//! re-implementation of the rules its documentation states (the blobstore's `apiWithParams`).
//!
//! Input: byte 0 is `max_api_level` (mod 6); the rest is `module NUL method NUL path` (missing parts are empty,
//! invalid UTF-8 replaced). Invariants:
//! - the label is the reference's: `unknown.unknown` without a module or a method, `<module>.unknown` for a path
//!   without `/` or an api outside `[a-z0-9_-]`, the lower-cased module and api otherwise, `v<N>`/`admin`
//!   joined with the next segment, `v2-tune` keeping every segment, up to `level − 2` more segments;
//! - the label never holds a character the api rules exclude, except inside a `v2-tune` label.

use errcat_audit::api_label;

/// The rules of `api_label`'s documentation, written out plainly on owned strings.
fn reference(module: &str, method: &str, path: &str, level: usize) -> String {
    if module.is_empty() || method.is_empty() {
        return "unknown.unknown".into();
    }
    let module = module.to_lowercase();
    let path = path.to_lowercase();
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() < 2 {
        return format!("{module}.unknown");
    }
    let mut rest = &segments[1..];
    let mut api = rest[0].to_string();
    rest = &rest[1..];
    let is_version = api.len() > 1
        && api.starts_with('v')
        && api[1..].bytes().all(|b| b.is_ascii_digit());
    if (is_version || api == "admin") && rest.first().is_some_and(|s| !s.is_empty()) {
        api = format!("{api}-{}", rest[0]);
        rest = &rest[1..];
    }
    if api == "v2-tune" {
        return format!("{module}.{api}.{}", rest.join("."));
    }
    let valid = |s: &str, dot: bool| {
        !s.is_empty()
            && s.bytes().all(|c| {
                c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || (dot && c == b'.')
            })
    };
    if !valid(&api, false) {
        return format!("{module}.unknown");
    }
    if level > 2 {
        for segment in rest.iter().take(level - 2) {
            api = format!("{api}.{segment}");
        }
        if !valid(&api, true) {
            return format!("{module}.unknown");
        }
    }
    format!("{module}.{api}")
}

pub fn run(data: &[u8]) {
    let Some((&level, rest)) = data.split_first() else {
        return;
    };
    let level = usize::from(level % 6);
    let mut parts = rest.splitn(3, |&b| b == 0);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or(b"")).into_owned();
    let (module, method, path) = (next(), next(), next());
    let label = api_label(&module, &method, &path, level);
    assert_eq!(
        label,
        reference(&module, &method, &path, level),
        "api_label({module:?}, {method:?}, {path:?}, {level})"
    );
    if label != "unknown.unknown" {
        let module = module.to_lowercase();
        let api = label
            .strip_prefix(module.as_str())
            .and_then(|l| l.strip_prefix('.'))
            .unwrap_or_else(|| panic!("{label:?} does not start with {module:?}."));
        if !api.starts_with("v2-tune.") && api != "unknown" {
            assert!(
                api.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_-.".contains(&c)),
                "{label:?}"
            );
        }
    }
}
