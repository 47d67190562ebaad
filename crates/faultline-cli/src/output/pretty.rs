//! `--format pretty`: a miette report per finding, the offending line shown and underlined.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use faultline_validate::{Diagnostic, Region, Severity, Summary};

use crate::confine::Roots;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};

use super::Render;

/// One finding (or one related location) as a miette diagnostic.
#[derive(Debug)]
struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    source: Option<NamedSource<Arc<str>>>,
    span: SourceSpan,
    label: Option<String>,
    help: Option<String>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.label.clone(), self.span),
        )))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// The texts of the files findings point into — only files inside the roots that were linted
/// (a finding about a link that leads out of the dataset shows no text), and only regular
/// files. Findings come file by file, so the last few files read are kept (each file is read
/// about once). Files over 16 MiB (a large JSON Lines file) are not read: their findings are
/// shown with file, line and column only.
pub(crate) struct Texts<'a> {
    roots: &'a Roots,
    /// The bytes of the texts kept.
    bytes: usize,
    files: HashMap<PathBuf, Option<Arc<str>>>,
}

impl<'a> Texts<'a> {
    const MAX: u64 = 16 << 20;
    /// How many files are kept at most, and about how many bytes of text.
    const KEPT: usize = 64;
    const KEPT_BYTES: usize = 64 << 20;

    /// Texts read from files under `roots`.
    pub(crate) fn new(roots: &'a Roots) -> Self {
        Self {
            roots,
            bytes: 0,
            files: HashMap::new(),
        }
    }

    fn get(&mut self, path: &Path) -> Option<Arc<str>> {
        let roots = self.roots;
        if !self.files.contains_key(path)
            && (self.files.len() >= Self::KEPT || self.bytes > Self::KEPT_BYTES)
        {
            self.files.clear();
            self.bytes = 0;
        }
        let kept = &mut self.bytes;
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let bytes = roots.read(path, Self::MAX)?;
                *kept += bytes.len();
                // Not text (UTF-16, a binary file): show no snippet rather than raw bytes.
                let binary = bytes
                    .iter()
                    .any(|b| *b == 0 || (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')));
                (!binary).then(|| Arc::from(String::from_utf8_lossy(&bytes).as_ref()))
            })
            .clone()
    }
}

fn source_of(texts: &mut Texts<'_>, region: &Region) -> Option<NamedSource<Arc<str>>> {
    let text = texts.get(&region.path)?;
    if region.span.end > text.len() {
        return None;
    }
    let language = if region.file.ends_with(".toml") {
        "toml"
    } else {
        "json"
    };
    Some(NamedSource::new(region.file.clone(), text).with_language(language))
}

fn report(texts: &mut Texts<'_>, d: &Diagnostic) -> Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut help = d.help.clone();
    if let Some(fix) = &d.fix {
        let line = format!("fixable: {} (`faultline lint --fix`)", fix.title);
        help = Some(help.map_or(line.clone(), |h| format!("{h}\n{line}")));
    }
    Report {
        message: d.message.clone(),
        code: Some(d.rule.to_owned()),
        severity,
        source: source_of(texts, &d.region),
        span: SourceSpan::from(d.region.span.range()),
        label: None,
        help,
        related: d
            .related
            .iter()
            .map(|r| Report {
                message: r.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                source: source_of(texts, &r.region),
                span: SourceSpan::from(r.region.span.range()),
                label: Some(r.message.clone()),
                help: None,
                related: Vec::new(),
            })
            .collect(),
    }
}

/// A graphical report per finding, then the summary line.
pub(crate) struct Pretty<'a> {
    handler: GraphicalReportHandler,
    texts: Texts<'a>,
    started: Instant,
}

impl<'a> Pretty<'a> {
    /// `started`: when the run started, for the time the summary line gives; snippets are
    /// read from files under `roots` only.
    pub(crate) fn new(color: bool, started: Instant, roots: &'a Roots) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Self {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(100)
                .with_links(false),
            texts: Texts::new(roots),
            started,
        }
    }
}

impl Render for Pretty<'_> {
    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        let r = report(&mut self.texts, d);
        let mut text = String::new();
        if r.source.is_none() {
            // No text to show: say where, so the finding still has its file, line and column.
            let _ = writeln!(
                text,
                "{}:{}:{}",
                d.region.file, d.region.line, d.region.column
            );
        }
        let _ = self.handler.render_report(&mut text, &r);
        text.push('\n');
        out.write_all(text.as_bytes())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(summary_line(summary, Some(self.started.elapsed())).as_bytes())
    }
}

/// `Linted 12 files (7 events) in 0.03s: 0 errors, 1 warning, 2 infos.`
pub(crate) fn summary_line(s: &Summary, elapsed: Option<std::time::Duration>) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let time = elapsed.map_or_else(String::new, |t| format!(" in {:.2}s", t.as_secs_f64()));
    format!(
        "Linted {} ({}){time}: {}, {}, {}.\n",
        plural(s.files, "file"),
        plural(s.events, "event"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
    )
}
