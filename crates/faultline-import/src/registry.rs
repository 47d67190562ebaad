//! The records an import builds besides events — actors, places, sources — deduplicated, with
//! unique, valid ids.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use faultline_model::id::{MAX_ID_LEN, check_slug, slugify};
use faultline_model::{Actor, ActorId, Place, PlaceId, Source, SourceId};

use crate::merge::{Existing, Matched, MatchedBy, RecordKind};

/// A set of ids in use, handing out unique slugs.
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// A unique valid slug built from `text` (or `fallback` when `text` has no ASCII letter or
    /// digit): `text`, then `text-2`, `text-3`...
    pub(crate) fn unique(&mut self, text: &str, fallback: &str) -> String {
        let base = Self::base(text, fallback);
        let mut candidate = base.clone();
        let mut n = 1u64;
        while self.used.contains(&candidate) || check_slug(&candidate).is_err() {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }

    /// The id [`IdSet::unique`] gives `text` when it is not taken yet.
    pub(crate) fn base(text: &str, fallback: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = slugify(fallback);
        }
        if base.is_empty() {
            base = "record".to_owned();
        }
        // Leave room for a suffix.
        base.truncate(MAX_ID_LEN - 8);
        while base.ends_with('-') {
            base.pop();
        }
        base
    }

    /// Marks an id as used; returns false when it already was.
    pub(crate) fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }
}

/// What tells places apart besides their coordinates: the name (trimmed) and the country.
type PlaceName = (String, String);

/// Actors, places and sources built during an import.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) events: IdSet,
    actor_ids: IdSet,
    place_ids: IdSet,
    source_ids: IdSet,
    actors_by_name: HashMap<String, usize>,
    /// Places by coordinates (bits of latitude and longitude), each with its name and
    /// country: places are deduplicated by name, coordinates and country.
    places_by_coordinates: HashMap<(u64, u64), Vec<(PlaceName, usize)>>,
    sources_by_key: HashMap<String, usize>,
    pub(crate) actors: Vec<Actor>,
    pub(crate) places: Vec<Place>,
    pub(crate) sources: Vec<Source>,
    /// The dataset imported into, when there is one: its records are matched first.
    existing: Option<Arc<Existing>>,
    /// Names (and source keys) already matched to an existing record, with its id.
    matched_ids: HashMap<String, String>,
    /// The records of the import found in the existing dataset.
    pub(crate) matched: Vec<Matched>,
}

fn id_of<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    // Ids come from `IdSet::unique`, which only returns valid slugs.
    r.expect("IdSet::unique returns valid slugs")
}

impl Registry {
    /// An empty registry.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// An empty registry for an import into `existing` (see [`crate::merge`]): its actors
    /// and places are matched before new ones are made, and new records never take its ids.
    pub(crate) fn into(mut self, existing: Option<Arc<Existing>>) -> Self {
        if let Some(existing) = &existing {
            let (actors, places, sources) = existing.ids();
            for id in actors {
                self.actor_ids.claim(id);
            }
            for id in places {
                self.place_ids.claim(id);
            }
            for id in sources {
                self.source_ids.claim(id);
            }
        }
        self.existing = existing;
        self
    }

    /// Records a match to an existing record, remembered under `key`.
    fn matched(&mut self, key: String, kind: RecordKind, imported: &str, id: &str, by: MatchedBy) {
        self.matched.push(Matched {
            kind,
            imported: imported.to_owned(),
            id: id.to_owned(),
            by,
        });
        self.matched_ids.insert(key, id.to_owned());
    }

    /// How many sources were made.
    pub(crate) fn source_count(&self) -> usize {
        self.sources.len()
    }

    /// The actor named `name` (case-sensitive, trimmed), created by `make` on first use.
    pub(crate) fn actor(&mut self, name: &str, make: impl FnOnce(ActorId) -> Actor) -> ActorId {
        if let Some(&i) = self.actors_by_name.get(name.trim()) {
            return self.actors[i].id.clone();
        }
        let key = name.trim().to_owned();
        let matched_key = format!("actor\u{0}{key}");
        if let Some(id) = self.matched_ids.get(&matched_key) {
            return id_of(ActorId::new(id.clone()));
        }
        let actor = match self.existing.clone() {
            Some(existing) => {
                let mut candidate = make(id_of(ActorId::new("candidate")));
                if let Some((id, by)) = existing.actor(&candidate) {
                    self.matched(matched_key, RecordKind::Actor, &key, id.as_str(), by);
                    return id;
                }
                candidate.id = id_of(ActorId::new(self.actor_ids.unique(&key, "actor")));
                candidate
            }
            None => make(id_of(ActorId::new(self.actor_ids.unique(&key, "actor")))),
        };
        let id = actor.id.clone();
        self.actors.push(actor);
        self.actors_by_name.insert(key, self.actors.len() - 1);
        id
    }

