//! One pass of the rules over one dataset: the registries alone, or the registries with a
//! batch of events. A pass keeps only the findings in its own files and leaves the
//! suppressions that only the finish phase can use for later.

use faultline_dataset::{Dataset, SourceFile};

use crate::config::Config;
use crate::context::{Context, Shared};
use crate::diagnostic::{Diagnostic, Region};
use crate::index::Index;
use crate::registry::{RULES, meta};
use crate::rule::Phase;
use crate::rules::suppressions::unused_suppression::UnusedSuppression;
use crate::suppress::Suppressions;

/// Which files a pass is responsible for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Sources, places, actors, stray files, and paths that could not be read at all.
    Registries,
    /// The event files (TOML, JSON, JSON Lines) of a batch.
    Events,
}

impl Scope {
    fn owns(self, file: &SourceFile) -> bool {
        file.holds_events() == (self == Scope::Events)
    }
}

/// A suppression whose rule also reports in the finish phase and that the pass did not use:
/// the finish phase may still need it.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub(crate) path: std::path::PathBuf,
    pub(crate) target_line: usize,
    pub(crate) rule: &'static str,
    /// Where the rule's name stands in the comment.
    pub(crate) region: Region,
    pub(crate) used: bool,
}

/// What a pass found.
pub(crate) struct PassOutput {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) pending: Vec<Pending>,
}

/// The message of an `unused-suppression` finding.
pub(crate) fn unused_message(rule: &str) -> String {
    format!("this suppression of `{rule}` suppresses nothing")
}

/// The help of an `unused-suppression` finding.
pub(crate) const UNUSED_HELP: &str =
    "remove it, or move it to the line of the finding or the line above it";

/// Runs every enabled rule over `dataset`, looking the registries' records up in `index`,
/// and keeps the findings in the files of `scope`.
pub(crate) fn run(
    dataset: &Dataset,
    index: &Index<'_>,
    config: &Config,
    scope: Scope,
) -> PassOutput {
    let shared = Shared {
        dataset,
        config,
        index,
        suppressions: Suppressions::scan(dataset, |f| scope.owns(f)),
    };
    let mut diagnostics = Vec::new();
    for rule in RULES {
        if let Some(severity) = config.severity(rule.meta()) {
            let mut cx = Context::new(&shared, rule.meta(), severity);
            rule.check(&mut cx);
            diagnostics.extend(cx.finish());
        }
    }
    diagnostics.retain(|d| match d.region.file_id {
        Some(id) => scope.owns(dataset.file(id)),
        None => scope == Scope::Registries,
    });
    let (mut diagnostics, used) = shared.suppressions.apply(diagnostics);
    let mut pending = Vec::new();
    let mut cx = Context::new(
        &shared,
        &UnusedSuppression::META,
        config
            .severity(&UnusedSuppression::META)
            .unwrap_or(UnusedSuppression::META.default_severity),
    );
    for (s, used) in shared.suppressions.list.iter().zip(used) {
        // A file that did not load produced no findings to suppress: its suppressions are
        // not "unused", the file's load error is the finding.
        if dataset.errors.iter().any(|e| e.file == Some(s.file)) {
            continue;
        }
        for ((rule, span), used) in s.rules.iter().zip(used) {
            let Some(meta) = meta(rule) else { continue };
            if used || config.severity(meta).is_none() {
                continue;
            }
            if meta.phase == Phase::Finish {
                pending.push(Pending {
                    path: dataset.file(s.file).path.clone(),
                    target_line: s.target_line,
                    rule,
                    region: Region::new(dataset.file(s.file), Some(s.file), *span),
                    used: false,
                });
            } else if config.severity(&UnusedSuppression::META).is_some() {
                cx.report_span(s.file, *span, unused_message(rule))
                    .help(UNUSED_HELP)
                    .emit();
            }
        }
    }
    diagnostics.extend(cx.finish());
    PassOutput {
        diagnostics,
        pending,
    }
}
