//! The lint engine. A run is:
//!
//! 1. one pass per batch of events, batches read and linted in parallel: each batch is
//!    linted with the registries (sources, places, actors, loaded first) beside it, then
//!    dropped, keeping only its findings, its suppressions that suppressed nothing, and a
//!    compact summary of its events;
//! 2. one pass over the registries' own files;
//! 3. the finish phase: the rules declared [`Phase::Finish`] report what needs every event
//!    at once from the summary, the suppressions left apply to their findings, and the
//!    rules declared [`Phase::Audit`] judge the run itself (the suppressions that
//!    suppressed nothing).
//!
//! The engine knows rules only by their metadata ([`crate::RuleMeta`]), never by name.
//! Every finding is located record by record, each record's text read once (`locate.rs`),
//! and kept in a store that spills to temporary files past a memory budget and is read back
//! in output order (`store.rs`), so memory stays bounded whatever the number of findings.
//! Linting a dataset held in memory ([`crate::lint()`]) is the same run with a single batch,
//! so both ways give the same findings.

pub mod batches;
mod finish;
pub mod incremental;
mod ordered;
mod pass;
mod relocate;
mod store;
pub(crate) mod summary;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use faultline_dataset::{Dataset, FileFormat, FileRole, LineChunk, LoadOptions};
use rayon::prelude::*;

pub(crate) use finish::At;
pub(crate) use finish::FinishCx;
pub use store::Keep;
pub(crate) use summary::Summary as RunSummary;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::finding::Collector;
use crate::found::{FileTable, Located};
use crate::index::Index;
use crate::lint::{LintResult, Summary};
use crate::locate::resolve;
use crate::registry::RULES;
use crate::rule::{Phase, RuleMeta};
use crate::suppress::{Allow, suppress};
use ordered::Ordered;
use pass::Scope;
use relocate::Relocator;
use store::{Stage, Store};
use summary::Shift;

/// A batch of events to lint against the registries.
#[derive(Debug, Clone)]
pub enum Batch {
    /// Event files (TOML, JSON or JSON Lines), each read whole.
    Files(Vec<(PathBuf, FileRole)>),
    /// A run of whole lines of a JSON Lines file of events.
    Lines {
        /// The file.
        path: PathBuf,
        /// Its display name.
        name: String,
        /// The lines.
        chunk: LineChunk,
    },
    /// A record file whose bytes are given rather than read from `path` (standard input
    /// standing in for the file at `path`).
    Text {
        /// The path the bytes stand for (never read).
        path: PathBuf,
        /// Its role.
        role: FileRole,
        /// The bytes.
        bytes: Vec<u8>,
    },
    /// A file that could not be read (to the end): reported as a `parse-error`.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Its display name.
        name: String,
        /// Its role.
        role: FileRole,
        /// Why it could not be read.
        message: String,
    },
}

/// How a streamed run keeps its findings.
#[derive(Clone)]
pub struct StreamOptions {
    /// About how many bytes of findings are held in memory; past this, they are sorted and
    /// written to temporary files (in the system's temporary folder), and merged back as
    /// they are read. `None`: everything is held in memory.
    pub memory: Option<usize>,
    /// Keep only the findings in files whose path this accepts (asked once per file).
    pub keep: Option<Keep>,
}

impl StreamOptions {
    /// The default memory budget for findings: 128 MiB.
    pub const MEMORY: usize = 128 << 20;
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            memory: Some(Self::MEMORY),
            keep: None,
        }
    }
}

impl std::fmt::Debug for StreamOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamOptions")
            .field("memory", &self.memory)
            .field("keep", &self.keep.as_ref().map(|_| "..."))
            .finish()
    }
}

/// A lint run could not keep its findings (a temporary file could not be written or read).
#[derive(Debug, thiserror::Error)]
#[error("cannot keep the findings in a temporary file: {0}")]
pub struct StoreError(#[from] pub std::io::Error);

/// The findings of a streamed run, read in output order (sorted by file, line, column and
/// rule, the same findings in the same order as [`crate::lint()`] and [`lint_batches`]
/// give), with the counts of what was read.
pub struct Findings {
    /// Files read.
    pub files: usize,
    /// Events loaded.
    pub events: usize,
    /// Every file that holds events, with the number of events loaded from it.
    pub event_files: Vec<(PathBuf, usize)>,
    sorted: store::Sorted,
    /// `[per-file-ignores]`, applied as the findings are read.
    ignores: crate::PerFileIgnores,
    last: crate::per_file_ignores::LastFile,
}

impl std::fmt::Debug for Findings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Findings")
            .field("files", &self.files)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

impl Iterator for Findings {
    type Item = Result<Diagnostic, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let found = self.sorted.next()?.map_err(StoreError);
            if let Ok(d) = &found
                && self.last.drops(&self.ignores, d)
            {
                continue;
            }
            return Some(found);
        }
    }
}

