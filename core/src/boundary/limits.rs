//! The limits every language enforces, because the core enforces them: one number each, exported to every binding
//! (the C header has them as `ERRCAT_MAX_*`).

/// The longest string argument accepted anywhere, in bytes of UTF-8 (a code, a name, a detail, a path). Longer
/// input is `InvalidArgument` before any other work.
pub const MAX_STRING_LEN: usize = 64 * 1024;

/// The most causes below an error value: a chain of 1 + 64 links renders, one more is `InvalidArgument`. It also
/// stops a chain that loops back on itself.
pub const MAX_CAUSE_DEPTH: usize = 64;

/// The most paths one audit analysis takes; more is `InvalidArgument`. An empty list is an empty report.
pub const MAX_PATHS: usize = 4096;

/// The largest response body `classify` takes, in bytes.
pub const MAX_BODY_LEN: usize = 16 * 1024 * 1024;

/// The longest part (source or type) of a two-level code.
pub const MAX_PART_LEN: usize = crate::syntax::MAX_PART_LEN;
