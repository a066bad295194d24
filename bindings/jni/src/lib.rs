//! errcat jni binding (placeholder until its issue lands).
