//! Micro-benchmarks of the linter's hot paths, each run in about a second, to catch a
//! regression in a pull request: `cargo bench -p xtask --bench micro` (or
//! `cargo xtask bench --micro`); add a filter to run some, e.g. `... --bench micro -- lint`.
//!
//! The records are the benchmark's own: generated events (one in 50 with a planted defect) and
//! the dirty copies of the bundled records (docs/performance.md). Every benchmark goes
//! through the crates' public API, as a user of the libraries would.

use std::path::{Path, PathBuf};

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use faultline_dataset::{Dataset, FileRole, LoadOptions};
use faultline_model::Date;
use faultline_validate::{Config, lint};
use xtask::bench::generate;

fn main() {
    divan::main();
}

/// Events in one engine batch of a JSON Lines file (the linter's `LINES_PER_BATCH`).
const BATCH: usize = faultline_validate::engine::batches::LINES_PER_BATCH;

/// The repository's bundled dataset.
fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// A folder that lives as long as the benchmark process.
fn scratch() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// A clean generated event (event 0 carries no defect).
fn clean_line() -> String {
    generate::jsonl_text(1).trim_end().to_owned()
}

/// Loading one record into the model with the loader.
mod parse {
    use super::*;

    /// One event from one JSON line (the fast path: straight into the model).
    #[divan::bench]
    fn json_line(bencher: Bencher) {
        let line = clean_line();
        bencher.bench(|| {
            let mut dataset = Dataset::default();
            dataset.add_json_lines("bench.jsonl", black_box(line.clone()));
            dataset
        });
    }

    /// One JSON line the model rejects (an unknown key): the slow path that builds a JSON value
    /// and locates the problem.
    #[divan::bench]
    fn json_line_invalid(bencher: Bencher) {
        let line = clean_line().replacen('{', "{\"verified\":true,", 1);
        bencher.bench(|| {
            let mut dataset = Dataset::default();
            dataset.add_json_lines("bench.jsonl", black_box(line.clone()));
            assert!(!dataset.errors.is_empty());
            dataset
        });
    }

    /// One event file (TOML), read from the page cache.
    #[divan::bench]
    fn toml_file(bencher: Bencher) {
        let (rel, text) = generate::toml_event(0);
        let path = scratch().join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(&path, text).expect("written");
        let options = LoadOptions::default();
        bencher.bench(|| {
            let mut dataset = Dataset::default();
            dataset.add_files(vec![(path.clone(), FileRole::Event)], &options);
            dataset
        });
    }
}

/// Locating a value of a loaded record: a finding's line and column.
mod locate {
    use super::*;

    /// A value deep in the record (generated event 0 has two claims).
    const POINTER: &str = "/claims/1/quote";

    /// A value deep in a JSON Lines record (the record's line is scanned again).
    #[divan::bench]
    fn json_line(bencher: Bencher) {
        let mut dataset = Dataset::default();
        dataset.add_json_lines("bench.jsonl", clean_line());
        let origin = dataset.events[0].origin.clone();
        assert!(
            dataset.locate(&origin, POINTER).exact,
            "{POINTER} is in the record"
        );
        bencher.bench(|| dataset.locate(black_box(&origin), black_box(POINTER)));
    }

    /// A value deep in a TOML event file (the file's span tree is built once and kept).
    #[divan::bench]
    fn toml_file(bencher: Bencher) {
        let (rel, text) = generate::toml_event(0);
        let path = scratch().join("locate").join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(&path, text).expect("written");
        let mut dataset = Dataset::default();
        dataset.add_files(vec![(path, FileRole::Event)], &LoadOptions::default());
        let origin = dataset.events[0].origin.clone();
        assert!(
            dataset.locate(&origin, POINTER).exact,
            "{POINTER} is in the record"
        );
        bencher.bench(|| dataset.locate(black_box(&origin), black_box(POINTER)));
    }
}

/// One pass of every rule over one batch of events, against the registry.
mod lint_batch {
    use super::*;

    /// Every rule but `unused-record`: a batch leaves most of the registry unused, and 2,500
    /// such findings on the registry would cost more than the batch itself.
    fn config() -> Config {
        let mut config = Config::with_today(Date::new(2026, 11, 21).expect("a date"));
        config.ignore("unused-record").expect("a rule");
        config
    }

    /// A dataset of the registry at `registry` and one batch of JSON Lines events.
    fn batch(registry: &Path, lines: String) -> Dataset {
        let (mut dataset, _) =
            Dataset::open_registries(registry, LoadOptions::default()).expect("the registry");
        if !lines.is_empty() {
            dataset.add_json_lines("batch.jsonl", lines);
        }
        dataset
    }

    /// The generated registry (359 sources, 2,000 places, 149 actors), written once.
    fn registry() -> PathBuf {
        let registry = scratch().join("registry");
        if !registry.exists() {
            generate::write_toml_dir(&registry, 0).expect("the registry");
        }
        registry
    }

    /// The generated registry alone: the part of `clean` that is not the batch (the registry
    /// pass, the index, the finish phase); a batch's own cost is `clean` minus this.
    #[divan::bench(sample_count = 10)]
    fn registry_only(bencher: Bencher) {
        let dataset = batch(&registry(), String::new());
        let config = config();
        bencher.bench(|| lint(&dataset, &config));
    }

    /// 1,024 generated events: 2% with a defect.
    #[divan::bench(sample_count = 10)]
    fn clean(bencher: Bencher) {
        let dataset = batch(&registry(), generate::jsonl_text(BATCH));
        let config = config();
        bencher
            .counter(ItemsCount::new(BATCH))
            .bench(|| lint(&dataset, &config));
    }

    /// 1,024 dirty copies of the bundled events: findings on most of them.
    #[divan::bench(sample_count = 10)]
    fn dirty(bencher: Bencher) {
        let lines = generate::dirty_jsonl_text(&bundled(), BATCH).expect("the bundled dataset");
        let dataset = batch(&bundled(), lines);
        let config = config();
        bencher
            .counter(ItemsCount::new(BATCH))
            .bench(|| lint(&dataset, &config));
    }
}

/// Mapping rows of an ACLED export to events (the import, in memory).
mod import {
    use super::*;
    use faultline_import::{Format, ImportOptions, import_reader};

    /// Rows of the current 31-column export, per row (1,000 rows and the header per iteration;
    /// one row in 100 is rejected).
    #[divan::bench(sample_count = 20)]
    fn acled_rows(bencher: Bencher) {
        const ROWS: usize = 1000;
        let csv = generate::acled_text(ROWS);
        let options = ImportOptions::default();
        bencher.counter(ItemsCount::new(ROWS)).bench(|| {
            import_reader(
                Format::Acled,
                black_box(csv.as_bytes()),
                "bench.csv",
                &options,
                &mut |_| {},
            )
            .expect("imported")
        });
    }
}
