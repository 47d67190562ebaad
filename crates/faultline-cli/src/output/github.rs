//! `--format github`: GitHub Actions workflow commands, which annotate the pull request, and
//! the step summary.
//!
//! GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
//! rest silently. So the first 10 findings of each severity, in output order (by file, line,
//! column), become annotations; the others are written as plain lines
//! (`file:line:col: severity[rule] message`) that stay readable in the step's log, and a last
//! line says how many were not annotated. When `$GITHUB_STEP_SUMMARY` is set, every finding is
//! also appended to that file as a row of a Markdown table (the job's summary page), followed
//! by the counts and the number not annotated — up to GitHub's 1 MiB per step: past it, the
//! table says how many rows it leaves out.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use faultline_validate::{Diagnostic, Severity, Summary};

use super::Render;

/// Annotations GitHub shows per severity and step.
pub(crate) const ANNOTATIONS_PER_SEVERITY: usize = 10;

/// The bytes of step summary GitHub accepts per step (1 MiB), less room for the lines after
/// the table.
const SUMMARY_BYTES: usize = (1 << 20) - 4096;

/// Escapes a message (data) of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes text for a cell of a Markdown table: no markup, link or line break from the
/// records gets through.
fn escape_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '[' | ']' | '*' | '_' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The step summary being appended to.
struct StepSummary {
    out: BufWriter<File>,
    bytes: usize,
    rows: usize,
    left_out: usize,
}

impl StepSummary {
    fn write(&mut self, text: &str) -> io::Result<()> {
        self.bytes += text.len();
        self.out.write_all(text.as_bytes())
    }
}

/// Annotations for the first findings of each severity, plain log lines for the others, and
/// the step summary.
pub(crate) struct Github {
    /// Annotations written, per severity (error, warning, notice).
    annotated: [usize; 3],
    not_annotated: usize,
    summary: Option<StepSummary>,
}

impl Github {
    /// Appends the step summary to `step_summary` when given.
    pub(crate) fn new(step_summary: Option<File>) -> Self {
        Self {
            annotated: [0; 3],
            not_annotated: 0,
            summary: step_summary.map(|f| StepSummary {
                out: BufWriter::new(f),
                bytes: 0,
                rows: 0,
                left_out: 0,
            }),
        }
    }
}

fn command(s: Severity) -> (&'static str, usize) {
    match s {
        Severity::Error => ("error", 0),
        Severity::Warning => ("warning", 1),
        Severity::Info => ("notice", 2),
    }
}

impl Render for Github {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        if let Some(s) = &mut self.summary {
            s.write("## faultline lint\n\n| severity | file | line | rule | message |\n|---|---|---|---|---|\n")?;
        }
        Ok(())
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        let (command, i) = command(d.severity);
        let r = &d.region;
        if self.annotated[i] < ANNOTATIONS_PER_SEVERITY {
            self.annotated[i] += 1;
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&r.file),
                r.line,
                r.column,
                r.end_line,
                r.end_column,
                escape_property(d.rule),
                escape_data(&message)
            )?;
        } else {
            self.not_annotated += 1;
            // A plain line: one that starts with `::` would be taken for a command.
            writeln!(out, "{}", escape_data(&d.to_string()))?;
        }
        if let Some(s) = &mut self.summary {
            let row = format!(
                "| {} | {} | {}:{} | {} | {} |\n",
                d.severity,
                escape_cell(&r.file),
                r.line,
                r.column,
                escape_cell(d.rule),
                escape_cell(&d.message),
            );
            if s.bytes + row.len() > SUMMARY_BYTES {
                s.left_out += 1;
            } else {
                s.rows += 1;
                s.write(&row)?;
            }
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let not_annotated = (self.not_annotated > 0).then(|| {
            format!(
                "{} not annotated: GitHub shows at most {ANNOTATIONS_PER_SEVERITY} errors, {ANNOTATIONS_PER_SEVERITY} warnings and {ANNOTATIONS_PER_SEVERITY} notices per step",
                if self.not_annotated == 1 {
                    "1 finding was".to_owned()
                } else {
                    format!("{} findings were", self.not_annotated)
                }
            )
        });
        if let Some(note) = &not_annotated {
            writeln!(out, "faultline: {note}; every finding is listed above")?;
        }
        if let Some(mut s) = self.summary.take() {
            if s.rows == 0 && s.left_out == 0 {
                s.write("| | | | | no findings |\n")?;
            }
            if s.left_out > 0 {
                s.write(&format!(
                    "\n{} not listed: GitHub takes at most 1 MiB of summary per step; every finding is in the step's log.\n",
                    plural(s.left_out, "more finding")
                ))?;
            }
            s.write(&format!(
                "\n{}, {}, {} in {} ({}).\n",
                plural(summary.errors, "error"),
                plural(summary.warnings, "warning"),
                plural(summary.infos, "info"),
                plural(summary.files, "file"),
                plural(summary.events, "event"),
            ))?;
            if let Some(note) = &not_annotated {
                s.write(&format!(
                    "\n{note}; they are in this table and in the step's log.\n"
                ))?;
            }
            s.out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            escape_cell("a|b <img> [x](y)\n*z*"),
            "a\\|b &lt;img&gt; \\[x\\](y) \\*z\\*"
        );
    }
}
