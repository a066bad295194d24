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

/// How far a binding reads a host value, so that a huge, sparse or self-containing one costs nothing: no argument
/// accepts text longer than `MAX_ARG_LEN` bytes (each UTF-16 code unit is at least one byte), a list longer than
/// `MAX_LIST_LEN` items, or lists nested deeper than `MAX_LIST_DEPTH`. A binding may stop reading a string after
/// `MAX_ARG_LEN + 1` code units and a list after `MAX_LIST_LEN + 1` items (the core refuses what it gets as it would
/// the whole value), and pass a list nested deeper as `Arg::Other`.
pub const MAX_ARG_LEN: usize = if MAX_BODY_LEN > MAX_STRING_LEN {
    MAX_BODY_LEN
} else {
    MAX_STRING_LEN
};

/// See [`MAX_ARG_LEN`].
pub const MAX_LIST_LEN: usize = if MAX_PATHS > MAX_CAUSE_DEPTH + 1 {
    MAX_PATHS
} else {
    MAX_CAUSE_DEPTH + 1
};

/// See [`MAX_ARG_LEN`].
pub const MAX_LIST_DEPTH: usize = 4;
