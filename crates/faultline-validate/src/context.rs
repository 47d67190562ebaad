//! What a rule sees while it runs, and how it reports a finding.

use std::path::PathBuf;

use faultline_dataset::tree::{pointer_segments, push_segment};
use faultline_dataset::{Dataset, FileFormat, FileId, Origin, Span};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Region, Severity};
use crate::finding::{Finding, Reporter, Sink};
use crate::index::Index;
use crate::rule::RuleMeta;
use crate::suppress::Suppressions;

/// The state shared by every rule of one run.
pub(crate) struct Shared<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) config: &'a Config,
    pub(crate) index: &'a Index<'a>,
    pub(crate) suppressions: Suppressions,
}

/// What one rule sees: the dataset, its indexes, the configuration, and a sink for findings.
pub(crate) struct Context<'a> {
    pub(crate) shared: &'a Shared<'a>,
    sink: Sink,
}

impl<'a> Context<'a> {
    pub(crate) fn new(shared: &'a Shared<'a>, meta: &'static RuleMeta, severity: Severity) -> Self {
        Self {
            shared,
            sink: Sink::new(meta, severity),
        }
    }

    pub(crate) fn dataset(&self) -> &'a Dataset {
        self.shared.dataset
    }

    pub(crate) fn index(&self) -> &'a Index<'a> {
        self.shared.index
    }

    pub(crate) fn config(&self) -> &'a Config {
        self.shared.config
    }

    /// Starts a finding at the value `pointer` names within the record at `origin` (or, when
    /// the value is absent, at the table it belongs in).
    pub(crate) fn report(
        &mut self,
        origin: &Origin,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let dataset = self.shared.dataset;
        let location = dataset.locate(origin, pointer);
        let region = Region::new(
            dataset.file(location.file),
            Some(location.file),
            location.span,
        );
        let anchors = anchor_lines(dataset, origin, pointer);
        Finding::new(self, region, location.key, anchors, message.into())
    }

    /// Starts a finding at a byte range of a file.
    pub(crate) fn report_span(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let region = Region::new(self.shared.dataset.file(file), Some(file), span);
        Finding::new(self, region, None, Vec::new(), message.into())
    }

    /// Starts a finding about a path that has no text to point into (a symlink loop, a
    /// folder that cannot be listed): line 1, column 1 of that path.
    pub(crate) fn report_path(
        &mut self,
        path: &str,
        message: impl Into<String>,
    ) -> Finding<'_, Self> {
        let region = Region::at_line(path.to_owned(), PathBuf::from(path), None, 1);
        Finding::new(self, region, None, Vec::new(), message.into())
    }

    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.sink.out
    }
}

impl Reporter for Context<'_> {
    /// A record of the dataset being linted.
    type At<'o> = &'o Origin;

    fn region(&mut self, origin: &Origin, pointer: &str) -> Region {
        let location = self.shared.dataset.locate(origin, pointer);
        Region::new(
            self.shared.dataset.file(location.file),
            Some(location.file),
            location.span,
        )
    }

    fn sink(&mut self) -> &mut Sink {
        &mut self.sink
    }
}

impl Finding<'_, Context<'_>> {
    /// Points at the key instead of the value (an unexpected key).
    pub(crate) fn on_key(mut self) -> Self {
        if let (Some(key), Some(file)) = (self.key, self.region.file_id) {
            self.region = Region::new(self.cx.shared.dataset.file(file), Some(file), key);
        }
        self
    }
}

/// Lines where a suppression for a finding at `pointer` within the record at `origin` may
/// stand: the value's own line and the line of every table that encloses it (TOML only).
pub(crate) fn anchor_lines(dataset: &Dataset, origin: &Origin, pointer: &str) -> Vec<usize> {
    let file = dataset.file(origin.file);
    if file.format != FileFormat::Toml {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut prefix = String::new();
    // The record itself, when it is a table of a registry file (`[[place]]`).
    let mut prefixes = vec![String::new()];
    let segments: Vec<String> = pointer_segments(pointer).collect();
    for (i, seg) in segments.iter().enumerate() {
        push_segment(&mut prefix, seg);
        // An array of tables is not a table a suppression can stand above: its span is its
        // *first* `[[header]]`, and a suppression there must not cover the later elements.
        let is_array = segments
            .get(i + 1)
            .is_some_and(|next| next.parse::<usize>().is_ok());
        if !is_array {
            prefixes.push(prefix.clone());
        }
    }
    for p in prefixes {
        if origin.pointer.is_empty() && p.is_empty() {
            continue;
        }
        let loc = dataset.locate(origin, &p);
        if loc.exact {
            lines.push(file.position(loc.key.unwrap_or(loc.span).start).line);
            lines.push(file.position(loc.span.start).line);
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}
