//! One pass of the rules over one dataset: the registries alone, or the registries with a
//! batch of events. A pass keeps only the findings in its own files, suppresses those its
//! suppression comments cover, and leaves the suppressions still unused for the finish phase.

use faultline_dataset::{Dataset, SourceFile};

use crate::config::Config;
use crate::context::{Context, Shared};
use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::registry::RULES;
use crate::suppress::{Allow, Suppressions, suppress};

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

/// What a pass found.
pub(crate) struct PassOutput {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The rules named in the pass's suppression comments that suppressed nothing (yet: a
    /// finish-phase finding may still need them).
    pub(crate) allows: Vec<Allow>,
}

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
    let mut allows = shared.suppressions.allows(dataset);
    let diagnostics = suppress(&mut allows, diagnostics);
    allows.retain(|a| !a.used);
    PassOutput {
        diagnostics,
        allows,
    }
}
