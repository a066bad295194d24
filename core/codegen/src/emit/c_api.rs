//! The C API as `bindings/c/api.toml` describes it: every constant (checked against the core's limit it mirrors),
//! struct (with a zeroed `NONE` where it is an out-parameter) and export (its signature, documentation and a body
//! that calls the hand-written function inside the panic guard), for `bindings/c/src/generated.rs`.

use std::fmt::Write;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Api {
    constant: Vec<Constant>,
    #[serde(rename = "struct")]
    structs: Vec<Struct>,
    function: Vec<Function>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Constant {
    name: String,
    value: String,
    /// The constant of `errcat::boundary` it must equal.
    core: Option<String>,
    doc: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Struct {
    name: String,
    doc: String,
    /// Held by the static tables, so `Sync`.
    #[serde(default)]
    shared: bool,
    field: Vec<StructField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StructField {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    doc: Option<String>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Guard {
    Fill,
    List,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Function {
    name: String,
    #[serde(default)]
    args: String,
    guard: Option<Guard>,
    returns: Option<String>,
    calls: String,
    doc: String,
}

impl Function {
    /// `(name, type)` of each argument.
    fn args(&self) -> Vec<(&str, &str)> {
        self.args
            .split(", ")
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.split_once(": ")
                    .unwrap_or_else(|| panic!("{}: argument {a:?} is not `name: type`", self.name))
            })
            .collect()
    }
}

fn doc(out: &mut String, indent: &str, text: &str) {
    for line in text.trim_end().lines() {
        match line {
            "" => writeln!(out, "{indent}///").unwrap(),
            _ => writeln!(out, "{indent}/// {line}").unwrap(),
        }
    }
}

/// Whether all zero bytes are a value of `ty` (NULL, 0, `false`).
fn zeroable(ty: &str) -> bool {
    const NUMBERS: [&str; 8] = ["bool", "u8", "u16", "u32", "u64", "usize", "i32", "i64"];
    match ty.strip_prefix('[') {
        Some(array) => zeroable(array.split(';').next().unwrap_or_default()),
        None => ty.starts_with('*') || ty == "c_char" || NUMBERS.contains(&ty),
    }
}

/// `args` as rustfmt lays them out (`fn_params_layout = "Compressed"`, `max_width = 120`): as many per line as fit.
fn compressed(args: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for (name, ty) in args {
        let arg = format!("{name}: {ty}");
        let line = lines.last_mut().unwrap();
        if line.is_empty() {
            line.push_str(&arg);
        } else if format!("    {line}, {arg},").len() <= 120 {
            line.push_str(&format!(", {arg}"));
        } else {
            lines.push(arg);
        }
    }
    lines.iter().map(|l| format!("    {l},\n")).collect()
}

fn constant(out: &mut String, c: &Constant) {
    doc(out, "", &c.doc);
    writeln!(out, "pub const {}: usize = {};", c.name, c.value).unwrap();
    if let Some(core) = &c.core {
        writeln!(
            out,
            "const _: () = assert!({} == errcat_core::boundary::{core});",
            c.name
        )
        .unwrap();
    }
    out.push('\n');
}

fn structure(out: &mut String, s: &Struct, out_param: bool) {
    doc(out, "", &s.doc);
    writeln!(
        out,
        "#[allow(non_camel_case_types)]\n#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq)]\npub struct {} {{",
        s.name
    )
    .unwrap();
    for f in &s.field {
        doc(out, "    ", f.doc.as_deref().unwrap_or(""));
        writeln!(out, "    pub {}: {},", f.name, f.ty).unwrap();
    }
    out.push_str("}\n\n");
    if out_param {
        assert!(
            s.field.iter().all(|f| zeroable(&f.ty)),
            "{}: an out-parameter struct holds only pointers, numbers, bools and arrays of them",
            s.name
        );
        writeln!(
            out,
            "impl {0} {{\n    /// What an out-parameter holds after a failure.\n    \
             // SAFETY: every field is a pointer, a number, a bool or an array of them: all zero is NULL, 0, false.\n    \
             pub(crate) const NONE: {0} = unsafe {{ std::mem::zeroed() }};\n}}\n",
            s.name
        )
        .unwrap();
    }
    if s.shared {
        writeln!(
            out,
            "// SAFETY: the values the library shares (its static tables) point only to static, immutable data.\n\
             unsafe impl Sync for {} {{}}\n",
            s.name
        )
        .unwrap();
    }
}

fn function(out: &mut String, f: &Function) {
    let args = f.args();
    let mut forwarded: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let returns = match f.guard {
        Some(_) => Some("errcat_status"),
        None => f.returns.as_deref(),
    };
    let body = match f.guard {
        Some(Guard::Fill) => {
            let (out_name, out_ty) = args.last().expect("a fill export has an out-parameter");
            forwarded.pop();
            let target = out_ty
                .strip_prefix("*mut ")
                .unwrap_or_else(|| panic!("{}: the last argument is not `*mut T`", f.name));
            let none = match target {
                _ if target.starts_with("*const") => "std::ptr::null()".to_string(),
                _ if target.starts_with("*mut") => "std::ptr::null_mut()".to_string(),
                _ => format!("{target}::NONE"),
            };
            format!(
                "guard::fill({out_name}, {none}, || crate::{}({}))",
                f.calls,
                forwarded.join(", ")
            )
        }
        Some(Guard::List) => {
            let at = forwarded
                .len()
                .checked_sub(3)
                .expect("a list export ends in out, capacity, out_count");
            let list = forwarded.split_off(at);
            format!(
                "guard::list({}, || crate::{}({}))",
                list.join(", "),
                f.calls,
                forwarded.join(", ")
            )
        }
        None => format!("crate::{}({})", f.calls, forwarded.join(", ")),
    };
    let unsafety = match args.iter().any(|(_, ty)| ty.contains('*')) {
        true => "unsafe ",
        false => "",
    };
    let arrow = returns.map_or(String::new(), |r| format!(" -> {r}"));
    doc(out, "", &f.doc);
    out.push_str("#[no_mangle]\n");
    let line = format!(
        "pub {unsafety}extern \"C\" fn {}({}){arrow} {{",
        f.name, f.args
    );
    // The crate's rustfmt style (max_width 120, arguments compressed onto one indented line).
    if line.len() <= 120 {
        writeln!(out, "{line}").unwrap();
    } else {
        writeln!(
            out,
            "pub {unsafety}extern \"C\" fn {}(\n{}){arrow} {{",
            f.name,
            compressed(&args)
        )
        .unwrap();
    }
    assert!(
        body.len() + 4 <= 120,
        "{}: the generated body is longer than a line",
        f.name
    );
    writeln!(out, "    {body}\n}}\n").unwrap();
}

/// The constants, structs and exports of the C API description `source` (`bindings/c/api.toml`).
pub fn source(source: &str) -> String {
    let api: Api = toml::from_str(source).unwrap_or_else(|e| panic!("bindings/c/api.toml: {e}"));
    let mut out = String::new();
    for c in &api.constant {
        constant(&mut out, c);
    }
    for s in &api.structs {
        let out_type = format!("*mut {}", s.name);
        let out_param = api
            .function
            .iter()
            .any(|f| f.args().iter().any(|(_, ty)| *ty == out_type));
        structure(&mut out, s, out_param);
    }
    for f in &api.function {
        function(&mut out, f);
    }
    out
}
