//! Security (SECURITY.md): the dataset's CI runs `faultline` on pull requests from anyone and
//! its output is public. A pull request can commit symbolic links; none of them may make
//! faultline read, print or overwrite anything outside the dataset. The fixtures are made at
//! test time in a temporary folder (links cannot be committed portably):
//!
//! ```text
//! <tmp>/repo/                      the working directory of every command
//!          data/                   a copy of tests/fixtures/broken/data, plus links
//! <tmp>/elsewhere-secrets/         what no command may read, print or write
//!          secret.toml             SECRET_TOKEN = "ghp_marker…"
//!          events/2021/x.toml      the same, where a folder link would lead
//!          victim.txt              a file a write through a link would replace
//! ```
//!
//! Every output is checked for the marker and for the path of the folder outside.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The secret every test looks for in every output.
const MARKER: &str = "ghp_marker7f3c9a1e5b2d8f4a6c0e";
/// The name of the folder outside the repository.
const OUTSIDE: &str = "elsewhere-secrets";
/// What the victim file holds; a write through a link would change it.
const PRECIOUS: &str = "precious, must not change\n";

struct Fixture {
    tmp: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let f = Self {
            tmp: tempfile::tempdir().unwrap(),
        };
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/data"),
            &f.data(),
        );
        let outside = f.outside();
        std::fs::create_dir_all(outside.join("events/2021")).unwrap();
        let secret = format!("SECRET_TOKEN = \"{MARKER}\"\n");
        std::fs::write(outside.join("secret.toml"), &secret).unwrap();
        std::fs::write(outside.join("events/2021/2021-01-01-x.toml"), &secret).unwrap();
        std::fs::write(outside.join("places.toml"), &secret).unwrap();
        std::fs::write(
            outside.join("secret.jsonl"),
            format!("{{\"SECRET_TOKEN\": \"{MARKER}\"}}\n"),
        )
        .unwrap();
        std::fs::write(
            outside.join("faultline.toml"),
            format!("[rules]\n\"{MARKER}\" = \"off\"\n"),
        )
        .unwrap();
        std::fs::write(outside.join("victim.txt"), PRECIOUS).unwrap();
        f
    }
    fn repo(&self) -> PathBuf {
        self.tmp.path().join("repo")
    }
    fn data(&self) -> PathBuf {
        self.repo().join("data")
    }
    fn outside(&self) -> PathBuf {
        self.tmp.path().join(OUTSIDE)
    }
    /// Makes `repo/<rel>` a symbolic link to `target`.
    fn link(&self, target: impl AsRef<Path>, rel: &str) -> &Self {
        let at = self.repo().join(rel);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        symlink(target, at).unwrap();
        self
    }
    /// Every link case of the issue, in the dataset.
    fn with_links_out(&self) -> &Self {
        let outside = self.outside();
        self.link(
            outside.join("secret.toml"),
            "data/events/2021/2021-01-01-file-link.toml",
        )
        .link(
            "../../../../elsewhere-secrets/secret.toml",
            "data/events/2021/2021-01-02-relative-link.toml",
        )
        .link(outside.join("events"), "data/events/dir-link")
        .link(outside.join("secret.jsonl"), "data/events/bulk.jsonl")
        .link("loop-b.toml", "data/sources/loop-a.toml")
        .link("loop-a.toml", "data/sources/loop-b.toml")
        .link("..", "data/events/up")
        .link("nothing-here.toml", "data/sources/dangling.toml")
    }
    /// Runs `faultline ARGS` in the repository.
    fn run(&self, args: &[&str]) -> Run {
        run_in(&self.repo(), args)
    }
    fn victim(&self) -> String {
        std::fs::read_to_string(self.outside().join("victim.txt")).unwrap()
    }
    /// Asserts that the folder outside holds exactly what the fixture put there.
    fn outside_untouched(&self) {
        assert_eq!(self.victim(), PRECIOUS, "the victim file was overwritten");
        let mut names: Vec<String> = std::fs::read_dir(self.outside())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "events",
                "faultline.toml",
                "places.toml",
                "secret.jsonl",
                "secret.toml",
                "victim.txt"
            ],
            "nothing was written outside"
        );
    }
}

