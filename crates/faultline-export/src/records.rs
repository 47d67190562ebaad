//! The records an export reads, with lookups by id.

use std::collections::{HashMap, HashSet};

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

    /// The events to count as incidents, in export order: every event except those that
    /// other events are `part-of` (a wave of clashes whose clashes are records of their own),
    /// so that incident-level formats (ACLED, UCDP, GeoJSON, the timeline) count each
    /// incident once.
    pub fn incidents(&self) -> impl Iterator<Item = &Event> {
        let wholes: HashSet<&str> = self
            .events
            .iter()
            .flat_map(|e| e.related.iter())
            .filter(|r| r.is_part_of())
            .map(|r| r.as_str())
            .collect();
        self.events
            .iter()
            .filter(move |e| !wholes.contains(e.id.as_str()))
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

/// The actors of an event that take a side in it, in order: role participant, perpetrator,
/// target, victim or detainer, or no role (claimants, mediators, observers, hosts and subjects
/// are not parties; their statements are claims). An event with no party (a deployment, an
/// appeal) gives its other actors, claimants aside. The `acled` export's `actor1` / `actor2`
/// and the `ucdp` export's `side_a` / `side_b` are the first two.
pub fn parties(event: &Event) -> Vec<&faultline_model::EventActor> {
    use faultline_model::ActorRole as R;
    let takes_side = |role: Option<R>| {
        matches!(
            role,
            None | Some(R::Participant | R::Perpetrator | R::Target | R::Victim | R::Detainer)
        )
    };
    let any_party = event.actors.iter().any(|a| takes_side(a.role));
    event
        .actors
        .iter()
        .filter(|a| {
            if any_party {
                takes_side(a.role)
            } else {
                a.role != Some(R::Claimant)
            }
        })
        .collect()
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Records;
    use faultline_model::Event;

    fn event(id: &str, related: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": id, "title": "t", "kind": "armed-clash", "summary": "s",
            "date": {"start": &id[..10], "precision": "day"},
            "related": serde_json::from_str::<serde_json::Value>(related).unwrap(),
        }))
        .unwrap()
    }

    #[test]
    fn a_wave_whose_clashes_are_records_is_not_an_incident() {
        let records = Records::new(
            vec![
                event("2021-07-06-wave", "[]"),
                event(
                    "2021-07-06-agdam",
                    r#"[{"event": "2021-07-06-wave", "relation": "part-of"}]"#,
                ),
                event("2021-07-07-tovuz", r#"["2021-07-06-wave"]"#),
            ],
            vec![],
            vec![],
            vec![],
        );
        let ids: Vec<&str> = records.incidents().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["2021-07-06-agdam", "2021-07-07-tovuz"]);
        let acled = String::from_utf8(crate::acled::render(&records).unwrap()).unwrap();
        assert!(!acled.contains("2021-07-06-wave"));
        assert!(acled.contains("2021-07-06-agdam"));
    }
}
