//! Deterministic synthetic datasets in the real record format, for `cargo xtask bench`.
//!
//! - `registry/`: the sources (`sources/<id>.toml`), the gazetteer (`places.toml`, 2,000
//!   villages with each side's spelling) and the actors (`actors.toml`); the `--data`
//!   directory of the JSON Lines runs.
//! - `toml-<n>/`: a dataset directory, the registry plus `events/<year>/<id>.toml`.
//! - `jsonl-<n>.jsonl`: one event per line, referring to `registry/`.
//! - `acled-<n>.csv`: ACLED's current 31-column export.
//!
//! Every file is a pure function of `SEED` and the generator's code; a set is generated
//! again only when its stamp (`.stamps/<set>`) names another [`GENERATOR_VERSION`]. Bump the
//! version whenever the output changes.

mod acled;
mod doc;
mod events;
mod rng;
mod world;

use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub(crate) use events::{DEFECT_EVERY, defect_of};
use world::World;

/// The generator's version: part of every stamp, so that changed output is regenerated.
pub const GENERATOR_VERSION: u32 = 1;

/// The seed of every random choice.
pub(crate) const SEED: u64 = 0xFA17_11E0_2026_0001;

/// Events generated (and written) per parallel batch of a JSON Lines or CSV file.
const BATCH: usize = 1 << 16;

/// The format of a benchmark input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A dataset directory of TOML files, one event per file.
    Toml,
    /// A JSON Lines file of events.
    Jsonl,
    /// An ACLED CSV export.
    Acled,
}

impl Format {
    /// `toml`, `jsonl` or `acled`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Toml => "toml",
            Self::Jsonl => "jsonl",
            Self::Acled => "acled",
        }
    }
}

/// One benchmark input: a format and a number of events (rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Set {
    /// The format.
    pub format: Format,
    /// Events (TOML files, JSON lines, CSV rows).
    pub events: usize,
}

impl Set {
    /// Parses `toml:10k`, `jsonl:1m`, `acled:1000000`.
    pub fn parse(text: &str) -> Result<Set, String> {
        let (format, count) = text
            .split_once(':')
            .ok_or_else(|| format!("`{text}`: write FORMAT:COUNT, e.g. jsonl:1m"))?;
        let format = match format {
            "toml" => Format::Toml,
            "jsonl" => Format::Jsonl,
            "acled" => Format::Acled,
            other => return Err(format!("`{other}`: the formats are toml, jsonl and acled")),
        };
        Ok(Set {
            format,
            events: parse_count(count)?,
        })
    }

    /// `toml-10k`, `jsonl-1m`, `acled-1m`.
    pub fn name(&self) -> String {
        format!("{}-{}", self.format.as_str(), human(self.events))
    }

    /// Where the set lives under the data folder.
    pub fn path(&self, data: &Path) -> PathBuf {
        match self.format {
            Format::Toml => data.join(self.name()),
            Format::Jsonl => data.join(format!("{}.jsonl", self.name())),
            Format::Acled => data.join(format!("{}.csv", self.name())),
        }
    }
}

