//! What an import accumulates: events, the registry of other records, and the report.

use faultline_formats::parties;
use faultline_model::{Actor, ActorId, ActorKind, Date, Event, Source, SourceId, SourceKind};

use crate::error::{ImportError, RowError};
use crate::registry::Registry;
use crate::report::{Created, ImportReport};
use crate::{ImportOptions, Imported};

/// The id of the actor for figures whose party the source does not name.
pub const UNKNOWN_PARTY: &str = "Party not stated";

/// Where mapped events go: kept in memory, or handed to a sink as they are made (so that a
/// file of a million rows never has to be held at once).
pub type EventSink<'s> = &'s mut dyn FnMut(Event) -> std::io::Result<()>;

/// Events, records and report, built row by row.
pub(crate) struct Build<'s> {
    pub(crate) registry: Registry,
    pub(crate) filter: crate::filter::Filter,
    pub(crate) events: Vec<Event>,
    pub(crate) report: ImportReport,
    strict: bool,
    sink: Option<EventSink<'s>>,
    /// The source of each outlet or body named so far, with the party it speaks for
    /// ([`Build::named_source_of`]).
    named: rustc_hash::FxHashMap<String, (SourceId, Option<ActorId>)>,
    sent: usize,
    sink_error: Option<std::io::Error>,
    /// The source every event of the file cites: the dataset export itself (ACLED, UCDP),
    /// written once the rows are mapped; `None` for JSON Lines.
    dataset: Option<DatasetSource>,
}

/// The source record of the file imported, when it is a dataset's export.
struct DatasetSource {
    record: Source,
    /// The id it would have in a dataset of its own, when the dataset imported into holds a
    /// source under that id: the events cite that one instead when the two are identical.
    base: Option<SourceId>,
    /// The latest date a row gave for its last update (ACLED's `timestamp`).
    updated: Option<Date>,
}

