//! `HostString`: the type of every string argument.

use std::ops::Deref;

/// A string argument from the host language. It crosses as a plain `String`; it is its own type only so that the
/// Kotlin binding can check it first: a JVM string may hold an unpaired surrogate, which uniffi's UTF-8 encoder
/// would reject with a `CharacterCodingException`. `uniffi.toml` makes the Kotlin side raise
/// `ErrcatException.InvalidArgument` instead (see `kotlin/src/main/kotlin/io/errcat/kotlin/HostStrings.kt`).
/// Swift strings are always valid Unicode, so Swift sees a plain `String` alias.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HostString(pub String);

uniffi::custom_type!(HostString, String, {
    lower: |s| s.0,
    try_lift: |s| Ok(HostString(s)),
});

impl Deref for HostString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for HostString {
    fn from(s: &str) -> HostString {
        HostString(s.to_string())
    }
}

impl From<String> for HostString {
    fn from(s: String) -> HostString {
        HostString(s)
    }
}
