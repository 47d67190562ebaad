//! `bench floor`: the cost of reading the records at all, measured with the real loader.
//!
//! The input is found and cut as `faultline lint` finds and cuts it — the dataset walk of
//! [`Dataset::open_registries`] ([`faultline_dataset::walk()`]; a JSON Lines file given on its
//! own, its role from [`classify_single`], joins the events of its `--data` dataset) and the linter's own batches ([`batches::plan`]: 1,024 lines of a JSON
//! Lines file, or 256 record files) — and every batch is loaded into typed records with
//! [`Dataset::add_files`] / [`Dataset::add_json_lines_chunk`], in parallel, then dropped. No
//! rule runs, no finding is located: what is left of a lint run when the linting is taken
//! away, so "× floor" is what the linting costs on top of the loading.

use std::path::{Path, PathBuf};
use std::time::Instant;

use faultline_dataset::{Dataset, FileRole, LoadOptions, classify_single};
use faultline_validate::Batch;
use faultline_validate::engine::batches;
use rayon::prelude::*;
use serde_json::json;

/// What loading went through.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    files: u64,
    bytes: u64,
    events: u64,
    records: u64,
    load_errors: u64,
}

impl Counts {
    fn add(self, o: Counts) -> Counts {
        Counts {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            events: self.events + o.events,
            records: self.records + o.records,
            load_errors: self.load_errors + o.load_errors,
        }
    }

    fn of(dataset: &Dataset) -> Counts {
        let (events, sources, places, actors) = dataset.counts();
        Counts {
            files: dataset.files.len() as u64,
            bytes: dataset.files.iter().map(|f| f.text.len() as u64).sum(),
            events: events as u64,
            records: (events + sources + places + actors) as u64,
            load_errors: dataset.errors.len() as u64,
        }
    }
}

/// Loads `path` (a dataset directory, or a JSON Lines file with the dataset `data`) and prints
/// what was loaded as one JSON object.
pub(super) fn run(data: Option<&Path>, path: &Path) -> Result<(), String> {
    let started = Instant::now();
    let options = LoadOptions::default();
    let open =
        |dir: &Path| Dataset::open_registries(dir, options.clone()).map_err(|e| format!("{e}"));
    let (registries, events) = if path.is_dir() {
        open(path)?
    } else {
        let (registries, mut events) = match data {
            Some(dir) => open(dir)?,
            None => (Dataset::default(), Vec::new()),
        };
        // Its role from its name, as `faultline lint` gives a file named on its own.
        let role = classify_single(path)
            .filter(|r| matches!(r, FileRole::Event | FileRole::Events))
            .ok_or_else(|| format!("{}: not an event file", path.display()))?;
        events.insert(0, (PathBuf::from(path), role));
        (registries, events)
    };
    let loaded = batches::plan(events, &options)
        .par_bridge()
        .map(|batch| Counts::of(&load(batch, &options)))
        .reduce(Counts::default, Counts::add)
        .add(Counts::of(&registries));
    let out = json!({
        "files": loaded.files,
        "bytes": loaded.bytes,
        "events": loaded.events,
        "records": loaded.records,
        "load_errors": loaded.load_errors,
        "wall_s": started.elapsed().as_secs_f64(),
    });
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}

/// One batch, loaded as the linter loads it.
fn load(batch: Batch, options: &LoadOptions) -> Dataset {
    let mut dataset = Dataset::default();
    match batch {
        Batch::Files(files) => dataset.add_files(files, options),
        Batch::Lines { path, name, chunk } => {
            dataset.add_json_lines_chunk(&path, &name, chunk.bytes);
        }
        Batch::Text { path, role, bytes } => {
            dataset.add_bytes(&path, role, bytes, options);
        }
        Batch::Unreadable {
            path,
            name,
            role,
            message,
        } => {
            dataset.add_unreadable(&path, &name, role, message);
        }
    }
    dataset
}
