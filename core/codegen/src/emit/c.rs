//! The C view of the catalog: the enums and the struct `errcat_entry` (both records' fields in one struct),
//! written with the C API of `bindings/c/api.toml` ([`super::c_api`]) into `bindings/c/src/generated.rs`, from
//! which cbindgen writes `include/errcat.h`; and the static table of the entries (built into `OUT_DIR` by
//! `bindings/c/build.rs`): `'static` C strings and arrays, nothing constructed at run time.

use std::fmt::Write;

use super::header;
use crate::fields::{Field, FieldType, Record, System};
use crate::records::{rows, Value};
use crate::Catalog;

/// A C field of `errcat_entry`: its name, type, and the records (systems) that fill it.
struct CField<'a> {
    field: &'a Field,
    /// The records filling it, with their own field (and documentation).
    systems: Vec<(System, &'a Field)>,
}

/// Both records' fields in declaration order, a field of the same C name and type shared.
fn c_fields(cat: &Catalog) -> Vec<CField<'_>> {
    let mut out: Vec<CField<'_>> = Vec::new();
    for record in &cat.fields.records {
        for field in &record.fields {
            match out.iter_mut().find(|c| c.field.c_name() == field.c_name()) {
                Some(c) if c.field.ty == field.ty => c.systems.push((record.system, field)),
                Some(_) => panic!(
                    "{}.{}: another record has a field of that name and another type; give one a c_name",
                    record.name, field.name
                ),
                None => out.push(CField {
                    field,
                    systems: vec![(record.system, field)],
                }),
            }
        }
    }
    out
}

/// The Rust declarations (`pub name: type,`) of one field, and what a value of the other system holds.
fn declarations(f: &Field) -> Vec<(String, &'static str, &'static str)> {
    let n = f.c_name().to_string();
    match f.ty {
        FieldType::Str | FieldType::Enum(_) => vec![(n, "*const c_char", "\"\"")],
        FieldType::OptStr => vec![(n, "*const c_char", "NULL")],
        FieldType::Text => vec![
            (format!("{n}_en"), "*const c_char", "\"\""),
            (format!("{n}_zh"), "*const c_char", "\"\""),
        ],
        FieldType::OptText => vec![
            (format!("{n}_en"), "*const c_char", "NULL"),
            (format!("{n}_zh"), "*const c_char", "NULL"),
        ],
        FieldType::Bool => vec![(n, "bool", "false")],
        FieldType::U16 | FieldType::OptU16 => vec![(n, "u16", "0")],
        FieldType::StrList | FieldType::EnumList(_) | FieldType::Versions => vec![
            (n.clone(), "*const *const c_char", "an empty array"),
            (format!("{n}_len"), "usize", "0"),
        ],
    }
}

fn doc_for(c: &CField<'_>, part: usize, other: &str) -> String {
    let name = c.field.c_name();
    let mut doc: Vec<String> = c
        .systems
        .iter()
        .map(|(system, f)| {
            let who = match system {
                System::Koupleless => "Koupleless",
                System::Blobstore => "Blobstore",
            };
            format!("{who}: {}", f.doc)
        })
        .collect();
    let list = matches!(
        c.field.ty,
        FieldType::StrList | FieldType::EnumList(_) | FieldType::Versions
    );
    if part == 1 && list {
        return format!("Number of `{name}`.");
    }
    match (&c.field.ty, part) {
        (FieldType::Text | FieldType::OptText, 0) => doc.push("English.".into()),
        (FieldType::Text | FieldType::OptText, _) => {
            doc.push("Chinese (`\"\"` when there is none).".into())
        }
        (FieldType::OptStr, _) => doc.push("NULL when absent.".into()),
        (FieldType::OptU16, _) => doc.push("0 when absent.".into()),
        (FieldType::Enum(e), _) => doc.push(format!("A `{e}` name.")),
        _ if list => doc.push(format!("`{name}_len` items, then a NULL.")),
        _ => {}
    }
    if c.systems.len() == 1 && part == 0 {
        doc.push(format!("{other} for the other system."));
    }
    doc.join(" ")
}

