//! Every reference one record makes to another, with the pointer of the value that holds it.
//! Shared by `dangling-reference`, `place-alias` and `unused-record`, so that the three agree
//! on what a reference is.

use faultline_dataset::{Dataset, FileRole, Origin, classify_single};
use faultline_model::RecordKind;

use crate::index::Index;

/// The kind of record a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An event (`related`).
    Event,
    /// A source.
    Source,
    /// A place of the gazetteer.
    Place,
    /// An actor.
    Actor,
}

/// The kind of record the field at `path` of a record of `kind` names, when that field holds
/// references: `path` is the keys from the record's top, array positions left out
/// (`["claims", "claimant"]`; `["related"]` for an id in `related`, `["related", "event"]` for
/// one in a table of it). The same fields the `dangling-reference` rule reads (a test checks
/// they agree).
pub fn reference_target(kind: RecordKind, path: &[&str]) -> Option<Target> {
    Some(match (kind, path) {
        (RecordKind::Event, ["sources"]) => Target::Source,
        (RecordKind::Event, ["places", "place"]) => Target::Place,
        (RecordKind::Event, ["actors", "actor"]) => Target::Actor,
        (RecordKind::Event, ["claims" | "casualties", "claimant" | "against" | "party"]) => {
            Target::Actor
        }
        (RecordKind::Event, ["claims" | "casualties", "source"]) => Target::Source,
        (RecordKind::Event, ["related"] | ["related", "event"]) => Target::Event,
        (RecordKind::Source, ["party"]) => Target::Actor,
        (RecordKind::Place, ["de_facto", "by"]) => Target::Actor,
        (RecordKind::Actor, ["parent"]) => Target::Actor,
        _ => return None,
    })
}

impl Target {
    /// The record kind as a word: "event", "source", ...
    pub fn noun(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Source => "source",
            Self::Place => "place",
            Self::Actor => "actor",
        }
    }

    /// Where a record of this kind with this id would be written.
    pub(crate) fn home(self, id: &str) -> String {
        match self {
            Self::Event => format!("an event file `events/<year>/{id}.toml`"),
            Self::Source => format!("a source file `sources/{id}.toml`"),
            Self::Place => format!("a `[[place]]` with `id = \"{id}\"` to places.toml"),
            Self::Actor => format!("an `[[actor]]` with `id = \"{id}\"` to actors.toml"),
        }
    }

    /// Whether a file with this role holds records of this kind.
    fn held_by(self, role: FileRole) -> bool {
        matches!(
            (self, role),
            (Self::Event, FileRole::Event | FileRole::Events)
                | (Self::Source, FileRole::Source)
                | (Self::Place, FileRole::Places)
                | (Self::Actor, FileRole::Actors)
        )
    }

    /// Whether a record of this kind has the id `id`.
    pub(crate) fn resolves(self, index: &Index<'_>, id: &str) -> bool {
        match self {
            // Events are resolved in the finish phase, where every event of the run is known.
            Self::Event => false,
            Self::Source => index.source(id).is_some(),
            Self::Place => index.has_place(id),
            Self::Actor => index.actor(id).is_some(),
        }
    }
}

/// Which field of its record a reference stands in (the index is the array position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Sources(usize),
    Place(usize),
    Actor(usize),
    ClaimClaimant(usize),
    ClaimAgainst(usize),
    ClaimSource(usize),
    CasualtyParty(usize),
    CasualtyClaimant(usize),
    CasualtySource(usize),
    Related(usize),
    Party,
    DeFactoBy(usize),
    Parent,
}

impl Field {
    /// The JSON pointer of the value within its record (built only when a finding needs it).
    pub(crate) fn pointer(self) -> String {
        match self {
            Self::Sources(i) => format!("/sources/{i}"),
            Self::Place(i) => format!("/places/{i}/place"),
            Self::Actor(i) => format!("/actors/{i}/actor"),
            Self::ClaimClaimant(i) => format!("/claims/{i}/claimant"),
            Self::ClaimAgainst(i) => format!("/claims/{i}/against"),
            Self::ClaimSource(i) => format!("/claims/{i}/source"),
            Self::CasualtyParty(i) => format!("/casualties/{i}/party"),
            Self::CasualtyClaimant(i) => format!("/casualties/{i}/claimant"),
            Self::CasualtySource(i) => format!("/casualties/{i}/source"),
            Self::Related(i) => format!("/related/{i}"),
            Self::Party => "/party".to_owned(),
            Self::DeFactoBy(i) => format!("/de_facto/{i}/by"),
            Self::Parent => "/parent".to_owned(),
        }
    }
}

/// One reference: the id as written, and where it is written.
pub(crate) struct Reference<'a> {
    /// What kind of record it names.
    pub(crate) target: Target,
    /// The id as written.
    pub(crate) id: &'a str,
    /// The record that holds it.
    pub(crate) origin: &'a Origin,
    /// The field that holds it.
    pub(crate) field: Field,
}

/// Every reference of every loaded record, in dataset order.
#[cfg(test)]
pub(crate) fn references(dataset: &Dataset) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    each_reference(dataset, |r| out.push(r));
    out
}

