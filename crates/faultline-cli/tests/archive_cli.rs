//! Archived sources from the command line: `faultline archive add` records a copy in its
//! source record (atomically, keeping comments; never a file outside the archive root), and
//! `faultline lint` finds the archive root from --archive, FAULTLINE_ARCHIVE or faultline.toml.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

/// Runs `faultline ARGS` in `dir`; `env` adds environment variables.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faultline"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env_remove("FAULTLINE_ARCHIVE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const REPORT: &str = "Example report (a text written for the tests)\n\n\
The Ministry of Defence of the Example Republic said that “two soldiers were wounded” near \
the lake.\u{00a0}It blamed the other side.\n";

const SOURCE: &str = r#"#:schema ../../schema/source.schema.json
id = "example-report"
kind = "news"
publisher = "Example News"  # as the page header gives it
title = "Example report"
url = "https://example.org/report"
published = 2021-11-17
language = "en"

# Sources the report names.
[[cites]]
name = "Ministry of Defence of the Example Republic"
"#;

const EVENT: &str = r#"id = "2021-11-16-example"
title = "Example"
kind = "armed-clash"
summary = "An example."
sources = ["example-report"]

[date]
start = 2021-11-16
precision = "day"

[[places]]
place = "example-place"

[[actors]]
actor = "example-ministry"
role = "claimant"

[[casualties]]
party = "example-ministry"
category = "wounded"
count = 2
claimant = "example-ministry"
source = "example-report"
quote = "\"two soldiers were wounded\" near the lake"
status = "military"
"#;

/// A dataset in `data/`, its archive in `archive/`, something outside it in `elsewhere/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for d in ["data/sources", "data/events/2021", "archive", "elsewhere"] {
        std::fs::create_dir_all(p.join(d)).unwrap();
    }
    std::fs::write(p.join("data/sources/example-report.toml"), SOURCE).unwrap();
    std::fs::write(p.join("data/events/2021/2021-11-16-example.toml"), EVENT).unwrap();
    std::fs::write(
        p.join("data/places.toml"),
        "[[place]]\nid = \"example-place\"\nname = \"Example Lake\"\nkind = \"lake\"\ncountry = \"ARM\"\n\
         lat = 40.2\nlon = 45.9\nprecision = \"near\"\ncoordinate_source = \"a test\"\n",
    )
    .unwrap();
    std::fs::write(
        p.join("data/actors.toml"),
        "[[actor]]\nid = \"example-ministry\"\nname = \"Ministry of Defence of the Example Republic\"\n\
         kind = \"ministry\"\ncountry = \"ARM\"\n",
    )
    .unwrap();
    std::fs::write(p.join("archive/report.txt"), REPORT).unwrap();
    std::fs::write(p.join("elsewhere/report.txt"), REPORT).unwrap();
    dir
}

fn add(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "archive",
        "add",
        "--archive",
        "archive",
        "example-report",
        "archive/report.txt",
        "--retrieved",
        "2021-11-18",
    ];
    args.extend_from_slice(extra);
    run(dir, &args, &[])
}

fn lint(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut args = vec!["lint", "--today", "2026-11-21", "--format", "concise"];
    args.extend_from_slice(extra);
    run(dir, &args, env)
}

