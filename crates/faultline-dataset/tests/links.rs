//! Symbolic links: a dataset is read only inside its root. A link that leads out of it (to a
//! file or a folder), points at nothing or loops is reported by its own path and never read;
//! links inside the dataset keep working. The fixtures are made at test time (links cannot be
//! committed portably).

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use faultline_dataset::{
    Dataset, DatasetFile, FileRole, LinkError, LoadErrorKind, LoadOptions, WalkErrorKind, walk,
};

const MARKER: &str = "ghp_marker0123456789SECRETSECRET";

const EVENT: &str = r#"id = "2021-11-16-clash"
title = "Clash"
kind = "armed-clash"
summary = "Fighting was reported."
sources = ["s"]

[date]
start = 2021-11-16
precision = "day"
"#;

/// A dataset at `<tmp>/repo/data` and, beside the repository, files it must never read.
struct Fixture {
    tmp: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let f = Self { tmp };
        let data = f.data();
        std::fs::create_dir_all(data.join("events/2021")).unwrap();
        std::fs::create_dir_all(data.join("sources")).unwrap();
        std::fs::write(data.join("events/2021/2021-11-16-clash.toml"), EVENT).unwrap();
        // Outside the dataset: a secret, and a folder of record-like files.
        let outside = f.outside();
        std::fs::create_dir_all(outside.join("events")).unwrap();
        let secret = format!("SECRET_TOKEN = \"{MARKER}\"\n");
        std::fs::write(outside.join("secret.toml"), &secret).unwrap();
        std::fs::write(outside.join("events/secret.toml"), &secret).unwrap();
        std::fs::write(outside.join("notes.md"), &secret).unwrap();
        f
    }
    fn data(&self) -> PathBuf {
        self.tmp.path().join("repo/data")
    }
    fn outside(&self) -> PathBuf {
        self.tmp.path().join("outside")
    }
    fn link(&self, target: impl AsRef<Path>, rel: &str) -> &Self {
        symlink(target, self.data().join(rel)).unwrap();
        self
    }
    fn load(&self) -> Dataset {
        let options = LoadOptions {
            names_relative_to: Some(self.data()),
            ..LoadOptions::default()
        };
        Dataset::open_with(self.data(), options).unwrap()
    }
}

/// Everything a dataset holds as text: file names and texts, error paths and messages.
fn all_text(d: &Dataset) -> String {
    let mut s = String::new();
    for f in &d.files {
        s.push_str(&format!("{} {} {}\n", f.path.display(), f.name, f.text));
    }
    for e in &d.errors {
        s.push_str(&format!("{e} {e:?}\n"));
    }
    s
}

#[test]
fn links_out_of_the_dataset_are_reported_by_their_own_path_and_never_read() {
    let f = Fixture::new();
    let outside = f.outside();
    f.link(
        outside.join("secret.toml"),
        "events/2021/2021-01-01-file-link.toml",
    )
    .link(outside.join("events"), "events/dir-link")
    .link("../../../outside/secret.toml", "sources/relative-link.toml")
    .link(outside.join("secret.toml"), "places.toml")
    .link("loop-b.toml", "events/2021/loop-a.toml")
    .link("loop-a.toml", "events/2021/loop-b.toml")
    .link(f.data(), "events/2021/up")
    .link("nothing-here.toml", "events/2021/dangling.toml")
    // Not record files: never read, so not reported.
    .link(outside.join("notes.md"), "README.md")
    .link("missing.md", "events/missing.md");
    let d = f.load();
    let mut errors: Vec<(String, String)> = d
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.kind.to_string()))
        .collect();
    errors.sort();
    insta::assert_debug_snapshot!(errors);
    assert!(
        d.errors.iter().all(|e| e.file.is_none()),
        "no text was kept"
    );
    assert!(
        d.errors
            .iter()
            .all(|e| matches!(e.kind, LoadErrorKind::Link(_)))
    );
    let text = all_text(&d);
    assert!(!text.contains(MARKER), "{text}");
    assert!(!text.contains("outside"), "no target path: {text}");
    assert_eq!(d.events.len(), 1, "the real event still loads");
}

#[test]
fn links_inside_the_dataset_keep_working() {
    let f = Fixture::new();
    let data = f.data();
    std::fs::create_dir_all(data.join("shared/2022")).unwrap();
    std::fs::write(
        data.join("shared/2022/2022-09-13-clash.toml"),
        EVENT.replace("2021-11-16", "2022-09-13"),
    )
    .unwrap();
    std::fs::write(
        data.join("shared/source.toml"),
        "id = \"s\"\nkind = \"news\"\npublisher = \"P\"\ntitle = \"T\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    f.link("../shared/2022", "events/2022")
        .link("../shared/source.toml", "sources/s.toml")
        .link(data.join("shared/source.toml"), "sources/absolute.toml");
    let d = f.load();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    let ids: Vec<&str> = d.events.iter().map(|e| e.record.id.as_str()).collect();
    assert_eq!(ids, ["2021-11-16-clash", "2022-09-13-clash"]);
    // Files keep the path of the link, as walked.
    let names: Vec<&str> = d.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"events/2022/2022-09-13-clash.toml"),
        "{names:?}"
    );
    assert!(names.contains(&"sources/s.toml"), "{names:?}");
    assert_eq!(d.sources.len(), 2);
}

#[test]
fn the_walk_classifies_files_and_reports_links() {
    let f = Fixture::new();
    let data = f.data();
    std::fs::write(data.join("places.toml"), "").unwrap();
    std::fs::write(data.join("events/bulk.jsonl"), "").unwrap();
    std::fs::write(data.join("notes.toml"), "").unwrap();
    std::fs::write(data.join("faultline.toml"), "").unwrap();
    std::fs::create_dir_all(data.join(".git")).unwrap();
    std::fs::write(data.join(".git/config.toml"), "").unwrap();
    f.link(f.outside().join("events"), "events/out");
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for found in walk(&data).unwrap() {
        match found {
            Ok(DatasetFile { path, role }) => {
                files.push((path.strip_prefix(&data).unwrap().to_path_buf(), role));
            }
            Err(e) => errors.push((e.path.strip_prefix(&data).unwrap().to_path_buf(), e.kind)),
        }
    }
    assert_eq!(
        files,
        [
            (
                PathBuf::from("events/2021/2021-11-16-clash.toml"),
                FileRole::Event
            ),
            (PathBuf::from("events/bulk.jsonl"), FileRole::Events),
            (PathBuf::from("notes.toml"), FileRole::Stray),
            (PathBuf::from("places.toml"), FileRole::Places),
        ]
    );
    assert_eq!(
        errors,
        [(
            PathBuf::from("events/out"),
            WalkErrorKind::Link(LinkError::Outside)
        )]
    );
}

#[test]
fn a_root_reached_through_a_link_is_walked_as_itself() {
    // The root the caller names may itself be a link: what is under its target is inside.
    let f = Fixture::new();
    let alias = f.tmp.path().join("alias");
    symlink(f.data(), &alias).unwrap();
    let d = Dataset::open(&alias).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    assert_eq!(d.events.len(), 1);
}
