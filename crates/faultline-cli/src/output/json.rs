//! `--format json`: the machine-readable contract.
//!
//! ```json
//! {"diagnostics": [{"rule", "severity", "message", "file", "line", "column",
//!                   "end_line", "end_column", "help",
//!                   "related": [{"file", "line", "column", "end_line", "end_column", "message"}],
//!                   "fix": null | {"title", "edits": [{"file", "line", "column",
//!                                  "end_line", "end_column", "content"}]}}],
//!  "summary": {"errors", "warnings", "infos", "files", "events"}}
//! ```
//!
//! `related` and `fix` came after the first version of the contract: they follow the keys it
//! had, which keep their order. Pretty-printed, with a final newline; written as the findings
//! come.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use faultline_dataset::{LineIndex, Position};
use faultline_validate::{Diagnostic, Edit, Related, Summary};
use serde::Serialize;

use super::{Render, write_json_nested};
use crate::confine::Roots;

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    related: &'a [Related],
    fix: Option<FixOut<'a>>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    edits: Vec<EditOut<'a>>,
}

/// One edit of a fix; its positions are `null` when the file could not be read back (over
/// 16 MiB, or no longer inside the dataset).
#[derive(Serialize)]
struct EditOut<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    content: &'a str,
}

/// The JSON document.
pub(crate) struct Json<'a> {
    written: usize,
    texts: EditTexts<'a>,
}

impl<'a> Json<'a> {
    /// Fixes' positions are computed from files read under `roots`.
    pub(crate) fn new(roots: &'a Roots) -> Self {
        Self {
            written: 0,
            texts: EditTexts { roots, last: None },
        }
    }
}

/// The text of the last file an edit pointed into (findings come file by file).
struct EditTexts<'a> {
    roots: &'a Roots,
    last: Option<(PathBuf, Option<(String, LineIndex)>)>,
}

impl EditTexts<'_> {
    const MAX: u64 = 16 << 20;

    fn positions(&mut self, path: &Path, start: usize, end: usize) -> Option<(Position, Position)> {
        if self.last.as_ref().is_none_or(|(p, _)| p != path) {
            let text = self.roots.read_text(path, Self::MAX).map(|t| {
                let index = LineIndex::new(&t);
                (t, index)
            });
            self.last = Some((path.to_path_buf(), text));
        }
        let (_, Some((text, index))) = self.last.as_ref()? else {
            return None;
        };
        Some((index.position(text, start), index.position(text, end)))
    }

    fn edit<'d>(&mut self, d: &Diagnostic, e: &'d Edit) -> EditOut<'d> {
        let same_file = e.path == d.region.path;
        let file = if same_file {
            d.region.file.clone()
        } else {
            faultline_dataset::files::display_name(&e.path)
        };
        let r = &d.region;
        let positions = if same_file && e.span == r.span {
            // The edit replaces what the finding points at.
            Some((
                Position {
                    line: r.line,
                    column: r.column,
                },
                Position {
                    line: r.end_line,
                    column: r.end_column,
                },
            ))
        } else {
            self.positions(&e.path, e.span.start, e.span.end)
        };
        EditOut {
            file,
            line: positions.map(|p| p.0.line),
            column: positions.map(|p| p.0.column),
            end_line: positions.map(|p| p.1.line),
            end_column: positions.map(|p| p.1.column),
            content: &e.replacement,
        }
    }
}

impl Render for Json<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"diagnostics\": [")
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        let fix = d.fix.as_ref().map(|f| FixOut {
            title: &f.title,
            edits: f.edits.iter().map(|e| self.texts.edit(d, e)).collect(),
        });
        let item = Item {
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &d.region.file,
            line: d.region.line,
            column: d.region.column,
            end_line: d.region.end_line,
            end_column: d.region.end_column,
            help: d.help.as_deref(),
            related: &d.related,
            fix,
        };
        write_json_nested(out, &item, 4)
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        let mut summary_text = Vec::new();
        write_json_nested(&mut summary_text, summary, 2)?;
        // The first line follows the key.
        out.write_all(summary_text.trim_ascii_start())?;
        out.write_all(b"\n}\n")
    }
}
