//! A dataset kept linted while its files change: what a language server needs. Each event
//! file is linted on its own (a batch of one file, as [`super::lint_batches`] would lint it)
//! and its results are kept; a change to an event file lints that file again, a change to a
//! registry (a source, `places.toml`, `actors.toml`) lints every file again against the new
//! registries. The summary the finish phase reads (every event's ids, dates, places,
//! references) is kept between changes: a change takes the file's old entries out of it and
//! puts the new ones in (`Summary::replace`), never merging every file's summary again; the
//! registries' own pass, which no event changes, is kept too. [`Incremental::diagnostics`]
//! then gathers the kept findings of the files asked for and runs the finish phase on the
//! kept summary, so whole-dataset rules (duplicate ids, unused records, `related`
//! references) see every event, locating only the findings in the files asked for: the
//! findings are exactly those a run of [`crate::lint()`] over the same texts gives.
//!
//! Texts that are not saved (an editor's buffers) are read through the load options'
//! [`Overlay`], in place of the files on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_dataset::{Dataset, DatasetError, FileRole, LoadOptions, Overlay, classify};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::Index;

use super::pass::{self, Scope};
use super::store::{Keep, Stage, Store};
use super::summary::Summary;
use super::{Batch, BatchOut, Finish, declared_phase, lint_batch_with};
use crate::found::{FileTable, Located};
use crate::rule::Phase;
use crate::suppress::{Allow, suppress};

/// One event file and what linting it gave.
struct EventFile {
    path: PathBuf,
    role: FileRole,
    out: BatchOut,
}

/// A dataset whose findings are kept current as its files change (see the module docs).
pub struct Incremental {
    root: PathBuf,
    options: LoadOptions,
    overlay: Overlay,
    config: Config,
    registries: Dataset,
    /// The event files, sorted by path (the walk's order).
    events: Vec<EventFile>,
    /// Every event file's summary, in order, and the registries' references: what the finish
    /// phase reads, kept current file by file.
    summary: Summary,
    /// The registries' own pass, which the events do not change.
    registry_pass: RegistryPass,
}

/// The findings of the pass over the registries' files.
#[derive(Default)]
struct RegistryPass {
    files: FileTable,
    found: Vec<Located>,
    allows: Vec<Allow>,
}

impl std::fmt::Debug for Incremental {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Incremental")
            .field("root", &self.root)
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

/// What a change to a file required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relinted {
    /// Nothing: the path is not a record file of the dataset.
    Nothing,
    /// The one event file.
    File,
    /// Every file: a registry changed.
    Everything,
}

impl Incremental {
    /// Loads the dataset at `root` (with `options`; its overlay, if any, is kept and
    /// extended by [`Incremental::set_text`]) and lints every event file.
    pub fn open(root: &Path, options: LoadOptions, config: Config) -> Result<Self, DatasetError> {
        let overlay = options.overlay.as_deref().cloned().unwrap_or_default();
        let mut session = Self {
            root: root.to_path_buf(),
            options,
            overlay,
            config,
            registries: Dataset::default(),
            events: Vec::new(),
            summary: Summary::default(),
            registry_pass: RegistryPass::default(),
        };
        session.reload()?;
        Ok(session)
    }

    /// The dataset's root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The configuration the findings are made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the configuration, and lints everything again.
    pub fn set_config(&mut self, config: Config) {
        self.config = config;
        self.relint_all();
    }

    /// The sources, places and actors, as loaded (with the texts of the overlay).
    pub fn registries(&self) -> &Dataset {
        &self.registries
    }

    /// The event files, in the walk's order, with their text when it was read.
    pub fn event_files(&self) -> impl Iterator<Item = (&Path, Option<&Arc<str>>)> {
        self.events.iter().map(|e| {
            let text = e.out.summary.files.first().and_then(|f| f.text.as_ref());
            (e.path.as_path(), text)
        })
    }

