//! The finish phase: rules that need every event at once report here, from the summary.

use faultline_dataset::{Dataset, Origin};

use crate::config::Config;
use crate::context::anchor_lines;
use crate::diagnostic::Region;
use crate::engine::relocate::Relocator;
use crate::engine::summary::Summary;
use crate::finding::{Finding, Reporter, Sink};
use crate::suppress::Allow;

/// What a rule sees in the finish phase.
pub(crate) struct FinishCx<'a> {
    /// What the run kept of every event.
    pub(crate) summary: &'a Summary,
    /// The sources, places and actors.
    pub(crate) registries: &'a Dataset,
    pub(crate) config: &'a Config,
    /// In the `Audit` phase, the rules named in suppression comments that suppressed nothing
    /// (empty in the `Finish` phase, when that is not known yet).
    pub(crate) allows: &'a [Allow],
    pub(crate) relocator: &'a mut Relocator,
    pub(crate) sink: Sink,
}

/// Where a finish-phase finding points.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At<'o> {
    /// The `i`-th event of the summary.
    Event(usize),
    /// A record of the registries.
    Record(&'o Origin),
}

impl FinishCx<'_> {
    /// Starts a finding at the value `pointer` names within the record `at`.
    pub(crate) fn report(
        &mut self,
        at: At<'_>,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let region = self.region(at, pointer);
        let anchors = match at {
            At::Event(i) => {
                let loc = &self.summary.events[i].loc;
                self.relocator
                    .anchor_lines(&self.summary.files, loc, pointer)
            }
            At::Record(origin) => anchor_lines(self.registries, origin, pointer),
        };
        Finding::new(self, region, None, anchors, message.into())
    }

    /// Starts a finding at `region`.
    pub(crate) fn report_region(
        &mut self,
        region: Region,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        Finding::new(self, region, None, Vec::new(), message.into())
    }
}

impl Reporter for FinishCx<'_> {
    type At<'o> = At<'o>;

    fn region(&mut self, at: At<'_>, pointer: &str) -> Region {
        match at {
            At::Event(i) => {
                let loc = &self.summary.events[i].loc;
                self.relocator.region(&self.summary.files, loc, pointer)
            }
            At::Record(origin) => {
                let loc = self.registries.locate(origin, pointer);
                Region::new(self.registries.file(loc.file), Some(loc.file), loc.span)
            }
        }
    }

    fn sink(&mut self) -> &mut Sink {
        &mut self.sink
    }
}
