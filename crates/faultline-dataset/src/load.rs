//! Loading: walk a dataset directory (or take single files), read files in parallel, parse
//! them into span trees and typed records, and collect every problem as a [`LoadError`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_model::{Actor, Event, Place, RecordKind, Source};
use rayon::prelude::*;
use serde_json::Value;
use toml::de::DeTable;

use crate::convert::table_to_json;
use crate::error::{DatasetError, LoadError, LoadErrorKind};
use crate::files::{FileFormat, FileId, ReadOutcome, SourceFile, display_name, read_text};
use crate::layout::{FileRole, classify_single};
use crate::lenient::{Lenient, decode, repair};
use crate::span::Span;
use crate::tree::{Located, SpanNode};
use crate::walk::{WalkError, WalkErrorKind};

/// Limits that keep hostile input from exhausting the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// The largest TOML or JSON file read, in bytes (default 8 MiB).
    pub max_file_bytes: u64,
    /// The largest JSON Lines file read, in bytes (default 4 GiB).
    pub max_lines_file_bytes: u64,
    /// Show file names relative to this folder (default: relative to the working directory
    /// when below it, else as given).
    pub names_relative_to: Option<PathBuf>,
    /// Texts read in place of files on disk (an editor's unsaved buffers), by path as the
    /// walk gives it. Default: none.
    pub overlay: Option<Arc<Overlay>>,
}

/// Texts that stand in for the files at their paths: what an editor holds and has not saved.
/// A path in the overlay is read from it, never from disk; it is held to the same size limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    texts: std::collections::HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    /// Sets (or, with `None`, removes) the text standing in for `path`.
    pub fn set(&mut self, path: PathBuf, text: Option<Arc<str>>) {
        match text {
            Some(text) => {
                self.texts.insert(path, text);
            }
            None => {
                self.texts.remove(&path);
            }
        }
    }

    /// The text standing in for `path`, if any.
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    /// The paths held, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }
}

impl LoadOptions {
    /// The default [`LoadOptions::max_file_bytes`]: 8 MiB.
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 << 20;

    /// The name a file is shown by: relative to [`LoadOptions::names_relative_to`] when set
    /// and below it, else its
    /// [`display_name`].
    pub fn name_of(&self, path: &Path) -> String {
        match &self.names_relative_to {
            Some(base) => path.strip_prefix(base).map_or_else(
                |_| display_name(path),
                |rel| rel.to_string_lossy().replace('\\', "/"),
            ),
            None => display_name(path),
        }
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: Self::DEFAULT_MAX_FILE_BYTES,
            max_lines_file_bytes: 4 << 30,
            names_relative_to: None,
            overlay: None,
        }
    }
}

/// Where a record came from: its file, and where in the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// The JSON pointer of the record within its document (`""` for a whole file,
    /// `/place/3` for the fourth place of `places.toml`).
    pub pointer: String,
    /// For a line of a JSON Lines file: that line's span.
    pub line: Option<Span>,
    /// For a record loaded by the lenient second pass ([`Dataset::load_lenient`]): what it
    /// lost, and how its pointers map onto the record as written.
    pub lenient: Option<Arc<Lenient>>,
}

impl Origin {
    /// The pointer into the record as written of `pointer`, a pointer into the typed record
    /// (they differ only for a leniently loaded record that lost an element of an array).
    pub fn original<'p>(&self, pointer: &'p str) -> std::borrow::Cow<'p, str> {
        match &self.lenient {
            Some(l) => l.original(pointer),
            None => std::borrow::Cow::Borrowed(pointer),
        }
    }

    /// Whether a finding at `pointer` (into the record as written) may be a consequence of
    /// what the lenient pass dropped, and is held back ([`Lenient::holds_back`]).
    pub fn holds_back(&self, pointer: &str) -> bool {
        self.lenient.as_ref().is_some_and(|l| l.holds_back(pointer))
    }
}

/// A record with its origin.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The typed record.
    pub record: T,
    /// Where it was read.
    pub origin: Origin,
}

/// Where a value of a record is, resolved to bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The value (or, when `exact` is false, the nearest enclosing table or record).
    pub span: Span,
    /// The key that names the value, when there is one.
    pub key: Option<Span>,
    /// Whether the value itself was found.
    pub exact: bool,
}

