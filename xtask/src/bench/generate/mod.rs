//! Deterministic synthetic datasets in the real record format, for `cargo xtask bench`.
//!
//! - `registry/`: the sources (`sources/<id>.toml`), the gazetteer (`places.toml`, 2,000
//!   villages with each side's spelling) and the actors (`actors.toml`); the `--data`
//!   directory of the JSON Lines runs.
//! - `toml-<n>/`: a dataset directory, the registry plus `events/<year>/<id>.toml`.
//! - `jsonl-<n>.jsonl`: one event per line, referring to `registry/`.
//! - `acled-<n>.csv`: ACLED's current 31-column export.
//! - `bundled/`, `dirty-jsonl-<n>.jsonl`, `dirty-toml-<n>/`, `cluster-jsonl-<n>.jsonl`: the
//!   bundled registry, and copies of the bundled events (`bundled`); beside the dirty JSON
//!   Lines sets that outside validators also check, the same records as one JSON array
//!   (`<name>.array.json`), and their schemas in `schemas/`.
//!
//! Every file is a pure function of `SEED`, the generator's code and (for the copies) the
//! bundled records; a set is generated again only when its stamp (`.stamps/<set>`) names
//! another [`GENERATOR_VERSION`] or other bundled records. Bump the version whenever the
//! output changes.

mod acled;
mod bundled;
mod doc;
mod events;
mod rng;
mod world;

use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::input::{Format, Records, Set};
use bundled::Bundled;
pub(crate) use events::{DEFECT_EVERY, defect_of};
use world::World;

/// The generator's version: part of every stamp, so that changed output is regenerated.
pub const GENERATOR_VERSION: u32 = 2;

/// The seed of every random choice.
pub(crate) const SEED: u64 = 0xFA17_11E0_2026_0001;

/// Events generated (and written) per parallel batch of a JSON Lines or CSV file.
const BATCH: usize = 1 << 16;

/// Something [`ensure`] makes, with its own stamp.
enum Item {
    /// `registry/`: the generated sources, places and actors.
    Registry,
    /// `bundled/`: the registry of the bundled dataset, copied.
    Bundled,
    /// `schemas/`: the event schema, and the schema of an array of events.
    Schemas,
    /// An input.
    Set(Set),
}

fn stamp_path(data: &Path, name: &str) -> PathBuf {
    data.join(".stamps").join(name)
}

fn io<E: std::fmt::Display>(what: &Path) -> impl Fn(E) -> String + '_ {
    move |e| format!("{}: {e}", what.display())
}

