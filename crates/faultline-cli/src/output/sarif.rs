//! `--format sarif`: SARIF 2.1.0 with every rule's metadata in `tool.driver.rules`.

use faultline_validate::{Diagnostic, LintResult, Region, Severity};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(r: &Region) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": r.file, "uriBaseId": "SRCROOT" },
            "region": {
                "startLine": r.line,
                "startColumn": r.column,
                "endLine": r.end_line,
                "endColumn": r.end_column,
            }
        }
    })
}

fn result(d: &Diagnostic, rule_index: usize) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut loc = location(&r.region);
            loc["id"] = json!(i + 1);
            loc["message"] = json!({ "text": r.message });
            loc
        })
        .collect();
    let mut v = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [location(&d.region)],
    });
    if !related.is_empty() {
        v["relatedLocations"] = Value::Array(related);
    }
    v
}

/// The SARIF log, pretty-printed, with a final newline.
pub(crate) fn render(res: &LintResult) -> String {
    let metas: Vec<_> = faultline_validate::metas().collect();
    let rules: Vec<Value> = metas
        .iter()
        .map(|m| {
            json!({
                "id": m.name,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.docs(), "markdown": m.docs() },
                "defaultConfiguration": { "level": level(m.default_severity) },
                "properties": { "area": m.area.as_str(), "fixable": m.fixable },
            })
        })
        .collect();
    let results: Vec<Value> = res
        .diagnostics
        .iter()
        .map(|d| {
            let index = metas.iter().position(|m| m.name == d.rule).unwrap_or(0);
            result(d, index)
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "faultline",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "SRCROOT": { "description": { "text": "The directory faultline was run in." } } },
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