/// A loaded dataset: typed records that remember where they came from, the text of every
/// file, and every problem found while loading.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The dataset directory, when one was opened.
    pub root: Option<PathBuf>,
    /// Every file read, in a deterministic order (sorted paths).
    pub files: Vec<SourceFile>,
    /// The events.
    pub events: Vec<Loaded<Event>>,
    /// The sources.
    pub sources: Vec<Loaded<Source>>,
    /// The places of the gazetteer.
    pub places: Vec<Loaded<Place>>,
    /// The actors.
    pub actors: Vec<Loaded<Actor>>,
    /// Files and records that could not be loaded.
    pub errors: Vec<LoadError>,
    /// Record-like files found outside the folders where records belong.
    pub stray: Vec<FileId>,
}

/// A record of any kind, before it is sorted into the dataset.
enum AnyRecord {
    Event(Event),
    Source(Source),
    Place(Place),
    Actor(Actor),
}

/// What loading one file gave.
struct FileLoad {
    file: SourceFile,
    records: Vec<(AnyRecord, Origin)>,
    errors: Vec<LoadError>,
    stray: bool,
}

impl Dataset {
    /// Opens a dataset directory with default [`LoadOptions`].
    pub fn open(root: impl AsRef<Path>) -> Result<Self, DatasetError> {
        Self::open_with(root, LoadOptions::default())
    }

    /// Opens a dataset directory: `events/**/*.toml` (and `*.json`, `*.jsonl`),
    /// `sources/*.toml`, `places.toml`, `actors.toml`, as [`walk()`](crate::walk()) lists them
    /// (a symbolic link that leads out of the dataset is reported, never read). Files are read
    /// in parallel; the result is the same whatever the number of threads.
    pub fn open_with(root: impl AsRef<Path>, options: LoadOptions) -> Result<Self, DatasetError> {
        let (mut dataset, events) = Self::open_registries(root, options.clone())?;
        dataset.add_files(events, &options);
        Ok(dataset)
    }

    /// Opens the registries of a dataset directory — sources, places, actors, and any stray
    /// record-like file — and returns them with the list of event files, unread, so that the
    /// events can be loaded in batches ([`Dataset::add_files`] on a [`Dataset::registries`]
    /// copy) when a dataset is too large to hold at once.
    pub fn open_registries(
        root: impl AsRef<Path>,
        options: LoadOptions,
    ) -> Result<(Self, Vec<(PathBuf, FileRole)>), DatasetError> {
        Self::open_registries_except(root, options, None)
    }

    /// Like [`Dataset::open_registries`], leaving out the file at `except` (neither read as a
    /// registry nor listed as an event file): the caller stands in its text with
    /// [`Dataset::add_bytes`] or a text batch — a record an editor has not saved yet
    /// (`faultline lint --stdin-filename PATH -`). Paths are compared made absolute, by their
    /// names (links are not followed).
    pub fn open_registries_except(
        root: impl AsRef<Path>,
        options: LoadOptions,
        except: Option<&Path>,
    ) -> Result<(Self, Vec<(PathBuf, FileRole)>), DatasetError> {
        let root = root.as_ref();
        let absolute = |p: &Path| {
            std::path::absolute(p)
                .map(|a| crate::confine::lexical(&a))
                .ok()
        };
        let except = except.and_then(absolute);
        let walk = crate::walk::walk(root)?;
        let mut dataset = Dataset {
            root: Some(root.to_path_buf()),
            ..Dataset::default()
        };
        let mut registries = Vec::new();
        let mut events = Vec::new();
        for found in walk {
            match found {
                Ok(file) if except.is_some() && absolute(&file.path) == except => {}
                Ok(file) => match file.role {
                    FileRole::Event | FileRole::Events => events.push((file.path, file.role)),
                    role => registries.push((file.path, role)),
                },
                Err(WalkError { path, kind }) => {
                    let kind = match kind {
                        WalkErrorKind::Link(e) => LoadErrorKind::Link(e),
                        WalkErrorKind::Io(message) => LoadErrorKind::Io(message),
                    };
                    dataset.errors.push(LoadError {
                        path: options.name_of(&path),
                        file: None,
                        span: Span::default(),
                        line: 1,
                        column: 1,
                        kind,
                    });
                }
            }
        }
        dataset.add_files(registries, &options);
        Ok((dataset, events))
    }