/// The result of a run: exit code, standard output and standard error.
struct Run {
    code: i32,
    out: String,
    err: String,
}

impl Run {
    /// Asserts that nothing from outside appears in any output: not the marker, not the
    /// folder's path.
    fn shows_nothing_from_outside(&self) -> &Self {
        for (what, text) in [("stdout", &self.out), ("stderr", &self.err)] {
            assert!(!text.contains(MARKER), "the secret in {what}:\n{text}");
            assert!(
                !text.contains(OUTSIDE),
                "the outside path in {what}:\n{text}"
            );
        }
        self
    }
}

/// Runs `faultline ARGS` in `dir` without colour; fails if it takes more than two minutes
/// (a command that opened a named pipe would block forever).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes as the command writes, so that a large output never blocks it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).unwrap();
            text
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("faultline {args:?} hung (it opened something it must not)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        out: out.join().unwrap(),
        err: err.join().unwrap(),
    }
}

/// Standard error with miette's line wrapping undone: white space runs and the `│` gutter
/// become one space.
fn flat(err: &str) -> String {
    err.split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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

/// The link findings of a run in concise form, sorted.
fn link_findings(out: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("symbolic link"))
        .collect();
    lines.sort_unstable();
    lines
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(r"in \d+\.\d+s", "in [TIME]");
    s
}

#[test]
fn links_out_of_the_dataset_are_findings_in_every_format_and_never_shown() {
    let f = Fixture::new();
    f.with_links_out();
    for format in ["pretty", "concise", "json", "sarif", "github"] {
        let run = f.run(&["lint", "--today", "2026-11-21", "--format", format]);
        assert_eq!(run.code, 1, "{format}: {}", run.err);
        run.shows_nothing_from_outside();
        for link in [
            "data/events/2021/2021-01-01-file-link.toml",
            "data/events/2021/2021-01-02-relative-link.toml",
            "data/events/dir-link",
            "data/events/bulk.jsonl",
            "data/sources/loop-a.toml",
            "data/sources/dangling.toml",
            "data/events/up",
        ] {
            assert!(
                run.out.contains(link),
                "{format}: {link} not reported\n{}",
                run.out
            );
        }
        if format == "pretty" {
            settings().bind(|| insta::assert_snapshot!("pretty_link_findings", run.out));
        }
        if format == "concise" {
            insta::assert_debug_snapshot!("concise_link_findings", link_findings(&run.out));
        }
    }
    // The same with the report written to a file.
    let run = f.run(&["lint", "--format", "sarif", "-o", "faultline.sarif"]);
    assert_eq!(run.code, 1, "{}", run.err);
    let sarif = std::fs::read_to_string(f.repo().join("faultline.sarif")).unwrap();
    assert!(!sarif.contains(MARKER) && !sarif.contains(OUTSIDE));
    assert!(sarif.contains("data/events/dir-link"));
    // The report's lint status lists the links; the page shows nothing from outside.
    let run = f.run(&["report", "--today", "2026-11-21", "--out", "report.html"]);
    assert_eq!(run.code, 1, "{}", run.err);
    run.shows_nothing_from_outside();
    let html = std::fs::read_to_string(f.repo().join("report.html")).unwrap();
    assert!(!html.contains(MARKER) && !html.contains(OUTSIDE));
    assert!(html.contains("2021-05-12-advance"));
}

