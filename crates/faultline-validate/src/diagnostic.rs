//! Findings: what a rule reports, where, and how to fix it.

use std::fmt;

use std::path::PathBuf;

use faultline_dataset::{FileId, SourceFile, Span};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown to reviewers; never fails a run.
    Info,
    /// Should be fixed; fails a run only with `--deny-warnings`.
    Warning,
    /// Must be fixed; fails the run.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: the byte range and its 1-based start and end line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// The file as displayed (relative path with `/`).
    pub file: String,
    /// The file's id in the dataset that was linted, when that dataset is still in memory.
    #[serde(skip)]
    pub file_id: Option<FileId>,
    /// The file's path, to read its text again (for a snippet or a fix).
    #[serde(skip)]
    pub path: PathBuf,
    /// The byte range.
    #[serde(skip)]
    pub span: Span,
    /// The line where the range starts.
    pub line: usize,
    /// The column (in characters) where it starts.
    pub column: usize,
    /// The line where it ends.
    pub end_line: usize,
    /// The column just after its last character.
    pub end_column: usize,
}

impl Region {
    /// The region of `span` in `file`. `file_id` is the file's id in the dataset being
    /// linted, while that dataset is in memory.
    pub(crate) fn new(file: &SourceFile, file_id: Option<FileId>, span: Span) -> Self {
        let (start, end) = (file.position(span.start), file.position(span.end));
        Self {
            file: file.name.clone(),
            file_id,
            path: file.path.clone(),
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    /// The start of line `line` of a file there is no text to point into (a folder, a path
    /// that could not be read): column 1, an empty range.
    pub(crate) fn at_line(
        name: String,
        path: PathBuf,
        file_id: Option<FileId>,
        line: usize,
    ) -> Self {
        Self {
            file: name,
            file_id,
            path,
            span: Span::default(),
            line,
            column: 1,
            end_line: line,
            end_column: 1,
        }
    }

    /// Moves the region from a piece of a file (a run of lines of a JSON Lines file) that
    /// starts `bytes` bytes and `lines` lines into the whole file, onto the whole file.
    pub(crate) fn shift(&mut self, bytes: usize, lines: usize) {
        self.span = self.span.shift(bytes);
        self.line += lines;
        self.end_line += lines;
    }
}

/// A second location that explains a finding (the record a date conflicts with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    #[serde(flatten)]
    pub region: Region,
    /// What is there.
    pub message: String,
}

/// One text replacement in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The file's path.
    pub path: PathBuf,
    /// The file's id in the dataset that was linted, when it is still in memory.
    pub file_id: Option<FileId>,
    /// The bytes to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A fix that can be applied without changing the meaning of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words.
    pub title: String,
    /// The edits; they never overlap.
    pub edits: Vec<Edit>,
}

/// A finding of one rule at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's name (`future-date`).
    pub rule: &'static str,
    /// The severity in force for this run.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The offending key or value.
    pub region: Region,
    /// How to fix it.
    pub help: Option<String>,
    /// Other locations that explain the finding.
    pub related: Vec<Related>,
    /// A safe fix, when the rule has one.
    pub fix: Option<Fix>,
}

impl fmt::Display for Diagnostic {
    /// The concise form: `file:line:col: severity[rule] message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}] {}",
            self.region.file,
            self.region.line,
            self.region.column,
            self.severity,
            self.rule,
            self.message
        )
    }
}