    /// A copy of the registries: sources, places, actors, stray files and the errors of
    /// non-event files. Event files keep their place (so that file ids stay valid) but lose
    /// their text.
    pub fn registries(&self) -> Dataset {
        let files = self
            .files
            .iter()
            .map(|f| {
                if f.holds_events() {
                    let mut empty =
                        SourceFile::new(f.path.clone(), f.name.clone(), Arc::from(""), f.format);
                    empty.role = f.role;
                    empty
                } else {
                    f.clone()
                }
            })
            .collect();
        let errors = self
            .errors
            .iter()
            .filter(|e| e.file.is_none_or(|id| !self.file(id).holds_events()))
            .cloned()
            .collect();
        Dataset {
            root: self.root.clone(),
            files,
            events: Vec::new(),
            sources: self.sources.clone(),
            places: self.places.clone(),
            actors: self.actors.clone(),
            errors,
            stray: self.stray.clone(),
        }
    }

    /// Adds one file given on its own; its role comes from its name and folder
    /// ([`classify_single`]). The file is read as named, links followed: when the path comes
    /// from untrusted input, check it first with [`resolve_under`](crate::resolve_under). Returns the file's id, or `None` when the name is not that of a
    /// record file (for example `faultline.toml`, or a `.txt` file).
    pub fn add_file(&mut self, path: impl AsRef<Path>, options: LoadOptions) -> Option<FileId> {
        let path = path.as_ref();
        let role = classify_single(path)?;
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.add_files(vec![(path.to_path_buf(), role)], &options);
        Some(id)
    }

