//! `--format concise`: one line per finding.

use std::fmt::Write;

use faultline_validate::LintResult;

/// `file:line:col: severity[rule] message`, one per line, then nothing else.
pub(crate) fn render(result: &LintResult) -> String {
    let mut out = String::new();
    for d in &result.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}
