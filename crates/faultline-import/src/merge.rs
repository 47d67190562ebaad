//! Importing into an existing dataset (`faultline import … --into DIR`).
//!
//! The records the dataset already holds are given to the import as an [`Existing`]
//! ([`ImportOptions::into`](crate::ImportOptions)). While rows are mapped, every actor and
//! place the rows name is first looked up among them — actors by external name (`acled_name`,
//! `ucdp_side`), name, name variant or id; places by name, name variant or id, in the same
//! country — and a match is referred to by the existing id; only what matches nothing becomes
//! a new record, with an id no existing record has. A source the import would make that the
//! dataset already holds, identical under the same id, is referred to as it is. Then
//! [`plan`] sets aside the events whose id the dataset already has (a re-import adds nothing)
//! and any new record only they used, and returns what to add with a typed [`MergeReport`].
//!
//! Nothing here reads or writes files: the CLI loads the dataset, and appends the new actors
//! and places to `actors.toml` and `places.toml` without touching a byte already there.

use std::collections::{HashMap, HashSet};
use std::fmt;

use faultline_model::id::slugify;
use faultline_model::{Actor, ActorId, Event, Place, PlaceId, Source};
use serde::Serialize;

use crate::Imported;

/// The records a dataset already holds, indexed for matching.
#[derive(Debug, Default)]
pub struct Existing {
    actors: Vec<Actor>,
    places: Vec<Place>,
    sources: HashMap<String, Source>,
    events: HashSet<String>,
    actor_keys: HashMap<(MatchedBy, String), usize>,
    place_keys: HashMap<(MatchedBy, String), Vec<usize>>,
}

/// How an imported record was matched to an existing one, in the order tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// The ACLED actor name equals an actor's `acled_name`.
    AcledName,
    /// The UCDP side equals an actor's `ucdp_side`.
    UcdpSide,
    /// The name equals the record's `name` (case and spacing aside).
    Name,
    /// The name (or one of its variants) equals one of the record's `names`, or a variant
    /// of the import equals the record's `name`.
    Variant,
    /// The id the import would give equals the record's id.
    Id,
    /// A source identical to one the dataset holds under the same id.
    Identical,
}

impl MatchedBy {
    /// The words used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AcledName => "acled_name",
            Self::UcdpSide => "ucdp_side",
            Self::Name => "name",
            Self::Variant => "name variant",
            Self::Id => "id",
            Self::Identical => "identical",
        }
    }
}

/// Which kind of record a [`Matched`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordKind {
    /// An actor.
    Actor,
    /// A place.
    Place,
    /// A source.
    Source,
}

/// A record of the import found in the dataset: the import refers to it by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    /// Actor, place or source.
    pub kind: RecordKind,
    /// The name the import gave (for a source, its id).
    pub imported: String,
    /// The existing record's id.
    pub id: String,
    /// How it was matched.
    pub by: MatchedBy,
}

