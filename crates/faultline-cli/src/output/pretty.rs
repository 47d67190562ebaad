//! `--format pretty`: a miette report per finding, the offending line shown and underlined.

use std::fmt;
use std::sync::Arc;

use faultline_dataset::Dataset;
use faultline_validate::{Diagnostic, LintResult, Region, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};

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

fn source_of(dataset: &Dataset, region: &Region) -> Option<NamedSource<Arc<str>>> {
    let file = dataset.file(region.file_id?);
    Some(NamedSource::new(region.file.clone(), Arc::clone(&file.text)).with_language("toml"))
}

fn report(dataset: &Dataset, d: &Diagnostic) -> Report {
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
        source: source_of(dataset, &d.region),
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
                source: source_of(dataset, &r.region),
                span: SourceSpan::from(r.region.span.range()),
                label: Some(r.message.clone()),
                help: None,
                related: Vec::new(),
            })
            .collect(),
    }
}

/// Every finding as a graphical report, then the summary line.
pub(crate) fn render(
    dataset: &Dataset,
    result: &LintResult,
    color: bool,
    elapsed: std::time::Duration,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in &result.diagnostics {
        let _ = handler.render_report(&mut out, &report(dataset, d));
        out.push('\n');
    }
    out.push_str(&summary_line(result, Some(elapsed)));
    out
}

/// `Linted 12 files (7 events) in 0.03s: 0 errors, 1 warning, 2 infos.`
pub(crate) fn summary_line(result: &LintResult, elapsed: Option<std::time::Duration>) -> String {
    let s = &result.summary;
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