impl Findings {
    /// Every finding, read into a [`LintResult`].
    pub fn into_result(mut self) -> Result<LintResult, StoreError> {
        let diagnostics = self.by_ref().collect::<Result<Vec<_>, _>>()?;
        Ok(LintResult {
            summary: Summary::of(&diagnostics, self.files, self.events),
            diagnostics,
            event_files: self.event_files,
        })
    }
}

/// What one batch produced.
#[derive(Clone)]
struct BatchOut {
    /// The files its findings point into.
    files: FileTable,
    found: Vec<Located>,
    /// The suppressions that suppressed nothing in the batch.
    allows: Vec<Allow>,
    summary: RunSummary,
}

fn lint_batch(
    registries: &Dataset,
    index: &Index<'_>,
    batch: Batch,
    options: &LoadOptions,
    config: &Config,
) -> BatchOut {
    lint_batch_with(registries, index, batch, options, config, false)
}

/// Lints one batch; with `keep_text`, its summary keeps the text of its files (the finish
/// phase then locates its findings in that text, not in the file on disk).
fn lint_batch_with(
    registries: &Dataset,
    index: &Index<'_>,
    batch: Batch,
    options: &LoadOptions,
    config: &Config,
    keep_text: bool,
) -> BatchOut {
    // The registries' files (for positions) but not their records: those are looked up in
    // `index`, built once for the run.
    let mut dataset = registries.files_only();
    let first_event_file = dataset.files.len();
    let shift = match batch {
        Batch::Files(files) => {
            dataset.add_files(files, options);
            dataset.load_lenient();
            Shift::default()
        }
        Batch::Text { path, role, bytes } => {
            dataset.add_bytes(&path, role, bytes, options);
            Shift::default()
        }
        Batch::Unreadable {
            path,
            name,
            role,
            message,
        } => {
            dataset.add_unreadable(&path, &name, role, message);
            Shift::default()
        }
        Batch::Lines { path, name, chunk } => {
            dataset.add_json_lines_chunk(&path, &name, chunk.bytes);
            dataset.load_lenient();
            Shift {
                offset: chunk.offset,
                first_line: chunk.first_line,
            }
        }
    };
    let mut files = FileTable::default();
    let out = pass::run(&dataset, index, config, Scope::Events, &mut files);
    let mut summary = RunSummary::default();
    summary.add_batch(&dataset, index, shift, keep_text);
    // The batch's dataset does not outlive it: no file id of it may be kept.
    summary.forget_file_ids();
    let (bytes, lines) = (
        usize::try_from(shift.offset).unwrap_or(usize::MAX),
        shift.first_line.saturating_sub(1),
    );
    // The batch's own files do not outlive it: their findings lose the file id, and those in
    // a run of lines of a JSON Lines file move onto the whole file.
    let mut found = out.found;
    for i in 0..files.len() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let Some(id) = files.get(i).file_id else {
            continue;
        };
        if id.index() < first_event_file {
            continue;
        }
        files.forget_id(i);
        if dataset.file(id).format == FileFormat::JsonLines {
            for f in &mut found {
                f.shift_file(i, bytes, lines);
            }
        }
    }
    let mut allows = out.allows;
    for a in &mut allows {
        let Some(id) = a.region.file_id else { continue };
        if id.index() >= first_event_file {
            if dataset.file(id).format == FileFormat::JsonLines {
                a.region.shift(bytes, lines);
                a.target_line += lines;
            }
            a.region.file_id = None;
        }
    }
    BatchOut {
        files,
        found,
        allows,
        summary,
    }
}

/// Lints the events of `batches` against `registries`, reading and linting the batches in
/// parallel and keeping only findings and a compact summary of each: memory stays bounded by
/// the batch size, whatever the number of events. The findings are the same, in the same
/// order, whatever the number of threads. Every finding is held in memory: see
/// [`lint_stream`] for a run whose findings may outgrow it.
pub fn lint_batches<I>(
    registries: &Dataset,
    batches: I,
    options: &LoadOptions,
    config: &Config,
) -> LintResult
where
    I: Iterator<Item = Batch> + Send,
{
    let ended = run(registries, batches, options, config, Store::new(None, None));
    // Without a budget nothing is written to a temporary file, so reading cannot fail.
    let diagnostics: Vec<Diagnostic> = ended
        .store
        .read()
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .collect();
    let mut diagnostics = diagnostics;
    config
        .per_file_ignores()
        .retain_diagnostics(&mut diagnostics);
    LintResult {
        summary: Summary::of(&diagnostics, ended.files, ended.events),
        diagnostics,
        event_files: ended.event_files,
    }
}

