//! Lookup tables built once per run, so that cross-record rules never compare all pairs.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use faultline_dataset::{Dataset, Loaded};
use faultline_model::{Actor, Place, Source};

use crate::rules::refs::Target;

/// The registries' records by id, and places by every name variant. Built once per run and
/// shared by every batch (events are compared in the finish phase, from the run summary).
pub(crate) struct Index<'a> {
    pub(crate) sources: HashMap<&'a str, Vec<&'a Loaded<Source>>>,
    pub(crate) places: HashMap<&'a str, Vec<&'a Loaded<Place>>>,
    pub(crate) actors: HashMap<&'a str, Vec<&'a Loaded<Actor>>>,
    /// Lower-cased name variant → the places that carry it (each once).
    pub(crate) place_names: HashMap<String, Vec<&'a Loaded<Place>>>,
    /// The ids of the sources, places and actors, each list sorted (for did-you-mean),
    /// built on first need and shared by every batch (owned: a borrowed list in a
    /// `OnceLock` would pin the index's lifetime).
    sorted: [OnceLock<Vec<Box<str>>>; 3],
}

fn by_id<'a, T>(
    records: &'a [Loaded<T>],
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, Vec<&'a Loaded<T>>> {
    let mut map: HashMap<&str, Vec<&Loaded<T>>> =
        HashMap::with_capacity_and_hasher(records.len(), Default::default());
    for r in records {
        map.entry(id(&r.record)).or_default().push(r);
    }
    map
}

impl<'a> Index<'a> {
    pub(crate) fn build(dataset: &'a Dataset) -> Self {
        let mut place_names: HashMap<String, Vec<&Loaded<Place>>> = HashMap::default();
        for p in &dataset.places {
            for name in p.record.all_names() {
                let list = place_names.entry(name.trim().to_lowercase()).or_default();
                if !list.iter().any(|q| std::ptr::eq(*q, p)) {
                    list.push(p);
                }
            }
        }
        Self {
            sources: by_id(&dataset.sources, |s| s.id.as_str()),
            places: by_id(&dataset.places, |p| p.id.as_str()),
            actors: by_id(&dataset.actors, |a| a.id.as_str()),
            place_names,
            sorted: Default::default(),
        }
    }

    /// The ids of every record of kind `target`, sorted (none for events, which the index
    /// does not hold).
    pub(crate) fn sorted_ids(&self, target: Target) -> &[Box<str>] {
        let slot = match target {
            Target::Event => return &[],
            Target::Source => 0,
            Target::Place => 1,
            Target::Actor => 2,
        };
        self.sorted[slot].get_or_init(|| {
            let mut ids: Vec<Box<str>> = match target {
                Target::Source => self.sources.keys().map(|&k| k.into()).collect(),
                Target::Place => self.places.keys().map(|&k| k.into()).collect(),
                Target::Actor | Target::Event => self.actors.keys().map(|&k| k.into()).collect(),
            };
            ids.sort_unstable();
            ids
        })
    }

    pub(crate) fn source(&self, id: &str) -> Option<&'a Loaded<Source>> {
        self.sources.get(id).and_then(|v| v.first().copied())
    }

    pub(crate) fn actor(&self, id: &str) -> Option<&'a Loaded<Actor>> {
        self.actors.get(id).and_then(|v| v.first().copied())
    }

    pub(crate) fn has_place(&self, id: &str) -> bool {
        self.places.contains_key(id)
    }
}
