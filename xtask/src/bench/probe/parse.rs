//! The floor (read + parse every record into `faultline_model` types, no checks) and schema
//! validation alone (read + parse into JSON values + the generated JSON Schema), both in
//! parallel with rayon.
//!
//! A dataset directory is walked as the loader walks it (`events/**/*.toml`,
//! `sources/*.toml`, `places.toml`, `actors.toml`); each file is parsed by a rayon task. A
//! JSON Lines file is streamed: a reader thread hands 8 MiB blocks cut at line ends to the
//! parser, which parses the lines of a block in parallel, so memory stays at a few blocks
//! whatever the file size. With `--data DIR` (a JSON Lines input), the registry of `DIR` is
//! parsed too, as `faultline lint FILE --data DIR` loads it.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use faultline_model::{ActorsFile, Event, PlacesFile, RecordKind, Source};
use jsonschema::Validator;
use rayon::prelude::*;
use serde_json::{Value, json};

/// Bytes per block of a streamed JSON Lines file.
const BLOCK: usize = 8 << 20;

/// What a file holds, by where it sits in a dataset directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Event,
    Source,
    Places,
    Actors,
}

/// What a run went through.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    files: u64,
    bytes: u64,
    /// Records parsed (events, sources, places, actors).
    records: u64,
    /// Events among them.
    events: u64,
    /// Records that did not parse (floor) or broke the schema (schema).
    rejected: u64,
    /// Schema errors found.
    schema_errors: u64,
    /// CPU time spent parsing, summed over threads.
    parse_ns: u64,
    /// CPU time spent validating, summed over threads.
    validate_ns: u64,
}

impl Counts {
    fn add(mut self, o: Counts) -> Counts {
        self.files += o.files;
        self.bytes += o.bytes;
        self.records += o.records;
        self.events += o.events;
        self.rejected += o.rejected;
        self.schema_errors += o.schema_errors;
        self.parse_ns += o.parse_ns;
        self.validate_ns += o.validate_ns;
        self
    }
}

/// What to do with each record.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Deserialize into the model.
    Floor,
    /// Parse into a JSON value and validate it.
    Schema(&'a Validators),
}

/// One compiled validator per record kind.
struct Validators(Vec<(RecordKind, Validator)>);

impl Validators {
    fn compile() -> Result<Self, String> {
        RecordKind::ALL
            .iter()
            .map(|k| {
                jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&k.schema().to_value())
                    .map(|v| (*k, v))
                    .map_err(|e| format!("the {k} schema does not compile: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Validators)
    }

    fn get(&self, kind: RecordKind) -> Option<&Validator> {
        self.0.iter().find(|(k, _)| *k == kind).map(|(_, v)| v)
    }

    /// Validates one record: (valid, number of errors).
    fn check(&self, kind: RecordKind, value: &Value) -> (bool, u64) {
        let Some(v) = self.get(kind) else {
            return (true, 0);
        };
        if v.is_valid(value) {
            (true, 0)
        } else {
            (false, v.iter_errors(value).count() as u64)
        }
    }
}

/// `bench floor`.
pub(super) fn floor(data: Option<PathBuf>, path: &Path) -> Result<(), String> {
    run(data, path, Mode::Floor)
}

/// `bench schema`.
pub(super) fn schema(data: Option<PathBuf>, path: &Path) -> Result<(), String> {
    let validators = Validators::compile()?;
    run(data, path, Mode::Schema(&validators))
}

fn run(data: Option<PathBuf>, path: &Path, mode: Mode<'_>) -> Result<(), String> {
    let started = Instant::now();
    let mut counts = Counts::default();
    if let Some(dir) = data.filter(|_| !path.is_dir()) {
        counts = counts.add(dataset_dir(&dir, mode)?);
    }
    counts = counts.add(if path.is_dir() {
        dataset_dir(path, mode)?
    } else {
        json_lines(path, mode)?
    });
    let out = json!({
        "files": counts.files,
        "bytes": counts.bytes,
        "records": counts.records,
        "events": counts.events,
        "rejected": counts.rejected,
        "schema_errors": counts.schema_errors,
        "parse_cpu_s": counts.parse_ns as f64 / 1e9,
        "validate_cpu_s": counts.validate_ns as f64 / 1e9,
        "wall_s": started.elapsed().as_secs_f64(),
    });
    #[allow(clippy::print_stdout)]
    {
        println!("{out}");
    }
    Ok(())
}

/// The record files of a dataset directory, in sorted order.
fn walk(root: &Path) -> Vec<(PathBuf, Role)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let role = match parts.as_slice() {
            ["places.toml"] => Role::Places,
            ["actors.toml"] => Role::Actors,
            ["sources", name] if name.ends_with(".toml") => Role::Source,
            ["events", .., name] if name.ends_with(".toml") => Role::Event,
            _ => continue,
        };
        files.push((entry.path().to_path_buf(), role));
    }
    files
}

fn dataset_dir(root: &Path, mode: Mode<'_>) -> Result<Counts, String> {
    let files = walk(root);
    if files.is_empty() {
        return Err(format!("{}: no record files", root.display()));
    }
    Ok(files
        .par_iter()
        .map(|(path, role)| toml_file(path, *role, mode))
        .reduce(Counts::default, Counts::add))
}

fn toml_file(path: &Path, role: Role, mode: Mode<'_>) -> Counts {
    let mut c = Counts {
        files: 1,
        ..Counts::default()
    };
    let Ok(text) = fs::read_to_string(path) else {
        c.rejected = 1;
        return c;
    };
    c.bytes = text.len() as u64;
    let t = Instant::now();
    match mode {
        Mode::Floor => {
            let (records, ok) = match role {
                Role::Event => (1, toml::from_str::<Event>(&text).is_ok()),
                Role::Source => (1, toml::from_str::<Source>(&text).is_ok()),
                Role::Places => match toml::from_str::<PlacesFile>(&text) {
                    Ok(f) => (f.place.len() as u64, true),
                    Err(_) => (1, false),
                },
                Role::Actors => match toml::from_str::<ActorsFile>(&text) {
                    Ok(f) => (f.actor.len() as u64, true),
                    Err(_) => (1, false),
                },
            };
            c.parse_ns = elapsed_ns(t);
            c.records = records;
            c.events = u64::from(role == Role::Event);
            c.rejected = u64::from(!ok);
        }
        Mode::Schema(validators) => {
            let parsed = toml::from_str::<toml::Table>(&text);
            c.parse_ns = elapsed_ns(t);
            let Ok(table) = parsed else {
                c.records = 1;
                c.rejected = 1;
                c.events = u64::from(role == Role::Event);
                return c;
            };
            let value = to_json(toml::Value::Table(table));
            let records: Vec<(RecordKind, &Value)> = match role {
                Role::Event => vec![(RecordKind::Event, &value)],
                Role::Source => vec![(RecordKind::Source, &value)],
                Role::Places => items(&value, "place", RecordKind::Place),
                Role::Actors => items(&value, "actor", RecordKind::Actor),
            };
            let t = Instant::now();
            for (kind, v) in records {
                let (ok, errors) = validators.check(kind, v);
                c.records += 1;
                c.events += u64::from(kind == RecordKind::Event);
                c.rejected += u64::from(!ok);
                c.schema_errors += errors;
            }
            c.validate_ns = elapsed_ns(t);
        }
    }
    c
}

fn items<'v>(value: &'v Value, key: &str, kind: RecordKind) -> Vec<(RecordKind, &'v Value)> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| (kind, v)).collect())
        .unwrap_or_default()
}