/// Calls `f` with every reference of every loaded record, in dataset order, without building
/// a list of them (this runs on every batch).
pub(crate) fn each_reference<'a>(dataset: &'a Dataset, mut f: impl FnMut(Reference<'a>)) {
    let mut add = |target, id, origin, pointer| f(reference(target, id, origin, pointer));
    for e in &dataset.events {
        let (r, o) = (&e.record, &e.origin);
        for (i, s) in r.sources.iter().enumerate() {
            add(Target::Source, s.as_str(), o, Field::Sources(i));
        }
        for (i, p) in r.places.iter().enumerate() {
            add(Target::Place, p.place.as_str(), o, Field::Place(i));
        }
        for (i, a) in r.actors.iter().enumerate() {
            add(Target::Actor, a.actor.as_str(), o, Field::Actor(i));
        }
        for (i, c) in r.claims.iter().enumerate() {
            add(
                Target::Actor,
                c.claimant.as_str(),
                o,
                Field::ClaimClaimant(i),
            );
            if let Some(a) = &c.against {
                add(Target::Actor, a.as_str(), o, Field::ClaimAgainst(i));
            }
            if let Some(s) = &c.source {
                add(Target::Source, s.as_str(), o, Field::ClaimSource(i));
            }
        }
        for (i, c) in r.casualties.iter().enumerate() {
            add(Target::Actor, c.party.as_str(), o, Field::CasualtyParty(i));
            if let Some(a) = &c.claimant {
                add(Target::Actor, a.as_str(), o, Field::CasualtyClaimant(i));
            }
            if let Some(s) = &c.source {
                add(Target::Source, s.as_str(), o, Field::CasualtySource(i));
            }
        }
        for (i, rel) in r.related.iter().enumerate() {
            add(Target::Event, rel.as_str(), o, Field::Related(i));
        }
    }
    for s in &dataset.sources {
        if let Some(p) = &s.record.party {
            add(Target::Actor, p.as_str(), &s.origin, Field::Party);
        }
    }
    for p in &dataset.places {
        for (i, c) in p.record.de_facto.iter().enumerate() {
            add(Target::Actor, c.by.as_str(), &p.origin, Field::DeFactoBy(i));
        }
    }
    for a in &dataset.actors {
        if let Some(parent) = &a.record.parent {
            add(Target::Actor, parent.as_str(), &a.origin, Field::Parent);
        }
    }
}

fn reference<'a>(target: Target, id: &'a str, origin: &'a Origin, field: Field) -> Reference<'a> {
    Reference {
        target,
        id,
        origin,
        field,
    }
}

/// Whether `id` is written (quoted) in a record that failed to load and whose file would hold
/// records of `target`: the record may well exist there, so its absence proves nothing.
pub(crate) fn in_unloaded_file(dataset: &Dataset, target: Target, id: &str) -> bool {
    dataset.errors.iter().any(|e| {
        let Some(f) = e.file else { return false };
        let path = &dataset.file(f).path;
        classify_single(path).is_some_and(|role| target.held_by(role))
            && dataset.failed_text(e).is_some_and(|t| mentions(t, id))
    })
}

/// Whether `id` is written (quoted) in a record that failed to load, outside the file of
/// `except`: a reference to it may stand there.
pub(crate) fn mentioned_in_unloaded_file(dataset: &Dataset, except: &Origin, id: &str) -> bool {
    dataset.errors.iter().any(|e| {
        e.file.is_some_and(|f| f != except.file)
            && dataset.failed_text(e).is_some_and(|t| mentions(t, id))
    })
}

/// Whether `id` is written, quoted, in `text`.
pub(crate) fn mentions(text: &str, id: &str) -> bool {
    let quoted = |q: char| {
        text.match_indices(id)
            .any(|(i, _)| text[..i].ends_with(q) && text[i + id.len()..].starts_with(q))
    };
    !id.is_empty() && (quoted('"') || quoted('\''))
}

#[cfg(test)]
mod target_tests {
    use super::*;

    /// Every reference the bundled dataset makes stands in a field [`reference_target`] names.
    #[test]
    fn reference_target_knows_every_field_references_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let dataset = Dataset::open(&root).unwrap();
        let refs = references(&dataset);
        assert!(refs.len() > 100);
        let mut fields = std::collections::BTreeSet::new();
        for r in refs {
            let kind = match classify_single(&dataset.file(r.origin.file).path) {
                Some(FileRole::Event | FileRole::Events) => RecordKind::Event,
                Some(FileRole::Source) => RecordKind::Source,
                Some(FileRole::Places) => RecordKind::Place,
                _ => RecordKind::Actor,
            };
            let pointer = r.field.pointer();
            let path: Vec<&str> = pointer
                .split('/')
                .filter(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            assert_eq!(
                reference_target(kind, &path),
                Some(r.target),
                "{kind} {pointer}"
            );
            fields.insert(
                pointer
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect::<String>(),
            );
        }
        assert!(fields.len() >= 8, "{fields:?}");
    }
}