#[test]
fn a_link_given_on_the_command_line_is_reported_not_read() {
    // pre-commit passes the changed files by name.
    let f = Fixture::new();
    f.with_links_out();
    for format in ["pretty", "concise", "json", "sarif", "github"] {
        let run = f.run(&[
            "lint",
            "--format",
            format,
            "data/events/2021/2021-01-01-file-link.toml",
            "data/events/bulk.jsonl",
            "data/sources/dangling.toml",
        ]);
        assert_eq!(run.code, 1, "{format}: {}", run.err);
        run.shows_nothing_from_outside();
        for link in [
            "data/events/2021/2021-01-01-file-link.toml",
            "data/events/bulk.jsonl",
            "data/sources/dangling.toml",
        ] {
            assert!(run.out.contains(link), "{format}: {link}\n{}", run.out);
        }
    }
    let run = f.run(&[
        "lint",
        "--format",
        "concise",
        "data/events/2021/2021-01-01-file-link.toml",
    ]);
    assert_eq!(
        run.out,
        "data/events/2021/2021-01-01-file-link.toml:1:1: error[parse-error] a symbolic link that leads out of the dataset; it is not read\n"
    );
    // A folder link given by name is not linted.
    let run = f.run(&["lint", "data/events/dir-link"]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(run.err.contains("data/events/dir-link"), "{}", run.err);
}

#[test]
fn links_inside_the_dataset_keep_working_and_fixes_keep_the_link() {
    let f = Fixture::new();
    let data = f.data();
    // The event with a fixable finding moves to a file the walk does not read (`.in`), and a
    // link takes its place; the gazetteer likewise.
    std::fs::create_dir_all(data.join("shelf")).unwrap();
    let event = data.join("events/2021/2021-05-12-advance.toml");
    std::fs::rename(&event, data.join("shelf/advance.toml.in")).unwrap();
    std::fs::rename(data.join("places.toml"), data.join("shelf/places.toml.in")).unwrap();
    f.link(
        "../../shelf/advance.toml.in",
        "data/events/2021/2021-05-12-advance.toml",
    )
    .link(data.join("shelf/places.toml.in"), "data/places.toml");

    let run = f.run(&["lint", "--today", "2026-11-21", "--format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(!run.out.contains("symbolic link"), "{}", run.out);
    assert!(
        run.out
            .contains("data/events/2021/2021-05-12-advance.toml:13:9: warning[place-alias]"),
        "the linked event is read, and the linked gazetteer resolves its place:\n{}",
        run.out
    );
    // The snippet of a linked file is shown: it is inside the dataset.
    let run = f.run(&["lint", "--today", "2026-11-21"]);
    assert!(run.out.contains("place = \"Garagol\""), "{}", run.out);

    let run = f.run(&["lint", "--diff"]);
    assert_eq!(run.code, 1);
    assert!(run.out.contains("+place = \"sev-lake\""), "{}", run.out);
    let run = f.run(&[
        "lint",
        "--fix",
        "--today",
        "2026-11-21",
        "--format",
        "concise",
    ]);
    assert!(run.err.contains("1 fix applied"), "{}", run.err);
    let fixed = std::fs::read_to_string(data.join("shelf/advance.toml.in")).unwrap();
    assert!(
        fixed.contains("place = \"sev-lake\""),
        "the target is fixed"
    );
    assert!(
        std::fs::symlink_metadata(&event)
            .unwrap()
            .file_type()
            .is_symlink(),
        "and the link stays a link"
    );

    // fmt reads and writes through the link too, inside the dataset.
    std::fs::write(
        data.join("shelf/advance.toml.in"),
        fixed.replace("precision = \"day\"", "precision =   \"day\""),
    )
    .unwrap();
    let run = f.run(&["fmt"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        run.out
            .contains("formatted data/events/2021/2021-05-12-advance.toml"),
        "{}",
        run.out
    );
    assert_eq!(
        std::fs::read_to_string(data.join("shelf/advance.toml.in")).unwrap(),
        fixed
    );
    assert!(
        std::fs::symlink_metadata(&event)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn fix_and_fmt_never_touch_a_link_out_of_the_dataset() {
    let f = Fixture::new();
    f.with_links_out();
    let before = std::fs::read_to_string(f.outside().join("secret.toml")).unwrap();
    let run = f.run(&["lint", "--fix"]);
    run.shows_nothing_from_outside();
    let run = f.run(&["lint", "--diff"]);
    run.shows_nothing_from_outside();
    for args in [&["fmt"][..], &["fmt", "--check"], &["fmt", "data/events"]] {
        let run = f.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.err);
        run.shows_nothing_from_outside();
        assert!(
            run.err
                .contains("error: data/events/2021/2021-01-01-file-link.toml: "),
            "{args:?}: {}",
            run.err
        );
        assert!(run.err.contains("data/events/dir-link"), "{}", run.err);
    }
    let run = f.run(&["fmt", "data/events/2021/2021-01-01-file-link.toml"]);
    assert_eq!(run.code, 1);
    run.shows_nothing_from_outside();
    insta::assert_snapshot!("fmt_link_out", run.err);
    assert_eq!(
        std::fs::read_to_string(f.outside().join("secret.toml")).unwrap(),
        before
    );
    f.outside_untouched();
}

#[test]
fn the_dataset_and_the_configuration_may_not_link_out_of_the_working_directory() {
    let f = Fixture::new();
    // `data` itself, committed as a link to a folder of record files elsewhere.
    std::fs::rename(f.data(), f.repo().join("real-data")).unwrap();
    f.link(f.outside(), "data");
    for args in [
        &["lint"][..],
        &["lint", "data"],
        &["lint", "--format", "json"],
        &["lint", "data/events/2021/2021-01-01-x.toml"],
        &["fmt"],
        &["fmt", "--check"],
        &["export", "--allow-errors", "json", "--out", "out.json"],
        &[
            "new",
            "event",
            "--date",
            "2024-04-10",
            "--title",
            "Shots fired",
        ],
    ] {
        let run = f.run(args);
        assert_eq!(run.code, 2, "{args:?}: {} {}", run.out, run.err);
        run.shows_nothing_from_outside();
        assert!(
            run.err
                .contains("data: a symbolic link leads it out of the working directory"),
            "{args:?}: {}",
            run.err
        );
    }
    let run = f.run(&["lint"]);
    insta::assert_snapshot!("data_links_out", run.err);
    // Named outside the working directory, a dataset is the user's choice.
    let run = f.run(&["lint", "--format", "concise", f.outside().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.err);

    // The configuration file, linked to a file elsewhere.
    let f = Fixture::new();
    f.link(f.outside().join("faultline.toml"), "faultline.toml");
    let run = f.run(&["lint"]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(run.err.contains("faultline.toml"), "{}", run.err);
    let run = f.run(&["lint", "--config", "faultline.toml"]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    insta::assert_snapshot!("config_links_out", run.err);
}

#[test]
fn writes_never_go_through_a_link_out_of_the_folder_asked_for() {
    let f = Fixture::new();
    let victim = f.outside().join("victim.txt");
    f.link(&victim, "report.sarif")
        .link(f.outside(), "reports")
        .link(&victim, "events.jsonl")
        .link(&victim, "out.geojson")
        .link(&victim, "import-report.json");
    let refused = |run: &Run, what: &str| {
        assert_eq!(run.code, 2, "{what}: {} {}", run.out, run.err);
        run.shows_nothing_from_outside();
        let err = flat(&run.err);
        assert!(err.contains(what), "{what}: {err}");
        assert!(
            err.contains("a symbolic link leads it out of") && err.contains("nothing was"),
            "{what}: {err}"
        );
    };
    // lint --output / -o: a link out, or a folder that is one.
    refused(
        &f.run(&["lint", "-o", "report.sarif", "--format", "sarif"]),
        "report.sarif",
    );
    insta::assert_snapshot!(
        "output_links_out",
        f.run(&["lint", "-o", "report.sarif"]).err
    );
    refused(&f.run(&["lint", "--output", "reports/x.sarif"]), "reports");
    // import --out (JSON Lines, a dataset folder) and --report.
    let csv = f.repo().join("acled.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../faultline-import/tests/fixtures/acled_current.csv"),
        &csv,
    )
    .unwrap();
    refused(
        &f.run(&[
            "import",
            "acled",
            "acled.csv",
            "--out",
            "events.jsonl",
            "--force",
        ]),
        "events.jsonl",
    );
    refused(
        &f.run(&[
            "import",
            "acled",
            "acled.csv",
            "--out",
            "reports",
            "--force",
        ]),
        "reports",
    );
    std::fs::create_dir_all(f.repo().join("imported")).unwrap();
    f.link(f.outside().join("events"), "imported/events");
    refused(
        &f.run(&[
            "import",
            "acled",
            "acled.csv",
            "--out",
            "imported",
            "--force",
        ]),
        "imported/events",
    );
    refused(
        &f.run(&[
            "import",
            "acled",
            "acled.csv",
            "--out",
            "new.jsonl",
            "--report",
            "import-report.json",
            "--force",
        ]),
        "import-report.json",
    );
    // export --out: a file, and a folder of files.
    refused(
        &f.run(&[
            "export",
            "--allow-errors",
            "geojson",
            "--out",
            "out.geojson",
            "--force",
        ]),
        "out.geojson",
    );
    refused(
        &f.run(&[
            "export",
            "--allow-errors",
            "datapackage",
            "--out",
            "reports",
            "--force",
        ]),
        "reports",
    );
    std::fs::create_dir_all(f.repo().join("package")).unwrap();
    f.link(&victim, "package/datapackage.json");
    refused(
        &f.run(&[
            "export",
            "--allow-errors",
            "datapackage",
            "--out",
            "package",
            "--force",
        ]),
        "package/datapackage.json",
    );
    // report --out.
    f.link(&victim, "report.html");
    refused(
        &f.run(&["report", "--out", "report.html", "--force"]),
        "report.html",
    );
    refused(
        &f.run(&["report", "--out", "reports/report.html"]),
        "reports",
    );
    // schema --out.
    std::fs::create_dir_all(f.repo().join("schema")).unwrap();
    f.link(&victim, "schema/event.schema.json");
    refused(
        &f.run(&["schema", "--out", "schema", "--force"]),
        "schema/event.schema.json",
    );
    // new: into a folder of the dataset that leads out of it.
    f.link(f.outside().join("events"), "data/events/2024");
    refused(
        &f.run(&[
            "new",
            "event",
            "--date",
            "2024-04-10",
            "--title",
            "Shots fired",
        ]),
        "data/events/2024/2024-04-10-shots-fired.toml",
    );
    f.outside_untouched();

    // A link that stays in the folder asked for is written at its target, and stays a link;
    // a link to nothing is not written through.
    std::fs::create_dir_all(f.repo().join("ci")).unwrap();
    f.link("ci/real.sarif", "inside.sarif");
    let run = f.run(&["lint", "--format", "sarif", "-o", "inside.sarif"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(flat(&run.err).contains("a symbolic link whose target does not exist"));
    std::fs::write(f.repo().join("ci/real.sarif"), "").unwrap();
    let run = f.run(&["lint", "--format", "sarif", "-o", "inside.sarif"]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(
        std::fs::read_to_string(f.repo().join("ci/real.sarif"))
            .unwrap()
            .contains("\"2.1.0\"")
    );
    assert!(
        std::fs::symlink_metadata(f.repo().join("inside.sarif"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn inputs_named_on_the_command_line_stay_in_their_folder() {
    let f = Fixture::new();
    f.link(f.outside().join("secret.jsonl"), "secret.jsonl");
    // import reads only a file inside the folder it is named in.
    let run = f.run(&[
        "import",
        "jsonl",
        "secret.jsonl",
        "--out",
        "x.jsonl",
        "--dry-run",
    ]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(run.err.contains("secret.jsonl"), "{}", run.err);
    // export of a single file of events that links out: reported, not read.
    f.link(f.outside().join("secret.jsonl"), "data/events/bulk.jsonl");
    let run = f.run(&[
        "export",
        "--allow-errors",
        "json",
        "--data",
        "data/events/bulk.jsonl",
        "--out",
        "x.json",
    ]);
    assert_eq!(run.code, 1, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(
        run.err.contains("not exported: data/events/bulk.jsonl"),
        "{}",
        run.err
    );
    // export of the dataset: the link is reported, the rest exported.
    let run = f.run(&["export", "--allow-errors", "json", "--out", "all.json"]);
    assert_eq!(run.code, 1, "{}", run.err);
    run.shows_nothing_from_outside();
    let json = std::fs::read_to_string(f.repo().join("all.json")).unwrap();
    assert!(!json.contains(MARKER) && json.contains("2021-05-12-advance"));
    // report of that single file: the same.
    let run = f.run(&[
        "report",
        "--data",
        "data/events/bulk.jsonl",
        "--out",
        "bulk.html",
    ]);
    assert_eq!(run.code, 1, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(
        run.err.contains("not on the page: data/events/bulk.jsonl"),
        "{}",
        run.err
    );
}

#[test]
fn schema_directives_are_never_read_or_fetched() {
    // A `#:schema` line names a file for editors (taplo); faultline validates against the
    // schemas built into it and never opens the file named — here a named pipe, which would
    // block any reader forever, and a schema that would reject every record.
    let f = Fixture::new();
    let pipe = f.outside().join("schema.fifo");
    let status = Command::new("mkfifo").arg(&pipe).status().unwrap();
    assert!(status.success(), "mkfifo failed");
    std::fs::write(
        f.outside().join("reject-all.schema.json"),
        format!("{{\"$comment\": \"{MARKER}\", \"not\": {{}}}}"),
    )
    .unwrap();
    let event = f.data().join("events/2021/2021-05-12-advance.toml");
    let text = std::fs::read_to_string(&event).unwrap();
    let lint = || f.run(&["lint", "--today", "2026-11-21", "--format", "concise"]);
    let expected = lint();
    assert!(expected.out.contains("[place-alias]"), "{}", expected.out);
    for directive in [
        pipe.display().to_string(),
        f.outside()
            .join("reject-all.schema.json")
            .display()
            .to_string(),
        "https://schema.invalid/event.schema.json".to_owned(),
        "file:///dev/stdin".to_owned(),
    ] {
        std::fs::write(
            &event,
            text.replacen("../../../schema/event.schema.json", &directive, 1),
        )
        .unwrap();
        let run = lint();
        run.shows_nothing_from_outside();
        assert_eq!(
            (run.code, &run.out),
            (expected.code, &expected.out),
            "{directive}: the findings of the built-in schema, as with the usual directive: {}",
            run.err
        );
        for args in [
            &["fmt", "--check"][..],
            &[
                "export",
                "--allow-errors",
                "json",
                "--out",
                "x.json",
                "--force",
            ],
        ] {
            let run = f.run(args);
            run.shows_nothing_from_outside();
        }
    }
}

#[test]
fn diff_reads_a_working_tree_only_inside_its_dataset() {
    let f = Fixture::new();
    copy_dir(&f.data(), &f.repo().join("old"));
    f.with_links_out();
    for format in ["text", "markdown", "json"] {
        let run = f.run(&["diff", "old", "data", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.err);
        run.shows_nothing_from_outside();
    }
    // `data` as a link out of the working directory, and the report written through a link.
    f.link(f.outside().join("victim.txt"), "diff.md");
    let run = f.run(&["diff", "old", "data", "-o", "diff.md"]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    assert!(
        flat(&run.err).contains("cannot write diff.md: a symbolic link leads it out of its folder")
    );
    std::fs::rename(f.data(), f.repo().join("real-data")).unwrap();
    f.link(f.outside(), "data");
    let run = f.run(&["diff", "old", "data"]);
    assert_eq!(run.code, 2, "{}", run.err);
    run.shows_nothing_from_outside();
    f.outside_untouched();
}

/// `faultline archive add` finds the source record through the dataset walker: a source file
/// that is a link out of the dataset is refused by its own path, never read (its content never
/// appears in a parse error) and never written through; a source inside is updated.
#[test]
fn archive_add_never_reads_or_writes_a_source_linked_out_of_the_dataset() {
    let f = Fixture::new();
    // A source record whose parse error would quote the marker (an unknown `kind`).
    let record = f.outside().join("events/evil.toml");
    std::fs::write(&record, format!("id = \"evil\"\nkind = \"{MARKER}\"\n")).unwrap();
    f.link(&record, "data/sources/evil.toml");
    std::fs::create_dir_all(f.repo().join("archive")).unwrap();
    std::fs::write(f.repo().join("archive/copy.txt"), "An archived text.\n").unwrap();
    let add = |id: &str| {
        f.run(&[
            "archive",
            "add",
            id,
            "archive/copy.txt",
            "--archive",
            "archive",
        ])
    };

    let run = add("evil");
    run.shows_nothing_from_outside();
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(
        flat(&run.err).contains("data/sources/evil.toml:"),
        "{}",
        run.err
    );
    assert!(flat(&run.err).contains("it is not read"), "{}", run.err);
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        format!("id = \"evil\"\nkind = \"{MARKER}\"\n")
    );
    f.outside_untouched();

    let run = add("news-2021-05-14-advance");
    run.shows_nothing_from_outside();
    assert_eq!(run.code, 0, "{}", run.err);
    let source =
        std::fs::read_to_string(f.data().join("sources/news-2021-05-14-advance.toml")).unwrap();
    assert!(
        source.contains("[archive]\nfile = \"copy.txt\""),
        "{source}"
    );
}
