//! Streaming (registries, then events in batches, then the finish phase) gives exactly the
//! findings of linting the dataset held in memory — on every rule fixture, on the bundled
//! dataset, and on a JSON Lines file whose duplicates, related events and bad lines fall in
//! different batches. Batches are made tiny so that every cross-batch path is exercised.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use faultline_dataset::{Dataset, LoadOptions};
use faultline_validate::engine::batches::plan_with;
use faultline_validate::{Config, Diagnostic, LintResult, lint, lint_batches};
use support::{TestData, fixtures};

fn render(d: &Diagnostic) -> String {
    let r = &d.region;
    let mut s = format!(
        "{d} [{}:{}-{}:{}]",
        r.line, r.column, r.end_line, r.end_column
    );
    if let Some(h) = &d.help {
        s.push_str(&format!("\n  help: {h}"));
    }
    for rel in &d.related {
        let q = &rel.region;
        s.push_str(&format!(
            "\n  related {}:{}:{}-{}:{} {}",
            q.file, q.line, q.column, q.end_line, q.end_column, rel.message
        ));
    }
    if let Some(f) = &d.fix {
        for e in &f.edits {
            s.push_str(&format!(
                "\n  fix {}..{} -> {}",
                e.span.start, e.span.end, e.replacement
            ));
        }
    }
    s
}

fn texts(r: &LintResult) -> Vec<String> {
    r.diagnostics.iter().map(render).collect()
}

fn streamed(
    root: &Path,
    config: &Config,
    files_per_batch: usize,
    lines_per_batch: usize,
) -> LintResult {
    let options = LoadOptions {
        names_relative_to: Some(root.to_path_buf()),
        ..LoadOptions::default()
    };
    let (registries, events) = Dataset::open_registries(root, options.clone()).unwrap();
    let batches = plan_with(
        events,
        &options,
        lines_per_batch,
        files_per_batch,
        Some(root.to_path_buf()),
    );
    lint_batches(&registries, batches, &options, config)
}

fn in_memory(root: &Path, config: &Config) -> LintResult {
    let options = LoadOptions {
        names_relative_to: Some(root.to_path_buf()),
        ..LoadOptions::default()
    };
    lint(&Dataset::open_with(root, options).unwrap(), config)
}

fn assert_same(root: &Path, config: &Config, what: &str) {
    let whole = in_memory(root, config);
    for (files, lines) in [(1, 1), (2, 3), (256, 4096)] {
        let parts = streamed(root, config, files, lines);
        assert_eq!(
            texts(&whole),
            texts(&parts),
            "{what}: batches of {files} files / {lines} lines"
        );
        assert_eq!(whole.summary, parts.summary, "{what}: summary");
    }
}

#[test]
fn every_fixture_gives_the_same_findings_streamed() {
    let mut cases = 0;
    for rule in std::fs::read_dir(fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        if rule.ends_with("base") {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            let data = TestData::new(&[case.as_path()]);
            // With the fixture's archive: quotes and claimants are checked in every batch.
            let config = data.config_for(&data.load());
            assert_same(data.dir.path(), &config, &case.display().to_string());
            cases += 1;
        }
    }
    assert!(cases > 50, "only {cases} fixtures");
}

#[test]
fn the_bundled_dataset_gives_the_same_findings_streamed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let config = Config::with_today("2026-11-21".parse().unwrap());
    assert_same(&root, &config, "data/");
}

/// A JSON Lines line for an event at the base fixture's place.
fn line(id: &str, date: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"T","kind":"armed-clash","summary":"S","sources":["example-source"],"date":{{"start":"{date}","precision":"day"}},"places":[{{"place":"example-place"}}],"actors":[{{"actor":"example-actor"}},{{"actor":"example-other"}}]{extra}}}"#
    )
}

