//! The compact record of every event that the finish phase needs, kept while the events
//! themselves stream past: ids, kinds, dates, places (with their roles), related ids, where to
//! find each event again, the references made, and the text of records that failed to load.
//! It keeps facts, not rule policy: what counts as a possible duplicate is the rule's to say.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use faultline_dataset::{Dataset, FileFormat, FileId, Lenient};
use faultline_model::{Date, EventKind, PlaceRole};

use crate::index::Index;
use crate::rules::quotes::quotes;
use crate::rules::refs::{Target, each_reference};

/// A file that holds events.
#[derive(Debug, Clone)]
pub(crate) struct FileEntry {
    pub(crate) path: PathBuf,
    pub(crate) name: String,
    pub(crate) format: FileFormat,
    /// The text, when the file is still in memory (linting a dataset held at once).
    pub(crate) text: Option<Arc<str>>,
    /// The file's id in that dataset.
    pub(crate) file_id: Option<FileId>,
}

/// Where a JSON Lines event stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineLoc {
    /// The byte offset of the line in the file.
    pub(crate) offset: u64,
    /// Its length in bytes (without the line ending).
    pub(crate) len: u32,
    /// Its 1-based number.
    pub(crate) number: usize,
}

/// Where to find an event again.
#[derive(Debug, Clone)]
pub(crate) struct EventLoc {
    /// The index of its file in [`Summary::files`].
    pub(crate) file: u32,
    /// The JSON pointer of the record in its document (`""`, or `/3` in a JSON array).
    pub(crate) pointer: Box<str>,
    /// For a line of a JSON Lines file: which line.
    pub(crate) line: Option<LineLoc>,
    /// For an event loaded by the lenient pass: what it lost.
    pub(crate) lenient: Option<Arc<Lenient>>,
}

/// One event, as the finish phase sees it.
#[derive(Debug, Clone)]
pub(crate) struct EventEntry {
    pub(crate) id: Box<str>,
    pub(crate) kind: EventKind,
    pub(crate) start: Date,
    pub(crate) last: Date,
    pub(crate) related: Box<[Box<str>]>,
    /// The positions in `related` of its `part-of` links.
    pub(crate) part_of: Box<[u32]>,
    /// How many casualty figures it holds.
    pub(crate) figures: u32,
    pub(crate) loc: EventLoc,
}

/// A place an event refers to, with the role the event gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaceEntry {
    /// The index of the place reference in [`Summary::place_refs`].
    pub(crate) place: u32,
    /// The index of the event in [`Summary::events`].
    pub(crate) event: u32,
    /// The role.
    pub(crate) role: Option<PlaceRole>,
}

/// Everything the finish phase needs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Summary {
    pub(crate) files: Vec<FileEntry>,
    file_index: HashMap<PathBuf, u32>,
    pub(crate) events: Vec<EventEntry>,
    pub(crate) places: Vec<PlaceEntry>,
    /// Place references as written, interned.
    pub(crate) place_refs: Vec<Box<str>>,
    place_ref_index: HashMap<Box<str>, u32>,
    /// The ids of the records events refer to, by kind of record, names resolved, each with
    /// how many references count it (so that a file's references can be taken away again).
    used: HashMap<Target, HashMap<Box<str>, u32>>,
    /// How many quotes (of claims and figures) cite each source id.
    pub(crate) quotes_by_source: HashMap<Box<str>, u32>,
    /// The text of event records that failed to load (a reference to an event may stand there).
    pub(crate) unloaded_event_texts: Vec<Box<str>>,
    /// Every quoted string of those texts, built on first use.
    quoted: std::sync::OnceLock<HashSet<Box<str>>>,
}

/// How the positions of a batch's JSON Lines file map onto the whole file.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shift {
    pub(crate) offset: u64,
    pub(crate) first_line: usize,
}

impl Summary {
    /// Marks a record as referred to (allocating only the first time).
    fn use_id(&mut self, target: Target, id: &str) {
        let counts = self.used.entry(target).or_default();
        match counts.get_mut(id) {
            Some(n) => *n += 1,
            None => {
                counts.insert(id.into(), 1);
            }
        }
    }

    /// Whether `id` is written, quoted, in an event record that failed to load. One lookup:
    /// the quoted strings of all failed records are indexed once.
    pub(crate) fn mentioned_in_unloaded(&self, id: &str) -> bool {
        self.quoted
            .get_or_init(|| {
                let mut set = HashSet::default();
                for text in &self.unloaded_event_texts {
                    // `"id"` stands in a text exactly when some stretch between two
                    // consecutive quotes is the id (an id holds no quote): every inner
                    // segment, whatever the parity (apostrophes in prose shift it).
                    for quote in ['"', '\''] {
                        let parts: Vec<&str> = text.split(quote).collect();
                        for part in parts.iter().skip(1).take(parts.len().saturating_sub(2)) {
                            set.insert((*part).into());
                        }
                    }
                }
                set
            })
            .contains(id)
    }

