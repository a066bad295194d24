//! Every committed generated file is what errcat-codegen writes from catalog/ now (`make generate` rewrites them).

use std::path::PathBuf;

#[test]
fn generated_files_have_not_drifted() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let catalog = errcat_codegen::load(&root.join("catalog")).expect("the catalog is valid");
    let stale: Vec<String> = errcat_codegen::generated_files(&catalog)
        .iter()
        .filter(|f| {
            std::fs::read_to_string(root.join(&*f.path)).ok().as_deref() != Some(f.content.as_str())
        })
        .map(|f| f.path.to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "stale generated files (run `make generate` and commit): {stale:?}"
    );
}
