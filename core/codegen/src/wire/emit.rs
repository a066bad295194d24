//! Writes the validated rules as Rust source: a module `wire` with `PACKAGES` and `RULES` for
//! `core/src/classify` (types in `core/src/classify/{rules,pattern,trace}.rs`).

use std::fmt::Write;

use super::pattern::Part;
use super::{OwnedPattern, WireRules};

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn strs(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|s| lit(s)).collect();
    format!("&[{}]", items.join(", "))
}

fn patterns(list: &[OwnedPattern]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|p| {
            let parts: Vec<String> = p
                .parts
                .iter()
                .map(|part| match part {
                    Part::Lit(l) => format!("Part::Lit({})", lit(l)),
                    Part::Hole(h) => format!("Part::Hole({})", lit(h)),
                })
                .collect();
            format!(
                "Pattern {{ text: {}, parts: &[{}] }}",
                lit(&p.text),
                parts.join(", ")
            )
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

fn variants<T: std::fmt::Debug>(ty: &str, list: &[T]) -> String {
    let items: Vec<String> = list.iter().map(|v| format!("{ty}::{v:?}")).collect();
    format!("&[{}]", items.join(", "))
}

/// Rust source of the rule tables.
pub fn rust(wire: &WireRules) -> String {
    let mut out = String::from(
        "\n/// The wire-classification rules (generated from catalog/koupleless-wire.toml).\n\
         pub(crate) mod wire {\n\
         use crate::classify::pattern::{Part, Pattern};\n\
         use crate::classify::rules::{ArkletCommand, Rule, Shape, Tunnel};\n\
         #[allow(unused_imports)]\n\
         use crate::classify::trace::{Origin, Packages};\n\n",
    );
    writeln!(
        out,
        "pub(crate) static PACKAGES: Packages = Packages {{ platform: {}, framework: {}, frames: {} }};\n",
        strs(&wire.platform),
        strs(&wire.framework),
        strs(&wire.frame_patterns())
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static RULES: [Rule; {}] = [",
        wire.rules.len()
    )
    .unwrap();
    for r in &wire.rules {
        writeln!(
            out,
            "    Rule {{ id: {}, success: {}, code: {}, reporter: {}, why: {}, rows: &{:?}, tunnel: {}, shape: {}, \
             command: {}, http_status: &{:?}, envelope: {}, data_code: {}, state: {}, reason: {}, message: {}, \
             data_message: {}, error: {}, exception: {}, exception_message: {}, cause: {}, cause_message: {}, \
             cause_origin: {}, frames: {} }},",
            lit(&r.id),
            r.success,
            lit(&r.code),
            lit(&r.reporter),
            lit(&r.why),
            r.rows,
            variants("Tunnel", &r.tunnel),
            variants("Shape", &r.shape),
            variants("ArkletCommand", &r.command),
            r.http_status,
            strs(&r.envelope),
            strs(&r.data_code),
            strs(&r.state),
            strs(&r.reason),
            patterns(&r.message),
            patterns(&r.data_message),
            patterns(&r.error),
            strs(&r.exception),
            patterns(&r.exception_message),
            strs(&r.cause),
            patterns(&r.cause_message),
            r.cause_origin
                .map_or("None".to_string(), |o| format!("Some(Origin::{o:?})")),
            strs(&r.frames),
        )
        .unwrap();
    }
    out.push_str("];\n}\n");
    out
}
