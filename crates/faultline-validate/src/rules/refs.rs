//! Every reference one record makes to another, with the pointer of the value that holds it.
//! Shared by `dangling-reference`, `place-alias` and `unused-record`, so that the three agree
//! on what a reference is.

use faultline_dataset::{Dataset, FileRole, Origin, classify_single};

use crate::index::Index;

/// The kind of record a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Event,
    Source,
    Place,
    Actor,
}

impl Target {
    /// The record kind as a word: "event", "source", ...
    pub(crate) fn noun(self) -> &'static str {
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
            Self::Event => index.has_event(id),
            Self::Source => index.source(id).is_some(),
            Self::Place => index.has_place(id),
            Self::Actor => index.actor(id).is_some(),
        }
    }

    /// The ids of every record of this kind.
    pub(crate) fn ids<'i>(self, index: &'i Index<'_>) -> Vec<&'i str> {
        let mut ids: Vec<&str> = match self {
            Self::Event => index.events.keys().copied().collect(),
            Self::Source => index.sources.keys().copied().collect(),
            Self::Place => index.places.keys().copied().collect(),
            Self::Actor => index.actors.keys().copied().collect(),
        };
        ids.sort_unstable();
        ids
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
    /// The pointer of the value within that record.
    pub(crate) pointer: String,
}

/// Every reference of every loaded record, in dataset order.
pub(crate) fn references(dataset: &Dataset) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    let mut add = |target, id, origin, pointer| out.push(reference(target, id, origin, pointer));
    for e in &dataset.events {
        let (r, o) = (&e.record, &e.origin);
        for (i, s) in r.sources.iter().enumerate() {
            add(Target::Source, s.as_str(), o, format!("/sources/{i}"));
        }
        for (i, p) in r.places.iter().enumerate() {
            add(
                Target::Place,
                p.place.as_str(),
                o,
                format!("/places/{i}/place"),
            );
        }
        for (i, a) in r.actors.iter().enumerate() {
            add(
                Target::Actor,
                a.actor.as_str(),
                o,
                format!("/actors/{i}/actor"),
            );
        }
        for (i, c) in r.claims.iter().enumerate() {
            add(
                Target::Actor,
                c.claimant.as_str(),
                o,
                format!("/claims/{i}/claimant"),
            );
            if let Some(a) = &c.against {
                add(Target::Actor, a.as_str(), o, format!("/claims/{i}/against"));
            }
            if let Some(s) = &c.source {
                add(Target::Source, s.as_str(), o, format!("/claims/{i}/source"));
            }
        }
        for (i, c) in r.casualties.iter().enumerate() {
            add(
                Target::Actor,
                c.party.as_str(),
                o,
                format!("/casualties/{i}/party"),
            );
            if let Some(a) = &c.claimant {
                add(
                    Target::Actor,
                    a.as_str(),
                    o,
                    format!("/casualties/{i}/claimant"),
                );
            }
            if let Some(s) = &c.source {
                add(
                    Target::Source,
                    s.as_str(),
                    o,
                    format!("/casualties/{i}/source"),
                );
            }
        }
        for (i, rel) in r.related.iter().enumerate() {
            add(Target::Event, rel.as_str(), o, format!("/related/{i}"));
        }
    }
    for s in &dataset.sources {
        if let Some(p) = &s.record.party {
            add(Target::Actor, p.as_str(), &s.origin, "/party".into());
        }
    }
    for p in &dataset.places {
        for (i, c) in p.record.de_facto.iter().enumerate() {
            add(
                Target::Actor,
                c.by.as_str(),
                &p.origin,
                format!("/de_facto/{i}/by"),
            );
        }
    }
    for a in &dataset.actors {
        if let Some(parent) = &a.record.parent {
            add(Target::Actor, parent.as_str(), &a.origin, "/parent".into());
        }
    }
    out
}

fn reference<'a>(
    target: Target,
    id: &'a str,
    origin: &'a Origin,
    pointer: String,
) -> Reference<'a> {
    Reference {
        target,
        id,
        origin,
        pointer,
    }
}

/// Whether `id` is written (quoted) in a file that failed to load and would hold records of
/// `target`: the record may well exist there, so its absence proves nothing.
pub(crate) fn in_unloaded_file(dataset: &Dataset, target: Target, id: &str) -> bool {
    unloaded_texts(dataset)
        .filter(|(path, _)| classify_single(path).is_some_and(|role| target.held_by(role)))
        .any(|(_, text)| mentions(text, id))
}

/// Whether `id` is written (quoted) in a file that failed to load, other than `except`: a
/// reference to it may stand there.
pub(crate) fn mentioned_in_unloaded_file(dataset: &Dataset, except: &Origin, id: &str) -> bool {
    dataset
        .errors
        .iter()
        .filter_map(|e| e.file)
        .filter(|f| *f != except.file)
        .any(|f| mentions(&dataset.file(f).text, id))
}

fn unloaded_texts(dataset: &Dataset) -> impl Iterator<Item = (&std::path::Path, &str)> {
    dataset.errors.iter().filter_map(|e| e.file).map(|f| {
        let file = dataset.file(f);
        (file.path.as_path(), &*file.text)
    })
}

fn mentions(text: &str, id: &str) -> bool {
    text.contains(&format!("\"{id}\"")) || text.contains(&format!("'{id}'"))
}
