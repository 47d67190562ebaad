//! The records an import builds besides events — actors, places, sources — deduplicated, with
//! unique, valid ids.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use faultline_model::id::{MAX_ID_LEN, check_slug, slugify};
use faultline_model::{Actor, ActorId, Place, PlaceId, Source, SourceId};

/// A set of ids in use, handing out unique slugs.
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// A unique valid slug built from `text` (or `fallback` when `text` has no ASCII letter or
    /// digit): `text`, then `text-2`, `text-3`...
    pub(crate) fn unique(&mut self, text: &str, fallback: &str) -> String {
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
        let mut candidate = base.clone();
        let mut n = 1u64;
        while self.used.contains(&candidate) || check_slug(&candidate).is_err() {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }

    /// Marks an id as used; returns false when it already was.
    pub(crate) fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }
}

/// The place key used for deduplication: name, coordinates and country.
type PlaceKey = (String, u64, u64, String);

/// Actors, places and sources built during an import.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) events: IdSet,
    actor_ids: IdSet,
    place_ids: IdSet,
    source_ids: IdSet,
    actors_by_name: HashMap<String, usize>,
    places_by_key: HashMap<PlaceKey, usize>,
    sources_by_key: HashMap<String, usize>,
    pub(crate) actors: Vec<Actor>,
    pub(crate) places: Vec<Place>,
    pub(crate) sources: Vec<Source>,
    /// Keep only the ids of sources, not the records (events stream to JSON Lines, which
    /// holds no sources; a source per ACLED row would otherwise fill memory).
    pub(crate) source_ids_only: bool,
    source_ids_by_key: HashMap<String, SourceId>,
}

fn id_of<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    // Ids come from `IdSet::unique`, which only returns valid slugs.
    r.expect("IdSet::unique returns valid slugs")
}

impl Registry {
    /// An empty registry; with `source_ids_only`, sources are kept as ids, not records.
    pub(crate) fn new(source_ids_only: bool) -> Self {
        Self {
            source_ids_only,
            ..Self::default()
        }
    }

    /// How many sources were made (kept as records or as ids only).
    pub(crate) fn source_count(&self) -> usize {
        self.sources.len() + self.source_ids_by_key.len()
    }

    /// The actor named `name` (case-sensitive, trimmed), created by `make` on first use.
    pub(crate) fn actor(&mut self, name: &str, make: impl FnOnce(ActorId) -> Actor) -> ActorId {
        let key = name.trim().to_owned();
        if let Some(&i) = self.actors_by_name.get(&key) {
            return self.actors[i].id.clone();
        }
        let id = id_of(ActorId::new(self.actor_ids.unique(&key, "actor")));
        self.actors.push(make(id.clone()));
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
        let key = (
            name.trim().to_owned(),
            lat.to_bits(),
            lon.to_bits(),
            country.to_owned(),
        );
        if let Some(&i) = self.places_by_key.get(&key) {
            return self.places[i].id.clone();
        }
        let id = id_of(PlaceId::new(self.place_ids.unique(name, "place")));
        self.places.push(make(id.clone()));
        self.places_by_key.insert(key, self.places.len() - 1);
        id
    }

    /// The source with this deduplication key, created by `make` with an id built from `slug`.
    pub(crate) fn source(
        &mut self,
        key: &str,
        slug: &str,
        make: impl FnOnce(SourceId) -> Source,
    ) -> SourceId {
        if self.source_ids_only {
            if let Some(id) = self.source_ids_by_key.get(key) {
                return id.clone();
            }
            let id = id_of(SourceId::new(self.source_ids.unique(slug, "source")));
            self.source_ids_by_key.insert(key.to_owned(), id.clone());
            return id;
        }
        if let Some(&i) = self.sources_by_key.get(key) {
            return self.sources[i].id.clone();
        }
        let id = id_of(SourceId::new(self.source_ids.unique(slug, "source")));
        self.sources.push(make(id.clone()));
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
