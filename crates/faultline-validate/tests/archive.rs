//! Quotes checked against archived sources: without an archive, one note counts the quotes
//! left unchecked; with the archive of the bundled dataset (`../shared/seeds`, the five
//! articles), every quote verifies, and a changed word, a mistyped figure or a swapped
//! claimant in a copy of a bundled record is caught at its line.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod support;

use std::path::{Path, PathBuf};

use faultline_dataset::Dataset;
use faultline_dataset::archive::{Archive, ArchiveRoot};
use faultline_validate::{Config, LintResult, Severity, lint};
use support::TestData;

#[test]
fn without_an_archive_one_note_counts_the_unchecked_quotes() {
    let data = TestData::new(&[]);
    let dataset = data.load();
    let result = lint(&dataset, &data.config());
    let [note] = result.diagnostics.as_slice() else {
        panic!("expected one note, got {:#?}", result.diagnostics)
    };
    assert_eq!(note.rule, "unarchived-source");
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(
        note.message,
        "2 quotes (1 source) not checked against the archived sources: no archive root given"
    );
    assert!(!result.failed(true));
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The archive of the bundled dataset: `../shared/seeds` beside the repository (as in CI), or
/// the `FAULTLINE_ARCHIVE` folder; `None`, with a note, where neither exists.
fn seeds() -> Option<PathBuf> {
    let beside = repo().join("../shared/seeds");
    if beside.is_dir() {
        return Some(beside);
    }
    if let Some(dir) = std::env::var_os("FAULTLINE_ARCHIVE").map(PathBuf::from)
        && dir.join("000_73f1d4d8a191f22d.txt").is_file()
    {
        return Some(dir);
    }
    eprintln!(
        "note: skipped: the archive of the bundled dataset (../shared/seeds beside the repository) is absent"
    );
    None
}

fn lint_with_archive(dir: &Path, seeds: &Path) -> (Dataset, LintResult) {
    let dataset = Dataset::open(dir).unwrap();
    let mut config = Config::with_today("2026-11-21".parse().unwrap());
    let root = ArchiveRoot::open_as(seeds, "seeds").unwrap();
    config.set_archive(Archive::read(
        root,
        dataset.sources.iter().map(|s| &s.record),
    ));
    let result = lint(&dataset, &config);
    (dataset, result)
}

#[test]
fn the_bundled_dataset_verifies_against_its_archive() {
    let Some(seeds) = seeds() else { return };
    let (_, result) = lint_with_archive(&repo().join("data"), &seeds);
    let all: Vec<String> = result.diagnostics.iter().map(ToString::to_string).collect();
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn any_changed_word_in_any_bundled_quote_is_a_miss() {
    let Some(seeds) = seeds() else { return };
    let dataset = Dataset::open(repo().join("data")).unwrap();
    let root = ArchiveRoot::open(&seeds).unwrap();
    let archive = Archive::read(root, dataset.sources.iter().map(|s| &s.record));
    let mut checked = 0;
    for e in &dataset.events {
        let quotes = e
            .record
            .claims
            .iter()
            .map(|c| (c.source.as_ref(), c.quote.as_deref()))
            .chain(
                e.record
                    .casualties
                    .iter()
                    .map(|c| (c.source.as_ref(), c.quote.as_deref())),
            );
        for (source, quote) in quotes {
            let (Some(source), Some(quote)) = (source, quote) else {
                continue;
            };
            let record = &dataset
                .sources
                .iter()
                .find(|s| s.record.id.as_str() == source.as_str())
                .unwrap()
                .record;
            let copy = archive.verified(record).unwrap();
            assert!(copy.find_quote(quote).is_ok(), "{quote}");
            // Every word of four letters or more, changed in turn.
            for word in quote.split_whitespace().filter(|w| w.chars().count() >= 4) {
                let changed = quote.replacen(word, "elephant", 1);
                assert!(
                    copy.find_quote(&changed).is_err(),
                    "`{changed}` was accepted"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} changed quotes");
}

/// A copy of the bundled dataset with one edit in one record.
fn copy_with(rel: &str, from: &str, to: &str) -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().unwrap();
    support::overlay(&repo().join("data"), dir.path());
    let path = dir.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not in {rel}"));
    let line = text[..at].matches('\n').count() + 1;
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (dir, line)
}

fn finding_at(result: &LintResult, rule: &str, file: &str, line: usize) -> bool {
    result
        .diagnostics
        .iter()
        .any(|d| d.rule == rule && d.region.path.ends_with(file) && d.region.line == line)
}

const FIGHTING: &str = "events/2021/2021-11-16-border-fighting.toml";

#[test]
fn a_changed_word_is_caught_at_its_line() {
    let Some(seeds) = seeds() else { return };
    let (dir, line) = copy_with(
        FIGHTING,
        "quote = \"Contact has been lost with another 24 servicemen.\"",
        "quote = \"Contact has been lost with another 24 soldiers.\"",
    );
    let (_, result) = lint_with_archive(dir.path(), &seeds);
    assert!(
        finding_at(&result, "quote-not-in-source", FIGHTING, line),
        "{:#?}",
        result.diagnostics
    );
}

#[test]
fn a_mistyped_figure_is_caught_at_its_line() {
    let Some(seeds) = seeds() else { return };
    let (dir, line) = copy_with(FIGHTING, "count = 13", "count = 31");
    let (_, result) = lint_with_archive(dir.path(), &seeds);
    assert!(
        finding_at(&result, "figure-not-in-quote", FIGHTING, line),
        "{:#?}",
        result.diagnostics
    );
}

#[test]
fn a_swapped_claimant_is_caught_at_its_line() {
    let Some(seeds) = seeds() else { return };
    let rel = "events/2021/2021-xx-xx-armenia-appeals-to-russia.toml";
    let (dir, line) = copy_with(
        rel,
        "claimant = \"armen-grigoryan\"",
        "claimant = \"ara-ayvazyan\"",
    );
    let (_, result) = lint_with_archive(dir.path(), &seeds);
    assert!(
        finding_at(&result, "claimant-not-in-context", rel, line),
        "{:#?}",
        result.diagnostics
    );
}
