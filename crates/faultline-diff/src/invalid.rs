//! Records that did not load: reported, never fatal, and never mistaken for records that were
//! added or removed.

use std::path::Path;

use faultline_dataset::{Dataset, FileRole, LoadErrorKind};
use faultline_model::RecordKind;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::change::{InvalidRecord, Which};

/// The ids of one kind of record that did not load on one side.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    ids: FxHashSet<String>,
    /// A whole registry file (or a JSON Lines file of events) failed: any record of the kind
    /// may be among the missing.
    all: bool,
}

impl Ids {
    /// Whether a record with this id may be among those that did not load.
    pub(crate) fn covers(&self, id: &str) -> bool {
        self.all || self.ids.contains(id)
    }

    /// The ids known not to load.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }
}

/// What did not load on one side.
#[derive(Debug, Default)]
pub(crate) struct Broken {
    pub(crate) events: Ids,
    pub(crate) sources: Ids,
    pub(crate) places: Ids,
    pub(crate) actors: Ids,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    /// The same on both sides when the same file fails the same way.
    key: String,
    record: InvalidRecord,
}

impl Broken {
    /// Collects the load errors of a dataset.
    pub(crate) fn of(dataset: &Dataset) -> Self {
        let mut broken = Broken::default();
        for error in &dataset.errors {
            let file = error.file.map(|f| dataset.file(f));
            let rel = file
                .map(|f| relative(dataset.root.as_deref(), &f.path))
                .unwrap_or_else(|| error.path.clone());
            let stem = file
                .and_then(|f| f.path.file_stem())
                .map(|s| s.to_string_lossy().into_owned());
            let (kind, id) = match &error.kind {
                LoadErrorKind::Invalid { record, value, .. } => {
                    let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
                    let id = match record {
                        RecordKind::Event | RecordKind::Source if id.is_none() => stem,
                        _ => id,
                    };
                    (Some(*record), id)
                }
                _ => match file.and_then(|f| f.role) {
                    Some(FileRole::Event) => (Some(RecordKind::Event), stem),
                    Some(FileRole::Source) => (Some(RecordKind::Source), stem),
                    Some(FileRole::Events) => (Some(RecordKind::Event), None),
                    Some(FileRole::Places) => (Some(RecordKind::Place), None),
                    Some(FileRole::Actors) => (Some(RecordKind::Actor), None),
                    Some(FileRole::Stray) | None => (None, None),
                },
            };
            if let Some(kind) = kind {
                let ids = match kind {
                    RecordKind::Event => &mut broken.events,
                    RecordKind::Source => &mut broken.sources,
                    RecordKind::Place => &mut broken.places,
                    RecordKind::Actor => &mut broken.actors,
                };
                match &id {
                    Some(id) => {
                        ids.ids.insert(id.clone());
                    }
                    None => ids.all = true,
                }
            }
            let message = error.kind.to_string();
            broken.entries.push(Entry {
                key: format!(
                    "{rel}\u{1f}{}\u{1f}{}\u{1f}{message}",
                    error.line, error.column
                ),
                record: InvalidRecord {
                    side: Which::Old,
                    id,
                    file: error.path.clone(),
                    line: error.line,
                    column: error.column,
                    message,
                },
            });
        }
        broken
    }

    /// How many files or records did not load.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The invalid records of both sides: those that fail the same way on both sides once, as
/// `both`; sorted by side, file and position.
pub(crate) fn merge(old: &Broken, new: &Broken) -> Vec<InvalidRecord> {
    let new_keys: FxHashMap<&str, usize> = new
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let mut in_both = vec![false; new.entries.len()];
    let mut out = Vec::new();
    for e in &old.entries {
        match new_keys.get(e.key.as_str()) {
            Some(&i) if !in_both[i] => {
                in_both[i] = true;
                out.push(InvalidRecord {
                    side: Which::Both,
                    ..new.entries[i].record.clone()
                });
            }
            _ => out.push(e.record.clone()),
        }
    }
    for (e, both) in new.entries.iter().zip(in_both) {
        if !both {
            out.push(InvalidRecord {
                side: Which::New,
                ..e.record.clone()
            });
        }
    }
    out.sort_by(|a, b| {
        (a.side, &a.file, a.line, a.column).cmp(&(b.side, &b.file, b.line, b.column))
    });
    out
}

fn relative(root: Option<&Path>, path: &Path) -> String {
    root.and_then(|r| path.strip_prefix(r).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
