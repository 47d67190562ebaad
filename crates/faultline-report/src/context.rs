//! What every section of the page reads: the records, lookups by id, the lint result.

use std::collections::{BTreeMap, HashMap};

use faultline_export::{Index, Records};
use faultline_model::Event;
use faultline_validate::LintResult;

use crate::Options;

/// The page's inputs and lookups.
pub(crate) struct Cx<'a> {
    /// The records, events by date.
    pub(crate) records: &'a Records,
    /// Sources, places and actors by id.
    pub(crate) index: Index<'a>,
    /// Events by id.
    pub(crate) events: HashMap<&'a str, &'a Event>,
    /// The lint result.
    pub(crate) lint: &'a LintResult,
    /// Title, dataset name, date.
    pub(crate) options: &'a Options,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(records: &'a Records, lint: &'a LintResult, options: &'a Options) -> Self {
        Self {
            records,
            index: records.index(),
            events: records.events.iter().map(|e| (e.id.as_str(), e)).collect(),
            lint,
            options,
        }
    }

    /// An actor's name, or the reference itself when the actor is not in the dataset.
    pub(crate) fn actor_name(&self, id: &str) -> String {
        self.index.actor_name(id)
    }

    /// The years of the events, with their counts.
    pub(crate) fn years(&self) -> BTreeMap<u16, usize> {
        let mut years = BTreeMap::new();
        for e in &self.records.events {
            *years.entry(e.date.start.year()).or_default() += 1;
        }
        years
    }
}
