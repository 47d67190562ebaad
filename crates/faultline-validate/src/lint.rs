//! The result of a lint run, and the entry point for a dataset held in memory (the engine
//! in `engine/` does the work).

use faultline_dataset::Dataset;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Counts for the end of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings at severity error.
    pub errors: usize,
    /// Findings at severity warning.
    pub warnings: usize,
    /// Findings at severity info.
    pub infos: usize,
    /// Files read.
    pub files: usize,
    /// Events loaded.
    pub events: usize,
}

impl Summary {
    /// The summary of `diagnostics` found in `files` files holding `events` events.
    pub fn of(diagnostics: &[Diagnostic], files: usize, events: usize) -> Self {
        let mut summary = Summary {
            files,
            events,
            ..Summary::default()
        };
        for d in diagnostics {
            match d.severity {
                crate::diagnostic::Severity::Error => summary.errors += 1,
                crate::diagnostic::Severity::Warning => summary.warnings += 1,
                crate::diagnostic::Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

/// The outcome of a lint run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintResult {
    /// Every finding, sorted by file, line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The counts.
    pub summary: Summary,
    /// Every file that holds events, with the number of events loaded from it.
    pub event_files: Vec<(std::path::PathBuf, usize)>,
}

impl LintResult {
    /// Whether the run found errors (or, with `deny_warnings`, warnings).
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.summary.errors > 0 || (deny_warnings && self.summary.warnings > 0)
    }
}

/// Lints a dataset held in memory. The findings' file ids refer to `dataset`.
pub fn lint(dataset: &Dataset, config: &Config) -> LintResult {
    crate::engine::lint_in_memory(dataset, config)
}
