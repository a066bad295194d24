//! `errcat audit`: analyse blobstore audit logs. STUB until the "Audit-log analyser" issue lands.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `errcat audit`.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// CubeFS version whose catalog explains the codes (default: newest)
    #[arg(long)]
    pub version: Option<String>,
    /// Files, directories or `-` for stdin
    pub paths: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(args: &AuditArgs) -> ExitCode {
    let _ = args;
    ExitCode::SUCCESS
}
