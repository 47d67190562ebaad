//! Per-rule fixtures: `tests/fixtures/<rule>/invalid*/` must trigger the rule, `valid*/` must
//! produce no finding at all. Each case is a folder of files laid over the base dataset
//! (`tests/fixtures/base`); the rendered findings are snapshots, and so are the fixes of a
//! fixable rule, applied (as a diff).

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

/// The fixes of `fixes` as a unified diff, file by file.
fn diff(fixes: &[faultline_validate::FileFix]) -> String {
    fixes
        .iter()
        .map(|f| {
            similar::TextDiff::from_lines(&f.before, &f.after)
                .unified_diff()
                .header(&f.name, &f.name)
                .to_string()
        })
        .collect()
}

#[test]
fn fixable_rules_show_their_fix_applied_and_only_they_offer_fixes() {
    let mut failures = Vec::new();
    for meta in faultline_validate::metas() {
        let mut shown = false;
        for (name, path) in cases(meta.name) {
            let data = TestData::new(&[Path::new(&path)]);
            let (_, result) = data.lint();
            for d in result.diagnostics.iter().filter(|d| d.fix.is_some()) {
                if !faultline_validate::meta(d.rule).is_some_and(|m| m.fixable) {
                    failures.push(format!(
                        "{}/{name}: `{}` offers a fix but is not declared `fixable: true`",
                        meta.name, d.rule
                    ));
                }
            }
            let own: Vec<_> = result
                .diagnostics
                .iter()
                .filter(|d| d.rule == meta.name)
                .cloned()
                .collect();
            let fixes = faultline_validate::apply_fixes(&own, |p| std::fs::read_to_string(p).ok());
            if !meta.fixable || fixes.is_empty() {
                continue;
            }
            shown = true;
            insta::with_settings!({ snapshot_suffix => format!("{}__{name}", meta.name), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!("fix", diff(&fixes));
            });
            // Applied, the fixes leave nothing for the rule to fix.
            for f in &fixes {
                std::fs::write(&f.path, &f.after).unwrap();
            }
            let (dataset, after) = data.lint();
            if after
                .diagnostics
                .iter()
                .any(|d| d.rule == meta.name && d.fix.is_some())
            {
                failures.push(format!(
                    "{}/{name}: the rule still offers a fix once its fixes are applied:\n{}",
                    meta.name,
                    rendered(&dataset, &after)
                ));
            }
        }
        if meta.fixable && !shown {
            failures.push(format!(
                "`{}` is declared `fixable: true` but no invalid* fixture shows a fix applied",
                meta.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
