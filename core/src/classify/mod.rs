//! Classification of real Arklet and ModuleController answers into two-level codes.
//!
//! [`classify`] takes an answer exactly as received (the HTTP response body, an MQTT payload, or the text of
//! ModuleController's client error) and a [`ClassifyContext`] (tunnel, command, HTTP status), and says whether it
//! is a success or which two-level code it means, with the rule that decided and the evidence (the message, the
//! placeholders' values, the exception and the deepest cause, where that cause was thrown from).
//!
//! The rules are data: `catalog/koupleless-wire.toml`, validated and compiled into static tables at build time
//! (no parsing at run time). Patterns are matched without backtracking, stack traces are read in one pass.
//!
//! ```
//! use errcat::{classify, ClassifyContext};
//! let body = br#"{"code":"FAILED","message":"FAILED:demo:1.0.0 installBiz conflict, exist unfinished command(installBiz) for this biz"}"#;
//! let c = classify(body, &ClassifyContext::default()).unwrap();
//! assert_eq!(c.code().unwrap().to_string(), "Arklet.InstallBizExecuting");
//! assert_eq!(c.retryable(), Some(true));
//! assert_eq!(c.evidence().placeholder("bizVersion"), Some("1.0.0"));
//! ```

mod context;
#[allow(dead_code)]
pub(crate) mod decode;
mod engine;
mod enrich;
mod flat;
mod json;
#[allow(dead_code)]
pub(crate) mod pattern;
mod result;

/// The sample answers of `testdata/classify/` with the command each was sent for, for the tests of the views.
#[cfg(test)]
fn sample_bodies() -> Vec<(&'static str, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/classify/");
    [
        ("batchInstallBiz", "batch.json"),
        ("installBiz", "install-user-error.json"),
        ("installBiz", "repeat-biz.json"),
    ]
    .into_iter()
    .map(|(command, file)| {
        (
            command,
            std::fs::read_to_string(format!("{dir}{file}")).unwrap(),
        )
    })
    .collect()
}
#[allow(dead_code)]
pub(crate) mod rules;
#[allow(dead_code)]
pub(crate) mod subject;
#[allow(dead_code)]
pub(crate) mod trace;

pub use context::ClassifyContext;
pub use engine::{classify, MAX_BODY};
pub use json::unclassified_json;
pub(crate) use json::View;
pub use result::{Classification, ClassifiedItem, Evidence, Outcome};
pub use rules::{ArkletCommand, Shape, Tunnel};
pub use trace::Origin;