/// Lints like [`lint_batches`], keeping the findings as `stream` says: past its memory
/// budget they go to temporary files, so a run with millions of findings still holds only
/// the budget in memory; they are read back, in order, from the [`Findings`] returned.
pub fn lint_stream<I>(
    registries: &Dataset,
    batches: I,
    options: &LoadOptions,
    config: &Config,
    stream: &StreamOptions,
) -> Result<Findings, StoreError>
where
    I: Iterator<Item = Batch> + Send,
{
    let store = Store::new(stream.memory, stream.keep.clone());
    let ended = run(registries, batches, options, config, store);
    Ok(Findings {
        files: ended.files,
        events: ended.events,
        event_files: ended.event_files,
        sorted: ended.store.read()?,
        ignores: config.per_file_ignores().clone(),
        last: crate::per_file_ignores::LastFile::default(),
    })
}

/// Runs the batches, then the registries and the finish phase, into `store`.
fn run<I>(
    registries: &Dataset,
    batches: I,
    options: &LoadOptions,
    config: &Config,
    store: Store,
) -> Ended
where
    I: Iterator<Item = Batch> + Send,
{
    let mut registries = registries.registries();
    registries.load_lenient();
    let index = Index::build(&registries);
    // Each thread takes the next batch as soon as it is free, and the results are merged in
    // the batches' order by whichever thread finds the next one ready (`ordered.rs`): no core
    // waits for a group of batches to end, and memory holds a few results per thread beyond
    // the findings kept and the compact summary. One loop per thread of the pool
    // (`broadcast`), not tasks in a queue: a thread waiting inside its batch's own parallel
    // loading could otherwise pick up a second loop and lint every later batch while its
    // own, unfinished, holds back the merge.
    let queue = std::sync::Mutex::new(batches.enumerate());
    let ordered = Ordered::new(RunParts::new(store), rayon::current_num_threads().max(1));
    rayon::broadcast(|_| {
        // Should linting a batch panic, no thread may wait for its result; `broadcast`
        // re-raises the panic once every thread is done.
        let _guard = AbandonOnPanic(&ordered);
        // A poisoned lock means another thread panicked while reading the batches.
        while let Some((seq, batch)) = queue.lock().ok().and_then(|mut q| q.next()) {
            let out = lint_batch(&registries, &index, batch, options, config);
            ordered.put(seq, out);
        }
    });
    let run = ordered.finish();
    finish_run(&registries, run, config, &declared_phase)
}

/// Abandons the merge when dropped by a panic.
struct AbandonOnPanic<'o>(&'o Ordered);

impl Drop for AbandonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.abandon();
        }
    }
}

/// The merged results of the batches so far.
struct RunParts {
    store: Store,
    allows: Vec<Allow>,
    summary: RunSummary,
}

impl RunParts {
    fn new(store: Store) -> Self {
        Self {
            store,
            allows: Vec::new(),
            summary: RunSummary::default(),
        }
    }

    fn add(&mut self, out: BatchOut) {
        let map: Vec<u32> = out
            .files
            .iter()
            .map(|f| self.store.files.add(&f.name, &f.path, f.file_id))
            .collect();
        for mut found in out.found {
            found.remap(&map);
            self.store.add(Stage::Events, found);
        }
        self.allows.extend(out.allows);
        self.summary.merge(out.summary);
    }
}

/// A run, done: the findings kept, and the counts of what was read.
struct Ended {
    store: Store,
    files: usize,
    events: usize,
    event_files: Vec<(PathBuf, usize)>,
}

/// Lints a dataset held in memory: the same run as [`lint_batches`] with one batch, so the
/// file ids of the findings refer to `dataset`.
pub(crate) fn lint_in_memory(dataset: &Dataset, config: &Config) -> LintResult {
    lint_in_memory_with(dataset, config, &declared_phase)
}

/// Which phase's `finish` call a rule gets: the one it declares (tests try others).
type PhaseOf<'p> = &'p dyn Fn(&RuleMeta) -> Phase;

fn declared_phase(meta: &RuleMeta) -> Phase {
    meta.phase
}

fn lint_in_memory_with(dataset: &Dataset, config: &Config, phase_of: PhaseOf<'_>) -> LintResult {
    // The lenient second pass, on a copy, only when some record needs it.
    let lenient = dataset.with_lenient();
    let dataset = lenient.as_ref().unwrap_or(dataset);
    let registries = dataset.registries();
    let index = Index::build(dataset);
    let mut run = RunParts::new(Store::new(None, None));
    let out = pass::run(dataset, &index, config, Scope::Events, &mut run.store.files);
    for found in out.found {
        run.store.add(Stage::Events, found);
    }
    run.allows = out.allows;
    run.summary
        .add_batch(dataset, &index, Shift::default(), true);
    let ended = finish_run(&registries, run, config, phase_of);
    // Without a budget nothing is written to a temporary file, so reading cannot fail.
    let diagnostics: Vec<Diagnostic> = ended
        .store
        .read()
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .collect();
    let mut diagnostics = diagnostics;
    config
        .per_file_ignores()
        .retain_diagnostics(&mut diagnostics);
    LintResult {
        summary: Summary::of(&diagnostics, ended.files, ended.events),
        diagnostics,
        event_files: ended.event_files,
    }
}

