//! The linter's findings as LSP diagnostics: rule code, severity, range, related locations and
//! a link to the rule's documentation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use faultline_validate::{Diagnostic, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use crate::text;
use crate::uri;

/// Where a rule is documented: `docs/rules/<rule>.md` of the repository.
pub fn rule_docs(rule: &str) -> Option<Uri> {
    Uri::from_str(&format!(
        "{}/blob/main/docs/rules/{rule}.md",
        env!("CARGO_PKG_REPOSITORY")
    ))
    .ok()
}

/// The texts findings point into: what the linter read (an unsaved buffer or the file).
pub(crate) struct Texts<'a> {
    pub(crate) texts: &'a HashMap<PathBuf, Arc<str>>,
}

impl Texts<'_> {
    fn get(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(|t| &**t)
    }
}

/// The LSP form of `d`; ranges are computed in the text the linter read.
pub(crate) fn to_lsp(d: &Diagnostic, texts: &Texts<'_>) -> lsp_types::Diagnostic {
    let range = region_range(&d.region, texts);
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri::from_path(&r.region.path)?,
                    region_range(&r.region, texts),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_owned())),
        code_description: rule_docs(d.rule).map(|href| CodeDescription { href }),
        source: Some("faultline".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The range of a region: from its byte span in the text read when there is one, else from
/// its 1-based line and column (characters), which hold for any text.
fn region_range(region: &faultline_validate::Region, texts: &Texts<'_>) -> lsp_types::Range {
    if let Some(text) = texts.get(&region.path)
        && (region.span.end > 0 || region.span.start > 0)
    {
        return text::range(text, region.span.start, region.span.end);
    }
    let text = texts.get(&region.path).unwrap_or("");
    let at = |line: usize, column: usize| {
        let start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let rest = &text[start.min(text.len())..];
        let within: usize = rest
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        if text.is_empty() {
            lsp_types::Position::new(
                u32::try_from(line.saturating_sub(1)).unwrap_or(0),
                u32::try_from(column.saturating_sub(1)).unwrap_or(0),
            )
        } else {
            text::position(text, start + within)
        }
    };
    lsp_types::Range::new(
        at(region.line, region.column),
        at(region.end_line, region.end_column),
    )
}