#[test]
fn archive_add_records_the_copy_and_keeps_every_comment() {
    let dir = workspace();
    let p = dir.path();
    let (code, _, err) = add(p, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded `report.txt`"), "{err}");
    let source = std::fs::read_to_string(p.join("data/sources/example-report.toml")).unwrap();
    insta::assert_snapshot!(source);

    // Once more: nothing to change.
    let (code, _, err) = add(p, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nothing changed"), "{err}");

    // The copy changes: lint reports it; replacing the record needs --force.
    std::fs::write(p.join("archive/report.txt"), REPORT.replace("two", "three")).unwrap();
    let (code, out, _) = lint(p, &["--archive", "archive"], &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[archive-mismatch] the archived copy `archive/report.txt` has SHA-256"),
        "{out}"
    );
    let (code, _, err) = add(p, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("already records another archived copy"),
        "{err}"
    );
    let (code, _, err) = add(p, &["--force"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = lint(p, &["--archive", "archive"], &[]);
    assert!(out.contains("error[quote-not-in-source]"), "{out}");
}

#[test]
fn archive_add_refuses_what_it_cannot_record() {
    let dir = workspace();
    let p = dir.path();
    let before = std::fs::read_to_string(p.join("data/sources/example-report.toml")).unwrap();
    let refused = |args: &[&str], expected: &str| {
        let (code, _, err) = run(p, args, &[]);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    };
    refused(
        &[
            "archive",
            "add",
            "--archive",
            "archive",
            "example-report",
            "elsewhere/report.txt",
        ],
        "leads outside the archive root `archive`",
    );
    std::fs::write(p.join("archive/latin1.txt"), b"caf\xe9\n").unwrap();
    refused(
        &[
            "archive",
            "add",
            "--archive",
            "archive",
            "example-report",
            "archive/latin1.txt",
        ],
        "is not valid UTF-8",
    );
    refused(
        &[
            "archive",
            "add",
            "--archive",
            "archive",
            "example-reprt",
            "archive/report.txt",
        ],
        "did you mean `example-report`?",
    );
    refused(
        &["archive", "add", "example-report", "archive/report.txt"],
        "no archive root given",
    );
    let after = std::fs::read_to_string(p.join("data/sources/example-report.toml")).unwrap();
    assert_eq!(before, after, "nothing was written");
}

#[test]
fn the_archive_root_comes_from_the_flag_the_environment_or_the_configuration() {
    let dir = workspace();
    let p = dir.path();
    assert_eq!(add(p, &[]).0, 0);

    let (code, out, err) = lint(p, &["--archive", "archive"], &[]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let (code, out, _) = lint(p, &[], &[("FAULTLINE_ARCHIVE", "archive")]);
    assert_eq!((code, out.as_str()), (0, ""));
    // Relative to the configuration file, wherever lint runs from.
    std::fs::create_dir_all(p.join("config")).unwrap();
    std::fs::write(
        p.join("config/faultline.toml"),
        "archive = \"../archive\"\n",
    )
    .unwrap();
    let (code, out, _) = lint(
        &p.join("data"),
        &[".", "--config", "../config/faultline.toml"],
        &[],
    );
    assert_eq!((code, out.as_str()), (0, ""));
    // Without one: a single note.
    let (code, out, _) = lint(p, &[], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "data:1:1: info[unarchived-source] 1 quote (1 source) not checked against the archived sources: no archive root given\n"
    );

    let (code, _, err) = lint(p, &["--archive", "nowhere"], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the archive root `nowhere` does not exist (given by --archive)"),
        "{err}"
    );
    let (code, _, err) = lint(p, &[], &[("FAULTLINE_ARCHIVE", "data/places.toml")]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a folder (given by"), "{err}");
    assert!(err.contains("FAULTLINE_ARCHIVE)"), "{err}");
    std::fs::write(p.join("faultline.toml"), "archive = \"missing\"\n").unwrap();
    let (code, _, err) = lint(p, &[], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("faultline.toml: `archive`: the archive root"),
        "{err}"
    );
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn a_changed_word_shows_the_closest_passage() {
    let dir = workspace();
    let p = dir.path();
    assert_eq!(add(p, &[]).0, 0);
    let event = p.join("data/events/2021/2021-11-16-example.toml");
    let text = std::fs::read_to_string(&event).unwrap();
    std::fs::write(&event, text.replace("were wounded", "were killed")).unwrap();
    let (code, out, _) = run(
        p,
        &["lint", "--today", "2026-11-21", "--archive", "archive"],
        &[],
    );
    assert_eq!(code, 1);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"in \d+\.\d+s", "in [TIME]");
    settings.bind(|| insta::assert_snapshot!(out));
}
