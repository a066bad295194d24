//! The `api` label of `service_response_code`, computed the way the blobstore's audit-log metric sender does
//! (`apiWithParams` in `blobstore/common/rpc/auditlog`):
//!
//! - empty module or method → `unknown.unknown`; a path without `/` → `<module>.unknown`;
//! - the path is lower-cased and split on `/`; the first segment is the api, joined with the second by `-` when
//!   it is `v<digits>` or `admin` and the second is not empty (`/v2/foo` → `v2-foo`);
//! - `v2-tune` keeps every further segment joined by `.`, unchecked;
//! - the api must be non-empty and only `[a-z0-9_-]`, else `<module>.unknown`;
//! - with `max_api_level` > 2, up to `max_api_level − 2` more segments are appended with `.` (only
//!   `[a-z0-9._-]` allowed).
//!
//! One deliberate difference: the module is the one written before any `@host:port` (newer builds write
//! `ACCESS@127.0.0.2:9500`), so the label stays `access.put` rather than carrying the address.

/// Appends the api label to `out` without allocating (except for non-ASCII input, which is lower-cased through
/// Unicode like Go's `strings.ToLower`).
pub(crate) fn write_api(
    module: &[u8],
    method: &[u8],
    path: &[u8],
    level: usize,
    out: &mut Vec<u8>,
) {
    if module.is_empty() || method.is_empty() {
        out.extend_from_slice(b"unknown.unknown");
        return;
    }
    if !module.is_ascii() || !path.is_ascii() {
        // Rare: do it on owned, Unicode-lower-cased text.
        let module = String::from_utf8_lossy(module).to_lowercase();
        let path = String::from_utf8_lossy(path).to_lowercase();
        return write_lower(module.as_bytes(), path.as_bytes(), level, out);
    }
    let mark = out.len();
    out.extend_from_slice(module);
    out[mark..].make_ascii_lowercase();
    let module_len = out.len() - mark;
    // Lower-case the path lazily, segment by segment, while writing.
    write_segments(mark, module_len, path, true, level, out);
}

/// Both `module` and `path` already lower-cased.
fn write_lower(module: &[u8], path: &[u8], level: usize, out: &mut Vec<u8>) {
    let mark = out.len();
    out.extend_from_slice(module);
    write_segments(mark, module.len(), path, false, level, out);
}

fn valid(segment: &[u8], dot: bool) -> bool {
    !segment.is_empty()
        && segment.iter().all(|&c| {
            c.is_ascii_lowercase()
                || c.is_ascii_uppercase()
                || c.is_ascii_digit()
                || c == b'_'
                || c == b'-'
                || (dot && c == b'.')
        })
}

fn is_version(segment: &[u8]) -> bool {
    segment.len() > 1 && segment[0] == b'v' && segment[1..].iter().all(u8::is_ascii_digit)
}

/// `out[mark..mark + module_len]` holds the lower-cased module; appends `.api` or replaces all with
/// `<module>.unknown`.
fn write_segments(
    mark: usize,
    module_len: usize,
    path: &[u8],
    lower: bool,
    level: usize,
    out: &mut Vec<u8>,
) {
    let unknown = |out: &mut Vec<u8>| {
        out.truncate(mark + module_len);
        out.extend_from_slice(b".unknown");
    };
    let mut fields = path.split(|&c| c == b'/');
    let _before_first_slash = fields.next();
    let Some(first) = fields.next() else {
        return unknown(out);
    };
    let lc = |seg: &[u8], out: &mut Vec<u8>| {
        let at = out.len();
        out.extend_from_slice(seg);
        if lower {
            out[at..].make_ascii_lowercase();
        }
    };
    out.push(b'.');
    let api_start = out.len();
    lc(first, out);
    let first_is_prefix = {
        let f = &out[api_start..];
        is_version(f) || f == b"admin"
    };
    let mut rest = fields.clone();
    if first_is_prefix {
        if let Some(second) = rest.next().filter(|s| !s.is_empty()) {
            out.push(b'-');
            lc(second, out);
            fields = rest;
        }
    }
    if &out[api_start..] == b"v2-tune" {
        out.push(b'.');
        for (i, seg) in fields.enumerate() {
            if i > 0 {
                out.push(b'.');
            }
            lc(seg, out);
        }
        return;
    }
    if !valid(&out[api_start..], false) {
        return unknown(out);
    }
    if level > 2 {
        for seg in fields.take(level - 2) {
            out.push(b'.');
            lc(seg, out);
        }
        if !valid(&out[api_start..], true) {
            unknown(out)
        }
    }
}

/// The `api` label the blobstore's metric sender gives a request: `blobnode.shard` for BLOBNODE
/// `/shard/get/...`, `scheduler.inspect.acquire` for SCHEDULER `/inspect/acquire` at level 3.
///
/// ```
/// use errcat_audit::api_label;
/// assert_eq!(api_label("BLOBNODE", "GET", "/shard/get/diskid/12", 2), "blobnode.shard");
/// assert_eq!(api_label("SCHEDULER", "POST", "/inspect/acquire", 3), "scheduler.inspect.acquire");
/// assert_eq!(api_label("ACCESS", "GET", "/v1/put", 2), "access.v1-put");
/// assert_eq!(api_label("PROXY", "GET", "/a b", 2), "proxy.unknown");
/// assert_eq!(api_label("PROXY", "", "/x", 2), "unknown.unknown");
/// ```
pub fn api_label(module: &str, method: &str, path: &str, max_api_level: usize) -> String {
    let mut out = Vec::with_capacity(module.len() + 16);
    write_api(
        module.as_bytes(),
        method.as_bytes(),
        path.as_bytes(),
        max_api_level,
        &mut out,
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// When the label of (`module`, `method`, `path`) at `level` is a function of `module` and `path[..n]` alone,
/// returns that `n`, so that the label can be remembered under those bytes: the path up to the end of the
/// `max(level, 2)`-th segment after the first `/` (every segment [`write_segments`] may read). `None` when the
/// label is not cached: an empty module or method, non-ASCII text (lower-cased through Unicode), or a `v2-tune`
/// api (which keeps every segment).
#[inline]
pub(crate) fn cache_head(module: &[u8], method: &[u8], path: &[u8], level: usize) -> Option<usize> {
    if module.is_empty() || method.is_empty() || !module.is_ascii() || !path.is_ascii() {
        return None;
    }
    // Path segments are short: a plain loop beats a vectorised search here.
    let find_slash = |from: usize| {
        path[from..]
            .iter()
            .position(|&c| c == b'/')
            .map(|i| from + i)
    };
    let Some(slash) = find_slash(0) else {
        return Some(path.len()); // `<module>.unknown` whatever the rest
    };
    let segments = level.max(2);
    let mut bounds = [(0usize, 0usize); 2]; // the first two segments
    let mut at = slash + 1;
    let mut end;
    let mut seen = 0;
    loop {
        end = find_slash(at).unwrap_or(path.len());
        if seen < 2 {
            bounds[seen] = (at, end);
        }
        seen += 1;
        if seen == segments || end == path.len() {
            break;
        }
        at = end + 1;
    }
    let first = &path[bounds[0].0..bounds[0].1];
    let second = (seen > 1).then(|| &path[bounds[1].0..bounds[1].1]);
    let tune = first.eq_ignore_ascii_case(b"v2-tune")
        || (first.eq_ignore_ascii_case(b"v2")
            && second.is_some_and(|s| s.eq_ignore_ascii_case(b"tune")));
    (!tune).then_some(end)
}
