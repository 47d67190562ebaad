//! `--statistics`: how many findings each rule made, most first (as ruff's `--statistics`),
//! counted as the findings come, in place of the findings themselves.
//!
//! ```text
//!     12  unattributed-casualty  error    [ ] a casualty figure names no claimant
//!      3  place-alias            warning  [*] a place is referred to by a name variant, not its id
//! ```
//!
//! The columns: the count, the rule, its severity in this run, `[*]` when some of the findings
//! have a safe fix (`faultline lint --fix`), and the rule's summary. With `--format json`, a
//! JSON array of `{"rule", "count", "severity", "fixable", "summary"}` (`fixable`: how many
//! have a safe fix), in the same order.

use std::collections::HashMap;
use std::io::{self, Write};

use faultline_validate::{Diagnostic, Severity, Summary};
use serde::Serialize;

use super::Render;

#[derive(Debug, Default, Clone, Copy)]
struct Count {
    count: usize,
    fixable: usize,
    severity: Option<Severity>,
}

#[derive(Serialize)]
struct Row {
    rule: &'static str,
    count: usize,
    severity: &'static str,
    fixable: usize,
    summary: &'static str,
}

/// The counts per rule, written at the end.
pub(crate) struct Statistics {
    json: bool,
    counts: HashMap<&'static str, Count>,
}

impl Statistics {
    /// As a text table, or as JSON.
    pub(crate) fn new(json: bool) -> Self {
        Self {
            json,
            counts: HashMap::new(),
        }
    }

    /// The rows, most findings first, then by rule name.
    fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .counts
            .iter()
            .map(|(rule, c)| Row {
                rule,
                count: c.count,
                severity: c.severity.map_or("info", Severity::as_str),
                fixable: c.fixable,
                summary: faultline_validate::meta(rule).map_or("", |m| m.summary),
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(b.rule)));
        rows
    }
}

impl Render for Statistics {
    fn finding(&mut self, _out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        let c = self.counts.entry(d.rule).or_default();
        c.count += 1;
        c.fixable += usize::from(d.fix.is_some());
        c.severity = c.severity.max(Some(d.severity));
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            let mut text = serde_json::to_vec_pretty(&rows).map_err(io::Error::other)?;
            text.push(b'\n');
            return out.write_all(&text);
        }
        let count_width = rows.iter().map(|r| r.count.to_string().len()).max();
        let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
        for r in &rows {
            writeln!(
                out,
                "{:>w$}  {:<rw$}  {:<7}  {} {}",
                r.count,
                r.rule,
                r.severity,
                if r.fixable > 0 { "[*]" } else { "[ ]" },
                r.summary,
                w = count_width.unwrap_or(1).max(6),
                rw = rule_width,
            )?;
        }
        Ok(())
    }
}
