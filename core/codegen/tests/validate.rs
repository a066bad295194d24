//! The catalog validator rejects each kind of broken catalog with a message naming the file and the entry.

use errcat_codegen::validate;

const KOUPLELESS: &str = r#"
[[source]]
name = "User"
[[source]]
name = "Arklet"

[[reporter]]
name = "Arklet"
heading = { en = "Arklet Error Codes", zh = "Arklet 错误码" }
sources = [{ source = "User", en = "Errors caused by the user", zh = "客户导致的错误" }]

[[entry]]
reporter = "Arklet"
business_type = { en = "Installation Related", zh = "安装相关" }
sources = ["Arklet"]
type = "PullBizError"
meaning = { en = "Package pulling failed", zh = "拉包失败" }
solution = { en = "Please retry", zh = "请重试" }
retryable = true

[[entry]]
reporter = "Arklet"
business_type = { en = "Installation Related", zh = "安装相关" }
sources = ["User"]
type = "DiskFull"
meaning = { en = "Disk full", zh = "磁盘已满" }
solution = { en = "Please replace", zh = "请替换" }
"#;

const BLOBSTORE: &str = r#"
versions = ["v1", "v2"]
[[service]]
name = "Access"
module = "ACCESS"
[[range]]
service = "Access"
first = 550
last = 599

[[code]]
code = 552
message = "access limited"
since = "v1"
until = "v1"
retry = "overload"

[[code]]
code = 429
service = "Access"
message = "access limited"
since = "v2"
retry = "overload"
"#;

fn problems(koupleless: &str, blobstore: &str) -> Vec<String> {
    match validate(
        ("catalog/koupleless.toml", koupleless),
        ("catalog/blobstore.toml", blobstore),
    ) {
        Ok(_) => Vec::new(),
        Err(list) => list,
    }
}

fn assert_rejected(koupleless: &str, blobstore: &str, expected: &str) {
    let list = problems(koupleless, blobstore);
    assert!(
        list.iter().any(|p| p == expected),
        "expected {expected:?}, got {list:#?}"
    );
}

#[test]
fn the_valid_samples_and_the_real_catalog_pass() {
    assert_eq!(problems(KOUPLELESS, BLOBSTORE), Vec::<String>::new());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog");
    let catalog = errcat_codegen::load(&dir).expect("the committed catalog is valid");
    assert_eq!(catalog.koupleless.entries.len(), 56);
    assert_eq!(catalog.blobstore.codes.len(), 133);
}

#[test]
fn rejects_a_duplicate_key() {
    let dup = format!("{KOUPLELESS}\n[[entry]]\nreporter = \"Arklet\"\nsources = [\"User\"]\ntype = \"DiskFull\"\nmeaning = {{ en = \"x\" }}\n");
    assert_rejected(
        &dup,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #3 (Arklet/DiskFull): duplicate key: Arklet DiskFull already defined by entry #2 (Arklet/DiskFull)",
    );
}

#[test]
fn rejects_an_alias_that_clashes_with_a_type() {
    let clash = KOUPLELESS.replace(
        "type = \"DiskFull\"",
        "type = \"DiskFull\"\naliases = [\"PullBizError\"]",
    );
    assert_rejected(
        &clash,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #2 (Arklet/DiskFull): duplicate key: Arklet PullBizError already defined by entry #1 (Arklet/PullBizError)",
    );
}

#[test]
fn rejects_a_type_that_is_not_pascal_case() {
    let bad = KOUPLELESS.replace("type = \"DiskFull\"", "type = \"diskFull\"");
    assert_rejected(
        &bad,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #2 (Arklet/diskFull): type \"diskFull\" is not PascalCase",
    );
}

#[test]
fn rejects_an_unknown_source() {
    let bad = KOUPLELESS.replace("sources = [\"User\"]", "sources = [\"Nobody\"]");
    assert_rejected(
        &bad,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #2 (Arklet/DiskFull): unknown source \"Nobody\" (declare it as a [[source]])",
    );
}

#[test]
fn rejects_a_missing_english_meaning() {
    let bad = KOUPLELESS.replace(
        "meaning = { en = \"Disk full\", zh = \"磁盘已满\" }",
        "meaning = { zh = \"磁盘已满\" }",
    );
    assert_rejected(
        &bad,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #2 (Arklet/DiskFull): missing English meaning",
    );
}

#[test]
fn rejects_a_retry_solution_on_an_entry_not_marked_retryable() {
    let bad = KOUPLELESS.replace("retryable = true", "retryable = false");
    assert_rejected(
        &bad,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #1 (Arklet/PullBizError): solution says retry but the entry is not retryable",
    );
}

#[test]
fn rejects_a_retryable_entry_whose_solution_does_not_say_retry() {
    let bad = KOUPLELESS.replace(
        "solution = { en = \"Please replace\", zh = \"请替换\" }",
        "solution = { en = \"Please replace\", zh = \"请替换\" }\nretryable = true",
    );
    assert_rejected(
        &bad,
        BLOBSTORE,
        "catalog/koupleless.toml: entry #2 (Arklet/DiskFull): entry is retryable but its solution does not say retry",
    );
}

#[test]
fn rejects_a_code_outside_every_range_without_a_service() {
    let bad = BLOBSTORE.replace("code = 429\nservice = \"Access\"", "code = 429");
    assert_rejected(
        KOUPLELESS,
        &bad,
        "catalog/blobstore.toml: code 429 (no const): outside every known range without an explicit service",
    );
}

#[test]
fn rejects_two_entries_valid_for_the_same_number_in_the_same_version() {
    let bad = format!("{BLOBSTORE}\n[[code]]\ncode = 552\ngo_const = \"CodeOther\"\nmessage = \"other\"\nsince = \"v1\"\nretry = \"never\"\n");
    assert_rejected(
        KOUPLELESS,
        &bad,
        "catalog/blobstore.toml: code 552 (CodeOther): also valid in v1 is code 552 (no const)",
    );
}

#[test]
fn rejects_unknown_versions_services_and_retry_classes() {
    let bad = BLOBSTORE
        .replace("until = \"v1\"", "until = \"v9\"")
        .replace(
            "retry = \"overload\"\n\n[[code]]",
            "retry = \"sometimes\"\n\n[[code]]",
        );
    let list = problems(KOUPLELESS, &bad);
    assert!(
        list.contains(
            &"catalog/blobstore.toml: code 552 (no const): unknown version \"v9\"".to_string()
        ),
        "{list:#?}"
    );
    assert!(
        list.iter().any(|p| p.starts_with(
            "catalog/blobstore.toml: code 552 (no const): unknown retry class \"sometimes\""
        )),
        "{list:#?}"
    );
}

#[test]
fn reports_toml_syntax_errors_with_the_file_name() {
    let list = problems("[[entry]\n", BLOBSTORE);
    assert_eq!(list.len(), 1);
    assert!(
        list[0].starts_with("catalog/koupleless.toml: not a valid catalog file:"),
        "{list:?}"
    );
}
