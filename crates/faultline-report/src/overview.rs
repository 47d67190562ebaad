//! The overview: events by kind, by year and by source, and the dataset's lint status.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use faultline_export::svg::text::{count, shorten, thousands};
use faultline_model::EventKind;
use faultline_validate::Severity;

use crate::context::Cx;
use crate::html::{esc, meter, more, swatch};

/// Sources listed before the rest are counted.
const MAX_SOURCES: usize = 15;
/// Rules listed in the lint status before the rest are counted.
const MAX_RULES: usize = 12;
/// Findings listed in the lint status.
const MAX_FINDINGS: usize = 12;

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let mut out = String::from(r#"<div class="cards">"#);
    out.push_str(&by_kind(cx));
    out.push_str(&by_year(cx));
    out.push_str(&by_source(cx));
    out.push_str("</div>\n");
    out.push_str(&lint_status(cx));
    out
}

fn by_kind(cx: &Cx<'_>) -> String {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &cx.records.events {
        let rank = EventKind::ALL
            .iter()
            .position(|k| *k == e.kind)
            .unwrap_or(0);
        *counts.entry(rank).or_default() += 1;
    }
    let max = counts.values().copied().max().unwrap_or(0);
    let mut out = String::from(
        r#"<div class="card"><h3>By kind</h3><table class="counts"><thead><tr><th>Kind</th><th class="n">Events</th><th></th></tr></thead><tbody>"#,
    );
    if counts.is_empty() {
        out.push_str(r#"<tr><td colspan="3">No events.</td></tr>"#);
    }
    for (rank, n) in counts {
        let Some(kind) = EventKind::ALL.get(rank).copied() else {
            continue;
        };
        let _ = write!(
            out,
            r##"<tr><td>{} <a href="#events" data-filter-kind="{k}">{k}</a></td><td class="n">{}</td><td>{}</td></tr>"##,
            swatch(kind),
            thousands(n as u64),
            meter(n, max),
            k = kind.as_str()
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

fn by_year(cx: &Cx<'_>) -> String {
    let years = cx.years();
    let max = years.values().copied().max().unwrap_or(0);
    let mut out = String::from(
        r#"<div class="card"><h3>By year</h3><table class="counts"><thead><tr><th>Year</th><th class="n">Events</th><th></th></tr></thead><tbody>"#,
    );
    if years.is_empty() {
        out.push_str(r#"<tr><td colspan="3">No events.</td></tr>"#);
    }
    for (year, n) in years {
        let _ = write!(
            out,
            r##"<tr><td><a href="#events" data-filter-year="{year}">{year}</a></td><td class="n">{}</td><td>{}</td></tr>"##,
            thousands(n as u64),
            meter(n, max)
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Events by who published their sources (a source's publisher, else its title, else its
/// id), most first.
fn by_source(cx: &Cx<'_>) -> String {
    let mut events: HashMap<String, usize> = HashMap::new();
    let mut documents: HashMap<String, usize> = HashMap::new();
    for s in &cx.records.sources {
        *documents
            .entry(cx.index.source_name(s.id.as_str()))
            .or_default() += 1;
    }
    let mut unsourced = 0;
    for e in &cx.records.events {
        let mut names: Vec<String> = e
            .sources
            .iter()
            .map(|s| cx.index.source_name(s.as_str()))
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            unsourced += 1;
        }
        for n in names {
            *events.entry(n).or_default() += 1;
        }
    }
    let mut rows: Vec<(String, usize)> = events.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = rows.first().map_or(0, |r| r.1);
    let mut out = String::from(
        r#"<div class="card wide"><h3>By source</h3><table class="counts"><thead><tr><th>Publisher</th><th class="n">Events</th><th class="n">Documents</th><th></th></tr></thead><tbody>"#,
    );
    if rows.is_empty() {
        out.push_str(r#"<tr><td colspan="4">No event cites a source.</td></tr>"#);
    }
    for (name, n) in rows.iter().take(MAX_SOURCES) {
        let _ = write!(
            out,
            r#"<tr><td title="{}">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(name),
            esc(&shorten(name, 48)),
            thousands(*n as u64),
            thousands(documents.get(name).copied().unwrap_or(0) as u64),
            meter(*n, max)
        );
    }
    out.push_str("</tbody></table>");
    if rows.len() > MAX_SOURCES {
        let _ = write!(
            out,
            "<p>{}</p>",
            more(rows.len() - MAX_SOURCES, "publisher")
        );
    }
    if unsourced > 0 {
        let _ = write!(
            out,
            r#"<p class="warn">{} cite no source.</p>"#,
            count(unsourced, "event")
        );
    }
    out.push_str("</div>");
    out
}

fn lint_status(cx: &Cx<'_>) -> String {
    let s = &cx.lint.summary;
    let mut out = String::from(r#"<div class="lint"><h3>Lint status</h3>"#);
    let class = if s.errors > 0 {
        "bad"
    } else if s.warnings > 0 {
        "warn"
    } else {
        "good"
    };
    let _ = write!(
        out,
        r#"<p class="status {class}"><strong>{}</strong>, {}, {} <span class="muted">in {} ({}), linted with the rules and levels of <code>faultline lint</code></span></p>"#,
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        count(s.infos, "info"),
        count(s.files, "file"),
        count(s.events, "event"),
    );
    if cx.lint.diagnostics.is_empty() {
        out.push_str("<p>No findings: every record loads, every reference resolves, every figure and claim names its source.</p></div>\n");
        return out;
    }
    // Findings by rule, the most severe and most frequent first.
    let mut rules: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for d in &cx.lint.diagnostics {
        let entry = rules.entry(d.rule).or_insert((d.severity, 0));
        entry.0 = entry.0.max(d.severity);
        entry.1 += 1;
    }
    let mut rules: Vec<(&str, Severity, usize)> =
        rules.into_iter().map(|(r, (s, n))| (r, s, n)).collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    out.push_str(r#"<table class="counts"><thead><tr><th>Rule</th><th>Severity</th><th class="n">Findings</th></tr></thead><tbody>"#);
    for (rule, severity, n) in rules.iter().take(MAX_RULES) {
        let _ = write!(
            out,
            r#"<tr><td><code>{}</code></td><td class="sev-{s}">{s}</td><td class="n">{}</td></tr>"#,
            esc(rule),
            thousands(*n as u64),
            s = severity.as_str()
        );
    }
    out.push_str("</tbody></table>");
    if rules.len() > MAX_RULES {
        let _ = write!(out, "<p>{}</p>", more(rules.len() - MAX_RULES, "rule"));
    }
    // The first findings, the most severe first.
    let mut findings: Vec<_> = cx.lint.diagnostics.iter().collect();
    findings.sort_by_key(|d| std::cmp::Reverse(d.severity));
    let _ = write!(
        out,
        r#"<details{}><summary>The first {} (most severe first; <code>faultline lint</code> lists them all with their help)</summary><ul class="findings">"#,
        if s.errors > 0 { " open" } else { "" },
        count(findings.len().min(MAX_FINDINGS), "finding")
    );
    for d in findings.iter().take(MAX_FINDINGS) {
        let _ = write!(
            out,
            r#"<li><code>{}:{}:{}</code> <span class="sev-{s}">{s}</span>[<code>{}</code>] {}</li>"#,
            esc(&d.region.file),
            d.region.line,
            d.region.column,
            esc(d.rule),
            esc(&d.message),
            s = d.severity.as_str()
        );
    }
    out.push_str("</ul></details></div>\n");
    out
}