/// The C enums: `errcat_status` (`ERRCAT_OK`, then one value per error kind) with its conversion from the core's
/// kinds and `errcat_status_name`, and `errcat_system`.
fn enums(out: &mut String, cat: &Catalog) {
    let kinds = &cat.fields.enumeration("ErrorKind").values;
    out.push_str(
        "/// What an errcat call returned: `ERRCAT_OK` (0) or one error kind, the same kinds every errcat binding uses.\n\
         /// After a failure, `errcat_last_error_message()` says what went wrong on this thread.\n\
         #[allow(non_camel_case_types)]\n#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum errcat_status {\n\
         \x20   /// Success.\n    ERRCAT_OK = 0,\n",
    );
    for (i, (name, doc)) in kinds.iter().enumerate() {
        writeln!(
            out,
            "    /// {doc}\n    ERRCAT_{} = {},",
            super::screaming(name),
            i + 1
        )
        .unwrap();
    }
    out.push_str("}\n\nimpl From<errcat_core::ErrorKind> for errcat_status {\n    fn from(kind: errcat_core::ErrorKind) -> Self {\n        match kind {\n");
    for (name, _) in kinds {
        writeln!(
            out,
            "            errcat_core::ErrorKind::{name} => errcat_status::ERRCAT_{},",
            super::screaming(name)
        )
        .unwrap();
    }
    out.push_str(
        "        }\n    }\n}\n\n\
         /// The kind's name as written in the conformance vectors (`\"NotFound\"`), `\"Ok\"` for `ERRCAT_OK`, `\"Unknown\"`\n\
         /// for any other value. Static: never free it.\n\
         #[no_mangle]\npub extern \"C\" fn errcat_status_name(status: i32) -> *const c_char {\n    match status {\n        0 => c\"Ok\".as_ptr(),\n",
    );
    for (i, (name, _)) in kinds.iter().enumerate() {
        writeln!(out, "        {} => {},", i + 1, c_str(name)).unwrap();
    }
    out.push_str("        _ => c\"Unknown\".as_ptr(),\n    }\n}\n\n");
    out.push_str("/// Which system an entry belongs to.\n#[allow(non_camel_case_types)]\n#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum errcat_system {\n");
    for (i, (name, doc)) in cat.fields.enumeration("System").values.iter().enumerate() {
        writeln!(
            out,
            "    /// {doc}\n    ERRCAT_SYSTEM_{} = {i},",
            super::screaming(name)
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}

/// `bindings/c/src/generated.rs`: the whole C API (every item of `include/errcat.h`), for cbindgen and the glue.
pub fn generated_source(cat: &Catalog) -> String {
    let mut out = header("//");
    out.push_str(
        "//! The C API: its constants, the enums (`errcat_status`, `errcat_system`), `errcat_entry` (one catalog entry as C\n\
         //! sees it, with every field of both systems' records: catalog/fields.toml), and every struct and export of\n\
         //! bindings/c/api.toml. An export's body calls the hand-written function the description names.\n\n\
         use std::ffi::{c_char, c_void};\n\n\
         use crate::guard;\n\n",
    );
    enums(&mut out, cat);
    out.push_str(
        "\
         /// One catalog entry. Every pointer in it points to static data owned by the library: never free it, never\n\
         /// write to it; it stays valid until the process exits. String fields are NUL-terminated UTF-8 and never NULL\n\
         /// unless documented; a field of the other system is `\"\"` (strings), 0/`false` (numbers) or an empty array.\n\
         #[allow(non_camel_case_types)]\n#[repr(C)]\n#[derive(Debug)]\npub struct errcat_entry {\n\
         \x20   /// A small integer naming the entry in this build of the library, `0 .. errcat_entry_count() - 1`.\n\
         \x20   pub id: usize,\n\
         \x20   /// The system.\n\
         \x20   pub system: errcat_system,\n",
    );
    for c in c_fields(cat) {
        for (i, (name, ty, other)) in declarations(c.field).into_iter().enumerate() {
            let other = match other {
                "NULL" | "\"\"" => format!("`{other}`"),
                "an empty array" => "An empty array".to_string(),
                _ => other.to_string(),
            };
            writeln!(
                out,
                "    /// {}\n    pub {name}: {ty},",
                doc_for(&c, i, &other)
            )
            .unwrap();
        }
    }
    out.push_str(
        "}\n\n// SAFETY: every pointer in an `errcat_entry` points to static, immutable data.\n\
         unsafe impl Sync for errcat_entry {}\n\n",
    );
    out.push_str(&super::c_api::source(crate::C_API));
    out.truncate(out.trim_end().len());
    out + "\n"
}

fn c_str(s: &str) -> String {
    assert!(!s.contains('\0'), "catalog text holds no NUL: {s:?}");
    format!("c{s:?}.as_ptr()")
}

fn c_array(items: &[String]) -> String {
    let mut ptrs: Vec<String> = items.iter().map(|s| c_str(s)).collect();
    ptrs.push("std::ptr::null()".into());
    format!("&[{}] as *const *const c_char", ptrs.join(", "))
}

/// The assignments of one field for an entry of the record that has it.
fn assignments(cat: &Catalog, f: &Field, value: &Value) -> Vec<(String, String)> {
    let n = f.c_name().to_string();
    let enum_name = |i: usize| -> String {
        let (FieldType::Enum(e) | FieldType::EnumList(e)) = &f.ty else {
            unreachable!()
        };
        cat.fields.enumeration(e).values[i].0.clone()
    };
    let list = |items: Vec<String>| {
        vec![
            (n.clone(), c_array(&items)),
            (format!("{n}_len"), items.len().to_string()),
        ]
    };
    match value {
        Value::Str(s) => vec![(n, c_str(s))],
        Value::OptStr(s) => vec![(n, s.as_deref().map_or("std::ptr::null()".into(), c_str))],
        Value::Text(t) => vec![
            (format!("{n}_en"), c_str(&t.en)),
            (format!("{n}_zh"), c_str(&t.zh)),
        ],
        Value::OptText(t) => vec![
            (
                format!("{n}_en"),
                t.as_ref()
                    .map_or("std::ptr::null()".into(), |t| c_str(&t.en)),
            ),
            (
                format!("{n}_zh"),
                t.as_ref()
                    .map_or("std::ptr::null()".into(), |t| c_str(&t.zh)),
            ),
        ],
        Value::Bool(b) => vec![(n, b.to_string())],
        Value::U16(v) => vec![(n, v.to_string())],
        Value::OptU16(v) => vec![(n, v.unwrap_or(0).to_string())],
        Value::Enum(i) => vec![(n, c_str(&enum_name(*i)))],
        Value::StrList(items) => list(items.clone()),
        Value::EnumList(items) => list(items.iter().map(|&i| enum_name(i)).collect()),
        Value::Versions(bits) => list(crate::records::versions_in(cat, *bits).cloned().collect()),
    }
}

/// The default (other-system) value of every declaration of a field.
fn defaults(f: &Field) -> Vec<(String, String)> {
    declarations(f)
        .into_iter()
        .map(|(name, _, other)| {
            let v = match other {
                "\"\"" => "c\"\".as_ptr()".to_string(),
                "NULL" => "std::ptr::null()".to_string(),
                "an empty array" => "&[std::ptr::null()] as *const *const c_char".to_string(),
                v => v.to_string(),
            };
            (name, v)
        })
        .collect()
}

fn entries(
    out: &mut String,
    cat: &Catalog,
    fields: &[CField<'_>],
    record: &Record,
    first_id: usize,
) -> usize {
    let system = match record.system {
        System::Koupleless => "ERRCAT_SYSTEM_KOUPLELESS",
        System::Blobstore => "ERRCAT_SYSTEM_BLOBSTORE",
    };
    let rows = rows(cat, record);
    for (i, row) in rows.iter().enumerate() {
        writeln!(
            out,
            "    errcat_entry {{ id: {}, system: errcat_system::{system},",
            first_id + i
        )
        .unwrap();
        for c in fields {
            let own = record
                .fields
                .iter()
                .position(|f| f.c_name() == c.field.c_name());
            let values = match own {
                Some(j) => assignments(cat, &record.fields[j], &row[j]),
                None => defaults(c.field),
            };
            for (name, value) in values {
                writeln!(out, "        {name}: {value},").unwrap();
            }
        }
        writeln!(out, "    }},").unwrap();
    }
    rows.len()
}

/// How the C glue reads the entry table.
const ENTRY_READERS: &str = r#"
/// The C view of `entry`.
pub(crate) fn entry(entry: Entry) -> &'static errcat_entry {
    &ENTRIES[entry.id()]
}

pub(crate) fn entry_count() -> usize {
    ENTRIES.len()
}

pub(crate) fn entry_by_id(id: usize) -> *const errcat_entry {
    ENTRIES.get(id).map_or(std::ptr::null(), std::ptr::from_ref)
}

pub(crate) fn source_name(source: Source) -> *const c_char {
    SOURCE_NAMES[source as usize].as_ptr()
}

pub(crate) fn service_name(service: Service) -> *const c_char {
    SERVICE_NAMES[service as usize].as_ptr()
}
"#;

/// The static tables of the C glue's `tables` module (`bindings/c/src/lib.rs` includes them): `ENTRIES` (by entry
/// id) and the names of sources and services, with the functions that read them.
pub fn data_source(cat: &Catalog) -> String {
    let fields = c_fields(cat);
    let mut out = header("//");
    out.push_str(
        "use std::ffi::{c_char, CStr};\n\n\
         use errcat_core::{Entry, Service, Source};\n\n\
         use crate::{errcat_entry, errcat_system};\n\n",
    );
    let total: usize = cat.koupleless.entries.len() + cat.blobstore.codes.len();
    writeln!(
        out,
        "pub(crate) static ENTRIES: [errcat_entry; {total}] = ["
    )
    .unwrap();
    let mut id = 0;
    for record in &cat.fields.records {
        id += entries(&mut out, cat, &fields, record, id);
    }
    writeln!(out, "];\n").unwrap();
    let names = |out: &mut String, what: &str, list: Vec<&str>| {
        let items: Vec<String> = list.iter().map(|s| format!("c{s:?}")).collect();
        writeln!(
            out,
            "pub(crate) static {what}: [&CStr; {}] = [{}];",
            items.len(),
            items.join(", ")
        )
        .unwrap();
    };
    names(
        &mut out,
        "SOURCE_NAMES",
        cat.koupleless
            .sources
            .iter()
            .map(|s| s.name.as_str())
            .collect(),
    );
    names(
        &mut out,
        "SERVICE_NAMES",
        cat.blobstore
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect(),
    );
    out + ENTRY_READERS
}