    /// The ids of the events loaded, each with the path of its file.
    pub fn event_ids(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.events.iter().flat_map(|e| {
            e.out
                .summary
                .events
                .iter()
                .map(move |ev| (&*ev.id, e.path.as_path()))
        })
    }

    /// Walks the dataset again, reloads the registries, and lints every event file.
    pub fn reload(&mut self) -> Result<(), DatasetError> {
        let options = self.load_options();
        let (dataset, events) = Dataset::open_registries(&self.root, options)?;
        let mut events: Vec<(PathBuf, FileRole)> = events;
        // A text held in the overlay for a file not yet on disk is a file of the dataset too.
        for path in self.overlay.paths() {
            if let Some(role @ (FileRole::Event | FileRole::Events)) = self.role_of(path)
                && !events.iter().any(|(p, _)| p == path)
            {
                events.push((path.to_path_buf(), role));
            }
        }
        events.sort_by(|a, b| a.0.cmp(&b.0));
        self.registries = dataset.registries();
        self.events = events
            .into_iter()
            .map(|(path, role)| EventFile {
                path,
                role,
                out: empty_out(),
            })
            .collect();
        self.relint_all();
        Ok(())
    }

    /// Sets the unsaved text of `path` (or, with `None`, forgets it: the file on disk is
    /// read again), and lints what that change needs.
    pub fn set_text(&mut self, path: &Path, text: Option<Arc<str>>) -> Relinted {
        self.overlay.set(path.to_path_buf(), text);
        self.changed(path)
    }

    /// Whether `path` has an unsaved text.
    pub fn has_text(&self, path: &Path) -> bool {
        self.overlay.get(path).is_some()
    }

    /// The file at `path` changed (on disk, or its unsaved text): lints what that needs —
    /// that file, or everything when a registry changed.
    pub fn changed(&mut self, path: &Path) -> Relinted {
        let Some(role) = self.role_of(path) else {
            return Relinted::Nothing;
        };
        let exists = self.overlay.get(path).is_some() || path.is_file();
        match role {
            FileRole::Event | FileRole::Events => {
                let at = self.events.binary_search_by(|e| e.path.as_path().cmp(path));
                let before = |i: usize| -> usize {
                    self.events[..i]
                        .iter()
                        .map(|e| e.out.summary.events.len())
                        .sum()
                };
                match (at, exists) {
                    (Ok(i), true) => {
                        let out = self.lint_one(path, role);
                        let start = before(i);
                        let old = std::mem::replace(&mut self.events[i].out, out);
                        self.summary
                            .replace(start, &old.summary, &self.events[i].out.summary);
                    }
                    (Ok(i), false) => {
                        let start = before(i);
                        let old = self.events.remove(i);
                        self.summary
                            .replace(start, &old.out.summary, &Summary::default());
                    }
                    (Err(i), true) => {
                        let out = self.lint_one(path, role);
                        let start = before(i);
                        self.summary
                            .replace(start, &Summary::default(), &out.summary);
                        self.events.insert(
                            i,
                            EventFile {
                                path: path.to_path_buf(),
                                role,
                                out,
                            },
                        );
                    }
                    (Err(_), false) => return Relinted::Nothing,
                }
                Relinted::File
            }
            _ => {
                // A registry: its records resolve every event's references.
                if self.reload().is_err() {
                    return Relinted::Nothing;
                }
                Relinted::Everything
            }
        }
    }

