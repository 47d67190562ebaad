//! Making a finding, the same way in both phases: a rule starts one with its context's
//! `report`, adds help, related locations and a fix, and records it with [`Finding::emit`].

use faultline_dataset::Span;

use crate::diagnostic::{Diagnostic, Edit, Fix, Region, Related, Severity};
use crate::rule::RuleMeta;

/// Where one rule's findings go: the rule, its severity in this run, and the findings so far.
pub(crate) struct Sink {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn new(meta: &'static RuleMeta, severity: Severity) -> Self {
        Self {
            meta,
            severity,
            out: Vec::new(),
        }
    }
}

/// What a finding needs from the context a rule runs in (the record phase's
/// [`Context`](crate::context::Context), the finish phase's
/// [`FinishCx`](crate::engine::FinishCx)): a way to find a value of a record, and a sink.
pub(crate) trait Reporter {
    /// How a rule names a record in this context.
    type At<'o>;

    /// The region of the value at `pointer` within the record `at` (or, when the value is
    /// absent, of the table it belongs in).
    fn region(&mut self, at: Self::At<'_>, pointer: &str) -> Region;

    /// Where the findings go.
    fn sink(&mut self) -> &mut Sink;
}

/// A finding being built; [`Finding::emit`] records it.
#[must_use = "a finding is recorded only by `.emit()`"]
pub(crate) struct Finding<'c, C: Reporter> {
    pub(crate) cx: &'c mut C,
    pub(crate) region: Region,
    /// The span of the key, when the region is a value with a key.
    pub(crate) key: Option<Span>,
    /// Lines where a suppression may stand besides the finding's own line (those of the
    /// tables that enclose the value).
    anchors: Vec<usize>,
    message: String,
    help: Option<String>,
    related: Vec<Related>,
    fix: Option<Fix>,
}

impl<'c, C: Reporter> Finding<'c, C> {
    /// Starts a finding at `region`; `anchors` are the lines where a suppression of it may
    /// stand besides the region's own line.
    pub(crate) fn new(
        cx: &'c mut C,
        region: Region,
        key: Option<Span>,
        anchors: Vec<usize>,
        message: String,
    ) -> Self {
        Self {
            cx,
            region,
            key,
            anchors,
            message,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Adds help: how to fix the finding.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location: the value at `pointer` in the record `at`.
    pub(crate) fn related(
        mut self,
        at: C::At<'_>,
        pointer: &str,
        message: impl Into<String>,
    ) -> Self {
        let region = self.cx.region(at, pointer);
        self.related.push(Related {
            region,
            message: message.into(),
        });
        self
    }

    /// Offers a safe fix: replace the reported span with `replacement`.
    pub(crate) fn fix_replace(mut self, title: impl Into<String>, replacement: String) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits: vec![Edit {
                path: self.region.path.clone(),
                file_id: self.region.file_id,
                span: self.region.span,
                replacement,
            }],
        });
        self
    }

    /// Records the finding.
    pub(crate) fn emit(self) {
        let Self {
            cx,
            region,
            mut anchors,
            message,
            help,
            related,
            fix,
            ..
        } = self;
        anchors.push(region.line);
        let sink = cx.sink();
        sink.out.push(Diagnostic {
            rule: sink.meta.name,
            severity: sink.severity,
            message,
            region,
            help,
            related,
            fix,
            anchor_lines: anchors,
        });
    }
}
