//! `--format json`: the machine-readable contract.
//!
//! ```json
//! {"diagnostics": [{"rule", "severity", "message", "file", "line", "column",
//!                   "end_line", "end_column", "help"}],
//!  "summary": {"errors", "warnings", "infos", "files", "events"}}
//! ```

use faultline_validate::{LintResult, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
}

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
}

/// The JSON document, pretty-printed, with a final newline.
pub(crate) fn render(result: &LintResult) -> String {
    let output = Output {
        diagnostics: result
            .diagnostics
            .iter()
            .map(|d| Item {
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                file: &d.region.file,
                line: d.region.line,
                column: d.region.column,
                end_line: d.region.end_line,
                end_column: d.region.end_column,
                help: d.help.as_deref(),
            })
            .collect(),
        summary: result.summary,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