    /// Adds a record file whose bytes were not read from `path` (standard input standing in
    /// for the file at `path`), with the role `role`; loaded as [`Dataset::add_files`] would
    /// load the file (UTF-8 checked, parsed by its extension). Returns the file's id.
    pub fn add_bytes(
        &mut self,
        path: &Path,
        role: FileRole,
        bytes: Vec<u8>,
        options: &LoadOptions,
    ) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let name = options.name_of(path);
        let format = FileFormat::from_path(path).unwrap_or(FileFormat::Toml);
        let load = match crate::files::decode_text(bytes) {
            ReadOutcome::Text(text) => {
                let file = SourceFile::new(path.to_path_buf(), name, Arc::from(text), format)
                    .with_role(role);
                parse_file(file, id, role)
            }
            ReadOutcome::Failed { kind, text, offset } => {
                let file = SourceFile::new(
                    path.to_path_buf(),
                    name,
                    Arc::from(text.unwrap_or_default()),
                    format,
                )
                .with_role(role);
                let error = error_at(&file, id, Span::at(offset), kind);
                FileLoad {
                    file,
                    records: Vec::new(),
                    errors: vec![error],
                    stray: role == FileRole::Stray,
                }
            }
        };
        self.merge(load);
        id
    }

    /// Adds events from JSON Lines text that was not read from a file (e.g. standard input).
    pub fn add_json_lines(&mut self, name: &str, text: String) -> FileId {
        self.add_json_lines_bytes(Path::new(name), name, text.into_bytes())
    }

    /// Adds events from JSON Lines bytes read from `path`, a whole file; bytes that are not
    /// UTF-8 are reported and replaced.
    pub fn add_json_lines_bytes(&mut self, path: &Path, name: &str, bytes: Vec<u8>) -> FileId {
        self.add_lines(path, name, bytes, true)
    }

    /// Adds events from a run of whole lines of a JSON Lines file (see
    /// [`LineChunks`](crate::LineChunks)). Unlike a whole file, a run of blank lines is not
    /// reported as an empty file.
    pub fn add_json_lines_chunk(&mut self, path: &Path, name: &str, bytes: Vec<u8>) -> FileId {
        self.add_lines(path, name, bytes, false)
    }

    fn add_lines(&mut self, path: &Path, name: &str, bytes: Vec<u8>, whole: bool) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let (text, bad) = match crate::files::decode_text(bytes) {
            ReadOutcome::Text(text) => (text, None),
            ReadOutcome::Failed { kind, text, offset } => {
                (text.unwrap_or_default(), Some((kind, offset)))
            }
        };
        let file = SourceFile::new(
            path.to_path_buf(),
            name.to_owned(),
            Arc::from(text),
            FileFormat::JsonLines,
        )
        .with_role(FileRole::Events);
        let mut load = parse_file(file, id, FileRole::Events);
        if !whole {
            load.errors
                .retain(|e| !matches!(e.kind, LoadErrorKind::Empty));
        }
        if let Some((kind, offset)) = bad {
            let error = error_at(&load.file, id, Span::at(offset), kind);
            load.errors.insert(0, error);
        }
        self.merge(load);
        id
    }

    /// Records that a file could not be read (for example a read error in the middle of a
    /// large JSON Lines file), as a [`LoadErrorKind::Io`] error on that file.
    pub fn add_unreadable(
        &mut self,
        path: &Path,
        name: &str,
        role: FileRole,
        message: String,
    ) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let format = FileFormat::from_path(path).unwrap_or(FileFormat::Toml);
        let file = SourceFile::new(path.to_path_buf(), name.to_owned(), Arc::from(""), format)
            .with_role(role);
        let error = error_at(&file, id, Span::default(), LoadErrorKind::Io(message));
        self.merge(FileLoad {
            file,
            records: Vec::new(),
            errors: vec![error],
            stray: false,
        });
        id
    }

    /// Reads files of known roles (in parallel) and adds their records; the files keep the
    /// given order.
    pub fn add_files(&mut self, planned: Vec<(PathBuf, FileRole)>, options: &LoadOptions) {
        let first = self.files.len();
        let loads: Vec<FileLoad> = planned
            .into_par_iter()
            .enumerate()
            .map(|(i, (path, role))| {
                let id = FileId(u32::try_from(first + i).unwrap_or(u32::MAX));
                load_file(path, role, id, options)
            })
            .collect();
        for load in loads {
            self.merge(load);
        }
    }

    fn merge(&mut self, load: FileLoad) {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        if load.stray {
            self.stray.push(id);
        }
        self.files.push(load.file);
        self.errors.extend(load.errors);
        for (record, origin) in load.records {
            match record {
                AnyRecord::Event(r) => self.events.push(Loaded { record: r, origin }),
                AnyRecord::Source(r) => self.sources.push(Loaded { record: r, origin }),
                AnyRecord::Place(r) => self.places.push(Loaded { record: r, origin }),
                AnyRecord::Actor(r) => self.actors.push(Loaded { record: r, origin }),
            }
        }
    }

    /// The file with this id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.index()]
    }

    /// The id of the file read from `path`, if any.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }

    /// Resolves a JSON pointer within a record (`/casualties/0/count`) to bytes of its file.
    pub fn locate(&self, origin: &Origin, pointer: &str) -> Location {
        let file = self.file(origin.file);
        let full = format!("{}{}", origin.pointer, pointer);
        let found = match origin.line {
            Some(line) => file
                .text
                .get(line.range())
                .and_then(|text| SpanNode::from_json(text, line.start))
                .map(|tree| tree.lookup(&full)),
            None => file.tree().map(|tree| tree.lookup(&full)),
        };
        let fallback = origin.line.unwrap_or_default();
        let Located { key, value, exact } = found.unwrap_or(Located {
            key: None,
            value: fallback,
            exact: false,
        });
        Location {
            file: origin.file,
            span: value,
            key,
            exact,
        }
    }

    /// A copy of the files, load errors and stray files, without any record: what a batch of
    /// events needs beside it when the registries' records are looked up elsewhere (an index
    /// built once). File ids stay the same.
    pub fn files_only(&self) -> Dataset {
        Dataset {
            root: self.root.clone(),
            files: self.files.clone(),
            errors: self.errors.clone(),
            stray: self.stray.clone(),
            ..Dataset::default()
        }
    }

    /// The text of the record a load error is about: the line, for a line of a JSON Lines
    /// file; the whole file otherwise. `None` for an error on no file (a symlink loop).
    pub fn failed_text(&self, error: &LoadError) -> Option<&str> {
        let file = self.file(error.file?);
        if file.format != FileFormat::JsonLines {
            return Some(&file.text);
        }
        if let LoadErrorKind::Invalid { origin, .. } = &error.kind
            && let Some(line) = origin.line
        {
            return file.text.get(line.range());
        }
        let bytes = file.text.as_bytes();
        let at = error.span.start.min(bytes.len());
        let start = bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| at + i);
        file.text.get(start..end)
    }

    /// The lenient second pass: every record that parsed but did not fit the model
    /// ([`LoadErrorKind::Invalid`]) is loaded again with what broke it dropped
    /// ([`crate::lenient`]), and added beside the others with an [`Origin::lenient`] that
    /// says what it lost. Its error stays in [`Dataset::errors`]. Records keep the order of
    /// their files. Calling it twice adds nothing the second time. Returns how many records
    /// were added.
    ///
    /// Only the linter wants this: a record that lost values must not be exported or
    /// counted as if it were whole, so nothing else calls it.
    pub fn load_lenient(&mut self) -> usize {
        let already: std::collections::HashSet<(FileId, String, Option<Span>)> = self
            .events
            .iter()
            .map(|r| &r.origin)
            .chain(self.sources.iter().map(|r| &r.origin))
            .chain(self.places.iter().map(|r| &r.origin))
            .chain(self.actors.iter().map(|r| &r.origin))
            .filter(|o| o.lenient.is_some())
            .map(|o| (o.file, o.pointer.clone(), o.line))
            .collect();
        let mut added = 0;
        for e in &self.errors {
            let LoadErrorKind::Invalid {
                record,
                origin,
                value,
                ..
            } = &e.kind
            else {
                continue;
            };
            if already.contains(&(origin.file, origin.pointer.clone(), origin.line)) {
                continue;
            }
            let with = |lenient: Lenient| Origin {
                lenient: Some(Arc::new(lenient)),
                ..origin.clone()
            };
            let ok = match record {
                RecordKind::Event => repair::<Event>(value).map(|(record, l)| {
                    self.events.push(Loaded {
                        record,
                        origin: with(l),
                    });
                }),
                RecordKind::Source => repair::<Source>(value).map(|(record, l)| {
                    self.sources.push(Loaded {
                        record,
                        origin: with(l),
                    });
                }),
                RecordKind::Place => repair::<Place>(value).map(|(record, l)| {
                    self.places.push(Loaded {
                        record,
                        origin: with(l),
                    });
                }),
                RecordKind::Actor => repair::<Actor>(value).map(|(record, l)| {
                    self.actors.push(Loaded {
                        record,
                        origin: with(l),
                    });
                }),
            };
            added += usize::from(ok.is_some());
        }
        if added > 0 {
            sort_by_place(&mut self.events);
            sort_by_place(&mut self.sources);
            sort_by_place(&mut self.places);
            sort_by_place(&mut self.actors);
        }
        added
    }

    /// A copy of the dataset with the lenient second pass done ([`Dataset::load_lenient`]),
    /// or `None` when no record needs it (the dataset is used as it is).
    pub fn with_lenient(&self) -> Option<Dataset> {
        let needed = self
            .errors
            .iter()
            .any(|e| matches!(e.kind, LoadErrorKind::Invalid { .. }));
        if !needed {
            return None;
        }
        let mut copy = Dataset {
            root: self.root.clone(),
            files: self.files.clone(),
            events: self.events.clone(),
            sources: self.sources.clone(),
            places: self.places.clone(),
            actors: self.actors.clone(),
            errors: self.errors.clone(),
            stray: self.stray.clone(),
        };
        (copy.load_lenient() > 0).then_some(copy)
    }

    /// How many records of each kind were loaded: (events, sources, places, actors).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.events.len(),
            self.sources.len(),
            self.places.len(),
            self.actors.len(),
        )
    }
}