#[test]
fn a_json_lines_file_across_batches_gives_the_same_findings_streamed() {
    let data = TestData::new(&[]);
    let mut lines = vec![
        line(
            "2021-05-01-a",
            "2021-05-01",
            r#","related":["2021-05-09-z"]"#,
        ),
        line("2021-05-02-b", "2021-05-02", ""),
        "{ this is not json".to_owned(),
        line(
            "2021-05-03-c",
            "2021-05-03",
            r#","related":["2021-05-01-a", "2021-05-0-missing"]"#,
        ),
        String::new(),
        line("2021-05-02-b", "2021-05-02", ""),
        line(
            "2021-05-05-d",
            "2031-05-05",
            r#","casualties":[{"party":"example-party","category":"killed","count":-1}]"#,
        ),
        line("2021-05-06-e", "2021-05-06", r#","sorces":[]"#),
        line(
            "2021-05-07-f",
            "2021-05-07",
            r#","places":[{"place":"Misal Gol"}]"#,
        )
        .replace(r#""places":[{"place":"example-place"}],"#, ""),
        "{\"id\":\"2021-05-08-g\",\"title\":\"Ծ\u{fffd}\"}".to_owned(),
        line("2021-05-01-a", "2021-05-01", ""),
    ];
    lines.push(line("2021-05-09-y", "2021-05-09", ""));
    lines.push(line("2021-05-09-z", "2021-05-09", ""));
    // Loaded leniently: the first figure is dropped, the second still checked, in place.
    lines.push(line(
        "2021-05-10-h",
        "2021-05-10",
        r#","casualties":[{"party":"example-party","category":"kiled","count":1},{"party":"example-party","category":"killed","count":-2}]"#,
    ));
    let lenient_line = lines.len();
    data.write("events/bulk.jsonl", &(lines.join("\n") + "\n"));
    data.write("events/more.jsonl", &line("2021-05-03-c", "2021-05-03", ""));
    let config = data.config();
    assert_same(data.dir.path(), &config, "events/bulk.jsonl");
    let whole = in_memory(data.dir.path(), &config);
    let rules: Vec<&str> = whole.diagnostics.iter().map(|d| d.rule).collect();
    for expected in [
        "duplicate-id",
        "possible-duplicate-event",
        "dangling-reference",
        "parse-error",
        "schema-violation",
        "future-date",
        "invalid-casualty-range",
        "place-alias",
    ] {
        assert!(
            rules.contains(&expected),
            "{expected} missing from {rules:?}"
        );
    }
    let range = whole
        .diagnostics
        .iter()
        .find(|d| d.rule == "invalid-casualty-range" && d.region.line == lenient_line)
        .expect("the leniently loaded line's figure is checked");
    let text = &lines[lenient_line - 1];
    let at: String = text
        .chars()
        .skip(range.region.column - 1)
        .take(range.region.end_column - range.region.column)
        .collect();
    assert_eq!(at, "-2", "points at the figure as written");
}

#[test]
fn event_files_and_roles_are_counted() {
    let data = TestData::new(&[]);
    data.write(
        "events/bulk.jsonl",
        &format!(
            "{}\n{}\n",
            line("2021-05-01-a", "2021-05-01", ""),
            line("2021-05-02-b", "2021-05-02", "")
        ),
    );
    let r = streamed(data.dir.path(), &data.config(), 1, 1);
    let counts: Vec<usize> = r.event_files.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts.iter().sum::<usize>(), 3);
    assert_eq!(r.summary.events, 3);
}

#[test]
fn findings_are_the_same_whatever_the_thread_count() {
    let data = TestData::new(&[]);
    let lines: Vec<String> = (0..200)
        .map(|i| {
            let day = i % 28 + 1;
            let extra = if i % 17 == 0 { r#","sorces":[]"# } else { "" };
            line(
                &format!("2021-05-{day:02}-e{}", i % 150),
                &format!("2021-05-{day:02}"),
                extra,
            )
        })
        .collect();
    data.write("events/bulk.jsonl", &(lines.join("\n") + "\n"));
    let config = data.config();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| texts(&streamed(data.dir.path(), &config, 1, 7)))
    };
    let one = run(1);
    assert!(
        one.len() > 50,
        "the file must produce findings ({})",
        one.len()
    );
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}

#[test]
fn per_file_ignores_leave_out_the_same_findings_streamed() {
    let data = TestData::new(&[&fixtures().join("unattributed-casualty/invalid-each-gap")]);
    let found = in_memory(data.dir.path(), &data.config());
    assert!(
        found
            .diagnostics
            .iter()
            .any(|d| d.rule == "unattributed-casualty")
    );
    data.write(
        "faultline.toml",
        "[per-file-ignores]\n\"events/**\" = [\"unattributed-casualty\"]\n",
    );
    let config = data.config();
    let left = in_memory(data.dir.path(), &config);
    assert!(
        left.diagnostics
            .iter()
            .all(|d| d.rule != "unattributed-casualty")
    );
    let s = &left.summary;
    assert_eq!(s.errors + s.warnings + s.infos, left.diagnostics.len());
    assert_same(data.dir.path(), &config, "per-file ignores");
}