impl<'s> Build<'s> {
    pub(crate) fn new(
        file: &str,
        format: &str,
        options: &ImportOptions,
        sink: Option<EventSink<'s>>,
    ) -> Self {
        Self {
            registry: Registry::new().into(options.into.clone()),
            filter: options.filter.clone(),
            sink,
            named: rustc_hash::FxHashMap::default(),
            sent: 0,
            sink_error: None,
            dataset: None,
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

    /// Records a mapped row's event: keeps it, or hands it to the sink.
    pub(crate) fn push(&mut self, event: Event) {
        self.report.rows_mapped += 1;
        match &mut self.sink {
            Some(sink) if self.sink_error.is_none() => match sink(event) {
                Ok(()) => self.sent += 1,
                Err(e) => self.sink_error = Some(e),
            },
            Some(_) => {}
            None => self.events.push(event),
        }
    }

    /// The source record of the file itself, a dataset's export that every event cites
    /// (ACLED's, UCDP's), made by `make` with an id built from `slug`. Called once, before the
    /// rows; the record is kept among the sources only when some row is mapped. Imported
    /// into a dataset that holds the same source (the same file imported before: identical
    /// in every field, `updated` included), the events cite that one instead — unless they
    /// were already handed to a sink.
    pub(crate) fn dataset_source(
        &mut self,
        slug: &str,
        make: impl FnOnce(SourceId) -> Source,
    ) -> SourceId {
        let (record, base) = self.registry.dataset_source(slug, make);
        let id = record.id.clone();
        self.dataset = Some(DatasetSource {
            record,
            base,
            updated: None,
        });
        id
    }

    /// Records the date a row of the file gives for its last update (every row read, whether
    /// it is mapped or not): the file's source is `updated` on the latest of them.
    pub(crate) fn row_updated(&mut self, date: Date) {
        if let Some(dataset) = &mut self.dataset
            && dataset.updated.is_none_or(|d| d < date)
        {
            dataset.updated = Some(date);
        }
    }

    /// Whether the sink failed (the import should stop).
    pub(crate) fn sink_failed(&self) -> bool {
        self.sink_error.is_some()
    }

    /// The actor a source name speaks for, when it is a party's own voice by the patterns of
    /// `faultline_formats::parties` (the actor is named as the source is).
    pub(crate) fn party_of_source(&mut self, name: &str) -> Option<ActorId> {
        let party = parties::party_of_source(name)?;
        Some(self.party_actor(&party))
    }

    /// The actor of a party's own voice (`faultline_formats::parties::party_of_source`).
    fn party_actor(&mut self, party: &parties::PartySource) -> ActorId {
        self.registry.actor(&party.name, |id| Actor {
            id,
            name: party.name.clone(),
            kind: party.kind,
            country: party.country.map(|c| c.code()),
            parent: None,
            names: Vec::new(),
            acled_name: None,
            ucdp_side: None,
            note: Some(format!(
                "the body a dataset names as its source; recognised as a party's own voice by the pattern `{}` (faultline_formats::parties)",
                party.pattern
            )),
        })
    }

    /// The source record for an outlet or body a dataset names without the report itself
    /// (kind `outlet`), with the party it speaks for; deduplicated by name.
    pub(crate) fn named_source(
        &mut self,
        name: &str,
        party: Option<ActorId>,
        note: &str,
    ) -> (SourceId, Option<ActorId>) {
        let id = self
            .registry
            .source(&format!("named\u{0}{name}"), name, |id| Source {
                id,
                kind: Some(SourceKind::Outlet),
                publisher: Some(name.to_owned()),
                title: None,
                authors: Vec::new(),
                url: None,
                published: None,
                updated: None,
                accessed: None,
                language: None,
                party: party.as_ref().map(ActorId::to_ref),
                note: Some(note.to_owned()),
                cites: Vec::new(),
                archive: None,
            });
        (id, party)
    }

    /// [`Build::named_source`] for `name`, with the party it is the voice of
    /// ([`Build::party_of_source`]): both made on the name's first use, then looked up.
    pub(crate) fn named_source_of(
        &mut self,
        name: &str,
        note: &str,
    ) -> (SourceId, Option<ActorId>) {
        if let Some(found) = self.named.get(name) {
            return found.clone();
        }
        let party = self.party_of_source(name);
        let found = self.named_source(name, party, note);
        self.named.insert(name.to_owned(), found.clone());
        found
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

    /// What the import made; the sink's error instead when it failed.
    pub(crate) fn finish(mut self) -> Result<Imported, ImportError> {
        if let Some(source) = self.sink_error.take() {
            return Err(ImportError::Io {
                path: self.report.file,
                source,
            });
        }
        let mut registry = self.registry;
        let events = self.events.len() + self.sent;
        if let Some(dataset) = self.dataset.take()
            && events > 0
        {
            let mut record = dataset.record;
            record.updated = dataset.updated;
            let made = record.id.clone();
            let same = dataset.base.filter(|base| {
                self.sent == 0 && {
                    let mut theirs = record.clone();
                    theirs.id = base.clone();
                    registry.same_source(&theirs)
                }
            });
            match same {
                Some(base) => cite_instead(&mut self.events, &made, &base),
                None => registry.sources.insert(0, record),
            }
        }
        self.report.created = Created {
            events,
            sources: registry.source_count(),
            places: registry.places.len(),
            actors: registry.actors.len(),
        };
        Ok(Imported {
            events: self.events,
            sources: registry.sources,
            places: registry.places,
            actors: registry.actors,
            report: self.report,
            matched: registry.matched,
        })
    }
}

/// Makes every reference of `events` to the source `from` one to `to`.
fn cite_instead(events: &mut [Event], from: &SourceId, to: &SourceId) {
    let (from, to) = (from.to_ref(), to.to_ref());
    let swap = |r: &mut faultline_model::SourceRef| {
        if *r == from {
            *r = to.clone();
        }
    };
    for e in events {
        e.sources.iter_mut().for_each(&swap);
        e.claims
            .iter_mut()
            .filter_map(|c| c.source.as_mut())
            .for_each(&swap);
        e.casualties
            .iter_mut()
            .filter_map(|c| c.source.as_mut())
            .for_each(&swap);
    }
}

/// The slug of the source record of a dataset's export: `prefix` (`acled`, `ucdp`) and the
/// file's name without its folder and extension (`acled-hdx-armenia-2018-2020` for
/// `../acled_hdx_armenia_2018-2020.csv`), the prefix left out when the name starts with it.
/// The same file name gives the same id wherever the file lies.
pub(crate) fn dataset_slug(prefix: &str, file: &str) -> String {
    let path = std::path::Path::new(file);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = faultline_model::id::slugify(&stem);
    if slug == prefix || slug.starts_with(&format!("{prefix}-")) {
        slug
    } else {
        format!("{prefix}-{slug}")
    }
}

/// The file's name without its folder, as a dataset source's title names it.
pub(crate) fn file_name(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned())
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

/// The source and the party when every source a row cites speaks for one and the same party
/// (a row sourced only to that party's statements).
pub(crate) fn sole_party(named: &[(SourceId, Option<ActorId>)]) -> Option<(&SourceId, &ActorId)> {
    let (first_source, first_party) = named.first()?;
    let party = first_party.as_ref()?;
    named
        .iter()
        .all(|(_, p)| p.as_ref() == Some(party))
        .then_some((first_source, party))
}