fn load_file(path: PathBuf, role: FileRole, id: FileId, options: &LoadOptions) -> FileLoad {
    let name = options.name_of(&path);
    let format = FileFormat::from_path(&path).unwrap_or(FileFormat::Toml);
    let limit = match format {
        FileFormat::JsonLines => options.max_lines_file_bytes,
        _ => options.max_file_bytes,
    };
    let outcome = match options.overlay.as_ref().and_then(|o| o.get(&path)) {
        Some(text) if text.len() as u64 > limit => ReadOutcome::Failed {
            kind: LoadErrorKind::TooLarge {
                size: text.len() as u64,
                limit,
            },
            text: None,
            offset: 0,
        },
        Some(text) => {
            let file = SourceFile::new(path, name, Arc::clone(text), format).with_role(role);
            return parse_file(file, id, role);
        }
        None => read_text(&path, limit),
    };
    match outcome {
        ReadOutcome::Text(text) => {
            let file = SourceFile::new(path, name, Arc::from(text), format).with_role(role);
            parse_file(file, id, role)
        }
        ReadOutcome::Failed { kind, text, offset } => {
            let file = SourceFile::new(path, name, Arc::from(text.unwrap_or_default()), format)
                .with_role(role);
            let error = error_at(&file, id, Span::at(offset), kind);
            FileLoad {
                file,
                records: Vec::new(),
                errors: vec![error],
                stray: role == FileRole::Stray,
            }
        }
    }
}

