//! The driver: build the indexes, run every enabled rule, apply suppressions, sort.

use faultline_dataset::Dataset;
use serde::Serialize;

use crate::config::Config;
use crate::context::{Context, Shared};
use crate::diagnostic::{Diagnostic, Severity};
use crate::index::Index;
use crate::registry::RULES;
use crate::rules::suppressions::unused_suppression::UnusedSuppression;
use crate::suppress::Suppressions;

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

/// The outcome of a lint run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintResult {
    /// Every finding, sorted by file, line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The counts.
    pub summary: Summary,
}

impl LintResult {
    /// Whether the run found errors (or, with `deny_warnings`, warnings).
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.summary.errors > 0 || (deny_warnings && self.summary.warnings > 0)
    }
}

/// Lints a loaded dataset.
pub fn lint(dataset: &Dataset, config: &Config) -> LintResult {
    let shared = Shared {
        dataset,
        config,
        index: Index::build(dataset),
        suppressions: Suppressions::scan(dataset),
    };
    let mut diagnostics = Vec::new();
    for rule in RULES {
        if let Some(severity) = config.severity(rule.meta()) {
            let mut cx = Context::new(&shared, rule.meta(), severity);
            rule.check(&mut cx);
            diagnostics.extend(cx.finish());
        }
    }
    let (mut diagnostics, used) = shared.suppressions.apply(diagnostics);
    if let Some(severity) = config.severity(&UnusedSuppression::META) {
        let mut cx = Context::new(&shared, &UnusedSuppression::META, severity);
        for (s, used) in shared.suppressions.list.iter().zip(used) {
            for ((rule, span), used) in s.rules.iter().zip(used) {
                let enabled = crate::registry::meta(rule)
                    .and_then(|m| config.severity(m))
                    .is_some();
                if !used && enabled {
                    cx.report_span(
                        s.file,
                        *span,
                        format!("this suppression of `{rule}` suppresses nothing"),
                    )
                    .help("remove it, or move it to the line of the finding or the line above it")
                    .emit();
                }
            }
        }
        diagnostics.extend(cx.finish());
    }
    diagnostics.sort_by(|a, b| {
        (
            &a.region.file,
            a.region.line,
            a.region.column,
            a.rule,
            &a.message,
        )
            .cmp(&(
                &b.region.file,
                b.region.line,
                b.region.column,
                b.rule,
                &b.message,
            ))
    });
    diagnostics.dedup();
    let mut summary = Summary {
        files: dataset.files.len(),
        events: dataset.events.len(),
        ..Summary::default()
    };
    for d in &diagnostics {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    LintResult {
        diagnostics,
        summary,
    }
}
