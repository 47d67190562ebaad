//! Per-rule fixtures: `tests/fixtures/<rule>/invalid*/` must trigger the rule, `valid*/` must
//! produce no finding at all. Each case is a folder of files laid over the base dataset
//! (`tests/fixtures/base`); the rendered findings are snapshots.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use support::{TestData, fixtures, rendered};

fn cases(rule: &str) -> Vec<(String, std::path::PathBuf)> {
    let dir = fixtures().join(rule);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

#[test]
fn base_fixture_is_clean() {
    let data = TestData::new(&[]);
    let (dataset, result) = data.lint();
    assert_eq!(rendered(&dataset, &result), "(no findings)\n");
}

#[test]
fn every_rule_fires_on_its_invalid_fixtures_and_not_on_valid_ones() {
    let mut failures = Vec::new();
    for meta in faultline_validate::metas() {
        let cases = cases(meta.name);
        for kind in ["invalid", "valid"] {
            if !cases.iter().any(|(n, _)| n.starts_with(kind)) {
                failures.push(format!(
                    "`{}` has no {kind}* fixture in tests/fixtures/{}/",
                    meta.name, meta.name
                ));
            }
        }
        for (name, path) in cases {
            let data = TestData::new(&[Path::new(&path)]);
            let (dataset, result) = data.lint();
            let text = rendered(&dataset, &result);
            if name.starts_with("invalid")
                && !result.diagnostics.iter().any(|d| d.rule == meta.name)
            {
                failures.push(format!(
                    "{}/{name}: expected `{}`, got:\n{text}",
                    meta.name, meta.name
                ));
            }
            if name.starts_with("valid") && !result.diagnostics.is_empty() {
                failures.push(format!(
                    "{}/{name}: expected no findings, got:\n{text}",
                    meta.name
                ));
            }
            insta::with_settings!({ snapshot_suffix => format!("{}__{name}", meta.name), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!("rule", text);
            });
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
