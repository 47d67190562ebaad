//! Renderers for lint findings: pretty (miette), concise, JSON, SARIF, GitHub annotations
//! (with a step summary), GitLab Code Quality, JUnit XML, and the statistics per rule.
//!
//! Every format streams: it is a [`Render`] that writes what comes before the first finding,
//! then each finding as it is read (in output order: by file, line, column and rule), then
//! what comes after the last, with the counts. No format holds the findings, so the output of
//! a run with millions of them takes no more memory than one with a few (JUnit holds one
//! file's findings at a time, the GitLab fingerprints one file's keys; statistics hold a count
//! per rule).

pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod pretty;
pub(crate) mod sarif;
pub(crate) mod statistics;

use std::fs::File;
use std::io::{self, Write};
use std::time::Instant;

use faultline_validate::{Diagnostic, Severity, Summary};

use crate::confine::Roots;

/// The output formats of `faultline lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A report per finding with the offending line shown and underlined, then a summary.
    Pretty,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    /// One JSON object: `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), and a step summary in
    /// $GITHUB_STEP_SUMMARY when it is set.
    Github,
    /// GitLab Code Quality: a JSON array of issues with fingerprints.
    Gitlab,
    /// JUnit XML: a test suite per file, a failing test case per error or warning.
    Junit,
}

/// What a renderer may need besides the findings.
pub(crate) struct Context<'a> {
    /// Colour the output (pretty only).
    pub(crate) color: bool,
    /// When the run started, for the time the pretty summary line gives.
    pub(crate) started: Instant,
    /// The folders whose files may be read back (snippets, fixes' positions).
    pub(crate) roots: &'a Roots,
    /// The GitHub step summary to append to (`$GITHUB_STEP_SUMMARY`), for `github`.
    pub(crate) step_summary: Option<File>,
}

impl Format {
    /// The renderer of the format.
    pub(crate) fn renderer<'a>(self, cx: Context<'a>) -> Box<dyn Render + 'a> {
        match self {
            Self::Pretty => Box::new(pretty::Pretty::new(cx.color, cx.started, cx.roots)),
            Self::Concise => Box::new(concise::Concise),
            Self::Json => Box::new(json::Json::new(cx.roots)),
            Self::Sarif => Box::new(sarif::Sarif::default()),
            Self::Github => Box::new(github::Github::new(cx.step_summary)),
            Self::Gitlab => Box::new(gitlab::Gitlab::default()),
            Self::Junit => Box::new(junit::Junit::default()),
        }
    }
}

/// An output format, written as the findings come.
pub(crate) trait Render {
    /// Writes what comes before the first finding.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes one finding.
    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()>;

    /// Writes a block of findings, in order: one by one, unless the format makes their
    /// texts on several threads (its findings' texts being independent of each other).
    fn findings(&mut self, out: &mut dyn Write, block: &[Diagnostic]) -> io::Result<()> {
        block.iter().try_for_each(|d| self.finding(out, d))
    }

    /// Writes what comes after the last finding; `summary` counts them.
    fn end(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Findings handed to a renderer at once: enough for its threads to share, few enough to
/// hold.
const BLOCK: usize = 4096;

/// Writes `findings` to `out` with `render`, counting them into `summary` (whose `files` and
/// `events` are set by the caller); returns the summary.
///
/// Findings are read a block at a time. Once there is more than one block, they are read on
/// a thread of their own, a block or two ahead of the renderer: reading a run's findings back in
/// order (merging what was spilled to temporary files) and rendering them then use separate
/// cores. The first error of `findings` ends the output with that error.
pub(crate) fn write<E>(
    render: &mut dyn Render,
    findings: impl Iterator<Item = Result<Diagnostic, E>> + Send,
    mut summary: Summary,
    out: &mut dyn Write,
) -> io::Result<Summary>
where
    E: std::error::Error + Send + Sync + 'static,
{
    render.begin(out)?;
    let mut findings = findings;
    let first: Vec<_> = findings.by_ref().take(BLOCK).collect();
    let more = first.len() == BLOCK;
    let mut emit = |block: Vec<Result<Diagnostic, E>>| -> io::Result<()> {
        let block = block
            .into_iter()
            .collect::<Result<Vec<_>, E>>()
            .map_err(io::Error::other)?;
        for d in &block {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        render.findings(out, &block)
    };
    emit(first)?;
    if more {
        std::thread::scope(|scope| {
            let (to, blocks) = std::sync::mpsc::sync_channel(1);
            scope.spawn(move || {
                loop {
                    let block: Vec<_> = findings.by_ref().take(BLOCK).collect();
                    let last = block.len() < BLOCK;
                    // The renderer stopped (an error): nothing more to read.
                    if to.send(block).is_err() || last {
                        return;
                    }
                }
            });
            // Leaving early drops `blocks`, which stops the reading thread.
            blocks.into_iter().try_for_each(&mut emit)
        })?;
    }
    render.end(out, &summary)?;
    Ok(summary)
}

/// Writes `value` as pretty-printed JSON nested `indent` spaces deep: the first line
/// indented too, the last without a line ending (serde_json's pretty layout, two spaces a
/// level, every line moved right by `indent`).
pub(crate) fn write_json_nested<W: Write + ?Sized>(
    out: &mut W,
    value: &impl serde::Serialize,
    indent: usize,
) -> io::Result<()> {
    spaces(out, indent)?;
    let mut nested = serde_json::Serializer::with_formatter(
        out,
        Nested {
            base: indent,
            depth: 0,
            has_value: false,
        },
    );
    value.serialize(&mut nested).map_err(io::Error::other)
}

/// Writes `n` spaces.
fn spaces<W: Write + ?Sized>(out: &mut W, mut n: usize) -> io::Result<()> {
    const PAD: &[u8] = &[b' '; 128];
    while n > PAD.len() {
        out.write_all(PAD)?;
        n -= PAD.len();
    }
    out.write_all(&PAD[..n])
}

/// serde_json's `PrettyFormatter`, its lines indented by `base` more spaces: the text is
/// made in one pass, straight into the output.
struct Nested {
    base: usize,
    depth: usize,
    has_value: bool,
}

impl Nested {
    /// Starts the next line of an array or object (after a comma unless `first`).
    fn line<W: Write + ?Sized>(&self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        spaces(out, self.base + 2 * self.depth)
    }

    /// Opens an array or object one level deeper.
    fn open<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// Closes an array or object, on a line of its own when it held anything.
    fn close<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            spaces(out, self.base + 2 * self.depth)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Whether to colour pretty output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is unset (or empty).
    Auto,
    /// Always colour, even with NO_COLOR (a flag given on the command line wins over the
    /// environment, as the NO_COLOR convention says).
    Always,
    /// Never colour.
    Never,
}

impl Color {
    /// Whether to colour output written to standard output.
    pub(crate) fn enabled(self) -> bool {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        self.decide(no_color, std::io::stdout().is_terminal())
    }

    /// The decision, given whether NO_COLOR is set and standard output is a terminal.
    fn decide(self, no_color: bool, terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => terminal && !no_color,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Color;

    #[test]
    fn an_explicit_flag_wins_over_no_color() {
        assert!(Color::Always.decide(true, false));
        assert!(!Color::Never.decide(false, true));
        assert!(!Color::Auto.decide(true, true));
        assert!(Color::Auto.decide(false, true));
        assert!(!Color::Auto.decide(false, false));
    }
}
