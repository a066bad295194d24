//! The rule validator rejects each kind of broken `koupleless-wire.toml` with a message naming the file and the rule.

use std::path::Path;

fn catalog_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog")
}

#[test]
fn the_committed_rule_file_is_valid() {
    let catalog = errcat_codegen::load(&catalog_dir()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(catalog.wire.rules.len() > 40);
}