/// The registries' pass, then the finish and audit phases.
fn finish_run(
    registries: &Dataset,
    run: RunParts,
    config: &Config,
    phase_of: PhaseOf<'_>,
) -> Ended {
    let RunParts {
        mut store,
        mut allows,
        mut summary,
    } = run;
    store.make_room();
    let index = Index::build(registries);
    let reg = pass::run(
        registries,
        &index,
        config,
        Scope::Registries,
        &mut store.files,
    );
    for found in reg.found {
        store.add(Stage::Registries, found);
    }
    allows.splice(0..0, reg.allows);
    summary.add_registry_references(registries);

    let finish = Finish {
        summary: &summary,
        registries,
        config,
        phase_of,
        keep: None,
    };
    let late = finish.run(Phase::Finish, &[], &mut store.files);
    for found in suppress(&mut allows, late, &store.files) {
        store.add(Stage::Finish, found);
    }
    for found in finish.run(Phase::Audit, &allows, &mut store.files) {
        store.add(Stage::Audit, found);
    }
    let files = registries
        .files
        .iter()
        .filter(|f| !f.holds_events())
        .count()
        + summary.files.len();
    let mut event_files: Vec<(PathBuf, usize)> =
        summary.files.iter().map(|f| (f.path.clone(), 0)).collect();
    for e in &summary.events {
        event_files[e.loc.file as usize].1 += 1;
    }
    let events = summary.events.len();
    // A million events' summary takes a while to free: not on the way to the output.
    rayon::spawn(move || drop(summary));
    Ended {
        store,
        files,
        events,
        event_files,
    }
}

/// The finish phase of a run.
struct Finish<'a> {
    summary: &'a RunSummary,
    registries: &'a Dataset,
    config: &'a Config,
    phase_of: PhaseOf<'a>,
    /// Locate only the findings in the files this accepts (the others would be dropped).
    keep: Option<&'a Keep>,
}

impl Finish<'_> {
    /// Drops the findings outside the files `keep` accepts, before they are located.
    fn retain_kept(&self, found: &mut Collector<relocate::FinishKey>, keep: &Keep) {
        let mut kept: rustc_hash::FxHashMap<&std::path::Path, bool> = Default::default();
        let records = &found.records;
        found.found.retain(|f| {
            let path: &std::path::Path = match &f.at {
                crate::finding::Loc::Value { record, .. } => match &records[*record as usize] {
                    relocate::FinishKey::Event(i) => {
                        let file = self.summary.events[*i as usize].loc.file;
                        &self.summary.files[file as usize].path
                    }
                    relocate::FinishKey::Record(origin) => &self.registries.file(origin.file).path,
                },
                crate::finding::Loc::Span { file, .. } => &self.registries.file(*file).path,
                crate::finding::Loc::Path(p) => return keep(std::path::Path::new(&**p)),
                crate::finding::Loc::Region(r) => return keep(&r.path),
            };
            *kept.entry(path).or_insert_with(|| keep(path))
        });
    }

    /// Runs `finish` of every enabled rule of `phase`, and locates what they found (each
    /// record read back once); `allows` are the suppressions still unused (for the `Audit`
    /// phase).
    ///
    /// The rules run side by side, each into its own collector; the collectors are then
    /// joined in the rules' order, so the findings are those of the rules run one by one.
    fn run(&self, phase: Phase, allows: &[Allow], files: &mut FileTable) -> Vec<Located> {
        let rules: Vec<_> = RULES
            .iter()
            .filter(|r| (self.phase_of)(r.meta()) == phase)
            .filter_map(|r| Some((r, self.config.severity(r.meta())?)))
            .collect();
        let parts: Vec<Collector<relocate::FinishKey>> = rules
            .par_iter()
            .with_max_len(1)
            .map(|(rule, severity)| {
                let mut found = Collector::default();
                let mut cx = FinishCx {
                    summary: self.summary,
                    registries: self.registries,
                    config: self.config,
                    allows,
                    meta: rule.meta(),
                    severity: *severity,
                    found: &mut found,
                };
                rule.finish(&mut cx);
                found
            })
            .collect();
        let mut found = Collector::join(parts);
        if let Some(keep) = self.keep {
            self.retain_kept(&mut found, keep);
        }
        resolve(
            found,
            &mut Relocator::new(self.summary, self.registries),
            files,
        )
    }
}
