//! Renderers for lint findings: pretty (miette), concise, JSON, SARIF and GitHub annotations.
//!
//! Every format streams: it is a [`Render`] that writes what comes before the first finding,
//! then each finding as it is read (in output order: by file, line, column and rule), then
//! what comes after the last, with the counts. No format holds the findings, so the output of
//! a run with millions of them takes no more memory than one with a few.

pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod json;
pub(crate) mod pretty;
pub(crate) mod sarif;

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
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

impl Format {
    /// The renderer of the format. `color`, `started` and `roots` matter to `pretty` only
    /// (colours, the time the summary line reports, and the folders snippets are read in).
    pub(crate) fn renderer<'a>(
        self,
        color: bool,
        started: Instant,
        roots: &'a Roots,
    ) -> Box<dyn Render + 'a> {
        match self {
            Self::Pretty => Box::new(pretty::Pretty::new(color, started, roots)),
            Self::Concise => Box::new(concise::Concise),
            Self::Json => Box::new(json::Json::default()),
            Self::Sarif => Box::new(sarif::Sarif::default()),
            Self::Github => Box::new(github::Github),
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
    render.begin(out)?;
    for d in findings {
        let d = d.map_err(io::Error::other)?;
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        render.finding(out, &d)?;
    }
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
    let text = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    out.write_all(pad.as_bytes())?;
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// Whether to colour pretty output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour (still never with NO_COLOR).
    Always,
    /// Never colour.
    Never,
}

impl Color {
    /// Whether to colour output written to standard output.
    pub(crate) fn enabled(self) -> bool {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            _ if no_color => false,
            Self::Never => false,
            Self::Always => true,
            Self::Auto => std::io::stdout().is_terminal(),
        }
    }
}