    /// Whether some event refers to this record.
    pub(crate) fn is_used(&self, target: Target, id: &str) -> bool {
        self.used.get(&target).is_some_and(|s| s.contains_key(id))
    }

    fn file(&mut self, dataset: &Dataset, id: FileId, in_memory: bool) -> u32 {
        let f = dataset.file(id);
        if let Some(i) = self.file_index.get(&f.path) {
            return *i;
        }
        let i = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.push(FileEntry {
            path: f.path.clone(),
            name: f.name.clone(),
            format: f.format,
            text: in_memory.then(|| Arc::clone(&f.text)),
            file_id: in_memory.then_some(id),
        });
        self.file_index.insert(f.path.clone(), i);
        i
    }

    fn place_ref(&mut self, place: &str) -> u32 {
        if let Some(i) = self.place_ref_index.get(place) {
            return *i;
        }
        let i = u32::try_from(self.place_refs.len()).unwrap_or(u32::MAX);
        self.place_refs.push(place.into());
        self.place_ref_index.insert(place.into(), i);
        i
    }

    /// Adds the events of a batch. `shift` maps a JSON Lines chunk onto its file;
    /// `in_memory` says whether `dataset` outlives the run (its texts can be kept).
    pub(crate) fn add_batch(
        &mut self,
        dataset: &Dataset,
        index: &Index<'_>,
        shift: Shift,
        in_memory: bool,
    ) {
        for (i, f) in dataset.files.iter().enumerate() {
            if f.holds_events() {
                self.file(
                    dataset,
                    FileId(u32::try_from(i).unwrap_or(u32::MAX)),
                    in_memory,
                );
            }
        }
        for e in &dataset.events {
            let file = self.file(dataset, e.origin.file, in_memory);
            let line = e.origin.line.map(|span| {
                let number = dataset.file(e.origin.file).position(span.start).line;
                LineLoc {
                    offset: shift.offset + span.start as u64,
                    len: u32::try_from(span.len()).unwrap_or(u32::MAX),
                    number: number + shift.first_line.saturating_sub(1),
                }
            });
            let r = &e.record;
            for q in quotes(r) {
                let source = q.source.as_str();
                match self.quotes_by_source.get_mut(source) {
                    Some(n) => *n += 1,
                    None => {
                        self.quotes_by_source.insert(source.into(), 1);
                    }
                }
            }
            let event = u32::try_from(self.events.len()).unwrap_or(u32::MAX);
            for p in &r.places {
                let place = self.place_ref(p.place.as_str());
                self.places.push(PlaceEntry {
                    place,
                    event,
                    role: p.role,
                });
            }
            self.events.push(EventEntry {
                id: r.id.as_str().into(),
                kind: r.kind,
                start: r.date.start,
                last: r.date.last(),
                related: r.related.iter().map(|x| x.as_str().into()).collect(),
                part_of: (0..)
                    .zip(&r.related)
                    .filter(|(_, x)| x.is_part_of())
                    .map(|(i, _)| i)
                    .collect(),
                figures: u32::try_from(r.casualties.len()).unwrap_or(u32::MAX),
                loc: EventLoc {
                    file,
                    pointer: e.origin.pointer.as_str().into(),
                    line,
                    lenient: e.origin.lenient.clone(),
                },
            });
        }
        each_reference(dataset, |reference| {
            if reference.target == Target::Place && !index.has_place(reference.id) {
                for p in index
                    .place_names
                    .get(&reference.id.trim().to_lowercase())
                    .into_iter()
                    .flatten()
                {
                    self.use_id(Target::Place, p.record.id.as_str());
                }
            }
            if reference.target != Target::Event {
                self.use_id(reference.target, reference.id);
            }
        });
        for err in &dataset.errors {
            let Some(id) = err.file else { continue };
            if dataset.file(id).holds_events()
                && let Some(text) = dataset.failed_text(err)
            {
                self.unloaded_event_texts.push(text.into());
            }
        }
    }
}

impl Summary {
    /// Forgets the dataset file ids of its files (their dataset is gone); texts kept stay.
    pub(crate) fn forget_file_ids(&mut self) {
        for f in &mut self.files {
            f.file_id = None;
        }
    }

