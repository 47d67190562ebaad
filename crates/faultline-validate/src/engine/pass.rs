//! One pass of the rules over one dataset: the registries alone, or the registries with a
//! batch of events. A pass keeps only the findings in its own files, locates them (each
//! record read once), suppresses those its suppression comments cover, and leaves the
//! suppressions still unused for the finish phase.

use faultline_dataset::{Dataset, Origin, SourceFile};

use crate::config::Config;
use crate::context::{Context, Shared};
use crate::finding::{Collector, Loc};
use crate::found::{FileTable, Located};
use crate::index::Index;
use crate::locate::{DatasetRecords, resolve};
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
    /// The findings, their files in the table given to [`run`].
    pub(crate) found: Vec<Located>,
    /// The rules named in the pass's suppression comments that suppressed nothing (yet: a
    /// finish-phase finding may still need them).
    pub(crate) allows: Vec<Allow>,
}

/// Runs every enabled rule over `dataset`, looking the registries' records up in `index`,
/// and keeps the findings in the files of `scope`, located, their files added to `files`.
pub(crate) fn run(
    dataset: &Dataset,
    index: &Index<'_>,
    config: &Config,
    scope: Scope,
    files: &mut FileTable,
) -> PassOutput {
    let shared = Shared {
        dataset,
        config,
        index,
        suppressions: Suppressions::scan(dataset, |f| scope.owns(f)),
    };
    let mut collector: Collector<Origin> = Collector::default();
    for rule in RULES {
        if let Some(severity) = config.severity(rule.meta()) {
            let mut cx = Context::new(&shared, &mut collector, rule.meta(), severity);
            rule.check(&mut cx);
        }
    }
    // Only the findings in the pass's own files are located.
    let records = &collector.records;
    let owned = |loc: &Loc| match loc {
        Loc::Value { record, .. } => scope.owns(dataset.file(records[*record as usize].file)),
        Loc::Span { file, .. } => scope.owns(dataset.file(*file)),
        Loc::Path(_) | Loc::Region(_) => scope == Scope::Registries,
    };
    let keep: Vec<bool> = collector.found.iter().map(|f| owned(&f.at)).collect();
    let mut keep = keep.into_iter();
    collector.found.retain(|_| keep.next().unwrap_or(false));
    let found = resolve(collector, &mut DatasetRecords { dataset }, files);
    let mut allows = shared.suppressions.allows(dataset);
    let found = suppress(&mut allows, found, files);
    allows.retain(|a| !a.used);
    PassOutput { found, allows }
}
