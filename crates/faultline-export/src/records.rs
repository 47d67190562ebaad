//! The records an export reads, with lookups by id.

use std::collections::HashMap;

use faultline_dataset::Dataset;
use faultline_model::{Actor, Event, Place, Source};

/// A dataset's records, in a deterministic order: events by start date then id, the others by
/// id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// The events.
    pub events: Vec<Event>,
    /// The sources.
    pub sources: Vec<Source>,
    /// The places of the gazetteer.
    pub places: Vec<Place>,
    /// The actors.
    pub actors: Vec<Actor>,
    /// The archived copies of the sources, when an archive root was given: quotes are then
    /// anchored in them (the `annotations` export; prefix and suffix columns).
    pub archive: Option<std::sync::Arc<faultline_dataset::archive::Archive>>,
}

impl Records {
    /// Collects records and puts them in export order.
    pub fn new(
        mut events: Vec<Event>,
        mut sources: Vec<Source>,
        mut places: Vec<Place>,
        mut actors: Vec<Actor>,
    ) -> Self {
        events.sort_by(|a, b| (a.date.start, a.id.as_str()).cmp(&(b.date.start, b.id.as_str())));
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        places.sort_by(|a, b| a.id.cmp(&b.id));
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        Self {
            events,
            sources,
            places,
            actors,
            archive: None,
        }
    }

    /// The records of a loaded dataset (records that failed to load are not part of it).
    pub fn from_dataset(dataset: &Dataset) -> Self {
        Self::new(
            dataset.events.iter().map(|l| l.record.clone()).collect(),
            dataset.sources.iter().map(|l| l.record.clone()).collect(),
            dataset.places.iter().map(|l| l.record.clone()).collect(),
            dataset.actors.iter().map(|l| l.record.clone()).collect(),
        )
    }

    /// Lookups by id.
    pub fn index(&self) -> Index<'_> {
        Index {
            actors: self.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
            places: self.places.iter().map(|p| (p.id.as_str(), p)).collect(),
            sources: self.sources.iter().map(|s| (s.id.as_str(), s)).collect(),
        }
    }
}

/// Records by id.
#[derive(Debug)]
pub struct Index<'a> {
    actors: HashMap<&'a str, &'a Actor>,
    places: HashMap<&'a str, &'a Place>,
    sources: HashMap<&'a str, &'a Source>,
}

impl<'a> Index<'a> {
    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&'a Actor> {
        self.actors.get(id).copied()
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&'a Place> {
        self.places.get(id).copied()
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&'a Source> {
        self.sources.get(id).copied()
    }

    /// The actor's name, or the id itself when the actor is not in the dataset.
    pub fn actor_name(&self, id: &str) -> String {
        self.actor(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// How a source is named in flat exports: its publisher, else its title, else its id.
    pub fn source_name(&self, id: &str) -> String {
        self.source(id)
            .and_then(|s| {
                s.publisher
                    .clone()
                    .filter(|_| s.publisher_known())
                    .or_else(|| s.title.clone())
            })
            .unwrap_or_else(|| id.to_owned())
    }

    /// The event's main place: the first with role `location` (or no role), else the first
    /// that is in the gazetteer.
    pub fn main_place(&self, event: &Event) -> Option<&'a Place> {
        let located = event.places.iter().find(|p| {
            matches!(p.role, None | Some(faultline_model::PlaceRole::Location))
                && self.place(p.place.as_str()).is_some()
        });
        located
            .or_else(|| {
                event
                    .places
                    .iter()
                    .find(|p| self.place(p.place.as_str()).is_some())
            })
            .and_then(|p| self.place(p.place.as_str()))
    }
}
