//! errcat python binding (placeholder until its issue lands).