    /// Appends the summary of a later batch.
    pub(crate) fn merge(&mut self, other: Summary) {
        let files: Vec<u32> = other
            .files
            .into_iter()
            .map(|f| {
                if let Some(i) = self.file_index.get(&f.path) {
                    return *i;
                }
                let i = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
                self.file_index.insert(f.path.clone(), i);
                self.files.push(f);
                i
            })
            .collect();
        let places: Vec<u32> = other.place_refs.iter().map(|p| self.place_ref(p)).collect();
        let first_event = u32::try_from(self.events.len()).unwrap_or(u32::MAX);
        self.events.extend(other.events.into_iter().map(|mut e| {
            e.loc.file = files[e.loc.file as usize];
            e
        }));
        self.places
            .extend(other.places.into_iter().map(|p| PlaceEntry {
                place: places[p.place as usize],
                event: first_event + p.event,
                role: p.role,
            }));
        for (source, n) in other.quotes_by_source {
            *self.quotes_by_source.entry(source).or_default() += n;
        }
        for (target, ids) in other.used {
            let counts = self.used.entry(target).or_default();
            for (id, n) in ids {
                *counts.entry(id).or_default() += n;
            }
        }
        self.unloaded_event_texts.extend(other.unloaded_event_texts);
    }

    /// Counts the references that registry records make (an actor's parent, a place's
    /// controller, a source's party) as uses.
    pub(crate) fn add_registry_references(&mut self, registries: &Dataset) {
        each_reference(registries, |r| self.use_id(r.target, r.id));
    }
}

impl Summary {
    /// Replaces the events of one file, `old` (the summary of that file alone, whose events
    /// stand at `at` in this summary), with those of `new` (its summary now): what an
    /// incremental session does when a file changes, instead of merging every file's summary
    /// again. The events after the file move by the difference; everything counted (uses,
    /// quotes per source, texts that failed to load) loses `old`'s part and gains `new`'s.
    pub(crate) fn replace(&mut self, at: usize, old: &Summary, new: &Summary) {
        let (removed, added) = (old.events.len(), new.events.len());
        let shift = |event: u32| -> u32 {
            let e = event as usize;
            let moved = if e >= at + removed {
                e - removed + added
            } else {
                e
            };
            u32::try_from(moved).unwrap_or(u32::MAX)
        };
        // The file entries (kept: an entry without events is harmless); the new texts.
        let files: Vec<u32> = new
            .files
            .iter()
            .map(|f| match self.file_index.get(&f.path) {
                Some(&i) => {
                    self.files[i as usize] = f.clone();
                    i
                }
                None => {
                    let i = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
                    self.file_index.insert(f.path.clone(), i);
                    self.files.push(f.clone());
                    i
                }
            })
            .collect();
        let first = u32::try_from(at).unwrap_or(u32::MAX);
        let end = u32::try_from(at + removed).unwrap_or(u32::MAX);
        // Places are kept in the order of their events.
        let from = self.places.partition_point(|p| p.event < first);
        let to = self.places.partition_point(|p| p.event < end);
        let refs: Vec<u32> = new.place_refs.iter().map(|p| self.place_ref(p)).collect();
        let places: Vec<PlaceEntry> = new
            .places
            .iter()
            .map(|p| PlaceEntry {
                place: refs[p.place as usize],
                event: first + p.event,
                role: p.role,
            })
            .collect();
        self.places.splice(from..to, places);
        if removed != added {
            for p in &mut self.places[from + new.places.len()..] {
                p.event = shift(p.event);
            }
        }
        self.events.splice(
            at..at + removed,
            new.events.iter().map(|e| {
                let mut e = e.clone();
                e.loc.file = files[e.loc.file as usize];
                e
            }),
        );
        for (target, ids) in &old.used {
            let counts = self.used.entry(*target).or_default();
            for (id, n) in ids {
                if let Some(count) = counts.get_mut(id) {
                    *count = count.saturating_sub(*n);
                    if *count == 0 {
                        counts.remove(id);
                    }
                }
            }
        }
        for (target, ids) in &new.used {
            let counts = self.used.entry(*target).or_default();
            for (id, n) in ids {
                *counts.entry(id.clone()).or_default() += n;
            }
        }
        for (source, n) in &old.quotes_by_source {
            if let Some(count) = self.quotes_by_source.get_mut(source) {
                *count = count.saturating_sub(*n);
                if *count == 0 {
                    self.quotes_by_source.remove(source);
                }
            }
        }
        for (source, n) in &new.quotes_by_source {
            *self.quotes_by_source.entry(source.clone()).or_default() += n;
        }
        if !old.unloaded_event_texts.is_empty() || !new.unloaded_event_texts.is_empty() {
            for text in &old.unloaded_event_texts {
                if let Some(i) = self.unloaded_event_texts.iter().position(|t| t == text) {
                    self.unloaded_event_texts.swap_remove(i);
                }
            }
            self.unloaded_event_texts
                .extend(new.unloaded_event_texts.iter().cloned());
            self.quoted = std::sync::OnceLock::new();
        }
    }
}