/// Makes sure every set exists under `data`, with the folders they refer to, generating what is
/// missing or stale; `bundled` is the repository's `data/`, the source of the dirty and
/// cluster sets. Returns one line per item saying what was done.
pub fn ensure(data: &Path, bundled: &Path, sets: &[Set]) -> Result<Vec<String>, String> {
    let world = World::new(SEED);
    let copies = if sets.iter().any(|s| s.records != Records::Generated) {
        Some(Bundled::load(bundled)?)
    } else {
        None
    };
    let mut todo = Vec::new();
    if sets.iter().any(|s| s.records == Records::Generated) {
        todo.push(("registry".to_owned(), data.join("registry"), Item::Registry));
    }
    if copies.is_some() {
        todo.push(("bundled".to_owned(), data.join("bundled"), Item::Bundled));
    }
    if sets.iter().any(Set::has_baseline) {
        todo.push(("schemas".to_owned(), data.join("schemas"), Item::Schemas));
    }
    todo.extend(sets.iter().map(|s| (s.name(), s.path(data), Item::Set(*s))));

    let mut log = Vec::new();
    fs::create_dir_all(data.join(".stamps")).map_err(io(data))?;
    for (name, path, item) in todo {
        let fingerprint = match (&item, &copies) {
            (Item::Bundled, Some(b)) => format!(", data {:016x}", b.fingerprint),
            (Item::Set(s), Some(b)) if s.records != Records::Generated => {
                format!(", data {:016x}", b.fingerprint)
            }
            _ => String::new(),
        };
        let stamp_text = format!(
            "faultline bench generator v{GENERATOR_VERSION}, seed {SEED:#x}{fingerprint}: {name}\n"
        );
        let stamp = stamp_path(data, &name);
        if fs::read_to_string(&stamp).ok().as_deref() == Some(stamp_text.as_str()) && path.exists()
        {
            log.push(format!("{name}: up to date"));
            continue;
        }
        let started = std::time::Instant::now();
        let _ = fs::remove_file(&stamp);
        let tmp = path.with_extension("partial");
        remove(&tmp)?;
        match (item, &copies) {
            (Item::Registry, _) => write_dataset_dir(&world, &tmp, 0)?,
            (Item::Bundled, Some(b)) => write_registry(b, &tmp)?,
            (Item::Schemas, _) => write_schemas(&tmp)?,
            (Item::Set(s), _) if s.records == Records::Generated => match s.format {
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
            (Item::Set(s), Some(b)) => {
                let event = |i| match s.records {
                    Records::Cluster => b.cluster(i),
                    _ => b.dirty(i),
                };
                match s.format {
                    Format::Toml => {
                        write_registry(b, &tmp)?;
                        write_event_files(&tmp, s.events, event)?;
                    }
                    _ => {
                        write_lines(&tmp, s.events, |i, out| {
                            let line = serde_json::to_string(&event(i))
                                .expect("a model event always serializes");
                            out.push_str(&line);
                            out.push('\n');
                        })?;
                        if s.has_baseline() {
                            write_json_array(&tmp, &s.json_array_path(data))?;
                        }
                    }
                }
            }
            (Item::Bundled | Item::Set(_), None) => {
                return Err(format!("{name}: the bundled records were not loaded"));
            }
        }
        remove(&path)?;
        fs::rename(&tmp, &path).map_err(io(&path))?;
        fs::write(&stamp, stamp_text).map_err(io(&stamp))?;
        log.push(format!(
            "{name}: generated in {:.1} s",
            started.elapsed().as_secs_f64()
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

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    fs::write(path, bytes).map_err(io(path))
}

/// The bundled registry files, byte for byte.
fn write_registry(bundled: &Bundled, dir: &Path) -> Result<(), String> {
    for (rel, bytes) in bundled.registry() {
        write_file(&dir.join(rel), bytes)?;
    }
    Ok(())
}

/// The event files of events `0..n`, each at the path and with the text `faultline export
/// --format toml` and `faultline import` give it ([`faultline_fmt::write`]: the canonical
/// layout, at `events/<year of the start date>/<id>.toml`).
fn write_event_files(
    dir: &Path,
    n: usize,
    event: impl Fn(usize) -> faultline_model::Event + Sync,
) -> Result<(), String> {
    (0..n).into_par_iter().try_for_each(|i| {
        let e = event(i);
        let text = faultline_fmt::write::event(&e).map_err(|e| e.to_string())?;
        let rel = faultline_fmt::write::event_file(e.date.start, e.id.as_str());
        write_file(&dir.join(rel), text.as_bytes())
    })
}

/// `schemas/event.schema.json` (as in the repository's `schema/`) and
/// `schemas/event-array.schema.json`: an array of events, for the JSON array of a set.
fn write_schemas(dir: &Path) -> Result<(), String> {
    let event = faultline_model::RecordKind::Event;
    write_file(
        &dir.join("event.schema.json"),
        faultline_model::schema::render(event).as_bytes(),
    )?;
    let mut items = event.schema().to_value();
    let defs = items.as_object_mut().and_then(|o| o.remove("$defs"));
    let dialect = items.as_object_mut().and_then(|o| o.remove("$schema"));
    let array = serde_json::json!({
        "$schema": dialect,
        "title": "faultline events",
        "type": "array",
        "items": items,
        "$defs": defs,
    });
    let text = serde_json::to_string_pretty(&array).map_err(|e| e.to_string())?;
    write_file(&dir.join("event-array.schema.json"), text.as_bytes())
}

/// The lines of a JSON Lines file as one JSON array.
fn write_json_array(lines: &Path, out: &Path) -> Result<(), String> {
    use std::io::BufRead as _;
    let tmp = out.with_extension("partial");
    let input = std::io::BufReader::new(fs::File::open(lines).map_err(io(lines))?);
    let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(&tmp).map_err(io(&tmp))?);
    let mut first = true;
    w.write_all(b"[").map_err(io(&tmp))?;
    for line in input.lines() {
        let line = line.map_err(io(lines))?;
        w.write_all(if first { b"\n" } else { b",\n" })
            .map_err(io(&tmp))?;
        w.write_all(line.as_bytes()).map_err(io(&tmp))?;
        first = false;
    }
    w.write_all(b"\n]\n").map_err(io(&tmp))?;
    w.flush().map_err(io(&tmp))?;
    drop(w);
    fs::rename(&tmp, out).map_err(io(out))
}

/// A dataset directory: the registry files and `events` events as TOML files.
fn write_dataset_dir(world: &World, dir: &Path, events: usize) -> Result<(), String> {
    for (rel, text) in world.registry_files() {
        write_file(&dir.join(rel), text.as_bytes())?;
    }
    (0..events).into_par_iter().try_for_each(|i| {
        let (rel, text) = event_toml(world, i);
        write_file(&dir.join(rel), text.as_bytes())
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

/// The first `n` generated events as JSON Lines text (for tests and the micro-benchmarks).
pub fn jsonl_text(n: usize) -> String {
    let world = World::new(SEED);
    let mut text = String::new();
    for i in 0..n {
        doc::json_line(&events::event(&world, i).record, &mut text);
        text.push('\n');
    }
    text
}

/// The defect planted in each of the first `n` generated events.
#[cfg(test)]
pub(crate) fn planted(n: usize) -> Vec<Option<events::Defect>> {
    let world = World::new(SEED);
    (0..n).map(|i| events::event(&world, i).defect).collect()
}

/// Generated event `i` as the text of its TOML file, and the file's path relative to the
/// dataset directory (for the micro-benchmarks).
pub fn toml_event(i: usize) -> (String, String) {
    event_toml(&World::new(SEED), i)
}

/// Writes a generated dataset directory of the first `n` events: `n = 0` gives the registry
/// alone (for tests and the micro-benchmarks).
pub fn write_toml_dir(dir: &Path, n: usize) -> Result<(), String> {
    write_dataset_dir(&World::new(SEED), dir, n)
}

/// The first `n` generated ACLED rows with the header (for tests and the micro-benchmarks).
pub fn acled_text(n: usize) -> String {
    let world = World::new(SEED);
    let mut text = String::from(acled::HEADER);
    text.push('\n');
    for i in 0..n {
        acled::row(&world, i, &mut text);
    }
    text
}

/// The first `n` events of a dirty set as JSON Lines text, copied from the bundled dataset at
/// `bundled` (for the micro-benchmarks).
pub fn dirty_jsonl_text(bundled: &Path, n: usize) -> Result<String, String> {
    let b = Bundled::load(bundled)?;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&serde_json::to_string(&b.dirty(i)).map_err(|e| e.to_string())?);
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests;
