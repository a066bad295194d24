//! The JNI exports behind the `io.errcat:errcat` JAR (`java/`).
//!
//! Thin by design: every export converts its Java arguments, calls the `errcat` core, and converts the result
//! back into the Java objects declared in `java/src/main/java/io/errcat` (constructed through class and
//! constructor IDs cached once in `JNI_OnLoad`). Entries cross as small integer ids (`errcat::Entry::id`), so
//! the Java side builds each entry object once and keeps it. Every export runs inside `catch_unwind`: a core
//! error becomes an `io.errcat.ErrcatException` carrying its kind, a panic becomes one of kind `INTERNAL`.
//!
//! The Java peer of every function here is `io.errcat.Native`; signatures must match it exactly.

// JNI export names are fixed by the JVM (`Java_io_errcat_Native_lookup`).
#![allow(non_snake_case)]

mod classes;
mod convert;
mod exports;
mod failure;
mod objects;