/// `10k`, `1m`, `2500`.
pub fn human(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}m", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// Parses `10k`, `1m`, `2500`.
pub fn parse_count(text: &str) -> Result<usize, String> {
    let t = text.trim().to_ascii_lowercase();
    let (digits, factor) = match t.strip_suffix('k') {
        Some(d) => (d, 1000),
        None => match t.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (t.as_str(), 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .map(|n| n * factor)
        .ok_or_else(|| format!("`{text}` is not a count such as 10k, 1m or 2500"))
}

/// The registry directory under the data folder.
pub fn registry_dir(data: &Path) -> PathBuf {
    data.join("registry")
}

fn stamp_path(data: &Path, name: &str) -> PathBuf {
    data.join(".stamps").join(name)
}

fn stamp_text(name: &str) -> String {
    format!("faultline bench generator v{GENERATOR_VERSION}, seed {SEED:#x}: {name}\n")
}

fn io<E: std::fmt::Display>(what: &Path) -> impl Fn(E) -> String + '_ {
    move |e| format!("{}: {e}", what.display())
}

/// Makes sure the registry and every set exist under `data`, generating what is missing or
/// stale. Returns one line per set saying what was done.
pub fn ensure(data: &Path, sets: &[Set]) -> Result<Vec<String>, String> {
    let world = World::new(SEED);
    let mut log = Vec::new();
    fs::create_dir_all(data.join(".stamps")).map_err(io(data))?;
    let mut todo: Vec<(String, PathBuf, Option<Set>)> =
        vec![("registry".to_owned(), registry_dir(data), None)];
    todo.extend(sets.iter().map(|s| (s.name(), s.path(data), Some(*s))));
    for (name, path, set) in todo {
        let stamp = stamp_path(data, &name);
        if fs::read_to_string(&stamp).ok().as_deref() == Some(stamp_text(&name).as_str())
            && path.exists()
        {
            log.push(format!("{name}: up to date ({})", path.display()));
            continue;
        }
        let started = std::time::Instant::now();
        let _ = fs::remove_file(&stamp);
        let tmp = path.with_extension("partial");
        remove(&tmp)?;
        match set {
            None => write_dataset_dir(&world, &tmp, 0)?,
            Some(s) => match s.format {
                Format::Toml => write_dataset_dir(&world, &tmp, s.events)?,
                Format::Jsonl => write_lines(&tmp, s.events, |i, out| {
                    doc::json_line(&events::event(&world, i).record, out);
                    out.push('\n');
                })?,
                Format::Acled => write_lines(&tmp, s.events, |i, out| {
                    if i == 0 {
                        out.push_str(acled::HEADER);
                        out.push('\n');
                    }
                    acled::row(&world, i, out);
                })?,
            },
        }
        remove(&path)?;
        fs::rename(&tmp, &path).map_err(io(&path))?;
        fs::write(&stamp, stamp_text(&name)).map_err(io(&stamp))?;
        log.push(format!(
            "{name}: generated in {:.1} s ({})",
            started.elapsed().as_secs_f64(),
            path.display()
        ));
    }
    Ok(log)
}

fn remove(path: &Path) -> Result<(), String> {
    let result = if path.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}

/// A dataset directory: the registry files and `events` events as TOML files.
fn write_dataset_dir(world: &World, dir: &Path, events: usize) -> Result<(), String> {
    for (rel, text) in world.registry_files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, text).map_err(io(&path))?;
    }
    (0..events).into_par_iter().try_for_each(|i| {
        let (rel, text) = event_toml(world, i);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, text).map_err(io(&path))
    })
}

/// Event `i` as a TOML file: (path relative to the dataset directory, text).
fn event_toml(world: &World, i: usize) -> (String, String) {
    let g = events::event(world, i);
    let mut text = String::from("#:schema ../../../schema/event.schema.json\n");
    doc::toml_document(&g.record, &mut text);
    (format!("events/{}/{}.toml", g.year, g.stem), text)
}

/// Writes `n` lines produced in parallel by `line(i, out)`, in order.
fn write_lines(
    path: &Path,
    n: usize,
    line: impl Fn(usize, &mut String) + Sync,
) -> Result<(), String> {
    let file = fs::File::create(path).map_err(io(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    for start in (0..n).step_by(BATCH) {
        let end = (start + BATCH).min(n);
        let chunks: Vec<String> = (start..end)
            .into_par_iter()
            .chunks(1024)
            .map(|idx| {
                let mut out = String::with_capacity(idx.len() * 1600);
                for i in idx {
                    line(i, &mut out);
                }
                out
            })
            .collect();
        for c in chunks {
            w.write_all(c.as_bytes()).map_err(io(path))?;
        }
    }
    w.flush().map_err(io(path))
}

/// The first `n` events as JSON Lines text, and the planted defect of each (for tests and
/// the generator's own checks).
#[cfg(test)]
pub(crate) fn jsonl_text(n: usize) -> (String, Vec<Option<events::Defect>>) {
    let world = World::new(SEED);
    let mut text = String::new();
    let mut defects = Vec::with_capacity(n);
    for i in 0..n {
        let g = events::event(&world, i);
        doc::json_line(&g.record, &mut text);
        text.push('\n');
        defects.push(g.defect);
    }
    (text, defects)
}

/// Writes a dataset directory of the first `n` events (for tests).
#[cfg(test)]
pub(crate) fn write_toml_dir(dir: &Path, n: usize) -> Result<(), String> {
    write_dataset_dir(&World::new(SEED), dir, n)
}

/// The first `n` ACLED rows with the header (for tests).
#[cfg(test)]
pub(crate) fn acled_text(n: usize) -> String {
    let world = World::new(SEED);
    let mut text = String::from(acled::HEADER);
    text.push('\n');
    for i in 0..n {
        acled::row(&world, i, &mut text);
    }
    text
}

#[cfg(test)]
mod tests;
