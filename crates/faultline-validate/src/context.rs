//! What a rule sees while it runs, and how it reports a finding.

use faultline_dataset::{Dataset, FileId, Origin, Span};

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::finding::{Collector, Finding, Loc, Pending, Reporter};
use crate::index::Index;
use crate::rule::RuleMeta;
use crate::suppress::Suppressions;

/// The state shared by every rule of one run.
pub(crate) struct Shared<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) config: &'a Config,
    pub(crate) index: &'a Index<'a>,
    pub(crate) suppressions: Suppressions,
}

/// What one rule sees: the dataset, its indexes, the configuration, and where its findings
/// go.
pub(crate) struct Context<'a> {
    pub(crate) shared: &'a Shared<'a>,
    meta: &'static RuleMeta,
    severity: Severity,
    found: &'a mut Collector<Origin>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        shared: &'a Shared<'a>,
        found: &'a mut Collector<Origin>,
        meta: &'static RuleMeta,
        severity: Severity,
    ) -> Self {
        Self {
            shared,
            meta,
            severity,
            found,
        }
    }

    pub(crate) fn dataset(&self) -> &'a Dataset {
        self.shared.dataset
    }

    pub(crate) fn index(&self) -> &'a Index<'a> {
        self.shared.index
    }

    pub(crate) fn config(&self) -> &'a Config {
        self.shared.config
    }

    /// Starts a finding at the value `pointer` names within the record at `origin` (or, when
    /// the value is absent, at the table it belongs in).
    pub(crate) fn report(
        &mut self,
        origin: &Origin,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let pointer = origin.original(pointer);
        let held_back = origin.holds_back(&pointer);
        let at = self.found.value(origin, &pointer);
        Finding::new(self, at, message.into()).hold_back(held_back)
    }

    /// Starts a finding about the field `pointer`, which the record lacks (or holds empty):
    /// at the field when it stands, else at the record's table (`[[place]]`) or, for a
    /// whole-file record, which has no header, at its `id`. Held back when the lenient pass
    /// may have dropped the field (a broken value, or a misspelt key).
    pub(crate) fn report_absent(
        &mut self,
        origin: &Origin,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let exact = self
            .dataset()
            .locate(origin, &origin.original(pointer))
            .exact;
        let held_back = origin.holds_back(&origin.original(pointer));
        let at = if exact {
            pointer
        } else {
            crate::rules::absent_field(origin)
        };
        self.report(origin, at, message).hold_back(held_back)
    }

    /// Starts a finding at a byte range of a file.
    pub(crate) fn report_span(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        Finding::new(self, Loc::Span { file, span }, message.into())
    }

    /// Starts a finding about a path that has no text to point into (a symlink loop, a
    /// folder that cannot be listed): line 1, column 1 of that path.
    pub(crate) fn report_path(
        &mut self,
        path: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        Finding::new(self, Loc::Path(path.into()), message.into())
    }
}

impl Reporter for Context<'_> {
    /// A record of the dataset being linted.
    type At<'o> = &'o Origin;

    fn value(&mut self, origin: &Origin, pointer: &str) -> Loc {
        self.found.value(origin, &origin.original(pointer))
    }

    fn rule(&self) -> (&'static RuleMeta, Severity) {
        (self.meta, self.severity)
    }

    fn record(&mut self, finding: Pending) {
        self.found.found.push(finding);
    }
}

impl Finding<'_, Context<'_>> {
    /// Adds a related location: a byte range of a file.
    pub(crate) fn related_span(
        mut self,
        file: FileId,
        span: Span,
        message: impl Into<crate::found::Text>,
    ) -> Self {
        self.pending
            .related
            .push((Loc::Span { file, span }, message.into()));
        self
    }

    /// Points at the key instead of the value (an unexpected key).
    pub(crate) fn on_key(mut self) -> Self {
        if let Loc::Value { on_key, .. } = &mut self.pending.at {
            *on_key = true;
        }
        self
    }
}
