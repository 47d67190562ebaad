//! What the comparison needs to know of each kind of record: its id and name, and where it
//! refers to other records (so that a reference that follows a rename is not a change).

use faultline_model::{Actor, ActorRef, Event, EventRef, Place, PlaceRef, Source, SourceRef};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// A record with an id.
pub(crate) trait Record: Serialize + Clone + PartialEq {
    /// Its id.
    fn id(&self) -> &str;
    /// Its name or title, for the reader.
    fn name(&self) -> Option<&str>;
}

impl Record for Event {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> Option<&str> {
        Some(&self.title)
    }
}

impl Record for Source {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> Option<&str> {
        self.title.as_deref().or(self.publisher.as_deref())
    }
}

impl Record for Place {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
}

impl Record for Actor {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
}

/// Old id → new id of every renamed record, by kind.
#[derive(Debug, Default)]
pub(crate) struct Renames {
    pub(crate) events: FxHashMap<String, String>,
    pub(crate) sources: FxHashMap<String, String>,
    pub(crate) places: FxHashMap<String, String>,
    pub(crate) actors: FxHashMap<String, String>,
}

fn follow(map: &FxHashMap<String, String>, id: &str) -> Option<String> {
    map.get(id).cloned()
}

impl Renames {
    fn actor(&self, r: &mut ActorRef) {
        if let Some(id) = follow(&self.actors, r.as_str()) {
            *r = ActorRef::new(id);
        }
    }

    fn source(&self, r: &mut SourceRef) {
        if let Some(id) = follow(&self.sources, r.as_str()) {
            *r = SourceRef::new(id);
        }
    }

    fn place(&self, r: &mut PlaceRef) {
        if let Some(id) = follow(&self.places, r.as_str()) {
            *r = PlaceRef::new(id);
        }
    }

    fn event(&self, r: &mut EventRef) {
        if let Some(id) = follow(&self.events, r.as_str()) {
            *r = EventRef::new(id);
        }
    }

    /// Rewrites an old event's references to renamed sources, places and actors.
    pub(crate) fn registry_refs_of_event(&self, e: &mut Event) {
        e.sources.iter_mut().for_each(|s| self.source(s));
        e.places.iter_mut().for_each(|p| self.place(&mut p.place));
        e.actors.iter_mut().for_each(|a| self.actor(&mut a.actor));
        for c in &mut e.claims {
            self.actor(&mut c.claimant);
            if let Some(a) = &mut c.against {
                self.actor(a);
            }
            if let Some(s) = &mut c.source {
                self.source(s);
            }
        }
        for c in &mut e.casualties {
            self.actor(&mut c.party);
            if let Some(a) = &mut c.claimant {
                self.actor(a);
            }
            if let Some(s) = &mut c.source {
                self.source(s);
            }
        }
    }

    /// Rewrites an old event's references to renamed events.
    pub(crate) fn event_refs_of_event(&self, e: &mut Event) {
        e.related.iter_mut().for_each(|r| self.event(r.event_mut()));
    }

    /// Rewrites an old place's references to renamed actors.
    pub(crate) fn refs_of_place(&self, p: &mut Place) {
        p.de_facto.iter_mut().for_each(|c| self.actor(&mut c.by));
    }

    /// Rewrites an old source's references to renamed actors.
    pub(crate) fn refs_of_source(&self, s: &mut Source) {
        if let Some(a) = &mut s.party {
            self.actor(a);
        }
    }

    /// Rewrites an old actor's references to renamed actors.
    pub(crate) fn refs_of_actor(&self, a: &mut Actor) {
        if let Some(p) = &mut a.parent {
            self.actor(p);
        }
    }
}
