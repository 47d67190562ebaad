//! `--format sarif`: SARIF 2.1.0 with every rule's metadata in `tool.driver.rules`.

use std::collections::HashMap;
use std::io::{self, Write};

use faultline_validate::{Diagnostic, Region, Severity, Summary};
use serde_json::{Value, json};

use super::{Render, write_json_nested};

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

/// The SARIF log, pretty-printed, with a final newline: the log around the results is laid
/// out once (with no result) and the results are written into it as they come.
#[derive(Default)]
pub(crate) struct Sarif {
    /// The log up to the results' `[`, and from their `]` on.
    around: (String, String),
    /// How deep the results' key stands.
    indent: usize,
    /// The index of each rule in `tool.driver.rules`.
    rule_index: HashMap<&'static str, usize>,
    written: usize,
}

/// The key before the results, and the empty list that stands for them in the layout.
const RESULTS: &str = "\"results\": [";

impl Render for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let metas: Vec<_> = faultline_validate::metas().collect();
        self.rule_index = metas.iter().enumerate().map(|(i, m)| (m.name, i)).collect();
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
                "results": [],
            }]
        });
        let text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        // `results` is the last key of the log: the last `"results": [` is it.
        let at = text
            .rfind(RESULTS)
            .ok_or_else(|| io::Error::other("the SARIF layout has no results"))?;
        let split = at + RESULTS.len();
        self.indent = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
        self.around = (text[..split].to_owned(), text[split..].to_owned());
        out.write_all(self.around.0.as_bytes())
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        let index = self.rule_index.get(d.rule).copied().unwrap_or(0);
        write_json_nested(out, &result(d, index), self.indent + 2)
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n")?;
            out.write_all(" ".repeat(self.indent).as_bytes())?;
        }
        out.write_all(self.around.1.as_bytes())?;
        out.write_all(b"\n")
    }
}
