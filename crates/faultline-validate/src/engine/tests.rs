//! Every rule reports in the phase it declares: a rule declared `phase: Record` reports
//! nothing from `finish`, and a rule declared `Finish` or `Audit` reports from `finish` on
//! some fixture of its own (else the declaration is wrong, or the fixtures miss the case).

use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, LoadOptions};

use super::lint_in_memory_with;
use crate::config::Config;
use crate::registry::RULES;
use crate::rule::Phase;

/// Copies every file below `from` into `to`.
fn overlay(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            overlay(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

/// The fixture cases of `rule`: the base dataset with each case folder laid over it.
fn cases(rule: &str) -> Vec<(String, tempfile::TempDir)> {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let Ok(entries) = std::fs::read_dir(fixtures.join(rule)) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    folders.sort();
    folders
        .into_iter()
        .map(|case| {
            let dir = tempfile::tempdir().unwrap();
            overlay(&fixtures.join("base"), dir.path());
            overlay(&case, dir.path());
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            (name, dir)
        })
        .collect()
}

#[test]
fn every_rule_reports_in_the_phase_it_declares() {
    let config = Config::with_today("2026-11-21".parse().unwrap());
    let mut failures = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let mut reports_from_finish = false;
        for (case, dir) in cases(meta.name) {
            let options = LoadOptions {
                names_relative_to: Some(dir.path().to_path_buf()),
                ..LoadOptions::default()
            };
            let dataset = Dataset::open_with(dir.path(), options).unwrap();
            let declared = lint_in_memory_with(&dataset, &config, &|m| m.phase);
            // `finish` of every rule declared `Record` called as well.
            let every = lint_in_memory_with(&dataset, &config, &|m| match m.phase {
                Phase::Record => Phase::Finish,
                other => other,
            });
            if every.diagnostics != declared.diagnostics {
                let late: Vec<String> = every
                    .diagnostics
                    .iter()
                    .filter(|d| !declared.diagnostics.contains(d))
                    .map(ToString::to_string)
                    .collect();
                failures.push(format!(
                    "{}/{case}: rules declared `phase: Record` report from `finish`:\n{}",
                    meta.name,
                    late.join("\n")
                ));
            }
            // This rule's `finish` left out.
            let without = lint_in_memory_with(&dataset, &config, &|m| {
                if m.name == meta.name {
                    Phase::Record
                } else {
                    m.phase
                }
            });
            reports_from_finish |= without.diagnostics != declared.diagnostics;
        }
        match (meta.phase, reports_from_finish) {
            (Phase::Record, _) | (Phase::Finish | Phase::Audit, true) => {}
            (phase, false) => failures.push(format!(
                "`{}` is declared `phase: {phase:?}` but reports nothing from `finish` on its fixtures",
                meta.name
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