    /// The place with this name, coordinates and country, created by `make` on first use.
    pub(crate) fn place(
        &mut self,
        name: &str,
        lat: f64,
        lon: f64,
        country: &str,
        make: impl FnOnce(PlaceId) -> Place,
    ) -> PlaceId {
        let coordinates = (lat.to_bits(), lon.to_bits());
        let trimmed = name.trim();
        if let Some(found) = self.places_by_coordinates.get(&coordinates)
            && let Some((_, i)) = found
                .iter()
                .find(|((n, c), _)| n == trimmed && c == country)
        {
            return self.places[*i].id.clone();
        }
        let matched_key = format!("place\u{0}{trimmed}\u{0}{lat}\u{0}{lon}\u{0}{country}");
        if let Some(id) = self.matched_ids.get(&matched_key) {
            return id_of(PlaceId::new(id.clone()));
        }
        let place = match self.existing.clone() {
            Some(existing) => {
                let mut candidate = make(id_of(PlaceId::new("candidate")));
                if let Some((id, by)) = existing.place(&candidate) {
                    self.matched(matched_key, RecordKind::Place, name.trim(), id.as_str(), by);
                    return id;
                }
                candidate.id = id_of(PlaceId::new(self.place_ids.unique(name, "place")));
                candidate
            }
            None => make(id_of(PlaceId::new(self.place_ids.unique(name, "place")))),
        };
        let id = place.id.clone();
        self.places.push(place);
        self.places_by_coordinates
            .entry(coordinates)
            .or_default()
            .push((
                (trimmed.to_owned(), country.to_owned()),
                self.places.len() - 1,
            ));
        id
    }

    /// The source record of a dataset's export (one per imported file), made by `make` with
    /// an id built from `slug` that no other record has; with the id it would have in a
    /// dataset of its own when the dataset imported into holds a source under that id (the
    /// same file imported before, if the two turn out identical: [`Registry::same_source`]).
    pub(crate) fn dataset_source(
        &mut self,
        slug: &str,
        make: impl FnOnce(SourceId) -> Source,
    ) -> (Source, Option<SourceId>) {
        let base = self.existing.as_ref().and_then(|existing| {
            let base = SourceId::new(IdSet::base(slug, "source")).ok()?;
            existing.has_source(base.as_str()).then_some(base)
        });
        let id = id_of(SourceId::new(self.source_ids.unique(slug, "source")));
        (make(id), base)
    }

    /// Whether the dataset imported into holds `source`, identical in every field; recorded
    /// as a match.
    pub(crate) fn same_source(&mut self, source: &Source) -> bool {
        let same = self
            .existing
            .as_ref()
            .is_some_and(|existing| existing.identical_source(source));
        if same {
            let id = source.id.as_str();
            self.matched(
                format!("dataset\u{0}{id}"),
                RecordKind::Source,
                id,
                id,
                MatchedBy::Identical,
            );
        }
        same
    }

    /// The source with this deduplication key, created by `make` with an id built from `slug`.
    pub(crate) fn source(
        &mut self,
        key: &str,
        slug: &str,
        make: impl FnOnce(SourceId) -> Source,
    ) -> SourceId {
        if let Some(&i) = self.sources_by_key.get(key) {
            return self.sources[i].id.clone();
        }
        let matched_key = format!("source\u{0}{key}");
        if let Some(id) = self.matched_ids.get(&matched_key) {
            return id_of(SourceId::new(id.clone()));
        }
        // The id this source would have in a dataset of its own: when the dataset has an
        // identical source under it, that one is referred to.
        let existing = self.existing.clone();
        let base = existing
            .as_ref()
            .and_then(|_| SourceId::new(IdSet::base(slug, "source")).ok());
        let source = match (existing, base) {
            (Some(existing), Some(base)) => {
                let mut candidate = make(base);
                if existing.identical_source(&candidate) {
                    let id = candidate.id;
                    self.matched(
                        matched_key,
                        RecordKind::Source,
                        id.as_str(),
                        id.as_str(),
                        MatchedBy::Identical,
                    );
                    return id;
                }
                candidate.id = id_of(SourceId::new(self.source_ids.unique(slug, "source")));
                candidate
            }
            _ => make(id_of(SourceId::new(self.source_ids.unique(slug, "source")))),
        };
        let id = source.id.clone();
        self.sources.push(source);
        self.sources_by_key
            .insert(key.to_owned(), self.sources.len() - 1);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("Sev Lake", "place"), "sev-lake");
        assert_eq!(ids.unique("sev lake", "place"), "sev-lake-2");
        assert_eq!(ids.unique("Սև լիճ", "place"), "place");
        assert_eq!(ids.unique("", "place"), "place-2");
        let long = "x".repeat(300);
        let id = ids.unique(&long, "place");
        assert!(check_slug(&id).is_ok());
        assert!(check_slug(&ids.unique(&long, "place")).is_ok());
    }
}
