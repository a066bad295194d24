//! Intentionally empty: the crate exists for its `Cargo.toml` (why: there).
