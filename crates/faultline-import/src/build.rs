//! What an import accumulates: events, the registry of other records, and the report.

use faultline_model::{Actor, ActorId, ActorKind, Event};

use crate::error::RowError;
use crate::registry::Registry;
use crate::report::{Created, ImportReport};
use crate::{ImportOptions, Imported};

/// The id of the actor for figures whose party the source does not name.
pub const UNKNOWN_PARTY: &str = "Party not stated";

/// Events, records and report, built row by row.
#[derive(Debug)]
pub(crate) struct Build {
    pub(crate) registry: Registry,
    pub(crate) events: Vec<Event>,
    pub(crate) report: ImportReport,
    strict: bool,
}

impl Build {
    pub(crate) fn new(file: &str, format: &str, options: &ImportOptions) -> Self {
        Self {
            registry: Registry::default(),
            events: Vec::new(),
            report: ImportReport {
                file: file.to_owned(),
                format: format.to_owned(),
                ..ImportReport::default()
            },
            strict: options.strict,
        }
    }

    /// Records a rejected row; returns true when the import must stop (strict mode).
    pub(crate) fn reject(&mut self, error: RowError) -> bool {
        self.report.rows_rejected += 1;
        self.report.rejected.push(error);
        if self.strict {
            self.report.stopped_early = true;
        }
        self.strict
    }

    /// Records a mapped row's event.
    pub(crate) fn push(&mut self, event: Event) {
        self.report.rows_mapped += 1;
        self.events.push(event);
    }

    /// The actor that stands for a dataset's coders (ACLED, UCDP), who state its figures.
    pub(crate) fn coder(&mut self, name: &str, long_name: &str, note: &str) -> ActorId {
        self.registry.actor(name, |id| Actor {
            id,
            name: name.to_owned(),
            kind: ActorKind::Organisation,
            country: None,
            parent: None,
            names: vec![long_name.to_owned()],
            acled_name: None,
            ucdp_side: None,
            note: Some(note.to_owned()),
        })
    }

    /// The placeholder party of figures that a dataset does not break down by side.
    pub(crate) fn unknown_party(&mut self) -> ActorId {
        self.registry.actor(UNKNOWN_PARTY, |id| Actor {
            id,
            name: UNKNOWN_PARTY.to_owned(),
            kind: ActorKind::Organisation,
            country: None,
            parent: None,
            names: Vec::new(),
            acled_name: None,
            ucdp_side: None,
            note: Some(
                "placeholder party for casualty figures the source does not attribute to a side \
                 (ACLED's fatalities, UCDP's deaths_unknown)"
                    .to_owned(),
            ),
        })
    }

    pub(crate) fn finish(mut self) -> Imported {
        let registry = self.registry;
        self.report.created = Created {
            events: self.events.len(),
            sources: registry.sources.len(),
            places: registry.places.len(),
            actors: registry.actors.len(),
        };
        Imported {
            events: self.events,
            sources: registry.sources,
            places: registry.places,
            actors: registry.actors,
            report: self.report,
        }
    }
}

/// Splits a `;`-separated list, trimming and dropping empty items.
pub(crate) fn split_list(text: Option<&str>) -> Vec<&str> {
    text.map(|t| {
        t.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "NA")
            .collect()
    })
    .unwrap_or_default()
}