fn error_at(file: &SourceFile, id: FileId, span: Span, kind: LoadErrorKind) -> LoadError {
    let pos = file.position(span.start);
    LoadError {
        path: file.name.clone(),
        file: Some(id),
        span,
        line: pos.line,
        column: pos.column,
        kind,
    }
}

fn parse_file(file: SourceFile, id: FileId, role: FileRole) -> FileLoad {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    if role != FileRole::Stray {
        let mut sink = Sink {
            file: &file,
            id,
            records: &mut records,
            errors: &mut errors,
        };
        match file.format {
            FileFormat::Toml => sink.toml(role),
            FileFormat::Json => sink.json(),
            FileFormat::JsonLines => sink.json_lines(),
        }
    }
    FileLoad {
        file,
        records,
        errors,
        stray: role == FileRole::Stray,
    }
}

/// Collects the records and errors of one file.
struct Sink<'a> {
    file: &'a SourceFile,
    id: FileId,
    records: &'a mut Vec<(AnyRecord, Origin)>,
    errors: &'a mut Vec<LoadError>,
}

impl Sink<'_> {
    fn error(&mut self, span: Span, kind: LoadErrorKind) {
        self.errors.push(error_at(self.file, self.id, span, kind));
    }

    fn origin(&self, pointer: String, line: Option<Span>) -> Origin {
        Origin {
            file: self.id,
            pointer,
            line,
            lenient: None,
        }
    }

    fn toml(&mut self, role: FileRole) {
        let text = Arc::clone(&self.file.text);
        // The fast path: a valid record deserializes straight into the model. Anything else
        // takes the slow path below, which says exactly what is wrong and where.
        let fast = match role {
            FileRole::Event | FileRole::Source => self.fast_toml(&text, role),
            _ => None,
        };
        if let Some(record) = fast {
            let origin = self.origin(String::new(), None);
            self.records.push((record, origin));
            return;
        }
        let doc = match DeTable::parse(&text) {
            Ok(doc) => doc,
            Err(e) => {
                let span = e.span().map(Span::from).unwrap_or_default();
                let kind = if e.message().starts_with("duplicate key") {
                    duplicate_key(&text, span)
                } else {
                    LoadErrorKind::Syntax(e.message().to_owned())
                };
                self.error(span, kind);
                return;
            }
        };
        if doc.get_ref().is_empty() {
            self.error(Span::default(), LoadErrorKind::Empty);
            return;
        }
        let root = table_to_json(doc.get_ref());
        match role {
            FileRole::Event => self.record(RecordKind::Event, root, String::new(), None),
            FileRole::Source => self.record(RecordKind::Source, root, String::new(), None),
            FileRole::Places => self.registry(RecordKind::Place, "place", root),
            FileRole::Actors => self.registry(RecordKind::Actor, "actor", root),
            FileRole::Events | FileRole::Stray => {}
        }
    }

    /// A valid event or source file deserialized into the model from one parse, which also
    /// gives the file its span tree: most files of a dataset being cleaned up have a finding
    /// to locate, and parsing them again for it cost as much as loading them.
    fn fast_toml(&self, text: &str, role: FileRole) -> Option<AnyRecord> {
        use serde::Deserialize as _;
        let doc = DeTable::parse(text).ok()?;
        self.file
            .set_tree(SpanNode::from_toml(doc.get_ref(), Span::at(0)));
        let de = toml::de::Deserializer::from(doc);
        match role {
            FileRole::Event => Event::deserialize(de).ok().map(AnyRecord::Event),
            FileRole::Source => Source::deserialize(de).ok().map(AnyRecord::Source),
            _ => None,
        }
    }

    /// `places.toml` / `actors.toml`: only `[[place]]` / `[[actor]]` tables.
    fn registry(&mut self, kind: RecordKind, key: &str, root: Value) {
        let Value::Object(map) = root else { return };
        for (k, v) in map {
            if k != key {
                let base = self.origin(String::new(), None);
                self.invalid(
                    kind,
                    base,
                    format!("/{k}"),
                    format!("unknown field `{k}`: this file holds only [[{key}]] tables"),
                    v,
                );
                continue;
            }
            let Value::Array(items) = v else {
                let base = self.origin(String::new(), None);
                self.invalid(
                    kind,
                    base,
                    format!("/{k}"),
                    format!("`{key}` must be an array of tables: write each as [[{key}]]"),
                    v,
                );
                continue;
            };
            for (i, item) in items.into_iter().enumerate() {
                self.record(kind, item, format!("/{key}/{i}"), None);
            }
        }
    }

    fn json(&mut self) {
        let text = Arc::clone(&self.file.text);
        if text.trim().is_empty() {
            self.error(Span::default(), LoadErrorKind::Empty);
            return;
        }
        match serde_json::from_str::<Value>(&text) {
            Ok(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    self.record(RecordKind::Event, item, format!("/{i}"), None);
                }
            }
            Ok(value) => self.record(RecordKind::Event, value, String::new(), None),
            Err(e) => {
                let mut offset =
                    self.file
                        .line_index()
                        .offset_of_byte_column(&text, e.line(), e.column());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                self.error(Span::at(offset), LoadErrorKind::Syntax(json_message(&e)));
            }
        }
    }

    fn json_lines(&mut self) {
        let text = Arc::clone(&self.file.text);
        if text.trim().is_empty() {
            self.error(Span::default(), LoadErrorKind::Empty);
            return;
        }
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let line_start = start;
            start += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            let span = Span::new(line_start, line_start + line.len());
            // The fast path: a valid event deserializes straight into the model.
            if let Ok(event) = serde_json::from_str::<Event>(line) {
                let origin = self.origin(String::new(), Some(span));
                self.records.push((AnyRecord::Event(event), origin));
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(value) => self.record(RecordKind::Event, value, String::new(), Some(span)),
                Err(e) => {
                    let mut offset = line_start + e.column().saturating_sub(1).min(line.len());
                    while !text.is_char_boundary(offset) {
                        offset -= 1;
                    }
                    self.error(Span::at(offset), LoadErrorKind::Syntax(json_message(&e)));
                }
            }
        }
    }

    fn record(&mut self, kind: RecordKind, value: Value, pointer: String, line: Option<Span>) {
        let origin = self.origin(pointer, line);
        let decoded = match kind {
            RecordKind::Event => decode::<Event>(&value).map(AnyRecord::Event),
            RecordKind::Source => decode::<Source>(&value).map(AnyRecord::Source),
            RecordKind::Place => decode::<Place>(&value).map(AnyRecord::Place),
            RecordKind::Actor => decode::<Actor>(&value).map(AnyRecord::Actor),
        };
        match decoded {
            Ok(record) => self.records.push((record, origin)),
            Err((pointer, message)) => self.invalid(kind, origin, pointer, message, value),
        }
    }

    fn invalid(
        &mut self,
        record: RecordKind,
        origin: Origin,
        pointer: String,
        message: String,
        value: Value,
    ) {
        let full = format!("{}{}", origin.pointer, pointer);
        let located = match origin.line {
            Some(line) => self
                .file
                .text
                .get(line.range())
                .and_then(|t| SpanNode::from_json(t, line.start))
                .map(|t| t.lookup(&full)),
            None => self.file.tree().map(|t| t.lookup(&full)),
        };
        let span = located.map_or(origin.line.unwrap_or_default(), |l| {
            if l.exact {
                l.value
            } else {
                l.key.unwrap_or(l.value)
            }
        });
        let span = match located {
            Some(l) if l.exact && message.starts_with("unknown field") => l.key.unwrap_or(span),
            _ => span,
        };
        self.error(
            span,
            LoadErrorKind::Invalid {
                record,
                origin,
                pointer,
                message,
                value: Box::new(value),
            },
        );
    }
}