/// A TOML value as the JSON value the loader makes of it (dates become strings).
fn to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn elapsed_ns(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// Streams a JSON Lines file: a reader thread cuts blocks at line ends; the lines of each
/// block are parsed in parallel.
fn json_lines(path: &Path, mode: Mode<'_>) -> Result<Counts, String> {
    let mut file = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (tx, rx) = sync_channel::<Vec<u8>>(2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(), String> {
            let mut carry: Vec<u8> = Vec::new();
            loop {
                let mut block = std::mem::take(&mut carry);
                let filled = block.len();
                block.resize(filled + BLOCK, 0);
                let n = read_full(&mut file, &mut block[filled..])
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                block.truncate(filled + n);
                if n == 0 {
                    if !block.is_empty() {
                        let _ = tx.send(block);
                    }
                    return Ok(());
                }
                // Keep the unfinished last line for the next block.
                if let Some(end) = block.iter().rposition(|b| *b == b'\n') {
                    carry = block.split_off(end + 1);
                }
                if tx.send(block).is_err() {
                    return Ok(());
                }
            }
        });
        let mut total = Counts {
            files: 1,
            ..Counts::default()
        };
        for block in rx {
            total.bytes += block.len() as u64;
            let lines: Vec<&[u8]> = block
                .split(|b| *b == b'\n')
                .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
                .collect();
            let c = lines
                .par_iter()
                .with_min_len(64)
                .map(|line| json_line(line, mode))
                .reduce(Counts::default, Counts::add);
            total = total.add(c);
        }
        reader
            .join()
            .map_err(|_| "the reader thread panicked".to_owned())??;
        Ok(total)
    })
}

fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn json_line(line: &[u8], mode: Mode<'_>) -> Counts {
    let mut c = Counts {
        records: 1,
        events: 1,
        ..Counts::default()
    };
    let t = Instant::now();
    match mode {
        Mode::Floor => {
            c.rejected = u64::from(serde_json::from_slice::<Event>(line).is_err());
            c.parse_ns = elapsed_ns(t);
        }
        Mode::Schema(validators) => {
            let parsed = serde_json::from_slice::<Value>(line);
            c.parse_ns = elapsed_ns(t);
            match parsed {
                Ok(value) => {
                    let t = Instant::now();
                    let (ok, errors) = validators.check(RecordKind::Event, &value);
                    c.validate_ns = elapsed_ns(t);
                    c.rejected = u64::from(!ok);
                    c.schema_errors = errors;
                }
                Err(_) => c.rejected = 1,
            }
        }
    }
    c
}

/// `bench warm PATH...`: reads every file once (dataset directories recursively).
pub(super) fn warm(paths: &[String]) -> Result<(), String> {
    let mut files = Vec::new();
    for p in paths {
        let p = Path::new(p);
        if p.is_dir() {
            files.extend(
                walkdir::WalkDir::new(p)
                    .into_iter()
                    .flatten()
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.path().to_path_buf()),
            );
        } else {
            files.push(p.to_path_buf());
        }
    }
    files.par_iter().try_for_each(|f| {
        let mut file = fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let mut buf = vec![0; 1 << 20];
        while read_full(&mut file, &mut buf).map_err(|e| format!("{}: {e}", f.display()))? > 0 {}
        Ok(())
    })
}
