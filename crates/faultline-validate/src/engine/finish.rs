//! The finish phase: rules that need every event at once report here, from the summary.

use faultline_dataset::{Dataset, Origin};

use crate::context::anchor_lines;
use crate::diagnostic::{Diagnostic, Region, Related, Severity};
use crate::engine::relocate::Relocator;
use crate::engine::summary::Summary;
use crate::rule::RuleMeta;

/// What a rule sees in the finish phase.
pub struct FinishCx<'a> {
    pub(crate) summary: &'a Summary,
    pub(crate) registries: &'a Dataset,
    pub(crate) relocator: &'a mut Relocator,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: Vec<Diagnostic>,
}

/// Where a finish-phase finding points.
pub(crate) enum At<'o> {
    /// The `i`-th event of the summary.
    Event(usize),
    /// A record of the registries.
    Record(&'o Origin),
}

impl<'a> FinishCx<'a> {
    fn resolve(&mut self, at: &At<'_>, pointer: &str) -> (Region, Vec<usize>) {
        match at {
            At::Event(i) => {
                let loc = &self.summary.events[*i].loc;
                self.relocator.locate(&self.summary.files, loc, pointer)
            }
            At::Record(origin) => {
                let loc = self.registries.locate(origin, pointer);
                let region = Region::new(self.registries.file(loc.file), Some(loc.file), loc.span);
                let mut anchors = anchor_lines(self.registries, origin, pointer);
                anchors.push(region.line);
                (region, anchors)
            }
        }
    }

    /// Starts a finding.
    pub(crate) fn report(
        &mut self,
        at: At<'_>,
        pointer: &str,
        message: impl Into<String>,
    ) -> FinishFinding<'_, 'a> {
        let (region, anchors) = self.resolve(&at, pointer);
        FinishFinding {
            cx: self,
            region,
            anchors,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }
}

/// A finish-phase finding being built.
#[must_use = "a finding is recorded only by `.emit()`"]
pub(crate) struct FinishFinding<'c, 'a> {
    cx: &'c mut FinishCx<'a>,
    region: Region,
    anchors: Vec<usize>,
    message: String,
    help: Option<String>,
    related: Vec<Related>,
}

impl FinishFinding<'_, '_> {
    /// Adds help.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location.
    pub(crate) fn related(mut self, at: At<'_>, pointer: &str, message: impl Into<String>) -> Self {
        let (region, _) = self.cx.resolve(&at, pointer);
        self.related.push(Related {
            region,
            message: message.into(),
        });
        self
    }

    /// Records the finding.
    pub(crate) fn emit(self) {
        let d = Diagnostic {
            rule: self.cx.meta.name,
            severity: self.cx.severity,
            message: self.message,
            region: self.region,
            help: self.help,
            related: self.related,
            fix: None,
            anchor_lines: self.anchors,
        };
        self.cx.out.push(d);
    }
}
