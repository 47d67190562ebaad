//! What a rule sees while it runs, and how it reports a finding.

use faultline_dataset::{Dataset, FileFormat, FileId, Origin, Span};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix, Region, Related, Severity};
use crate::index::Index;
use crate::rule::RuleMeta;
use crate::suppress::Suppressions;
use faultline_dataset::tree::{pointer_segments, push_segment};

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
    meta: &'static RuleMeta,
    severity: Severity,
    out: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(shared: &'a Shared<'a>, meta: &'static RuleMeta, severity: Severity) -> Self {
        Self {
            shared,
            meta,
            severity,
            out: Vec::new(),
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
    ) -> Finding<'_, 'a> {
        let location = self.shared.dataset.locate(origin, pointer);
        let anchors = self.anchor_lines(origin, pointer);
        Finding {
            cx: self,
            file: location.file,
            span: location.span,
            key: location.key,
            anchors,
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Starts a finding at a byte range of a file.
    pub(crate) fn report_span(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Finding<'_, 'a> {
        let line = self.shared.dataset.file(file).position(span.start).line;
        Finding {
            cx: self,
            file,
            span,
            key: None,
            anchors: vec![line],
            message: message.into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Records a finding about a path that has no text to point into (a symlink loop, a
    /// folder that cannot be listed): line 1, column 1 of that path.
    pub(crate) fn report_path(&mut self, path: &str, message: String, help: &str) {
        self.out.push(Diagnostic {
            rule: self.meta.name,
            severity: self.severity,
            message,
            region: Region::at_line(path.to_owned(), std::path::PathBuf::from(path), None, 1),
            help: Some(help.to_owned()),
            related: Vec::new(),
            fix: None,
            anchor_lines: Vec::new(),
        });
    }

    /// Lines where a suppression for a finding at `pointer` may stand: the value's own line
    /// and the line of every table that encloses it.
    fn anchor_lines(&self, origin: &Origin, pointer: &str) -> Vec<usize> {
        anchor_lines(self.shared.dataset, origin, pointer)
    }

    pub(crate) fn region(&self, file: FileId, span: Span) -> Region {
        Region::new(self.shared.dataset.file(file), Some(file), span)
    }

    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.out
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

/// A finding being built; [`Finding::emit`] records it.
#[must_use = "a finding is recorded only by `.emit()`"]
pub(crate) struct Finding<'c, 'a> {
    cx: &'c mut Context<'a>,
    file: FileId,
    span: Span,
    key: Option<Span>,
    anchors: Vec<usize>,
    message: String,
    help: Option<String>,
    related: Vec<Related>,
    fix: Option<Fix>,
}

impl Finding<'_, '_> {
    /// Points at the key instead of the value (an unexpected key).
    pub(crate) fn on_key(mut self) -> Self {
        if let Some(key) = self.key {
            self.span = key;
        }
        self
    }

    /// Adds help: how to fix the finding.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location in another (or the same) record.
    pub(crate) fn related(
        mut self,
        origin: &Origin,
        pointer: &str,
        message: impl Into<String>,
    ) -> Self {
        let loc = self.cx.shared.dataset.locate(origin, pointer);
        let region = self.cx.region(loc.file, loc.span);
        self.related.push(Related {
            region,
            message: message.into(),
        });
        self
    }

    /// Offers a safe fix: replace the reported span with `replacement`.
    pub(crate) fn fix_replace(mut self, title: impl Into<String>, replacement: String) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits: vec![Edit {
                path: self.cx.shared.dataset.file(self.file).path.clone(),
                file_id: Some(self.file),
                span: self.span,
                replacement,
            }],
        });
        self
    }

    /// Records the finding.
    pub(crate) fn emit(self) {
        let region = self.cx.region(self.file, self.span);
        let mut anchors = self.anchors;
        anchors.push(region.line);
        let diagnostic = Diagnostic {
            rule: self.cx.meta.name,
            severity: self.cx.severity,
            message: self.message,
            region,
            help: self.help,
            related: self.related,
            fix: self.fix,
            anchor_lines: anchors,
        };
        self.cx.out.push(diagnostic);
    }
}
