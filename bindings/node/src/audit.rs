//! `analyzeAudit`: the audit-log analysis runs on libuv's thread pool (a napi `AsyncTask`), never on the main
//! thread; the promise settles with the report or an `ERRCAT_*` error.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use errcat_audit::{analyze, AuditOptions as CoreOptions};
use napi::bindgen_prelude::*;
use napi::{Env, Task};
use napi_derive::napi;

use crate::args::{field, opt_number, options, string_field, strings};
use crate::guard::{check, guard, panicked, to_js};
use crate::ops::version;

/// The analysis of audit logs: every field of the core's JSON report (`Report::to_json`), plus these counters.
#[napi(object)]
pub struct AuditReport {
    /// The core's JSON report; the JavaScript half spreads it into the report object and drops this field.
    #[napi(skip_typescript)]
    pub json: String,
    /// Lines read (= lines counted + malformed lines).
    pub lines: f64,
    /// Malformed lines.
    pub malformed: f64,
}

/// The analysis to run off the main thread.
pub struct AuditTask {
    paths: Vec<PathBuf>,
    options: CoreOptions,
}

impl Task for AuditTask {
    type Output = errcat::Result<AuditReport>;
    type JsValue = AuditReport;

    fn compute(&mut self) -> Result<Self::Output> {
        let run = || {
            analyze(&self.paths, &self.options).map(|r| AuditReport {
                json: r.to_json(),
                lines: r.lines as f64,
                malformed: r.malformed as f64,
            })
        };
        Ok(catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|p| Err(panicked(p.as_ref()))))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<AuditReport> {
        output.map_err(|e| to_js(&env, &e))
    }
}

/// Analyses blobstore audit logs (files or directories) off the main thread. Resolves with the report: the
/// content of the core's JSON report plus the `lines` and `malformed` counters. Rejects with `ERRCAT_IO` when a
/// path cannot be read.
#[napi(
    ts_args_type = "paths: string[], options?: AuditOptions | null",
    ts_return_type = "Promise<AuditReport & Record<string, unknown>>"
)]
pub fn analyze_audit(
    env: Env,
    paths: Unknown,
    options_arg: Option<Unknown>,
) -> Result<AsyncTask<AuditTask>> {
    guard(&env, || {
        let paths = strings(&env, paths, "paths")?;
        let opts = options(&env, options_arg, "options")?;
        let version_name = string_field(&env, &opts, "version", "options")?;
        let level = opt_number(&env, field(&opts, "maxApiLevel")?, "options.maxApiLevel")?;
        let mut core = CoreOptions {
            version: check(&env, version(version_name))?,
            ..CoreOptions::default()
        };
        if let Some(level) = level {
            if !(level.is_finite() && level.fract() == 0.0 && level >= 0.0) {
                return Err(to_js(
                    &env,
                    &errcat::Error::new(
                        errcat::ErrorKind::InvalidArgument,
                        format!("options.maxApiLevel must be a non-negative integer, got {level}"),
                    ),
                ));
            }
            core.max_api_level = level as usize;
        }
        Ok(AsyncTask::new(AuditTask {
            paths: paths.into_iter().map(PathBuf::from).collect(),
            options: core,
        }))
    })
}
