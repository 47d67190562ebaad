//! Dirty inputs made of the bundled records (`data/`), as a maintainer would make them to try
//! the linter on data before its first clean-up:
//!
//! - **dirty**: every bundled event copied over and over; copy `k` has its id suffixed with
//!   `-k` and its dates shifted back by `k` days, so each event has a near-duplicate a day
//!   away in every neighbouring copy, and most ids no longer start with their date. A
//!   `related` reference points at the same copy of the related event, so references still
//!   resolve.
//! - **cluster**: one bundled event (the first, by id, that names a place) copied again and
//!   again with its id suffixed and nothing else changed: thousands of events on one day at
//!   one place.
//!
//! The records are read with the real loader and written with the serializers the project
//! ships (`serde_json` for JSON Lines, `faultline_fmt::write` for event files); the registry
//! (`sources/`, `places.toml`, `actors.toml`) is copied byte for byte.

use std::path::{Path, PathBuf};

use faultline_dataset::Dataset;
use faultline_model::{Event, EventId, EventRef};

/// The bundled records, loaded once.
pub(crate) struct Bundled {
    /// The events, sorted by id.
    events: Vec<Event>,
    /// The registry files: (path relative to the dataset root, bytes).
    registry: Vec<(PathBuf, Vec<u8>)>,
    /// A fingerprint of everything above, part of the stamps of the sets made from it.
    pub(crate) fingerprint: u64,
}

impl Bundled {
    /// Loads the dataset at `dir` (the repository's `data/`); it must load without errors.
    pub(crate) fn load(dir: &Path) -> Result<Bundled, String> {
        let dataset = Dataset::open(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if let Some(e) = dataset.errors.first() {
            return Err(format!(
                "{}: the bundled records must load cleanly: {e}",
                dir.display()
            ));
        }
        let mut events: Vec<Event> = dataset.events.into_iter().map(|l| l.record).collect();
        events.sort_by(|a, b| a.id.cmp(&b.id));
        if events.is_empty() {
            return Err(format!("{}: no events", dir.display()));
        }
        let mut registry = Vec::new();
        for file in &dataset.files {
            if file.holds_events() {
                continue;
            }
            let rel = file
                .path
                .strip_prefix(dir)
                .unwrap_or(&file.path)
                .to_path_buf();
            registry.push((rel, file.text.as_bytes().to_vec()));
        }
        let mut fingerprint = Fnv::default();
        for (rel, bytes) in &registry {
            fingerprint.write(rel.to_string_lossy().as_bytes());
            fingerprint.write(bytes);
        }
        for e in &events {
            let json = serde_json::to_vec(e).map_err(|e| e.to_string())?;
            fingerprint.write(&json);
        }
        Ok(Bundled {
            events,
            registry,
            fingerprint: fingerprint.0,
        })
    }

    /// The registry files: (path relative to the dataset root, bytes).
    pub(crate) fn registry(&self) -> &[(PathBuf, Vec<u8>)] {
        &self.registry
    }

    /// Event `i` of a dirty set: copy `i / n` of bundled event `i % n`.
    pub(crate) fn dirty(&self, i: usize) -> Event {
        let n = self.events.len();
        let copy = i / n;
        let mut event = self.events[i % n].clone();
        let shift = -i64::try_from(copy).unwrap_or(i64::MAX);
        event.id = suffixed(&event.id, copy);
        for r in &mut event.related {
            let id = EventRef::new(format!("{}-{copy}", r.event().as_str()));
            *r.event_mut() = id;
        }
        event.date.start = event.date.start.add_days(shift).unwrap_or(event.date.start);
        event.date.end = event.date.end.map(|d| d.add_days(shift).unwrap_or(d));
        event
    }

    /// Event `i` of a cluster set: copy `i` of the first bundled event that names a place.
    pub(crate) fn cluster(&self, i: usize) -> Event {
        let first = self
            .events
            .iter()
            .find(|e| !e.places.is_empty())
            .unwrap_or(&self.events[0]);
        let mut event = first.clone();
        event.id = suffixed(&event.id, i);
        event.related.clear();
        event
    }
}

/// `id-k` (ids are slugs: a hyphen and digits keep them valid).
fn suffixed(id: &EventId, k: usize) -> EventId {
    EventId::new(format!("{}-{k}", id.as_str())).unwrap_or_else(|_| id.clone())
}

/// FNV-1a, 64 bits: a fingerprint stable across Rust versions (unlike `DefaultHasher`).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Bundled {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        Bundled::load(&data).unwrap()
    }

    #[test]
    fn copies_shift_dates_and_suffix_ids() {
        let b = bundled();
        let n = b.events.len();
        let first = b.dirty(0);
        let again = b.dirty(n);
        assert_eq!(first.id.as_str(), format!("{}-0", b.events[0].id.as_str()));
        assert_eq!(again.id.as_str(), format!("{}-1", b.events[0].id.as_str()));
        assert_eq!(first.date.start, b.events[0].date.start);
        assert_eq!(again.date.start.days_until(first.date.start), 1);
        assert_eq!(first.title, again.title);
        let with_related = (0..n).find(|i| !b.events[*i].related.is_empty());
        if let Some(i) = with_related {
            let copy = b.dirty(i + 2 * n);
            assert!(copy.related.iter().all(|r| r.as_str().ends_with("-2")));
        }
        let c = (b.cluster(0), b.cluster(9999));
        assert_eq!(c.0.date, c.1.date);
        assert_eq!(c.0.places, c.1.places);
        assert!(!c.0.places.is_empty());
        assert_ne!(c.0.id, c.1.id);
        assert_eq!(b.fingerprint, bundled().fingerprint);
    }
}
