//! The contributor commands as a contributor runs them, in temporary directories:
//! `faultline new` → edit → `lint` → `fmt --check`, `fmt` on messy and broken files and on a
//! copy of the bundled dataset, shell completions and the help of every subcommand.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `faultline ARGS` in `dir`, without colour.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAULTLINE_ARCHIVE")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        flat(&String::from_utf8(out.stderr).unwrap()),
    )
}

/// Standard error with miette's line wrapping undone: white space runs and the `│` gutter
/// become one space.
fn flat(err: &str) -> String {
    err.split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A temporary folder with an empty `data/` directory in it, and the schemas beside it in
/// `schema/` (as in the repository).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let (code, _, err) = run_in(dir.path(), &["schema", "--out", "schema"]);
    assert_eq!(code, 0, "{err}");
    dir
}

/// The file a `#:schema` line of `file` names, resolved from the file's folder.
fn schema_target(file: &Path) -> PathBuf {
    let text = read(file);
    let line = text.lines().next().unwrap();
    let rel = line.strip_prefix("#:schema ").unwrap();
    file.parent().unwrap().join(rel)
}

#[test]
fn new_and_import_write_a_schema_line_that_resolves_or_none() {
    // With the schemas beside the dataset: a line that leads to them.
    let dir = workspace();
    for name in [
        "event.schema.json",
        "source.schema.json",
        "places.schema.json",
        "actors.schema.json",
    ] {
        assert!(dir.path().join("schema").join(name).is_file(), "{name}");
    }
    let (code, out, err) = run_in(
        dir.path(),
        &["new", "source", "--id", "example-2024", "--data", "data"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("faultline schema --out"), "{err}");
    let target = schema_target(&dir.path().join(out.trim()));
    assert!(target.is_file(), "{}", target.display());

    // Elsewhere, no schemas: no line, and how to get them.
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join("other")).unwrap();
    let (code, out, err) = run_in(
        bare.path(),
        &[
            "new",
            "event",
            "--date",
            "2024-04-10",
            "--title",
            "Shots",
            "--kind",
            "statement",
            "--data",
            "other",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!read(bare.path().join(out.trim())).contains("#:schema"));
    assert!(flat(&err).contains("faultline schema --out"), "{err}");

    // `import` into a folder beside the schemas points its files at them, registry files
    // included; into a folder elsewhere, it writes none and says so.
    let csv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../faultline-import/tests/fixtures/acled_current.csv");
    {
        let (code, _, err) = run_in(
            dir.path(),
            &[
                "import",
                "acled",
                csv.to_str().unwrap(),
                "--out",
                "imported",
            ],
        );
        assert_eq!(code, 0, "{err}");
        for file in ["places.toml", "actors.toml"] {
            let path = dir.path().join("imported").join(file);
            assert!(schema_target(&path).is_file(), "{file}");
        }
        let (code, _, err) = run_in(
            bare.path(),
            &[
                "import",
                "acled",
                csv.to_str().unwrap(),
                "--out",
                "imported",
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert!(flat(&err).contains("faultline schema --out"), "{err}");
    }
}

/// The rules of every finding of `faultline lint --format json` in `dir`.
fn lint_rules(dir: &Path) -> (i32, Vec<String>) {
    let (code, out, err) = run_in(dir, &["lint", "--today", "2026-11-21", "--format", "json"]);
    assert!(code == 0 || code == 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut rules: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect();
    rules.sort();
    (code, rules)
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn new_event_writes_a_record_that_loads_lints_and_is_formatted() {
    let dir = workspace();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "new",
            "event",
            "--date",
            "2024-04-10",
            "--title",
            "Shots fired near Sotk (Zod)",
            "--kind",
            "ceasefire-violation",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let rel = "data/events/2024/2024-04-10-shots-fired-near-sotk-zod.toml";
    assert_eq!(out.trim(), rel, "prints the path written");
    let text = read(dir.path().join(rel));
    assert!(text.starts_with(
        "#:schema ../../../schema/event.schema.json\nid = \"2024-04-10-shots-fired-near-sotk-zod\""
    ));
    assert!(text.contains("sources = []  # the ids of the sources that report it"));
    insta::assert_snapshot!("new_event_template", text);

    // It loads; the findings are the fields it asks to fill in.
    let (code, rules) = lint_rules(dir.path());
    assert_eq!(rules, ["empty-field", "empty-field", "missing-source"]);
    assert_eq!(code, 1);
    // It is already in canonical form.
    let (code, _, err) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn new_source_writes_a_record_that_loads_and_is_formatted() {
    let dir = workspace();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "new",
            "source",
            "--id",
            "news-2024-04-11-sotk",
            "--publisher",
            "Example \"News\"",
            "--url",
            "https://example.org/a",
            "--published",
            "2024-04-11",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "data/sources/news-2024-04-11-sotk.toml");
    let text = read(dir.path().join("data/sources/news-2024-04-11-sotk.toml"));
    insta::assert_snapshot!("new_source_template", text);
    let (_, rules) = lint_rules(dir.path());
    // No event cites it yet, and its title is still to be filled in.
    assert_eq!(rules, ["empty-field", "incomplete-source", "unused-record"]);
    let (code, _, err) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn new_refuses_to_overwrite_and_to_write_outside_the_folder() {
    let dir = workspace();
    let args = [
        "new",
        "event",
        "--date",
        "2021-11-16",
        "--title",
        "Border fighting",
    ];
    assert_eq!(run_in(dir.path(), &args).0, 0);
    let path = dir
        .path()
        .join("data/events/2021/2021-11-16-border-fighting.toml");
    std::fs::write(&path, "# edited by hand\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists; it was not overwritten"),
        "{err}"
    );
    assert_eq!(read(&path), "# edited by hand\n");

    // A title with nothing to make a slug from.
    let (code, _, err) = run_in(
        dir.path(),
        &["new", "event", "--date", "2021-11-16", "--title", "Սև լիճ"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("no ASCII letter or digit"), "{err}");
    // Ids that would escape the folder or name a device.
    for id in ["../../etc/x", "/tmp/x", "a/b", "con", "Sources"] {
        let (code, _, err) = run_in(dir.path(), &["new", "source", "--id", id]);
        assert_eq!(code, 2, "{id}: {err}");
    }
    let (code, _, err) = run_in(
        dir.path(),
        &["new", "source", "--id", "x", "--url", "file:///etc/passwd"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("http or https"), "{err}");
    // Nothing else was written.
    assert!(!dir.path().join("data/sources").exists());
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "new",
            "event",
            "--data",
            "nowhere",
            "--date",
            "2021-11-16",
            "--title",
            "X",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("no dataset directory"), "{err}");
}

#[test]
fn new_edit_lint_fmt_is_a_smooth_loop() {
    let dir = workspace();
    let data = dir.path().join("data");
    std::fs::write(
        data.join("places.toml"),
        "[[place]]\nid = \"sotk\"\nname = \"Sotk\"\nnames = [\"Zod\"]\nkind = \"village\"\ncountry = \"ARM\"\n\
         lat = 40.2\nlon = 45.9\nprecision = \"near\"\ncoordinate_source = \"a test\"\n",
    )
    .unwrap();
    std::fs::write(
        data.join("actors.toml"),
        "[[actor]]\nid = \"armenia-mod\"\nname = \"Ministry of Defence of Armenia\"\nkind = \"ministry\"\ncountry = \"ARM\"\n",
    )
    .unwrap();
    let (_, source, _) = run_in(
        dir.path(),
        &[
            "new",
            "source",
            "--id",
            "news-2024-04-11-sotk",
            "--publisher",
            "Example News",
            "--published",
            "2024-04-11",
        ],
    );
    let (_, event, _) = run_in(
        dir.path(),
        &[
            "new",
            "event",
            "--date",
            "2024-04-10",
            "--title",
            "Shots fired near Sotk",
            "--kind",
            "ceasefire-violation",
        ],
    );
    // Fill them in as a contributor would, in an editor: a few keys out of order.
    let source = dir.path().join(source.trim());
    let text = read(&source).replace("title = \"\"", "title = 'Shots near Sotk'");
    std::fs::write(&source, text).unwrap();
    let event = dir.path().join(event.trim());
    let text = read(&event)
        .replace(
            "summary = \"\"",
            "summary = \"Armenia reports shots fired near Sotk.\"",
        )
        .replace("sources = []", "sources = [\"news-2024-04-11-sotk\"]")
        .replace("as_reported = \"\"", "as_reported = \"on Wednesday\"")
        + "\n[[claims]]\nquote = \"shots were fired\"\nsource = \"news-2024-04-11-sotk\"\nkind = \"reports\"\nclaimant = \"armenia-mod\"\n\
           \n[[places]]\nplace = \"sotk\"\n";
    std::fs::write(&event, text).unwrap();

    // Clean; with no archive root, one note says the quote went unchecked.
    let (code, rules) = lint_rules(dir.path());
    assert_eq!((code, rules), (0, vec!["unarchived-source".to_owned()]));
    let (code, out, _) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (code, _, err) = run_in(dir.path(), &["fmt"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 files reformatted"), "{err}");
    let formatted = read(&event);
    assert!(formatted.find("\n[[places]]\n").unwrap() < formatted.find("\n[[claims]]\n").unwrap());
    assert!(read(&source).contains("title = \"Shots near Sotk\"  # its title, as published"));
    assert_eq!(run_in(dir.path(), &["fmt", "--check"]).0, 0);
    assert_eq!(
        lint_rules(dir.path()),
        (0, vec!["unarchived-source".to_owned()])
    );
}

const MESSY: &str = "\
#:schema ../../../schema/event.schema.json
title = 'Clash'
id = \"2021-11-16-clash\"
kind = \"armed-clash\"
summary = \"...\"
sources = [\"s\"]
date = { start = \"2021-11-16\", precision = \"day\" }

# faultline: allow(unattributed-casualty) the article names no claimant: \"reports of six casualties\"
[[casualties]]
category = \"killed\"
party = \"armenia\"
count = 6
";

#[test]
fn fmt_check_lists_fmt_rewrites_and_keeps_comments() {
    let dir = workspace();
    let path = dir.path().join("data/events/2021/2021-11-16-clash.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, MESSY).unwrap();

    let (code, out, err) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "would reformat data/events/2021/2021-11-16-clash.toml\n"
    );
    assert!(
        err.contains("1 file would be reformatted, 0 already formatted"),
        "{err}"
    );
    assert_eq!(read(&path), MESSY, "--check writes nothing");

    let (code, out, _) = run_in(
        dir.path(),
        &["fmt", "data/events/2021/2021-11-16-clash.toml"],
    );
    assert_eq!(code, 0);
    assert_eq!(out, "formatted data/events/2021/2021-11-16-clash.toml\n");
    let text = read(&path);
    assert!(text.contains("\n[date]\nstart = 2021-11-16\n"), "{text}");
    assert!(text.contains("# faultline: allow(unattributed-casualty) the article names no claimant: \"reports of six casualties\"\n[[casualties]]\n"), "{text}");
    let (code, _, err) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("0 files would be reformatted, 1 already formatted"),
        "{err}"
    );
}

#[test]
fn fmt_of_a_folder_inside_a_dataset_formats_its_records_by_their_place_in_the_dataset() {
    // `data/events` is part of the dataset `data`: its files are events, not stray files.
    let dir = workspace();
    let path = dir.path().join("data/events/2021/2021-11-16-clash.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, MESSY).unwrap();
    std::fs::create_dir_all(dir.path().join("data/sources")).unwrap();
    let source = dir.path().join("data/sources/s.toml");
    std::fs::write(&source, "title = \"T\"\nid = \"s\"\n").unwrap();
    for folder in ["data/events", "./data/events/", "data/events/2021"] {
        let (code, out, err) = run_in(dir.path(), &["fmt", "--check", folder]);
        assert_eq!(code, 1, "{folder}: {err}");
        assert_eq!(
            out, "would reformat data/events/2021/2021-11-16-clash.toml\n",
            "{folder}: only the events"
        );
    }
    // From inside the dataset, with no path: the dataset the working directory is in (files
    // below the working directory shown relative to it).
    let (code, out, err) = run_in(&dir.path().join("data/events"), &["fmt", "--check"]);
    assert_eq!(code, 1, "{err}");
    let data = std::fs::canonicalize(dir.path().join("data")).unwrap();
    assert_eq!(
        out,
        format!(
            "would reformat 2021/2021-11-16-clash.toml\nwould reformat {}\n",
            data.join("sources/s.toml").display()
        )
    );
    let (code, out, err) = run_in(dir.path(), &["fmt", "data/events"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "formatted data/events/2021/2021-11-16-clash.toml\n");
    assert_eq!(
        read(&source),
        "title = \"T\"\nid = \"s\"\n",
        "sources left alone"
    );
}

#[test]
fn fmt_never_touches_a_file_it_cannot_parse() {
    let dir = workspace();
    let events = dir.path().join("data/events/2021");
    std::fs::create_dir_all(&events).unwrap();
    let broken = "id = \"2021-11-16-a\"\ntitle = 'unterminated\n";
    std::fs::write(events.join("2021-11-16-a.toml"), broken).unwrap();
    std::fs::write(
        events.join("2021-11-16-b.toml"),
        "title = \"B\"\nid = \"2021-11-16-b\"\n",
    )
    .unwrap();
    std::fs::write(events.join("2021-11-16-c.toml"), b"id = \"\xff\"\n").unwrap();
    let (code, out, err) = run_in(dir.path(), &["fmt"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: data/events/2021/2021-11-16-a.toml:2:22: invalid literal string"),
        "{err}"
    );
    assert!(
        err.contains("error: data/events/2021/2021-11-16-c.toml: cannot read: not UTF-8"),
        "{err}"
    );
    assert!(err.contains("2 files could not be formatted"), "{err}");
    assert_eq!(read(events.join("2021-11-16-a.toml")), broken);
    // The other files are formatted all the same.
    assert_eq!(out, "formatted data/events/2021/2021-11-16-b.toml\n");
}

#[test]
fn fmt_refuses_paths_that_are_not_record_files() {
    let dir = workspace();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    std::fs::write(dir.path().join("events.jsonl"), "{}\n").unwrap();
    for path in ["missing.toml", "notes.txt", "events.jsonl"] {
        let (code, _, err) = run_in(dir.path(), &["fmt", path]);
        assert_eq!(code, 2, "{path}: {err}");
    }
    // The dataset configuration is not a record and is left alone.
    std::fs::write(
        dir.path().join("data/faultline.toml"),
        "[rules]\n'future-date' = 'off'\n",
    )
    .unwrap();
    let (code, _, _) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 0);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// The comment lines of a file, sorted (a crude reading, independent of the formatter's).
fn comments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim().to_owned())
        .collect();
    out.sort();
    out
}

/// The findings of `faultline lint` in `dir`, without positions: (file, rule, message).
fn findings(dir: &Path) -> Vec<(String, String, String)> {
    let (_, out, err) = run_in(dir, &["lint", "--today", "2026-11-21", "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let mut all: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("file"), s("rule"), s("message"))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn fmt_on_the_bundled_dataset_keeps_its_findings_and_every_comment() {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let before = tempfile::tempdir().unwrap();
    copy_dir(&bundled, &before.path().join("data"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&bundled, &dir.path().join("data"));
    let (code, _, err) = run_in(dir.path(), &["fmt"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code, 0, "formatting twice changes nothing: {err}");
    // The same findings (suppressions still apply), only at other lines.
    assert_eq!(findings(dir.path()), findings(before.path()));
    let mut files = Vec::new();
    toml_files(&bundled, &mut files);
    for original in files {
        let rel = original.strip_prefix(&bundled).unwrap();
        let after = read(dir.path().join("data").join(rel));
        assert_eq!(
            comments(&read(&original)),
            comments(&after),
            "{}",
            rel.display()
        );
    }
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run_in(dir.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("faultline") && out.contains("fmt") && out.contains("check"),
            "{shell}"
        );
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"]).0, 2);
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run_in(dir.path(), &["--help"]);
    assert_eq!(code, 0);
    for sub in ["lint", "new", "fmt", "completions"] {
        assert!(out.contains(sub), "{sub} in --help");
    }
    for args in [
        &["fmt", "--help"][..],
        &["new", "event", "--help"],
        &["new", "source", "--help"],
        &["completions", "--help"],
    ] {
        let (code, out, _) = run_in(dir.path(), args);
        assert_eq!(code, 0, "{args:?}");
        assert!(out.contains("Examples:"), "{args:?}:\n{out}");
    }
}