/// serde_json's message without its trailing " at line L column C" (we give positions).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// Puts records in the order of their files, and within a file in the order they stand in
/// it (records added by the lenient pass join the others where they belong).
fn sort_by_place<T>(records: &mut [Loaded<T>]) {
    records.sort_by_cached_key(|r| {
        let o = &r.origin;
        let at = o
            .pointer
            .rsplit('/')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0);
        (o.file, o.line.map_or(0, |l| l.start), at)
    });
}

/// A TOML `duplicate key` error at `span` (the second definition): the key, and where it was
/// first defined, found by parsing the text before the duplicate's line and looking the key
/// up under the table header that stands above it.
fn duplicate_key(text: &str, span: Span) -> LoadErrorKind {
    let raw = text.get(span.range()).unwrap_or("").trim();
    let key = raw.trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']');
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let before = &text[..line_start];
    let line = text[line_start..].lines().next().unwrap_or("").trim_start();
    let first = DeTable::parse(before).ok().and_then(|doc| {
        let tree = SpanNode::from_toml(doc.get_ref(), Span::at(0));
        let mut pointer = String::new();
        if line.starts_with('[') {
            // A table defined twice: `[date]` ... `[date]`.
            for seg in header_segments(line) {
                crate::tree::push_segment(&mut pointer, &seg);
            }
        } else {
            // A key under the nearest header above it, if any.
            if let Some(header) = before
                .lines()
                .rev()
                .map(str::trim_start)
                .find(|l| l.starts_with('['))
            {
                let segments = header_segments(header);
                for seg in &segments {
                    crate::tree::push_segment(&mut pointer, seg);
                }
                if header.starts_with("[[") {
                    let located = tree.lookup(&pointer);
                    let count = located
                        .exact
                        .then(|| match &tree_node(&tree, &pointer)?.kind {
                            crate::tree::NodeKind::Array(items) => Some(items.len()),
                            _ => None,
                        })
                        .flatten()?;
                    crate::tree::push_segment(&mut pointer, &count.checked_sub(1)?.to_string());
                }
            }
            let name = line.split('=').next().unwrap_or("");
            for seg in name.split('.') {
                let seg = seg.trim().trim_matches(|c| c == '"' || c == '\'');
                crate::tree::push_segment(&mut pointer, seg);
            }
        }
        let located = tree.lookup(&pointer);
        located
            .exact
            .then_some(located.key.unwrap_or(located.value))
    });
    LoadErrorKind::DuplicateKey {
        key: key.to_owned(),
        first,
    }
}

/// The keys of a table header, `[a.b]` or `[[a]]`, unquoted (a plain split: quoted keys with
/// dots in them are not ours).
fn header_segments(header: &str) -> Vec<String> {
    let inner = header
        .trim()
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("");
    inner
        .split('.')
        .map(|s| s.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The node at `pointer`, when the whole pointer leads somewhere.
fn tree_node<'t>(tree: &'t SpanNode, pointer: &str) -> Option<&'t SpanNode> {
    let mut node = tree;
    for seg in crate::tree::pointer_segments(pointer) {
        node = match &node.kind {
            crate::tree::NodeKind::Table(entries) => &entries.iter().find(|(k, _, _)| *k == seg)?.2,
            crate::tree::NodeKind::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            crate::tree::NodeKind::Scalar => return None,
        };
    }
    Some(node)
}
