//! The Java view of the catalog, committed under `java/src/main/java/io/errcat/`: one enum per enumeration of
//! `catalog/fields.toml` (`System` is `CodeSystem`, so that it does not hide `java.lang.System`), the record classes
//! (`KouplelessEntry`, `StatusEntry`: one accessor per described field) and `EntryData`, every entry by entry id
//! (built in chunks, so that no static initialiser nears the JVM's 64 KB method limit), the CubeFS versions and the
//! catalog fingerprint. The hand-written classes beside them hold behaviour only.
//!
//! Field types map to Java as: `str` → `String`, `str?` → `Optional<String>`, `text` → `x()` (English), `x(Lang)`
//! and `xText()` (`Text`), `text?` → `Optional<Text> x()` and `Optional<String> x(Lang)`, `bool` → `boolean`, `u16`
//! → `int`, `u16?` → `OptionalInt`, lists and `versions` → unmodifiable `List`s, enumerations → the generated enums.

use std::fmt::Write;

use super::{camel, header, screaming, GeneratedFile};
use crate::fields::{EnumDesc, Field, FieldType, Record, System};
use crate::records::{fingerprint, rows, Value};
use crate::Catalog;

const DIR: &str = "java/src/main/java/io/errcat";

/// Entries per method of `EntryData`: each takes a few hundred bytes of bytecode, so a chunk stays far below 64 KB.
const CHUNK: usize = 32;

/// Members of errcat 0.1's hand-written records that are not one field each, kept source-compatible
/// (java/README.md). They name fields by their Java names; a field they use that goes away fails the Java build.
fn record_extras(system: System) -> &'static str {
    match system {
        System::Koupleless => {
            "    /** The code as text, with the default source: {@link #defaultCode()}. */
    @Override
    public String code() {
        return defaultCode;
    }

    /** The default source (the first catalogued one). */
    public Source defaultSource() {
        return sources.get(0);
    }

    /**
     * The Level-2 type.
     *
     * @return {@link #errorType()}
     * @deprecated use {@link #errorType()}, the name every errcat language gives this field
     */
    @Deprecated
    public String type() {
        return errorType;
    }
"
        }
        System::Blobstore => {
            "    /** The code as text: the number, {@code \"552\"}. */
    @Override
    public String code() {
        return Integer.toString(number);
    }
"
        }
    }
}

/// Members of an enumeration beyond the common ones, kept from errcat 0.1.
fn enum_extras(name: &str) -> &'static str {
    match name {
        "Lang" => {
            "
    /** {@code \"en\"} or {@code \"zh\"}: the same as {@link #catalogName()}. */
    public String code() {
        return catalogName;
    }

    /**
     * The catalog language for a locale: the one named by the locale's language ({@link Locale#getLanguage()}, the
     * primary subtag, which is what errcat matches in a language tag such as {@code zh-CN}), else the default,
     * {@link #EN}.
     *
     * @param locale a locale ({@code null}: the default)
     * @return the language
     */
    public static Lang of(Locale locale) {
        if (locale != null) {
            for (Lang value : VALUES) {
                if (value.catalogName.equals(locale.getLanguage())) {
                    return value;
                }
            }
        }
        return EN;
    }
"
        }
        _ => "",
    }
}

const KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "record",
    "var",
];

/// The Java name of an enumeration.
fn java_type(enum_name: &str) -> &str {
    if enum_name == "System" {
        "CodeSystem"
    } else {
        enum_name
    }
}

/// The Java name of a field: `fields.toml`'s `rename.java` (`number` for the status number: `Entry.code()` is every
/// entry's code as text), else the camelCase of its name.
fn java_name(f: &Field) -> String {
    if let Some(name) = f.renamed("java") {
        return name.to_string();
    }
    let name = camel(&f.name);
    if KEYWORDS.contains(&name.as_str()) {
        name + "Value"
    } else {
        name
    }
}

/// A Java string literal (UTF-8 source); control characters as octal escapes (a `\u` escape of a line break
/// would end the literal: Java reads those before it lexes).
fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => write!(out, "\\{:03o}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('@', "&#64;")
}

