//! Benchmarks only: see `benches/catalog.rs`.