/// Names compared as the same: trimmed, spaces collapsed, lower case.
fn norm(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether two country codes may be the same place's (`XXX` is unknown, and matches any).
fn same_country(a: &str, b: &str) -> bool {
    a == b
        || a == faultline_formats::country::UNKNOWN_COUNTRY
        || b == faultline_formats::country::UNKNOWN_COUNTRY
}

impl Existing {
    /// Indexes what a dataset holds: its actors, places and sources, and the ids of its
    /// events.
    pub fn new(
        actors: Vec<Actor>,
        places: Vec<Place>,
        sources: Vec<Source>,
        event_ids: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut actor_keys = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            let mut key = |by, text: &str| {
                actor_keys.entry((by, norm(text))).or_insert(i);
            };
            if let Some(n) = &a.acled_name {
                key(MatchedBy::AcledName, n);
            }
            if let Some(n) = &a.ucdp_side {
                key(MatchedBy::UcdpSide, n);
            }
            key(MatchedBy::Name, &a.name);
            for n in &a.names {
                key(MatchedBy::Variant, n);
            }
            key(MatchedBy::Id, a.id.as_str());
        }
        let mut place_keys: HashMap<(MatchedBy, String), Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            let mut key = |by, text: &str| {
                let v = place_keys.entry((by, norm(text))).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            };
            key(MatchedBy::Name, &p.name);
            for n in &p.names {
                key(MatchedBy::Variant, n.name());
            }
            key(MatchedBy::Id, p.id.as_str());
        }
        Self {
            sources: sources
                .into_iter()
                .map(|s| (s.id.as_str().to_owned(), s))
                .collect(),
            events: event_ids.into_iter().collect(),
            actors,
            places,
            actor_keys,
            place_keys,
        }
    }

    /// The ids of every actor, place and source (new records must take others).
    pub(crate) fn ids(&self) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
        (
            self.actors.iter().map(|a| a.id.as_str()).collect(),
            self.places.iter().map(|p| p.id.as_str()).collect(),
            self.sources.keys().map(String::as_str).collect(),
        )
    }

    /// The existing actor an imported one is, and how it was matched.
    pub(crate) fn actor(&self, candidate: &Actor) -> Option<(ActorId, MatchedBy)> {
        let find = |by: MatchedBy, text: &str| {
            self.actor_keys
                .get(&(by, norm(text)))
                .map(|&i| (self.actors[i].id.clone(), by))
        };
        let variants = || candidate.names.iter().map(String::as_str);
        candidate
            .acled_name
            .as_deref()
            .and_then(|n| find(MatchedBy::AcledName, n))
            .or_else(|| {
                candidate
                    .ucdp_side
                    .as_deref()
                    .and_then(|n| find(MatchedBy::UcdpSide, n))
            })
            .or_else(|| find(MatchedBy::Name, &candidate.name))
            .or_else(|| {
                find(MatchedBy::Variant, &candidate.name).or_else(|| {
                    variants().find_map(|v| {
                        find(MatchedBy::Name, v)
                            .or_else(|| find(MatchedBy::Variant, v))
                            .map(|(id, _)| (id, MatchedBy::Variant))
                    })
                })
            })
            .or_else(|| find(MatchedBy::Id, &slugify(&candidate.name)))
    }

    /// The existing place an imported one is (same name, variant or id, in the same country;
    /// the nearest when several are), and how it was matched.
    pub(crate) fn place(&self, candidate: &Place) -> Option<(PlaceId, MatchedBy)> {
        let find = |by: MatchedBy, text: &str| {
            let found = self.place_keys.get(&(by, norm(text)))?;
            found
                .iter()
                .map(|&i| &self.places[i])
                .filter(|p| same_country(p.country.as_str(), candidate.country.as_str()))
                .min_by(|a, b| {
                    let d = |p: &Place| {
                        (p.lat - candidate.lat).powi(2) + (p.lon - candidate.lon).powi(2)
                    };
                    d(a).total_cmp(&d(b))
                })
                .map(|p| (p.id.clone(), by))
        };
        let variant = |n: &str| {
            find(MatchedBy::Variant, n)
                .or_else(|| {
                    (n != candidate.name)
                        .then(|| find(MatchedBy::Name, n))
                        .flatten()
                })
                .map(|(id, _)| (id, MatchedBy::Variant))
        };
        find(MatchedBy::Name, &candidate.name)
            .or_else(|| candidate.all_names().find_map(variant))
            .or_else(|| find(MatchedBy::Id, &slugify(&candidate.name)))
    }

    /// Whether the dataset has a source with this id.
    pub(crate) fn has_source(&self, id: &str) -> bool {
        self.sources.contains_key(id)
    }

    /// The dataset's source with this id, when it is identical to `candidate`.
    pub(crate) fn identical_source(&self, candidate: &Source) -> bool {
        self.sources.get(candidate.id.as_str()) == Some(candidate)
    }

    /// Whether the dataset has an event with this id.
    pub fn has_event(&self, id: &str) -> bool {
        self.events.contains(id)
    }
}

/// What a merge adds to the dataset, and its report.
#[derive(Debug, Clone)]
pub struct Merge {
    /// New events (their ids are new to the dataset).
    pub events: Vec<Event>,
    /// New sources.
    pub sources: Vec<Source>,
    /// New places, to append to `places.toml`.
    pub places: Vec<Place>,
    /// New actors, to append to `actors.toml`.
    pub actors: Vec<Actor>,
    /// What matched, what is added, what was set aside.
    pub report: MergeReport,
}

/// How many records of each kind a merge adds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Added {
    /// Events.
    pub events: usize,
    /// Sources.
    pub sources: usize,
    /// Places (appended to `places.toml`).
    pub places: usize,
    /// Actors (appended to `actors.toml`).
    pub actors: usize,
}

