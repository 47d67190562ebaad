//! A plain-text rendering of a finding with the offending line underlined: no colour, no
//! terminal needed. Used by snapshot tests and anywhere a stable text form is wanted.

use std::fmt::Write;

use faultline_dataset::Dataset;

use crate::diagnostic::{Diagnostic, Region};

/// Renders a finding like a compiler would:
///
/// ```text
/// error[future-date]: 2121-11-16 is after today (2026-01-01)
///   --> events/2021/2021-11-16-example.toml:9:7
///    |
///  9 | end = 2121-11-16
///    |       ^^^^^^^^^^
///    = help: check the year
/// ```
pub fn plain(dataset: &Dataset, d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", d.severity, d.rule, d.message);
    snippet(&mut out, dataset, &d.region, "");
    if let Some(help) = &d.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(out, "   = fix: {}", fix.title);
    }
    for r in &d.related {
        let _ = writeln!(out, "   = note: {}", r.message);
        snippet(&mut out, dataset, &r.region, "");
    }
    out
}

fn snippet(out: &mut String, dataset: &Dataset, region: &Region, _indent: &str) {
    let _ = writeln!(
        out,
        "  --> {}:{}:{}",
        region.file, region.line, region.column
    );
    let Some(file) = region.file_id.map(|id| dataset.file(id)) else {
        return;
    };
    let index = file.line_index();
    let Some(start) = index.line_start(region.line) else {
        return;
    };
    let text = &file.text[start..];
    let line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let width = line.chars().count();
    let from = region.column.saturating_sub(1).min(width);
    let to = if region.end_line == region.line {
        region
            .end_column
            .saturating_sub(1)
            .clamp(from + 1, width.max(from + 1))
    } else {
        width.max(from + 1)
    };
    let number = region.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, " {pad} |");
    let _ = writeln!(out, " {number} | {line}");
    let _ = writeln!(
        out,
        " {pad} | {}{}",
        " ".repeat(from),
        "^".repeat(to - from)
    );
}
