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

/// Writes `findings` to `out` with `render`, counting them into `summary` (whose `files` and
/// `events` are set by the caller); returns the summary.
pub(crate) fn write<E>(
    render: &mut dyn Render,
    findings: impl Iterator<Item = Result<Diagnostic, E>>,
    mut summary: Summary,
    out: &mut dyn Write,
) -> io::Result<Summary>
where
    E: std::error::Error + Send + Sync + 'static,
{
    /// Findings handed to the renderer at once: enough for its threads to share, few
    /// enough to hold.
    const BLOCK: usize = 4096;
    render.begin(out)?;
    let mut block = Vec::with_capacity(BLOCK);
    for d in findings {
        let d = d.map_err(io::Error::other)?;
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        block.push(d);
        if block.len() == BLOCK {
            render.findings(out, &block)?;
            block.clear();
        }
    }
    render.findings(out, &block)?;
    render.end(out, &summary)?;
    Ok(summary)
}

/// Writes `value` as pretty-printed JSON nested `indent` spaces deep: the first line
/// indented too, the last without a line ending (JSON strings hold no raw line break, so
/// every line break is between two lines of the layout).
pub(crate) fn write_json_nested(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    indent: usize,
) -> io::Result<()> {
    const PAD: &[u8] = &[b' '; 64];
    let wide;
    let pad = match PAD.get(..indent) {
        Some(pad) => pad,
        None => {
            wide = vec![b' '; indent];
            &wide[..]
        }
    };
    out.write_all(pad)?;
    // Serialized straight into `out`, each line break followed by the indentation: no copy
    // of the whole text per finding.
    let mut nested = Nested { out, pad };
    serde_json::to_writer_pretty(&mut nested, value).map_err(io::Error::other)
}

/// A writer that indents every line after the first by `pad`.
struct Nested<'w, 'p> {
    out: &'w mut dyn Write,
    pad: &'p [u8],
}

impl Write for Nested<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while let Some(i) = buf.iter().position(|b| *b == b'\n') {
            self.out.write_all(&buf[..=i])?;
            self.out.write_all(self.pad)?;
            buf = &buf[i + 1..];
        }
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
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