/// A documentation text of `fields.toml` as Javadoc: `code spans` become `{@code …}` (or `<code>` when their
/// braces do not balance), HTML specials are escaped, and nothing can close the comment.
fn javadoc(doc: &str) -> String {
    let mut out = String::new();
    for (i, part) in doc.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(&escape_html(part));
        } else if part.matches('{').count() == part.matches('}').count() && !part.contains('@') {
            write!(out, "{{@code {part}}}").unwrap();
        } else {
            write!(
                out,
                "<code>{}</code>",
                escape_html(part).replace('{', "&#123;")
            )
            .unwrap();
        }
    }
    out.replace("*/", "*&#47;")
}

/// A Javadoc comment at `indent`, its text (already Javadoc) wrapped at 116 columns; `tags` follow a blank line.
fn comment(out: &mut String, indent: &str, text: &str, tags: &[String]) {
    let width = 116 - indent.len() - 3;
    if tags.is_empty() && text.len() <= width - 4 && !text.contains('\n') {
        writeln!(out, "{indent}/** {text} */").unwrap();
        return;
    }
    writeln!(out, "{indent}/**").unwrap();
    let mut paragraphs: Vec<&str> = text.split('\n').collect();
    if !tags.is_empty() {
        paragraphs.push("");
        paragraphs.extend(tags.iter().map(String::as_str));
    }
    for paragraph in paragraphs {
        // A tag's continuation lines are indented under it.
        let continuation = if paragraph.starts_with('@') {
            "    "
        } else {
            ""
        };
        let (mut line, mut words) = (String::new(), 0);
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            if words > 0 && line.len() + 1 + word.len() > width {
                writeln!(out, "{indent} * {line}").unwrap();
                (line, words) = (continuation.to_string(), 0);
            }
            if words > 0 {
                line.push(' ');
            }
            line.push_str(word);
            words += 1;
        }
        if line.is_empty() {
            writeln!(out, "{indent} *").unwrap();
        } else {
            writeln!(out, "{indent} * {line}").unwrap();
        }
    }
    writeln!(out, "{indent} */").unwrap();
}

fn file(name: &str, content: String) -> GeneratedFile {
    GeneratedFile {
        path: format!("{DIR}/{name}.java").into(),
        content,
    }
}

/// Every generated Java file.
pub fn files(cat: &Catalog) -> Vec<GeneratedFile> {
    let mut out: Vec<GeneratedFile> = cat
        .fields
        .enums
        .iter()
        .map(|e| file(java_type(&e.name), enumeration(e)))
        .collect();
    for r in &cat.fields.records {
        out.push(file(&r.name, record(r)));
    }
    out.push(file("EntryData", entry_data(cat)));
    out
}

fn enumeration(e: &EnumDesc) -> String {
    let ty = java_type(&e.name);
    let key = screaming(&e.name).to_ascii_lowercase();
    let what = if key == "lang" {
        "language".to_string()
    } else {
        key.replace('_', " ")
    };
    let mut out = header("//");
    let imports = if e.name == "Lang" {
        "import java.util.Locale;\n\n"
    } else {
        ""
    };
    write!(out, "package io.errcat;\n\n{imports}").unwrap();
    let doc = format!(
        "{}\n\n<p>{{@link #catalogName()}} and {{@link #toString()}} give the catalog's spelling; {{@link \
         #fromName(String)}} reads every spelling errcat accepts for a {what} name.",
        javadoc(&e.doc)
    );
    comment(&mut out, "", &doc, &[]);
    writeln!(out, "public enum {ty} implements Named {{").unwrap();
    for (i, (name, doc)) in e.values.iter().enumerate() {
        comment(&mut out, "    ", &javadoc(doc), &[]);
        let end = if i + 1 == e.values.len() { ";" } else { "," };
        writeln!(out, "    {}({}){end}", screaming(name), lit(name)).unwrap();
    }
    write!(
        out,
        "
    private static final {ty}[] VALUES = values();

    private final String catalogName;

    {ty}(String catalogName) {{
        this.catalogName = catalogName;
    }}

    /** The name as the catalog spells it. */
    @Override
    public String catalogName() {{
        return catalogName;
    }}

    /**
     * The value a name means, by errcat's rule for {what} names (the same in every errcat language): the catalog's
     * spelling, or any other that errcat accepts (case and surrounding whitespace do not matter).
     *
     * @param name the name ({{@code null}} is {{@code INVALID_ARGUMENT}}, as errcat decides)
     * @return the value
     * @throws ErrcatException {{@code INVALID_ARGUMENT}} for a name errcat does not know (the message lists the
     *     known ones)
     */
    public static {ty} fromName(String name) {{
        for ({ty} value : VALUES) {{
            if (value.catalogName.equals(name)) {{
                return value;
            }}
        }}
        return VALUES[Named.index(\"{key}\", name)];
    }}
{extras}
    /** The catalog's spelling. */
    @Override
    public String toString() {{
        return catalogName;
    }}
}}
",
        extras = enum_extras(&e.name),
    )
    .unwrap();
    out
}

