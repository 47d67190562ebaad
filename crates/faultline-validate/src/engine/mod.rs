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
//! Linting a dataset held in memory ([`crate::lint()`]) is the same run with a single batch,
//! so both ways give the same findings.

pub mod batches;
mod finish;
mod pass;
mod relocate;
pub(crate) mod summary;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use faultline_dataset::{Dataset, FileRole, LineChunk, LoadOptions};
use rayon::prelude::*;

pub(crate) use finish::At;
pub(crate) use finish::FinishCx;
pub(crate) use summary::Summary as RunSummary;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::finding::Sink;
use crate::index::Index;
use crate::lint::{LintResult, Summary};
use crate::registry::RULES;
use crate::rule::{Phase, RuleMeta};
use crate::suppress::{Allow, suppress};
use pass::Scope;
use relocate::Relocator;
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

/// What one batch produced.
struct BatchOut {
    diagnostics: Vec<Diagnostic>,
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
    // The registries' files (for positions) but not their records: those are looked up in
    // `index`, built once for the run.
    let mut dataset = registries.files_only();
    let first_event_file = dataset.files.len();
    let shift = match batch {
        Batch::Files(files) => {
            dataset.add_files(files, options);
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
            Shift {
                offset: chunk.offset,
                first_line: chunk.first_line,
            }
        }
    };
    let out = pass::run(&dataset, index, config, Scope::Events);
    let mut summary = RunSummary::default();
    summary.add_batch(&dataset, index, shift, false);
    let mut diagnostics = out.diagnostics;
    let mut allows = out.allows;
    for d in &mut diagnostics {
        move_region(&mut d.region, &dataset, first_event_file, shift);
        for r in &mut d.related {
            move_region(&mut r.region, &dataset, first_event_file, shift);
        }
        if let Some(fix) = &mut d.fix {
            for e in &mut fix.edits {
                if e.file_id.is_some_and(|id| id.index() >= first_event_file) {
                    e.span = e.span.shift(shift.offset as usize);
                    e.file_id = None;
                }
            }
        }
        for line in &mut d.anchor_lines {
            *line += shift.first_line.saturating_sub(1);
        }
    }
    for a in &mut allows {
        move_region(&mut a.region, &dataset, first_event_file, shift);
        a.target_line += shift.first_line.saturating_sub(1);
    }
    BatchOut {
        diagnostics,
        allows,
        summary,
    }
}

/// Maps a region of a batch's dataset onto its file; the batch's file ids do not outlive it.
fn move_region(
    region: &mut crate::diagnostic::Region,
    dataset: &Dataset,
    first_event_file: usize,
    shift: Shift,
) {
    let Some(id) = region.file_id else { return };
    if id.index() >= first_event_file {
        if dataset.file(id).format == faultline_dataset::FileFormat::JsonLines {
            region.shift(shift.offset as usize, shift.first_line.saturating_sub(1));
        }
        region.file_id = None;
    }
}

/// Lints the events of `batches` against `registries`, reading and linting the batches in
/// parallel and keeping only findings and a compact summary of each: memory stays bounded by
/// the batch size, whatever the number of events. The findings are the same, in the same
/// order, whatever the number of threads.
pub fn lint_batches<I>(
    registries: &Dataset,
    batches: I,
    options: &LoadOptions,
    config: &Config,
) -> LintResult
where
    I: Iterator<Item = Batch> + Send,
{
    let registries = registries.registries();
    let index = Index::build(&registries);
    // Batches are linted in waves of a few per thread. While a wave is linted, the previous
    // wave's results are merged (in order) and the next wave is read, so no core waits for
    // the bookkeeping; memory holds about three waves of events, the findings, and the
    // compact summary.
    let wave = rayon::current_num_threads().max(1) * 2;
    let mut batches = batches;
    let mut run = RunParts::default();
    let mut current: Vec<Batch> = batches.by_ref().take(wave).collect();
    let mut done: Vec<BatchOut> = Vec::new();
    while !current.is_empty() || !done.is_empty() {
        let linting = std::mem::take(&mut current);
        let merging = std::mem::take(&mut done);
        let (outs, next) = rayon::join(
            || {
                linting
                    .into_par_iter()
                    .map(|batch| lint_batch(&registries, &index, batch, options, config))
                    .collect::<Vec<_>>()
            },
            || {
                for out in merging {
                    run.add(out);
                }
                batches.by_ref().take(wave).collect::<Vec<_>>()
            },
        );
        done = outs;
        current = next;
    }
    finish_run(&registries, run, config, &declared_phase)
}

