//! errcat node binding (placeholder until its issue lands).
