//! `faultline report`, run as a user would: on the bundled dataset, on an imported ACLED file,
//! never overwriting unasked, and saying which records are missing from the page.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAULTLINE_ARCHIVE")
        .output()
        .expect("the binary runs")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard error with the temporary folder's path replaced.
fn redact(text: &str, dir: &Path) -> String {
    text.replace(s(dir), "[TMP]")
}

/// The page's size (it changes with every style) left out of snapshots.
fn sizes() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\(\d+ KB\)", "([N] KB)");
    settings
}

#[test]
fn the_bundled_dataset_as_a_page_never_overwritten_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let data = repo_root().join("data");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--data",
            s(&data),
            "--out",
            s(&out),
            "--today",
            "2026-12-02",
        ];
        args.extend_from_slice(extra);
        faultline_in(dir.path(), &args)
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let events = walkdir::WalkDir::new(data.join("events"))
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{events} events; lint status 0 errors")),
        "{err}"
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"id="2020-xx-xx-second-karabakh-war""#));
    assert!(html.contains("<strong>data</strong>"), "the dataset's name");

    // Never overwritten without --force; replaced with it.
    std::fs::write(&out, "earlier page").unwrap();
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier page");
    let o = run(&["--force", "--title", "Border <incidents>"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let replaced = std::fs::read_to_string(&out).unwrap();
    assert!(replaced.contains("<title>Border &lt;incidents&gt;</title>"));
    // The same records and day give the same page.
    assert_eq!(
        replaced.replace("Border &lt;incidents&gt;", "faultline report"),
        html
    );
}

#[test]
fn an_imported_acled_file_as_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = repo_root().join("crates/faultline-import/tests/fixtures/acled_current.csv");
    let o = faultline_in(
        dir.path(),
        &["import", "acled", s(&input), "--out", "imported"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = faultline_in(
        dir.path(),
        &[
            "report",
            "--data",
            "imported",
            "--out",
            "imported.html",
            "--title",
            "ACLED, imported",
            "--today",
            "2026-12-02",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    sizes().bind(|| {
        insta::assert_snapshot!("acled_report_stderr", redact(&stderr(&o), dir.path()));
    });
    let html = std::fs::read_to_string(dir.path().join("imported.html")).unwrap();
    assert!(html.contains(r#"id="2022-09-12-acled-arm9001""#));
    assert!(html.contains("<strong>imported</strong>"));
    // A JSON Lines import reports the same events (without its registries).
    let o = faultline_in(
        dir.path(),
        &["import", "acled", s(&input), "--out", "imported.jsonl"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = faultline_in(
        dir.path(),
        &["report", "--data", "imported.jsonl", "--out", "jsonl.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("jsonl.html")).unwrap();
    assert!(page.contains(r#"id="2022-09-12-acled-arm9001""#));
}

#[test]
fn records_that_do_not_load_are_named_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("events/2021")).unwrap();
    std::fs::write(
        data.join("events/2021/2021-11-16-clash.toml"),
        "id = \"2021-11-16-clash\"\ntitle = \"Clash\"\nkind = \"armed-clash\"\n\
         summary = \"...\"\nsources = []\n\n[date]\nstart = 2021-11-16\nprecision = \"day\"\n",
    )
    .unwrap();
    std::fs::write(data.join("events/2021/2021-11-17-broken.toml"), "id = [").unwrap();
    let o = faultline_in(
        dir.path(),
        &["report", "--out", "report.html", "--today", "2026-12-02"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    sizes().bind(|| insta::assert_snapshot!("broken_report_stderr", stderr(&o)));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains(r#"id="2021-11-16-clash""#));
    assert!(
        html.contains("2021-11-17-broken.toml"),
        "the lint status names it"
    );

    // A missing dataset is an error, and nothing is written.
    let o = faultline_in(
        dir.path(),
        &["report", "--data", "nowhere", "--out", "none.html"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join("none.html").exists());
}
