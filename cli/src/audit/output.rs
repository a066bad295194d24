//! Where a report goes: `-o FILE` (written whole, then renamed into place) or stdout. A partial is binary: it
//! is not written to a terminal.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use errcat_audit::Report;

/// The report in `format` (table, json, prom, html) as bytes.
pub fn render(report: &Report, format: &str, top: usize, entities: usize) -> Vec<u8> {
    match format {
        "json" => (report.to_json() + "\n").into_bytes(),
        "prom" => report.to_prometheus().into_bytes(),
        "html" => report.to_html().into_bytes(),
        _ => super::table::table(report, top, entities).into_bytes(),
    }
}

/// Writes `bytes` to `output` (a temporary file beside it, renamed: a reader never sees half a file), else to
/// stdout; a partial (`binary`) is refused on a terminal.
pub fn write(bytes: &[u8], output: Option<&Path>, binary: bool) -> ExitCode {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        if binary && std::io::stdout().is_terminal() {
            crate::usage_error("a partial report is binary: give -o FILE or redirect stdout");
        }
        return match std::io::stdout().lock().write_all(bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("errcat: {e}");
                ExitCode::from(1)
            }
        };
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let done = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            eprintln!(
                "errcat: {}: {e}",
                super::grid::safe(&path.display().to_string())
            );
            ExitCode::from(1)
        }
    }
}
