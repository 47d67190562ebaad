//! The conventions every rule follows: a unique kebab-case name, documentation with the four
//! sections, fixtures, and doc examples that produce exactly the finding they claim.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;

use support::TestData;

/// The rules faultline was designed with, by name: none may disappear (renaming one breaks
/// every configuration and suppression that names it).
const REQUIRED: &[&str] = &[
    "parse-error",
    "schema-violation",
    "id-mismatch",
    "duplicate-id",
    "dangling-reference",
    "place-alias",
    "possible-duplicate-event",
    "unused-record",
    "missing-source",
    "uncited-claim-source",
    "incomplete-source",
    "single-party-sourcing",
    "date-range-reversed",
    "event-after-report",
    "future-date",
    "source-dates-inconsistent",
    "date-precision-mismatch",
    "unattributed-casualty",
    "ambiguous-casualty-category",
    "invalid-casualty-range",
    "conflicting-casualty-figures",
    "unused-suppression",
];

#[test]
fn names_are_unique_kebab_case_and_cover_the_designed_rules() {
    let names: Vec<&str> = faultline_validate::metas().map(|m| m.name).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "duplicate rule names");
    for n in &names {
        assert!(
            faultline_model::id::check_slug(n).is_ok(),
            "`{n}` is not kebab-case"
        );
    }
    let missing: Vec<_> = REQUIRED.iter().filter(|r| !unique.contains(*r)).collect();
    assert!(
        missing.is_empty(),
        "designed rules not implemented: {missing:?}"
    );
}

#[test]
fn every_rule_is_documented() {
    for meta in faultline_validate::metas() {
        let docs = meta.docs();
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Use instead",
        ] {
            assert!(docs.contains(section), "`{}` lacks `{section}`", meta.name);
        }
        assert!(!meta.summary.is_empty());
    }
}

/// The ```toml <file>``` blocks of one section of a rule's docs, and the ```text <file>```
/// blocks (archived copies of sources, under `archive/`).
fn blocks(docs: &str, section: &str) -> Vec<(String, String)> {
    let body = docs.split(section).nth(1).unwrap_or("");
    let body = body.split("\n## ").next().unwrap_or("");
    let mut out = Vec::new();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line
            .strip_prefix("```toml")
            .or_else(|| line.strip_prefix("```text"))
        {
            // The info string names the file the example stands for: ```toml events/2021/x.toml
            let path = info.trim().to_owned();
            assert!(
                !path.is_empty(),
                "every example block names its file after ```toml"
            );
            let mut text = String::new();
            for l in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                // `\u{feff}` stands for a byte-order mark, which a doc comment cannot show.
                text.push_str(&l.replace("\\u{feff}", "\u{feff}"));
                text.push('\n');
            }
            out.push((path, text));
        }
    }
    out
}

#[test]
fn doc_examples_produce_exactly_the_finding_they_claim() {
    let mut failures = Vec::new();
    for meta in faultline_validate::metas() {
        let docs = meta.docs();
        for (section, expect) in [("## Example", 1), ("## Use instead", 0)] {
            let files = blocks(&docs, section);
            assert!(
                !files.is_empty(),
                "`{}`: no ```toml <file>``` block under {section}",
                meta.name
            );
            let data = TestData::new(&[]);
            for (path, text) in &files {
                data.write(path, text);
            }
            let (dataset, result) = data.lint();
            let of_rule = result
                .diagnostics
                .iter()
                .filter(|d| d.rule == meta.name)
                .count();
            let others: Vec<_> = result
                .diagnostics
                .iter()
                .filter(|d| d.rule != meta.name)
                .map(ToString::to_string)
                .collect();
            if of_rule != expect || !others.is_empty() {
                failures.push(format!(
                    "`{}` {section}: expected {expect} finding(s) of the rule and no other, got:\n{}",
                    meta.name,
                    support::rendered(&dataset, &result)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
