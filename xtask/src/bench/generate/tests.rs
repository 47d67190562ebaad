//! The generator is deterministic, plants exactly one defect in [`DEFECT_EVERY`] records, and
//! the real linter finds every planted defect and nothing in the clean records.

use std::collections::{BTreeSet, HashMap};

use faultline_dataset::{Dataset, LoadOptions};
use faultline_model::Date;
use faultline_validate::{Config, LintResult, lint};

use super::events::{self, Defect, defect_of};
use super::world::World;
use super::{
    DEFECT_EVERY, SEED, acled_text, jsonl_text, planted, write_dataset_dir, write_toml_dir,
};

const N: usize = 1000;

#[test]
fn deterministic_with_the_documented_defect_rate() {
    let (a, defects) = (jsonl_text(N), planted(N));
    assert_eq!(a, jsonl_text(N));
    assert_eq!(defects, planted(N));
    // Record i does not depend on the size of the dataset.
    assert!(a.starts_with(&jsonl_text(N / 2)));
    assert_eq!(a.lines().count(), N);
    assert_eq!(defects.iter().flatten().count(), N / DEFECT_EVERY); // 2%
    for d in Defect::ALL {
        assert!(
            defects.contains(&Some(d)),
            "{d:?} is never planted in {N} events"
        );
    }
    let average = a.len() / N;
    assert!(
        (1000..=2000).contains(&average),
        "records average {average} bytes"
    );

    let csv = acled_text(300);
    let rows: Vec<Vec<String>> = csv_rows(&csv);
    assert_eq!(rows.len(), 301);
    assert!(
        rows.iter().all(|r| r.len() == 31),
        "every row has the 31 columns"
    );
    assert_eq!(csv, acled_text(300));
}

/// A minimal CSV reader (quoted fields, doubled quotes, line breaks inside quotes).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn config() -> Config {
    Config::with_today(Date::new(2026, 11, 21).unwrap())
}

/// Checks the rules reported per event index against the planted defects.
fn check(found: &HashMap<usize, BTreeSet<&'static str>>) {
    let world = World::new(SEED);
    // A copy and the event it repeats form a pair; the finding may land on either.
    let mut partner: HashMap<usize, usize> = HashMap::new();
    for i in 0..N {
        if let Some(j) = events::event(&world, i).copy_of {
            partner.insert(i, j);
            partner.insert(j, i);
        }
    }
    let empty = BTreeSet::new();
    for i in 0..N {
        let mine = found.get(&i).unwrap_or(&empty);
        let theirs = partner.get(&i).and_then(|j| found.get(j)).unwrap_or(&empty);
        match defect_of(i) {
            Some(d) => assert!(
                mine.contains(d.rule()) || theirs.contains(d.rule()),
                "event {i}: {d:?} planted, found {mine:?}"
            ),
            None if partner.contains_key(&i) => assert!(
                mine.iter()
                    .all(|r| ["duplicate-id", "possible-duplicate-event"].contains(r)),
                "event {i} (repeated by a planted copy): {mine:?}"
            ),
            None => assert!(mine.is_empty(), "clean event {i}: {mine:?}"),
        }
    }
}

/// Registry findings: with only 1k events some places and sources are unused; nothing else
/// but the note that, with no archive given, the quotes went unchecked.
fn registry_ok(result: &LintResult, is_event: impl Fn(&str) -> bool) {
    for d in &result.diagnostics {
        if !is_event(&d.region.file) && d.rule != "unarchived-source" {
            assert_eq!(d.rule, "unused-record", "{}: {}", d.region.file, d.message);
        }
    }
}

#[test]
fn the_linter_finds_every_planted_defect_in_a_toml_directory() {
    let dir = tempfile::tempdir().unwrap();
    write_toml_dir(dir.path(), N).unwrap();
    let dataset = Dataset::open(dir.path()).unwrap();
    let result = lint(&dataset, &config());
    let world = World::new(SEED);
    let stems: HashMap<String, usize> =
        (0..N).map(|i| (events::event(&world, i).stem, i)).collect();
    let mut found: HashMap<usize, BTreeSet<&'static str>> = HashMap::new();
    for d in &result.diagnostics {
        let Some(file) = d.region.file_id else {
            continue;
        };
        let path = &dataset.file(file).path;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if let Some(i) = stems.get(stem) {
            found.entry(*i).or_default().insert(d.rule);
        }
    }
    registry_ok(&result, |f| f.contains("events/"));
    check(&found);
}

#[test]
fn the_linter_finds_every_planted_defect_in_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("registry");
    write_dataset_dir(&World::new(SEED), &registry, 0).unwrap();
    let file = dir.path().join("events.jsonl");
    std::fs::write(&file, jsonl_text(N)).unwrap();
    let mut dataset = Dataset::open(&registry).unwrap();
    let id = dataset.add_file(&file, LoadOptions::default()).unwrap();
    let result = lint(&dataset, &config());
    let mut found: HashMap<usize, BTreeSet<&'static str>> = HashMap::new();
    for d in &result.diagnostics {
        if d.region.file_id == Some(id) {
            found.entry(d.region.line - 1).or_default().insert(d.rule);
        }
    }
    registry_ok(&result, |f| f.ends_with("events.jsonl"));
    check(&found);
}