    /// Every finding of the dataset in the files `keep` accepts, as [`crate::lint()`] would
    /// give them for the same texts, sorted by file, line, column and rule.
    pub fn diagnostics(&self, keep: Keep) -> Vec<Diagnostic> {
        let mut store = Store::new(None, Some(Arc::clone(&keep)));
        // The registries' suppressions first, then the events', as a whole run keeps them.
        let mut allows: Vec<Allow> = Vec::new();
        let reg = &self.registry_pass;
        add_found(&mut store, &reg.files, &reg.found, Stage::Registries);
        allows.extend(reg.allows.iter().cloned());
        // A suppression applies to findings in its own file only, and a finding of the
        // audit stands where its suppression does: the files left out need neither.
        for e in self.events.iter().filter(|e| keep(&e.path)) {
            add_found(&mut store, &e.out.files, &e.out.found, Stage::Events);
            allows.extend(e.out.allows.iter().cloned());
        }
        let finish = Finish {
            summary: &self.summary,
            registries: &self.registries,
            config: &self.config,
            phase_of: &declared_phase,
            keep: Some(&keep),
        };
        let late = finish.run(Phase::Finish, &[], &mut store.files);
        for found in suppress(&mut allows, late, &store.files) {
            store.add(Stage::Finish, found);
        }
        for found in finish.run(Phase::Audit, &allows, &mut store.files) {
            store.add(Stage::Audit, found);
        }
        // Without a budget nothing is written to a temporary file, so reading cannot fail.
        let mut found: Vec<Diagnostic> = store
            .read()
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .collect();
        self.config
            .per_file_ignores()
            .retain_diagnostics(&mut found);
        found
    }

    fn role_of(&self, path: &Path) -> Option<FileRole> {
        classify(path.strip_prefix(&self.root).ok()?)
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            overlay: Some(Arc::new(self.overlay.clone())),
            ..self.options.clone()
        }
    }

    fn lint_one(&self, path: &Path, role: FileRole) -> BatchOut {
        let index = Index::build(&self.registries);
        let options = self.single_overlay(path);
        let batch = Batch::Files(vec![(path.to_path_buf(), role)]);
        lint_batch_with(
            &self.registries,
            &index,
            batch,
            &options,
            &self.config,
            true,
        )
    }

    /// Load options whose overlay holds only `path`'s text (cheap to build per file).
    fn single_overlay(&self, path: &Path) -> LoadOptions {
        let mut overlay = Overlay::default();
        overlay.set(path.to_path_buf(), self.overlay.get(path).cloned());
        LoadOptions {
            overlay: Some(Arc::new(overlay)),
            ..self.options.clone()
        }
    }

    fn relint_all(&mut self) {
        let index = Index::build(&self.registries);
        let outs: Vec<BatchOut> = self
            .events
            .par_iter()
            .map(|e| {
                let options = self.single_overlay(&e.path);
                let batch = Batch::Files(vec![(e.path.clone(), e.role)]);
                lint_batch_with(
                    &self.registries,
                    &index,
                    batch,
                    &options,
                    &self.config,
                    true,
                )
            })
            .collect();
        for (e, out) in self.events.iter_mut().zip(outs) {
            e.out = out;
        }
        let mut summary = Summary::default();
        for e in &self.events {
            summary.merge(e.out.summary.clone());
        }
        summary.add_registry_references(&self.registries);
        self.summary = summary;
        let mut files = FileTable::default();
        let reg = pass::run(
            &self.registries,
            &index,
            &self.config,
            Scope::Registries,
            &mut files,
        );
        self.registry_pass = RegistryPass {
            files,
            found: reg.found,
            allows: reg.allows,
        };
    }
}

/// Adds findings kept from an earlier pass (their files in `files`) to `store`.
fn add_found(store: &mut Store, files: &FileTable, found: &[Located], stage: Stage) {
    let map: Vec<u32> = files
        .iter()
        .map(|f| store.files.add(&f.name, &f.path, f.file_id))
        .collect();
    for found in found {
        if store.keeps_file(map[found.at.file as usize]) {
            let mut found = found.clone();
            found.remap(&map);
            store.add(stage, found);
        }
    }
}

fn empty_out() -> BatchOut {
    BatchOut {
        files: Default::default(),
        found: Vec::new(),
        allows: Vec::new(),
        summary: Default::default(),
    }
}