/// What a merge did: the records matched to existing ones, the records added, and the
/// events set aside because the dataset already has their id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// The dataset merged into, as given.
    pub into: String,
    /// Records of the import that the dataset already holds, sorted by kind, then id.
    pub matched: Vec<Matched>,
    /// Records added.
    pub added: Added,
    /// Events not added because the dataset already has an event with the same id (kept as
    /// they are; a re-import adds nothing).
    pub skipped_events: Vec<String>,
    /// New records only the skipped events referred to, not added.
    pub unused_dropped: usize,
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "merge into {}", self.into)?;
        let a = &self.added;
        writeln!(
            f,
            "  added {} events, {} sources, {} places, {} actors",
            a.events, a.sources, a.places, a.actors
        )?;
        let count = |kind| self.matched.iter().filter(|m| m.kind == kind).count();
        writeln!(
            f,
            "  matched {} actors, {} places, {} sources already in the dataset",
            count(RecordKind::Actor),
            count(RecordKind::Place),
            count(RecordKind::Source)
        )?;
        const SHOWN: usize = 20;
        let named: Vec<&Matched> = self
            .matched
            .iter()
            .filter(|m| m.kind != RecordKind::Source)
            .collect();
        for m in named.iter().take(SHOWN) {
            let kind = match m.kind {
                RecordKind::Actor => "actor",
                RecordKind::Place => "place",
                RecordKind::Source => "source",
            };
            writeln!(
                f,
                "    {kind} {:?} = {} (by {})",
                m.imported,
                m.id,
                m.by.as_str()
            )?;
        }
        if named.len() > SHOWN {
            writeln!(
                f,
                "    ... and {} more (the JSON report lists them all)",
                named.len() - SHOWN
            )?;
        }
        if !self.skipped_events.is_empty() {
            writeln!(
                f,
                "  skipped {} events whose id the dataset already has{}",
                self.skipped_events.len(),
                if self.unused_dropped > 0 {
                    format!(" (and {} new records only they used)", self.unused_dropped)
                } else {
                    String::new()
                }
            )?;
            for id in self.skipped_events.iter().take(SHOWN) {
                writeln!(f, "    {id}")?;
            }
            if self.skipped_events.len() > SHOWN {
                writeln!(
                    f,
                    "    ... and {} more (the JSON report lists them all)",
                    self.skipped_events.len() - SHOWN
                )?;
            }
        }
        Ok(())
    }
}

/// Collects every string of a JSON value (a record's references are among them).
fn strings<'a>(value: &'a serde_json::Value, out: &mut HashSet<&'a str>) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s);
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// What to add to the dataset `existing` describes, from an import made with it
/// ([`ImportOptions::into`](crate::ImportOptions)); `into` names the dataset in the report.
///
/// Events whose id the dataset already has are set aside (listed in the report), and so are
/// new sources, places and actors that only they referred to. A new record is kept whenever
/// any value of a kept record equals its id, so a reference is never lost.
pub fn plan(imported: Imported, existing: &Existing, into: &str) -> Merge {
    let Imported {
        events,
        sources,
        places,
        actors,
        matched,
        ..
    } = imported;
    let (events, skipped): (Vec<Event>, Vec<Event>) = events
        .into_iter()
        .partition(|e| !existing.has_event(e.id.as_str()));
    let (sources, places, actors, dropped) = if skipped.is_empty() {
        (sources, places, actors, 0)
    } else {
        // Keep what the kept records refer to, until nothing more is found.
        let mut keep_s = vec![false; sources.len()];
        let mut keep_p = vec![false; places.len()];
        let mut keep_a = vec![false; actors.len()];
        let mut newly: Vec<serde_json::Value> = events.iter().map(as_json).collect();
        while !newly.is_empty() {
            let mut refs = HashSet::new();
            for v in &newly {
                strings(v, &mut refs);
            }
            let mut more = Vec::new();
            mark(&sources, &mut keep_s, &refs, |r| r.id.as_str(), &mut more);
            mark(&places, &mut keep_p, &refs, |r| r.id.as_str(), &mut more);
            mark(&actors, &mut keep_a, &refs, |r| r.id.as_str(), &mut more);
            newly = more;
        }
        let total = sources.len() + places.len() + actors.len();
        let (s, p, a) = (
            kept(sources, &keep_s),
            kept(places, &keep_p),
            kept(actors, &keep_a),
        );
        let dropped = total - s.len() - p.len() - a.len();
        (s, p, a, dropped)
    };
    let mut matched = matched;
    matched.sort_by(|a, b| (a.kind, &a.id, &a.imported).cmp(&(b.kind, &b.id, &b.imported)));
    let report = MergeReport {
        into: into.to_owned(),
        matched,
        added: Added {
            events: events.len(),
            sources: sources.len(),
            places: places.len(),
            actors: actors.len(),
        },
        skipped_events: skipped.iter().map(|e| e.id.as_str().to_owned()).collect(),
        unused_dropped: dropped,
    };
    Merge {
        events,
        sources,
        places,
        actors,
        report,
    }
}

/// Marks the records whose id is among `refs`, and adds each one newly marked to `more`.
fn mark<T: Serialize>(
    records: &[T],
    keep: &mut [bool],
    refs: &HashSet<&str>,
    id: impl Fn(&T) -> &str,
    more: &mut Vec<serde_json::Value>,
) {
    for (record, keep) in records.iter().zip(keep.iter_mut()) {
        if !*keep && refs.contains(id(record)) {
            *keep = true;
            more.push(as_json(record));
        }
    }
}

