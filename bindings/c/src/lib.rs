//! errcat c binding (placeholder until its issue lands).