/// The merged results of the batches so far.
#[derive(Default)]
struct RunParts {
    diagnostics: Vec<Diagnostic>,
    allows: Vec<Allow>,
    summary: RunSummary,
}

impl RunParts {
    fn add(&mut self, out: BatchOut) {
        self.diagnostics.extend(out.diagnostics);
        self.allows.extend(out.allows);
        self.summary.merge(out.summary);
    }
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
    let registries = dataset.registries();
    let index = Index::build(dataset);
    let out = pass::run(dataset, &index, config, Scope::Events);
    let mut summary = RunSummary::default();
    summary.add_batch(dataset, &index, Shift::default(), true);
    let run = RunParts {
        diagnostics: out.diagnostics,
        allows: out.allows,
        summary,
    };
    finish_run(&registries, run, config, phase_of)
}

fn finish_run(
    registries: &Dataset,
    run: RunParts,
    config: &Config,
    phase_of: PhaseOf<'_>,
) -> LintResult {
    let index = Index::build(registries);
    let reg = pass::run(registries, &index, config, Scope::Registries);
    let mut diagnostics = reg.diagnostics;
    let mut allows = reg.allows;
    diagnostics.extend(run.diagnostics);
    allows.extend(run.allows);
    let mut summary = run.summary;
    summary.add_registry_references(registries);

    let mut finish = Finish {
        summary: &summary,
        registries,
        config,
        phase_of,
        relocator: Relocator::default(),
    };
    let late = finish.run(Phase::Finish, &[]);
    diagnostics.extend(suppress(&mut allows, late));
    diagnostics.extend(finish.run(Phase::Audit, &allows));
    diagnostics.sort_by(|a, b| {
        (
            &a.region.file,
            a.region.line,
            a.region.column,
            a.rule,
            &a.message,
        )
            .cmp(&(
                &b.region.file,
                b.region.line,
                b.region.column,
                b.rule,
                &b.message,
            ))
    });
    diagnostics.dedup();
    let files = registries
        .files
        .iter()
        .filter(|f| !f.holds_events())
        .count()
        + summary.files.len();
    let counts = Summary::of(&diagnostics, files, summary.events.len());
    let mut event_files: Vec<(PathBuf, usize)> =
        summary.files.iter().map(|f| (f.path.clone(), 0)).collect();
    for e in &summary.events {
        event_files[e.loc.file as usize].1 += 1;
    }
    LintResult {
        diagnostics,
        summary: counts,
        event_files,
    }
}

/// The finish phase of a run.
struct Finish<'a> {
    summary: &'a RunSummary,
    registries: &'a Dataset,
    config: &'a Config,
    phase_of: PhaseOf<'a>,
    relocator: Relocator,
}

impl Finish<'_> {
    /// Runs `finish` of every enabled rule of `phase`; `allows` are the suppressions still
    /// unused (for the `Audit` phase).
    fn run(&mut self, phase: Phase, allows: &[Allow]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for rule in RULES.iter().filter(|r| (self.phase_of)(r.meta()) == phase) {
            let Some(severity) = self.config.severity(rule.meta()) else {
                continue;
            };
            let mut cx = FinishCx {
                summary: self.summary,
                registries: self.registries,
                config: self.config,
                allows,
                relocator: &mut self.relocator,
                sink: Sink::new(rule.meta(), severity),
            };
            rule.finish(&mut cx);
            out.extend(cx.sink.out);
        }
        out
    }
}
