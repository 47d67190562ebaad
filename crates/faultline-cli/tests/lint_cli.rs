//! `faultline lint` as a user runs it: every output format on one small broken dataset
//! (snapshots), the SARIF log against the official schema, exit codes and bad arguments.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// Runs `faultline ARGS` in `dir`, without colour, with a fixed "today".
fn faultline_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAULTLINE_ARCHIVE")
        .output()
        .unwrap()
}

fn lint(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["lint", "--today", "2026-11-21"];
    all.extend_from_slice(args);
    let out = faultline_in(&fixture(), &all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(r"in \d+\.\d+s", "in [TIME]");
    s.add_filter(r#""version": "\d+\.\d+\.\d+""#, r#""version": "[VERSION]""#);
    s
}

#[test]
fn pretty() {
    let (code, out, err) = lint(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.contains('\u{1b}'), "no colour without a terminal");
    settings().bind(|| insta::assert_snapshot!(out));
}

#[test]
fn concise() {
    let (code, out, _) = lint(&["--format", "concise"]);
    assert_eq!(code, 1);
    settings().bind(|| insta::assert_snapshot!(out));
}

#[test]
fn json_is_the_documented_contract() {
    let (code, out, _) = lint(&["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys = [
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        // Added later: new keys come after the first contract's, which keep their order.
        "related",
        "fix",
    ];
    for d in v["diagnostics"].as_array().unwrap() {
        let obj = d.as_object().unwrap();
        assert_eq!(obj.keys().map(String::as_str).collect::<Vec<_>>(), keys);
        assert!(d["related"].is_array() && (d["fix"].is_null() || d["fix"].is_object()));
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
    }
    let summary = v["summary"].as_object().unwrap();
    assert_eq!(
        summary.keys().map(String::as_str).collect::<Vec<_>>(),
        ["errors", "warnings", "infos", "files", "events"]
    );
    settings().bind(|| insta::assert_snapshot!(out));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let (code, out, _) = lint(&["--format", "sarif"]);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), faultline_validate_rule_count());
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // The results; the rules' metadata is checked above against the schema and the registry.
    let results = serde_json::to_string_pretty(&log["runs"][0]["results"]).unwrap();
    settings().bind(|| insta::assert_snapshot!(results));
}

/// The number of rules, as `faultline rules` lists them.
fn faultline_validate_rule_count() -> usize {
    let out = faultline_in(&fixture(), &["rules"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .count()
}

#[test]
fn github_annotations() {
    let (code, out, _) = lint(&["--format", "github"]);
    assert_eq!(code, 1);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
    settings().bind(|| insta::assert_snapshot!(out));
}

#[test]
fn one_file_is_checked_against_the_data_registries() {
    let (code, out, _) = lint(&[
        "--format",
        "concise",
        "data/events/2021/2021-05-12-advance.toml",
    ]);
    assert_eq!(code, 1, "the record has an unattributed figure:\n{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with("data/events/2021/2021-05-12-advance.toml:")),
        "{out}"
    );
    assert!(!out.is_empty());
}

#[test]
fn select_ignore_and_deny_warnings() {
    let (code, out, _) = lint(&["--format", "concise", "--select", "future-date"]);
    assert_eq!(code, 1);
    assert!(
        out.lines()
            .all(|l| l.contains("[schema-violation]") || l.contains("[parse-error]")),
        "only the selected rule, and the rules that always run:\n{out}"
    );
    // One record whose only error is unattributed-casualty: ignore it, and warnings remain.
    let record = "data/events/2021/2021-05-12-advance.toml";
    let ignore = [
        "--format",
        "concise",
        "--ignore",
        "unattributed-casualty",
        record,
    ];
    let (code, out, _) = lint(&ignore);
    assert!(
        out.contains("warning[place-alias]") && !out.contains("error["),
        "{out}"
    );
    assert_eq!(code, 0, "warnings alone do not fail a run:\n{out}");
    let (code, _, _) = lint(&[&ignore[..], &["--deny-warnings"]].concat());
    assert_eq!(code, 1);
    // Records that do not load cannot be hidden.
    let (code, _, err) = lint(&["--ignore", "schema-violation"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`schema-violation` cannot be switched off"),
        "{err}"
    );
}

#[test]
fn the_linter_cannot_run_exits_2_with_a_clear_message() {
    let cases: &[(&[&str], &str)] = &[
        (&["no/such/path"], "no/such/path: no such file or directory"),
        (&["--select", "future-dat"], "did you mean `future-date`?"),
        (&["--ignore", "nonsense"], "unknown rule `nonsense`"),
        (&["--config", "missing.toml"], "does not exist"),
        (&["--format", "xml"], "invalid value 'xml'"),
    ];
    for (args, expected) in cases {
        let (code, _, err) = lint(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in:\n{err}"
        );
    }
}

#[test]
fn an_impossible_today_is_refused() {
    let out = faultline_in(&fixture(), &["lint", "--today", "2021-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("2021-02-30 is not a day of the calendar")
    );
}

#[test]
fn a_bad_configuration_file_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("faultline.toml"),
        "[rules]\nfuture-dat = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let out = faultline_in(dir.path(), &["lint"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unknown rule `future-dat`") && err.contains("did you mean `future-date`?"),
        "{err}"
    );
    assert!(
        err.contains("faultline.toml:2:1") || err.contains("2 │ future-dat"),
        "{err}"
    );
}

#[test]
fn rules_and_explain() {
    let out = faultline_in(&fixture(), &["rules"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("unattributed-casualty") && text.contains("future-date"));
    let out = faultline_in(&fixture(), &["explain", "future-date"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("## Why it matters") && text.contains("```toml"));
    let out = faultline_in(&fixture(), &["explain", "future-dat"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("did you mean `future-date`?")
    );
}

#[test]
fn diff_shows_and_fix_applies_the_safe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    fn copy_dir(from: &Path, to: &Path) {
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            let dest = to.join(p.file_name().unwrap());
            if p.is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
                copy_dir(&p, &dest);
            } else {
                std::fs::copy(&p, &dest).unwrap();
            }
        }
    }
    copy_dir(&fixture(), dir.path());
    let record = dir.path().join("data/events/2021/2021-05-12-advance.toml");
    let before = std::fs::read_to_string(&record).unwrap();

    let out = faultline_in(dir.path(), &["lint", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("-place = \"Garagol\"\n+place = \"sev-lake\""),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        before,
        "--diff writes nothing"
    );

    let out = faultline_in(
        dir.path(),
        &[
            "lint",
            "--fix",
            "--format",
            "concise",
            "--today",
            "2026-11-21",
        ],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 fix applied"), "{err}");
    let after = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        after,
        before.replace("place = \"Garagol\"", "place = \"sev-lake\""),
        "only the value changes"
    );
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("place-alias"),
        "linted again after fixing"
    );

    let out = faultline_in(dir.path(), &["lint", "--diff"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn paths_resolve_against_the_dataset_they_are_in() {
    // A record linted from elsewhere is checked against its own dataset, not ./data.
    let elsewhere = tempfile::tempdir().unwrap();
    let record = fixture().join("data/events/2021/2021-05-12-advance.toml");
    let out = faultline_in(
        elsewhere.path(),
        &[
            "lint",
            "--format",
            "concise",
            "--today",
            "2026-11-21",
            record.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("dangling-reference"), "{text}");
    assert!(text.contains("[place-alias]"), "{text}");
    // A folder inside a dataset is linted as part of it.
    let (_, out, _) = lint(&["--format", "concise", "data/events"]);
    assert!(
        !out.contains("id-mismatch") && out.contains("[schema-violation]"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.starts_with("data/events/")), "{out}");
    // An empty folder is a wrong path, not a clean dataset.
    let empty = tempfile::tempdir().unwrap();
    let out = faultline_in(empty.path(), &["lint", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no record files found")
    );
}
