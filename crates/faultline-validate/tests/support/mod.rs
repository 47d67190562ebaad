//! Shared helpers for the rule tests: build a dataset from the base fixture plus overlays.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use faultline_dataset::archive::{Archive, ArchiveRoot};
use faultline_dataset::{Dataset, LoadOptions};
use faultline_validate::{Config, LintResult, lint, render};

/// "Today" for every rule test.
pub const TODAY: &str = "2026-11-21";

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies every file below `from` into `to`, replacing what is there.
pub fn overlay(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &dest).unwrap();
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A temporary dataset: the base fixture, then each overlay folder on top.
pub struct TestData {
    pub dir: tempfile::TempDir,
}

impl TestData {
    pub fn new(overlays: &[&Path]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        overlay(&fixtures().join("base"), dir.path());
        for o in overlays {
            overlay(o, dir.path());
        }
        Self { dir }
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn load(&self) -> Dataset {
        let options = LoadOptions {
            names_relative_to: Some(self.dir.path().to_path_buf()),
            ..LoadOptions::default()
        };
        Dataset::open_with(self.dir.path(), options).unwrap()
    }

    pub fn config(&self) -> Config {
        let mut config = Config::with_today(TODAY.parse().unwrap());
        if let Ok(text) = std::fs::read_to_string(self.dir.path().join("faultline.toml")) {
            config.merge_toml(&text).unwrap();
        }
        config
    }

    /// The configuration, with the archive `archive/` of the test dataset when it has one.
    pub fn config_for(&self, dataset: &Dataset) -> Config {
        let mut config = self.config();
        let root = self.dir.path().join("archive");
        if root.is_dir() {
            let root = ArchiveRoot::open_as(&root, "archive").unwrap();
            config.set_archive(Archive::read(
                root,
                dataset.sources.iter().map(|s| &s.record),
            ));
        }
        config
    }

    pub fn lint(&self) -> (Dataset, LintResult) {
        let dataset = self.load();
        let result = lint(&dataset, &self.config_for(&dataset));
        (dataset, result)
    }
}

/// Every finding rendered as plain text, one after another.
pub fn rendered(dataset: &Dataset, result: &LintResult) -> String {
    if result.diagnostics.is_empty() {
        return "(no findings)\n".to_owned();
    }
    result
        .diagnostics
        .iter()
        .map(|d| render::plain(dataset, d))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A finding with everything it holds (positions, help, related locations, fix) on a few
/// lines, to compare runs.
pub fn describe(d: &faultline_validate::Diagnostic) -> String {
    let r = &d.region;
    let mut s = format!(
        "{d} [{}:{}-{}:{}] {:?} {:?}",
        r.line, r.column, r.end_line, r.end_column, r.span, r.path
    );
    if let Some(h) = &d.help {
        s.push_str(&format!("\n  help: {h}"));
    }
    for rel in &d.related {
        let q = &rel.region;
        s.push_str(&format!(
            "\n  related {}:{}:{}-{}:{} {:?} {}",
            q.file, q.line, q.column, q.end_line, q.end_column, q.span, rel.message
        ));
    }
    if let Some(f) = &d.fix {
        s.push_str(&format!("\n  fix {}", f.title));
        for e in &f.edits {
            s.push_str(&format!(
                "\n  edit {:?} {}..{} -> {}",
                e.path, e.span.start, e.span.end, e.replacement
            ));
        }
    }
    s
}
