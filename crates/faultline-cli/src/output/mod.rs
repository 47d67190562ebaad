//! Renderers for lint results: pretty (miette), concise, JSON, SARIF and GitHub annotations.

pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod json;
pub(crate) mod pretty;
pub(crate) mod sarif;

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
