//! `catalog/koupleless-wire.toml` as written (serde mirror). Values the validator reports on stay strings.

use serde::Deserialize;

/// A condition written as one value or a list of alternatives.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    #[default]
    None,
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(v) => vec![v],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireFile {
    pub frames: RawFrames,
    pub rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrames {
    pub platform: Vec<String>,
    pub framework: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub outcome: Option<String>,
    pub code: Option<String>,
    pub reporter: Option<String>,
    pub why: Option<String>,
    #[serde(default)]
    pub rows: Vec<u16>,
    #[serde(default)]
    pub tunnel: OneOrMany<String>,
    #[serde(default)]
    pub shape: OneOrMany<String>,
    #[serde(default)]
    pub command: OneOrMany<String>,
    #[serde(default)]
    pub http_status: OneOrMany<u16>,
    #[serde(default)]
    pub envelope: OneOrMany<String>,
    #[serde(default)]
    pub data_code: OneOrMany<String>,
    #[serde(default)]
    pub state: OneOrMany<String>,
    #[serde(default)]
    pub reason: OneOrMany<String>,
    #[serde(default)]
    pub message: OneOrMany<String>,
    #[serde(default)]
    pub data_message: OneOrMany<String>,
    #[serde(default)]
    pub error: OneOrMany<String>,
    #[serde(default)]
    pub exception: OneOrMany<String>,
    #[serde(default)]
    pub exception_message: OneOrMany<String>,
    #[serde(default)]
    pub cause: OneOrMany<String>,
    #[serde(default)]
    pub cause_message: OneOrMany<String>,
    pub cause_origin: Option<String>,
    #[serde(default)]
    pub frames: OneOrMany<String>,
}
