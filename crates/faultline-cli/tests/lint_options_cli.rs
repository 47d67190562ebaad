//! The ruff-style options of `faultline lint` and the CI formats, as a user runs them:
//! `--output-format`, `--statistics`, `--exit-zero`, `--stdin-filename`, `[per-file-ignores]`,
//! `--add-allow`, `--color always`, GitLab Code Quality (checked against the fields GitLab
//! documents), JUnit XML (parsed with quick-xml) and the GitHub step summary and annotation
//! limits.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// A copy of the broken fixture in a temporary folder.
fn copy_of_fixture() -> tempfile::TempDir {
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
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

/// Runs `faultline lint --today 2026-11-21 ARGS` in `dir`, with `stdin` on standard input
/// and `env` set (NO_COLOR=1 and no GITHUB_STEP_SUMMARY unless `env` says otherwise).
fn run(dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faultline"));
    cmd.arg("lint")
        .args(["--today", "2026-11-21"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAULTLINE_ARCHIVE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    // A run that stops before reading standard input (a refused path) closes it first: the
    // write then fails with a broken pipe, which is not the test's failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out: Output = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn lint(args: &[&str]) -> (i32, String, String) {
    run(&fixture(), args, "", &[])
}

const ADVANCE: &str = "data/events/2021/2021-05-12-advance.toml";

#[test]
fn output_format_is_format() {
    let a = lint(&["--format", "concise"]);
    let b = lint(&["--output-format", "concise"]);
    assert_eq!(a, b);
    assert_eq!(a.0, 1);
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = many_findings();
    let (code, out, _) = run(dir.path(), &["--statistics"], "", &[]);
    assert_eq!(code, 1, "the exit code is the run's");
    insta::assert_snapshot!("statistics", out);
    let (_, json, _) = lint(&["--statistics", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    let (_, concise, _) = lint(&["--format", "concise"]);
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, concise.lines().count());
    let counts: Vec<u64> = rows.iter().map(|r| r["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most first");
    let alias = rows.iter().find(|r| r["rule"] == "place-alias").unwrap();
    assert_eq!(alias["fixable"], 1);
}

#[test]
fn exit_zero_exits_0_with_errors_and_2_when_the_linter_cannot_run() {
    let (code, out, _) = lint(&["--exit-zero", "--format", "concise"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("error["),
        "the findings are still shown:\n{out}"
    );
    let (code, _, _) = lint(&["--exit-zero", "no/such/path"]);
    assert_eq!(code, 2);
}

#[test]
fn color_always_wins_over_no_color() {
    let (_, out, _) = lint(&["--color", "always"]);
    assert!(
        out.contains('\u{1b}'),
        "an explicit flag wins over NO_COLOR"
    );
    let (_, out, _) = lint(&["--color", "auto"]);
    assert!(!out.contains('\u{1b}'));
    let (_, out, _) = run(&fixture(), &["--color", "never"], "", &[("NO_COLOR", "")]);
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn stdin_is_linted_as_the_file_it_stands_for() {
    let dir = copy_of_fixture();
    let on_disk = std::fs::read_to_string(dir.path().join(ADVANCE)).unwrap();
    // The unsaved text: a claimant added, the place still a name variant.
    let edited = on_disk.replace(
        "[[casualties]]\nparty",
        "[[casualties]]\nclaimant = \"armenia\"\nparty",
    );
    assert_ne!(edited, on_disk);
    let (code, out, err) = run(
        dir.path(),
        &["--format", "concise", "--stdin-filename", ADVANCE, "-"],
        &edited,
        &[],
    );
    assert_eq!(code, 0, "{out}{err}");
    insta::assert_snapshot!("stdin_concise", out);
    assert!(out.contains("[place-alias]") && !out.contains("unattributed"));
    // The pretty snippet shows standard input's text, not the file's.
    let (_, pretty, _) = run(
        dir.path(),
        &["--stdin-filename", ADVANCE],
        &edited.replace("place = \"Garagol\"", "place = \"Garagol\" # unsaved"),
        &[],
    );
    assert!(pretty.contains("# unsaved"), "{pretty}");

    // A new file, not yet on disk: references resolve against the dataset, and a suppression
    // in the text is honoured.
    let new = "data/events/2021/2021-05-20-new.toml";
    let text = on_disk
        .replace("2021-05-12-advance", "2021-05-20-new")
        .replace("2021-05-12", "2021-05-20")
        .replace(
            "sources = [\"news-2021-05-14-advance\"]",
            "sources = [\"no-such-source\", \"news-2021-05-14-advance\"]",
        )
        .replace(
            "[[casualties]]",
            "# faultline: allow(unattributed-casualty) the article names no one\n[[casualties]]",
        );
    let (code, out, _) = run(
        dir.path(),
        &["--format", "concise", "--stdin-filename", new, "-"],
        &text,
        &[],
    );
    assert_eq!(code, 1);
    assert!(out.contains("no-such-source"), "{out}");
    assert!(!out.contains("unattributed-casualty"), "{out}");
    assert!(out.lines().all(|l| l.starts_with(new)), "{out}");
    assert!(!dir.path().join(new).exists(), "nothing is written");

    // A registry file: the source from standard input replaces the one on disk.
    let source = "data/sources/news-2021-05-14-advance.toml";
    let (code, out, _) = run(
        dir.path(),
        &["--format", "concise", "--stdin-filename", source, "-"],
        "id = 3\n",
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        out.lines().all(|l| l.starts_with(source)) && out.contains("schema-violation"),
        "{out}"
    );
}

#[test]
fn stdin_never_reads_outside_the_dataset() {
    let dir = copy_of_fixture();
    let cases: &[(&[&str], &str)] = &[
        (&["-"], "`-` (standard input) needs --stdin-filename PATH"),
        (
            &["--stdin-filename", ADVANCE, "data"],
            "other paths cannot be given",
        ),
        (
            &["--stdin-filename", "elsewhere/2021-05-12-x.toml", "-"],
            "not inside a dataset",
        ),
        (
            &["--stdin-filename", "data/../../x/events/2021/a.toml", "-"],
            "not inside",
        ),
        (
            &["--stdin-filename", "data/notes/readme.toml", "-"],
            "not where a record file stands",
        ),
        (
            &["--stdin-filename", ADVANCE, "--fix"],
            "cannot be used with",
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = run(dir.path(), args, "id = 1\n", &[]);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {expected:?} in\n{err}");
    }
}

#[test]
fn per_file_ignores_drop_findings_by_glob() {
    let dir = copy_of_fixture();
    std::fs::write(
        dir.path().join("faultline.toml"),
        "[per-file-ignores]\n\"events/2021/*-advance.toml\" = [\"unattributed-casualty\", \"place-alias\"]\n\"sources/*.toml\" = [\"future-date\"]\n",
    )
    .unwrap();
    let (code, out, err) = run(dir.path(), &["--format", "concise"], "", &[]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!("per_file_ignores", out);
    assert!(!out.contains("unattributed-casualty") && !out.contains("place-alias"));
    assert!(
        out.contains("ambiguous-casualty-category"),
        "other rules still run"
    );
    // The same for a file named on its own, and for --fix (nothing left to fix).
    let (_, out, _) = run(dir.path(), &["--format", "concise", ADVANCE], "", &[]);
    assert!(!out.contains("place-alias"), "{out}");
    let (code, diff, _) = run(dir.path(), &["--diff"], "", &[]);
    assert_eq!((code, diff.as_str()), (0, ""));
    // `export` checks the dataset with the same ignores: with the record that does not load
    // removed, nothing it counts as an error is left.
    std::fs::remove_file(
        dir.path()
            .join("data/events/2021/2021-05-13-statement.toml"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["export", "json", "--out", "events.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A rule that always runs cannot be ignored.
    std::fs::write(
        dir.path().join("faultline.toml"),
        "[per-file-ignores]\n\"events/**\" = [\"schema-violation\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &[], "", &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`schema-violation` cannot be switched off"),
        "{err}"
    );
}

#[test]
fn add_allow_suppresses_every_finding_it_can() {
    let dir = copy_of_fixture();
    std::fs::write(
        dir.path().join("data/events/2021/2021-05-30-more.jsonl"),
        "{\"id\": \"2021-05-30-more\", \"title\": \"More\", \"kind\": \"statement\", \"summary\": \"...\", \"sources\": [\"nope\"], \"date\": {\"start\": \"2021-05-30\", \"precision\": \"day\"}}\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(dir.path().join(ADVANCE)).unwrap();
    let (code, out, err) = run(
        dir.path(),
        &["--add-allow", "existing records, to review"],
        "",
        &[],
    );
    assert_eq!(code, 1, "some findings cannot be suppressed:\n{err}");
    assert!(out.is_empty());
    insta::assert_snapshot!("add_allow_report", err);
    let after = std::fs::read_to_string(dir.path().join(ADVANCE)).unwrap();
    let diff = similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .to_string();
    insta::assert_snapshot!("add_allow_diff", diff);
    // Every line of the file is kept; only comments were added.
    let kept: Vec<&str> = after
        .lines()
        .filter(|l| !l.contains("# faultline: allow("))
        .collect();
    assert_eq!(kept, before.lines().collect::<Vec<_>>());
    // Linted again: only what could not be suppressed is left.
    let (_, concise, _) = run(dir.path(), &["--format", "concise"], "", &[]);
    insta::assert_snapshot!("add_allow_then_lint", concise);
    assert!(!concise.contains("unused-suppression"), "{concise}");
    // A reason is required.
    let (code, _, err) = run(dir.path(), &["--add-allow", "  "], "", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("needs a reason"), "{err}");
}

/// The fields and values GitLab's Code Quality documentation requires of each issue, as a
/// JSON Schema (GitLab publishes no schema of its own for the report).
fn gitlab_code_quality_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["description", "check_name", "fingerprint", "severity", "location"],
            "properties": {
                "description": { "type": "string", "minLength": 1 },
                "check_name": { "type": "string", "minLength": 1 },
                "fingerprint": { "type": "string", "pattern": "^[0-9a-f]{32}$" },
                "severity": { "enum": ["info", "minor", "major", "critical", "blocker"] },
                "location": {
                    "type": "object",
                    "required": ["path", "lines"],
                    "properties": {
                        "path": { "type": "string", "minLength": 1 },
                        "lines": {
                            "type": "object",
                            "required": ["begin"],
                            "properties": {
                                "begin": { "type": "integer", "minimum": 1 },
                                "end": { "type": "integer", "minimum": 1 }
                            }
                        }
                    }
                }
            }
        }
    })
}

#[test]
fn gitlab_code_quality() {
    let (code, out, _) = lint(&["--format", "gitlab"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = jsonschema::validator_for(&gitlab_code_quality_schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let issues = report.as_array().unwrap();
    let (_, concise, _) = lint(&["--format", "concise"]);
    assert_eq!(issues.len(), concise.lines().count());
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    insta::assert_snapshot!("gitlab", out);

    // A fingerprint does not move with the line: a line added above a finding keeps it.
    let dir = copy_of_fixture();
    let path = dir.path().join(ADVANCE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("[date]", "# a comment\n\n[date]")).unwrap();
    let (_, moved, _) = run(dir.path(), &["--format", "gitlab"], "", &[]);
    let moved: serde_json::Value = serde_json::from_str(&moved).unwrap();
    let by_rule = |v: &serde_json::Value, rule: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|i| i["check_name"] == rule)
            .map(|i| {
                (
                    i["fingerprint"].clone(),
                    i["location"]["lines"]["begin"].clone(),
                )
            })
            .unwrap()
    };
    let (a, b) = (
        by_rule(&report, "place-alias"),
        by_rule(&moved, "place-alias"),
    );
    assert_eq!(a.0, b.0);
    assert_ne!(a.1, b.1);
}

#[test]
fn junit_xml_parses_and_counts() {
    use quick_xml::events::Event;
    let (code, out, _) = lint(&["--format", "junit"]);
    assert_eq!(code, 1);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut suites, mut cases, mut failures, mut declared_failures) = (0, 0, 0, 0);
    let mut depth = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testsuite" => {
                suites += 1;
                let attr = e.try_get_attribute("failures").unwrap().unwrap();
                declared_failures += attr.unescape_value().unwrap().parse::<usize>().unwrap();
                depth.push("testsuite");
            }
            Event::Start(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
                depth.push("other");
            }
            Event::Empty(e) if e.name().as_ref() == b"testcase" => cases += 1,
            Event::End(_) => {
                depth.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(depth.is_empty(), "every element is closed");
    let (_, concise, _) = lint(&["--format", "concise"]);
    assert_eq!(cases, concise.lines().count());
    assert_eq!(
        failures,
        concise
            .lines()
            .filter(|l| l.contains(": error[") || l.contains(": warning["))
            .count()
    );
    assert_eq!(failures, declared_failures);
    assert_eq!(suites, 3, "one suite per file:\n{out}");
    insta::assert_snapshot!("junit", out);

    // A clean run is one passing test case.
    let (code, out, _) = lint(&["--format", "junit", "--select", "future-date", ADVANCE]);
    assert_eq!(code, 0);
    assert!(
        out.contains("<testcase name=\"lint\" classname=\"faultline\"/>"),
        "{out}"
    );
}

/// A dataset with 12 copies of the broken event: 12 errors and 24 warnings.
fn many_findings() -> tempfile::TempDir {
    let dir = copy_of_fixture();
    let text = std::fs::read_to_string(dir.path().join(ADVANCE)).unwrap();
    std::fs::remove_file(
        dir.path()
            .join("data/events/2021/2021-05-13-statement.toml"),
    )
    .unwrap();
    for day in 15..26 {
        let id = format!("2021-05-{day}-advance");
        std::fs::write(
            dir.path().join(format!("data/events/2021/{id}.toml")),
            text.replace("2021-05-12-advance", &id)
                .replace("2021-05-12", &format!("2021-05-{day}")),
        )
        .unwrap();
    }
    dir
}

#[test]
fn github_annotates_ten_per_severity_and_writes_the_step_summary() {
    let dir = many_findings();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let (code, out, err) = run(
        dir.path(),
        &["--format", "github"],
        "",
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(code, 1, "{err}");
    let count = |p: &str| out.lines().filter(|l| l.starts_with(p)).count();
    assert_eq!(count("::error "), 10);
    assert_eq!(count("::warning "), 10);
    let (_, concise, _) = run(dir.path(), &["--format", "concise"], "", &[]);
    let total = concise.lines().count();
    let annotated = count("::");
    let plain = out.lines().filter(|l| l.starts_with("data/")).count();
    assert_eq!(
        annotated + plain,
        total,
        "every finding is in the log:\n{out}"
    );
    assert!(
        out.ends_with(&format!(
            "faultline: {plain} findings were not annotated: GitHub shows at most 10 errors, 10 warnings and 10 notices per step; every finding is listed above\n"
        )),
        "{out}"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n"), "appended, never replaced");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| error |")
                || l.starts_with("| warning |")
                || l.starts_with("| info |"))
            .count(),
        total
    );
    insta::assert_snapshot!("github_step_summary", md);

    // Without the variable, no summary; with few findings, no note.
    let (_, out, _) = lint(&["--format", "github"]);
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
}
