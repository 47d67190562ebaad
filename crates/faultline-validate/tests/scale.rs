//! Dirty data at scale: the number of findings stays proportional to the number of records
//! whatever the shape of the data, and findings that outgrow their memory budget (spilled to
//! temporary files and merged back) come out exactly as they do held in memory.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::sync::Arc;

use faultline_dataset::{Dataset, LoadOptions};
use faultline_validate::engine::batches::plan_with;
use faultline_validate::{Config, LintResult, StreamOptions, lint, lint_stream};
use support::{TestData, describe, fixtures};

/// A JSON Lines line for an armed clash at the base fixture's place on `date`.
fn clash(id: &str, date: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"T","kind":"armed-clash","summary":"S","sources":["example-source"],"date":{{"start":"{date}","precision":"day"}},"places":[{{"place":"example-place"}}],"actors":[{{"actor":"example-actor"}},{{"actor":"example-other"}}]}}"#
    )
}

#[test]
fn a_cluster_of_ten_thousand_events_on_one_day_at_one_place_is_one_finding_per_event() {
    const EVENTS: usize = 10_000;
    let data = TestData::new(&[]);
    let lines: Vec<String> = (0..EVENTS)
        .map(|i| clash(&format!("2021-11-16-report-{i}"), "2021-11-16"))
        .collect();
    data.write("events/cluster.jsonl", &(lines.join("\n") + "\n"));
    let (_, result) = data.lint();
    let duplicates: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule == "possible-duplicate-event")
        .collect();
    // Every event but the first has earlier duplicates (the base fixture's event is on the
    // same day at the same place, so the first line has one too): one finding each.
    assert!(
        duplicates.len() <= EVENTS,
        "{} possible-duplicate findings for {EVENTS} events",
        duplicates.len()
    );
    assert_eq!(duplicates.len(), EVENTS);
    let last = duplicates.iter().find(|d| d.region.line == EVENTS).unwrap();
    assert!(
        last.message
            .starts_with("this event may duplicate 100 or more earlier events: `2021-11-16-example`, `2021-11-16-report-0`, `2021-11-16-report-1` and others"),
        "{}",
        last.message
    );
    assert_eq!(last.related.len(), 3);
}

fn options(root: &Path) -> LoadOptions {
    LoadOptions {
        names_relative_to: Some(root.to_path_buf()),
        ..LoadOptions::default()
    }
}

fn in_memory(root: &Path, config: &Config) -> LintResult {
    lint(&Dataset::open_with(root, options(root)).unwrap(), config)
}

/// The run streamed in batches of `lines` lines / `files` files, its findings held within
/// `memory` bytes (spilled past it), and read back.
fn spilled(
    root: &Path,
    config: &Config,
    memory: usize,
    files: usize,
    lines: usize,
    keep: Option<faultline_validate::engine::Keep>,
) -> LintResult {
    let options = options(root);
    let (registries, events) = Dataset::open_registries(root, options.clone()).unwrap();
    let batches = plan_with(events, &options, lines, files, Some(root.to_path_buf()));
    let stream = StreamOptions {
        memory: Some(memory),
        keep,
    };
    lint_stream(&registries, batches, &options, config, &stream)
        .unwrap()
        .into_result()
        .unwrap()
}

fn texts(r: &LintResult) -> Vec<String> {
    r.diagnostics.iter().map(describe).collect()
}

fn assert_same_spilled(root: &Path, config: &Config, what: &str) {
    let whole = in_memory(root, config);
    // 1 byte: every finding is a run of its own (and runs are merged 64 at a time).
    for (memory, files, lines) in [(1, 1, 1), (4096, 2, 3), (usize::MAX, 256, 4096)] {
        let parts = spilled(root, config, memory, files, lines, None);
        assert_eq!(
            texts(&whole),
            texts(&parts),
            "{what}: {memory} bytes, batches of {files} files / {lines} lines"
        );
        assert_eq!(whole.summary, parts.summary, "{what}: summary");
        assert_eq!(whole.event_files, parts.event_files, "{what}: event files");
    }
}

#[test]
fn every_fixture_gives_the_same_findings_spilled() {
    let mut cases = 0;
    for rule in std::fs::read_dir(fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        if rule.ends_with("base") {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            let data = TestData::new(&[case.as_path()]);
            assert_same_spilled(data.dir.path(), &data.config(), &case.display().to_string());
            cases += 1;
        }
    }
    assert!(cases > 50, "only {cases} fixtures");
}

#[test]
fn the_bundled_dataset_gives_the_same_findings_spilled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let config = Config::with_today("2026-11-21".parse().unwrap());
    assert_same_spilled(&root, &config, "data/");
}

/// A JSON Lines file with findings on most lines: a cluster of duplicates, mismatched ids,
/// future dates, bad figures, unknown keys and broken lines.
fn dirty(data: &TestData, events: usize) {
    let lines: Vec<String> = (0..events)
        .map(|i| {
            let day = i % 28 + 1;
            let line = clash(&format!("2021-05-{day:02}-e{i}"), &format!("2021-05-{day:02}"));
            match i % 7 {
                0 => line.replace("2021-05-", "2031-05-"),
                1 => line.replace(r#""sources""#, r#""sorces""#),
                2 => line.replace(
                    r#""actors""#,
                    r#""casualties":[{"party":"example-party","category":"killed","count":-1}],"actors""#,
                ),
                3 => "{ not json".to_owned(),
                4 => line.replace(r#"-e"#, r#"-x"#).replace(r#""id":"2021"#, r#""id":"2020"#),
                _ => line,
            }
        })
        .collect();
    data.write("events/dirty.jsonl", &(lines.join("\n") + "\n"));
    let late = clash("2031-05-03-m", "2031-05-03");
    data.write("events/late.json", &format!("[{late}, {late}]"));
}

#[test]
fn a_dirty_json_lines_file_gives_the_same_findings_spilled_whatever_the_thread_count() {
    let data = TestData::new(&[]);
    dirty(&data, 400);
    let config = data.config();
    let whole = in_memory(data.dir.path(), &config);
    assert!(
        whole.diagnostics.len() > 300,
        "{} findings",
        whole.diagnostics.len()
    );
    let run = |threads: usize, memory: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| texts(&spilled(data.dir.path(), &config, memory, 1, 7, None)))
    };
    for threads in [1, 2, 4] {
        for memory in [1, 10_000, usize::MAX] {
            assert_eq!(
                texts(&whole),
                run(threads, memory),
                "{threads} threads, {memory} bytes"
            );
        }
    }
}

#[test]
fn only_the_findings_of_the_files_kept_are_kept() {
    let data = TestData::new(&[]);
    dirty(&data, 50);
    let config = data.config();
    let whole = in_memory(data.dir.path(), &config);
    let keep: faultline_validate::engine::Keep =
        Arc::new(|p: &Path| p.extension().is_some_and(|e| e == "json"));
    let some = spilled(data.dir.path(), &config, 1, 1, 7, Some(keep));
    let expected: Vec<String> = whole
        .diagnostics
        .iter()
        .filter(|d| d.region.path.extension().is_some_and(|e| e == "json"))
        .map(describe)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(texts(&some), expected);
}