/// The Java type a field's value is kept in (and its constructor parameter).
fn storage(f: &Field) -> String {
    match &f.ty {
        FieldType::Str | FieldType::OptStr => "String".into(),
        FieldType::Text | FieldType::OptText => "Text".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::U16 | FieldType::OptU16 => "int".into(),
        FieldType::StrList | FieldType::Versions => "List<String>".into(),
        FieldType::Enum(e) => java_type(e).into(),
        FieldType::EnumList(e) => format!("List<{}>", java_type(e)),
    }
}

/// The accessors of one field.
fn accessors(out: &mut String, f: &Field) {
    let n = java_name(f);
    let doc = javadoc(&f.doc);
    let lang = [
        "@param lang the language ({@code null}: English); Chinese falls back to English where none is published"
            .to_string(),
        "@return the text".to_string(),
    ];
    let mut method = |doc: &str, tags: &[String], signature: String, body: String| {
        comment(out, "    ", doc, tags);
        writeln!(
            out,
            "    public {signature} {{\n        return {body};\n    }}\n"
        )
        .unwrap();
    };
    match &f.ty {
        FieldType::Text => {
            method(
                &format!("{doc} In English."),
                &[],
                format!("String {n}()"),
                format!("{n}.en()"),
            );
            method(
                &doc,
                &lang,
                format!("String {n}(Lang lang)"),
                format!("{n}.get(lang)"),
            );
            method(
                &format!("{doc} In both languages."),
                &[],
                format!("Text {n}Text()"),
                n,
            );
        }
        FieldType::OptText => {
            method(
                &doc,
                &[],
                format!("Optional<Text> {n}()"),
                format!("Optional.ofNullable({n})"),
            );
            let body =
                format!("{n} == null ? Optional.<String>empty() : Optional.of({n}.get(lang))");
            method(
                &doc,
                &lang,
                format!("Optional<String> {n}(Lang lang)"),
                body,
            );
        }
        FieldType::OptStr => method(
            &doc,
            &[],
            format!("Optional<String> {n}()"),
            format!("Optional.ofNullable({n})"),
        ),
        FieldType::OptU16 => {
            let body = format!("{n} < 0 ? OptionalInt.empty() : OptionalInt.of({n})");
            method(&doc, &[], format!("OptionalInt {n}()"), body)
        }
        _ => method(&doc, &[], format!("{} {n}()", storage(f)), n.clone()),
    }
}

