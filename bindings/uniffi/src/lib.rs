//! errcat uniffi binding (placeholder until its issue lands).
