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
use rayon::prelude::*;
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
    fix: Option<&'a FixOut<'a>>,
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

/// The JSON object of finding `d`.
fn item<'a>(d: &'a Diagnostic, fix: Option<&'a FixOut<'a>>) -> Item<'a> {
    Item {
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
    }
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
        self.findings(out, std::slice::from_ref(d))
    }

    /// The fixes' positions are found in order (their files read back one at a time), the
    /// texts then made on several threads, a slice of the block each, and written in order.
    fn findings(&mut self, out: &mut dyn Write, block: &[Diagnostic]) -> io::Result<()> {
        const SLICE: usize = 256;
        let fixes: Vec<Option<FixOut<'_>>> = block
            .iter()
            .map(|d| {
                d.fix.as_ref().map(|f| FixOut {
                    title: &f.title,
                    edits: f.edits.iter().map(|e| self.texts.edit(d, e)).collect(),
                })
            })
            .collect();
        let first = self.written == 0;
        let texts: Vec<io::Result<Vec<u8>>> = block
            .par_chunks(SLICE)
            .zip(fixes.par_chunks(SLICE))
            .enumerate()
            .map(|(n, (ds, fixes))| {
                let mut text = Vec::with_capacity(ds.len() * 768);
                for (i, (d, fix)) in ds.iter().zip(fixes).enumerate() {
                    let first = first && n == 0 && i == 0;
                    text.extend_from_slice(if first { b"\n" } else { b",\n" });
                    write_json_nested(&mut text, &item(d, fix.as_ref()), 4)?;
                }
                Ok(text)
            })
            .collect();
        self.written += block.len();
        texts.into_iter().try_for_each(|t| out.write_all(&t?))
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use faultline_dataset::Span;
    use faultline_validate::{Region, Severity};

    use super::*;

    fn diagnostic(i: usize) -> Diagnostic {
        let region = |line| Region {
            file: format!("events/{}.toml", i / 100),
            file_id: None,
            path: PathBuf::new(),
            span: Span::new(0, 0),
            line,
            column: 1 + i % 7,
            end_line: line,
            end_column: 9,
        };
        Diagnostic {
            rule: "future-date",
            severity: if i.is_multiple_of(3) {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!("finding {i}: \"quoted\" and\nbroken"),
            region: region(i),
            help: i.is_multiple_of(2).then(|| format!("help {i}")),
            related: (0..i % 3)
                .map(|j| Related {
                    region: region(j),
                    message: format!("related {j}"),
                })
                .collect(),
            fix: None,
        }
    }

    /// The texts made side by side, block by block, are the texts made one at a time.
    #[test]
    fn blocks_write_what_one_by_one_writes() {
        let roots = Roots::default();
        let all: Vec<Diagnostic> = (0..5000).map(diagnostic).collect();
        let summary = Summary::default();
        let mut one_by_one = Vec::new();
        let mut json = Json::new(&roots);
        json.begin(&mut one_by_one).unwrap();
        for d in &all {
            json.finding(&mut one_by_one, d).unwrap();
        }
        json.end(&mut one_by_one, &summary).unwrap();
        for sizes in [vec![5000], vec![0, 1, 4096, 903], vec![257, 0, 4743]] {
            let mut blocks = Vec::new();
            let mut json = Json::new(&roots);
            json.begin(&mut blocks).unwrap();
            let mut from = 0;
            for n in sizes {
                json.findings(&mut blocks, &all[from..from + n]).unwrap();
                from += n;
            }
            json.end(&mut blocks, &summary).unwrap();
            assert_eq!(
                String::from_utf8(blocks).unwrap(),
                String::from_utf8(one_by_one.clone()).unwrap()
            );
        }
        let parsed: serde_json::Value = serde_json::from_slice(&one_by_one).unwrap();
        assert_eq!(parsed["diagnostics"].as_array().unwrap().len(), 5000);
        assert_eq!(
            parsed["diagnostics"][4999]["message"],
            "finding 4999: \"quoted\" and\nbroken"
        );
    }
}
