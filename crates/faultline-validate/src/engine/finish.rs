//! The finish phase: rules that need every event at once report here, from the summary.

use faultline_dataset::{Dataset, Origin};

use crate::config::Config;
use crate::diagnostic::{Region, Severity};
use crate::engine::relocate::FinishKey;
use crate::engine::summary::Summary;
use crate::finding::{Collector, Finding, Loc, Pending, Reporter};
use crate::rule::RuleMeta;
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
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) found: &'a mut Collector<FinishKey>,
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
        let held_back = match at {
            At::Event(i) => self.summary.events[i]
                .loc
                .lenient
                .as_ref()
                .is_some_and(|l| {
                    let pointer = l.original(pointer);
                    l.holds_back(&pointer)
                }),
            At::Record(origin) => origin.holds_back(&origin.original(pointer)),
        };
        let loc = self.value(at, pointer);
        Finding::new(self, loc, message.into()).hold_back(held_back)
    }

    /// Starts a finding at `region`.
    pub(crate) fn report_region(
        &mut self,
        region: Region,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        Finding::new(self, Loc::Region(Box::new(region)), message.into())
    }
}

impl Reporter for FinishCx<'_> {
    type At<'o> = At<'o>;

    fn value(&mut self, at: At<'_>, pointer: &str) -> Loc {
        let (key, pointer) = match at {
            At::Event(i) => (
                FinishKey::Event(u32::try_from(i).unwrap_or(u32::MAX)),
                match &self.summary.events[i].loc.lenient {
                    Some(l) => l.original(pointer),
                    None => pointer.into(),
                },
            ),
            At::Record(origin) => (FinishKey::Record(origin.clone()), origin.original(pointer)),
        };
        self.found.value(&key, &pointer)
    }

    fn rule(&self) -> (&'static RuleMeta, Severity) {
        (self.meta, self.severity)
    }

    fn record(&mut self, finding: Pending) {
        self.found.found.push(finding);
    }
}