fn record(r: &Record) -> String {
    let mut out = header("//");
    out.push_str(
        "package io.errcat;\n\nimport java.util.List;\nimport java.util.Optional;\nimport java.util.OptionalInt;\n\n",
    );
    let doc = format!(
        "{}\n\n<p>Immutable. There is one object per entry, built with the package ({{@code EntryData}}): the same \
         entry is always the same instance.",
        javadoc(&r.doc)
    );
    comment(&mut out, "", &doc, &[]);
    writeln!(
        out,
        "public final class {} implements Entry {{\n    private final int id;",
        r.name
    )
    .unwrap();
    for f in &r.fields {
        writeln!(out, "    private final {} {};", storage(f), java_name(f)).unwrap();
    }
    let params: Vec<String> = r
        .fields
        .iter()
        .map(|f| format!("{} {}", storage(f), java_name(f)))
        .collect();
    // The parameters, wrapped at 116 columns with continuation lines indented twice.
    let mut signature = format!("    {}(int id,", r.name);
    for (i, p) in params.iter().enumerate() {
        let end = if i + 1 == params.len() { ") {" } else { "," };
        if signature.rsplit('\n').next().unwrap_or("").len() + 1 + p.len() + end.len() > 116 {
            signature.push_str("\n           ");
        }
        write!(signature, " {p}{end}").unwrap();
    }
    write!(
        out,
        "\n    /** Built by {{@code EntryData}} only. */\n{signature}\n        this.id = id;\n"
    )
    .unwrap();
    for f in &r.fields {
        let n = java_name(f);
        writeln!(out, "        this.{n} = {n};").unwrap();
    }
    writeln!(
        out,
        "    }}\n\n    @Override\n    public CodeSystem system() {{\n        return CodeSystem.{};\n    }}\n",
        screaming(r.system.name())
    )
    .unwrap();
    for f in &r.fields {
        accessors(&mut out, f);
    }
    out.push_str(record_extras(r.system));
    write!(
        out,
        "
    @Override
    public String toJson() {{
        return Native.entryJson(id);
    }}

    /** The id the native library knows the entry by. */
    int id() {{
        return id;
    }}

    @Override
    public boolean equals(Object o) {{
        return o instanceof {name} && (({name}) o).id == id;
    }}

    @Override
    public int hashCode() {{
        return id;
    }}

    /** The key and the English meaning: {{@code Arklet/PullBizError: Package pulling failed}}. */
    @Override
    public String toString() {{
        return key + \": \" + meaning();
    }}
}}
",
        name = r.name
    )
    .unwrap();
    out
}

/// A value as a Java expression.
fn value(cat: &Catalog, f: &Field, v: &Value) -> String {
    let constant = |e: &str, i: usize| {
        format!(
            "{}.{}",
            java_type(e),
            screaming(&cat.fields.enumeration(e).values[i].0)
        )
    };
    super::jvm::value(
        cat,
        f,
        v,
        &super::jvm::Syntax {
            lit,
            list: "Lists.of",
            no_u16: "-1",
            item: &constant,
        },
    )
}

fn entry_data(cat: &Catalog) -> String {
    let mut lines = Vec::new();
    for r in &cat.fields.records {
        for row in rows(cat, r) {
            let id = lines.len();
            let values: Vec<String> = r
                .fields
                .iter()
                .zip(&row)
                .map(|(f, v)| value(cat, f, v))
                .collect();
            lines.push(format!(
                "        e[{id}] = new {}({id}, {});",
                r.name,
                values.join(", ")
            ));
        }
    }
    let versions: Vec<String> = cat.blobstore.versions.iter().map(|v| lit(v)).collect();
    let chunks: Vec<&[String]> = lines.chunks(CHUNK).collect();
    let mut out = header("//");
    write!(
        out,
        "package io.errcat;

import java.util.List;

/**
 * The catalog as data: every entry by the id the native library gives it, the CubeFS versions and the fingerprint
 * of the catalog these classes were generated from (the native library must report the same one).
 */
final class EntryData {{
    /** The fingerprint of the catalog (errcat-codegen's {{@code records::fingerprint}}). */
    static final String FINGERPRINT = {fingerprint};

    /** The CubeFS versions, oldest first. */
    static final List<String> VERSIONS = Lists.of({versions});

    /** Every entry, by entry id. */
    static final Entry[] ENTRIES = new Entry[{count}];

    static {{
",
        fingerprint = lit(&fingerprint(cat)),
        versions = versions.join(", "),
        count = lines.len(),
    )
    .unwrap();
    for i in 0..chunks.len() {
        writeln!(out, "        chunk{i}(ENTRIES);").unwrap();
    }
    out.push_str(
        "    }\n\n    private EntryData() {}\n\n    private static Text t(String en, String zh) {\n        return new Text(en, zh);\n    }\n",
    );
    for (i, chunk) in chunks.iter().enumerate() {
        writeln!(
            out,
            "\n    private static void chunk{i}(Entry[] e) {{\n{}\n    }}",
            chunk.join("\n")
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}
