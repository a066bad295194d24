//! `errcat-codegen write|check [--root DIR]`: writes the committed generated files of every binding and host
//! package from `catalog/`, or checks that they are current (exit 1 naming each stale file). `make generate`
//! writes them; the tests check them.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = match args.iter().position(|a| a == "--root") {
        Some(i) => PathBuf::from(args.get(i + 1).cloned().unwrap_or_default()),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."),
    };
    let mode = args.first().map(String::as_str).unwrap_or("");
    if !matches!(mode, "write" | "check") {
        eprintln!("usage: errcat-codegen write|check [--root DIR]");
        return ExitCode::from(2);
    }
    let catalog = match errcat_codegen::load(&root.join("catalog")) {
        Ok(c) => c,
        Err(problems) => {
            for p in problems {
                eprintln!("error: {p}");
            }
            return ExitCode::FAILURE;
        }
    };
    let mut stale = 0;
    for file in errcat_codegen::generated_files(&catalog) {
        let path = root.join(&*file.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == file.content {
            continue;
        }
        if mode == "write" {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("create the directory of a generated file");
            }
            std::fs::write(&path, &file.content).expect("write a generated file");
            println!("wrote {}", file.path);
        } else {
            eprintln!("stale: {} (run `make generate`)", file.path);
            stale += 1;
        }
    }
    if stale > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
