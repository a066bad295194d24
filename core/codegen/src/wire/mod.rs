//! The wire-classification rules of `catalog/koupleless-wire.toml`: read, validated against the Koupleless catalog,
//! checked for shadowing, and emitted as static tables for `core/src/classify`.
//!
//! The matcher itself lives in `core/src/classify/` and is compiled here too (`pattern`, `trace`, `subject`,
//! `rules`: `std` and `memchr` only), so codegen validates patterns with the parser the core's tables come from and the tests
//! can run the rules exactly as the core does.

#[path = "../../../src/classify/pattern.rs"]
#[allow(dead_code)]
pub mod pattern;
#[path = "../../../src/classify/rules.rs"]
#[allow(dead_code)]
pub mod rules;
#[path = "../../../src/classify/subject.rs"]
#[allow(dead_code)]
pub mod subject;
#[path = "../../../src/classify/trace.rs"]
#[allow(dead_code)]
pub mod trace;

pub(crate) mod emit;
mod raw;
mod shadow;
mod validate;

pub use validate::validate;

use pattern::Part;
use rules::{ArkletCommand, Shape, Tunnel};
use trace::Origin;

/// A compiled pattern, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedPattern {
    /// As written.
    pub text: String,
    /// Compiled.
    pub parts: Vec<Part<String>>,
}

/// One validated rule (owned; [`emit`] writes it as a `core::classify::rules::Rule`).
#[derive(Debug, Clone, Default)]
pub struct WireRule {
    pub id: String,
    pub success: bool,
    pub code: String,
    pub reporter: String,
    pub why: String,
    pub rows: Vec<u16>,
    pub tunnel: Vec<Tunnel>,
    pub shape: Vec<Shape>,
    pub command: Vec<ArkletCommand>,
    pub http_status: Vec<u16>,
    pub envelope: Vec<String>,
    pub data_code: Vec<String>,
    pub state: Vec<String>,
    pub reason: Vec<String>,
    pub message: Vec<OwnedPattern>,
    pub data_message: Vec<OwnedPattern>,
    pub error: Vec<OwnedPattern>,
    pub exception: Vec<String>,
    pub exception_message: Vec<OwnedPattern>,
    pub cause: Vec<String>,
    pub cause_message: Vec<OwnedPattern>,
    pub cause_origin: Option<Origin>,
    pub frames: Vec<String>,
}

/// The validated rule file.
#[derive(Debug, Clone, Default)]
pub struct WireRules {
    /// JDK package prefixes (`java.`), without the `*`.
    pub platform: Vec<String>,
    /// Arklet / sofa-ark package prefixes (`com.alipay.sofa.ark.`), without the `*`.
    pub framework: Vec<String>,
    /// The rules, in precedence order.
    pub rules: Vec<WireRule>,
}

impl WireRules {
    /// Every distinct frame pattern the rules test, in first-use order (noted in one pass over a trace).
    pub fn frame_patterns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in self.rules.iter().flat_map(|r| &r.frames) {
            if !out.contains(f) {
                out.push(f.clone());
            }
        }
        out
    }

    /// The rules as the core's static types, leaked (for tests that run them with the core's matcher). The tables
    /// stay reachable from a static, so a leak checker does not report them.
    pub fn leak(&self) -> (&'static [rules::Rule], &'static trace::Packages) {
        type Tables = (&'static [rules::Rule], &'static trace::Packages);
        static KEPT: std::sync::Mutex<Vec<Tables>> = std::sync::Mutex::new(Vec::new());
        fn s(text: &str) -> &'static str {
            Box::leak(text.to_string().into_boxed_str())
        }
        fn list(items: &[String]) -> &'static [&'static str] {
            Box::leak(
                items
                    .iter()
                    .map(|i| s(i))
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            )
        }
        fn copy<T: Copy>(items: &[T]) -> &'static [T] {
            Box::leak(items.to_vec().into_boxed_slice())
        }
        fn patterns(items: &[OwnedPattern]) -> &'static [pattern::Pattern] {
            let compiled: Vec<pattern::Pattern> = items
                .iter()
                .map(|p| pattern::Pattern {
                    text: s(&p.text),
                    parts: Box::leak(
                        p.parts
                            .iter()
                            .map(|part| match part {
                                Part::Lit(l) => Part::Lit(s(l)),
                                Part::Hole(h) => Part::Hole(s(h)),
                            })
                            .collect::<Vec<_>>()
                            .into_boxed_slice(),
                    ),
                })
                .collect();
            Box::leak(compiled.into_boxed_slice())
        }
        let compiled: Vec<rules::Rule> = self
            .rules
            .iter()
            .map(|r| rules::Rule {
                id: s(&r.id),
                success: r.success,
                code: s(&r.code),
                reporter: s(&r.reporter),
                why: s(&r.why),
                rows: copy(&r.rows),
                tunnel: copy(&r.tunnel),
                shape: copy(&r.shape),
                command: copy(&r.command),
                http_status: copy(&r.http_status),
                envelope: list(&r.envelope),
                data_code: list(&r.data_code),
                state: list(&r.state),
                reason: list(&r.reason),
                message: patterns(&r.message),
                data_message: patterns(&r.data_message),
                error: patterns(&r.error),
                exception: list(&r.exception),
                exception_message: patterns(&r.exception_message),
                cause: list(&r.cause),
                cause_message: patterns(&r.cause_message),
                cause_origin: r.cause_origin,
                frames: list(&r.frames),
            })
            .collect();
        let packages = trace::Packages {
            platform: list(&self.platform),
            framework: list(&self.framework),
            frames: list(&self.frame_patterns()),
        };
        let tables: Tables = (
            Box::leak(compiled.into_boxed_slice()),
            Box::leak(Box::new(packages)),
        );
        KEPT.lock().unwrap_or_else(|p| p.into_inner()).push(tables);
        tables
    }
}