/// The records marked to keep.
fn kept<T>(records: Vec<T>, keep: &[bool]) -> Vec<T> {
    records
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// A record as JSON, to look for references in it.
fn as_json<T: Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn actor(json: serde_json::Value) -> Actor {
        serde_json::from_value(json).unwrap()
    }

    fn place(id: &str, name: &str, country: &str, lat: f64) -> Place {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "kind": "village", "country": country,
            "lat": lat, "lon": 46.0, "precision": "exact", "coordinate_source": "test",
            "names": ["Alt ".to_owned() + name],
        }))
        .unwrap()
    }

    fn existing() -> Existing {
        Existing::new(
            vec![
                actor(
                    serde_json::json!({"id": "armenia-armed-forces", "name": "Armed Forces of Armenia",
                    "kind": "state-forces", "acled_name": "Military Forces of Armenia (2018-)"}),
                ),
                actor(
                    serde_json::json!({"id": "azerbaijan", "name": "Azerbaijan", "kind": "state",
                    "names": ["Republic of Azerbaijan"], "ucdp_side": "Government of Azerbaijan"}),
                ),
                actor(
                    serde_json::json!({"id": "police", "name": "The Police", "kind": "state-forces"}),
                ),
            ],
            vec![
                place("goris", "Goris", "ARM", 39.5),
                place("goris-2", "Goris", "ARM", 40.5),
                place("tovuz", "Tovuz", "AZE", 40.9),
            ],
            Vec::new(),
            ["2021-01-01-x".to_owned()],
        )
    }

    #[test]
    fn actors_match_by_external_name_then_name_variant_and_id() {
        let ex = existing();
        let by = |json| {
            ex.actor(&actor(json))
                .map(|(id, by)| (id.as_str().to_owned(), by))
        };
        assert_eq!(
            by(
                serde_json::json!({"id": "c", "name": "Military Forces of Armenia (2018-)",
                "kind": "state-forces", "acled_name": "Military Forces of Armenia (2018-)"})
            ),
            Some(("armenia-armed-forces".to_owned(), MatchedBy::AcledName))
        );
        assert_eq!(
            by(
                serde_json::json!({"id": "c", "name": "Government of Azerbaijan", "kind": "state",
                "ucdp_side": "Government of Azerbaijan"})
            ),
            Some(("azerbaijan".to_owned(), MatchedBy::UcdpSide))
        );
        assert_eq!(
            by(
                serde_json::json!({"id": "c", "name": "  republic of  AZERBAIJAN ", "kind": "state"})
            ),
            Some(("azerbaijan".to_owned(), MatchedBy::Variant))
        );
        assert_eq!(
            by(serde_json::json!({"id": "c", "name": "Police", "kind": "state-forces"})),
            Some(("police".to_owned(), MatchedBy::Id))
        );
        assert_eq!(
            by(serde_json::json!({"id": "c", "name": "Someone Else", "kind": "state"})),
            None
        );
    }

    #[test]
    fn places_match_in_the_same_country_the_nearest_first() {
        let ex = existing();
        let by = |p: Place| ex.place(&p).map(|(id, by)| (id.as_str().to_owned(), by));
        assert_eq!(
            by(place("c", "goris", "ARM", 40.4)),
            Some(("goris-2".to_owned(), MatchedBy::Name))
        );
        assert_eq!(
            by(place("c", "Alt Tovuz", "XXX", 0.0)),
            Some(("tovuz".to_owned(), MatchedBy::Variant))
        );
        assert_eq!(
            by(place("c", "Goris", "AZE", 39.5)),
            None,
            "another country"
        );
    }

    #[test]
    fn events_already_there_are_skipped_with_what_only_they_used() {
        let ex = existing();
        let event = |id: &str, place: &str| -> Event {
            serde_json::from_value(serde_json::json!({
                "id": id, "title": "t", "kind": "armed-clash", "summary": "s",
                "date": {"start": "2021-01-01", "precision": "day"}, "places": [{"place": place}],
            }))
            .unwrap()
        };
        let imported = Imported {
            events: vec![
                event("2021-01-01-x", "only-old"),
                event("2021-01-01-y", "goris"),
            ],
            sources: Vec::new(),
            places: vec![place("only-old", "Only Old", "ARM", 1.0)],
            actors: Vec::new(),
            report: crate::ImportReport::default(),
            matched: Vec::new(),
        };
        let merge = plan(imported, &ex, "data");
        assert_eq!(merge.events.len(), 1);
        assert!(merge.places.is_empty());
        assert_eq!(merge.report.skipped_events, ["2021-01-01-x"]);
        assert_eq!(merge.report.unused_dropped, 1);
    }
}
