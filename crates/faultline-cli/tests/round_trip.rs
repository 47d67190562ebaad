//! Round trips: export jsonl → import jsonl; export acled → import acled; export ucdp →
//! import ucdp; records → TOML files (as `faultline import` writes them) → the dataset loader.
//! They live here, where import and export meet: neither library depends on the other.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, Overwrite, write_all};
use faultline_export::{Format, Options, Records, render, render_with};
use faultline_formats::acled::{CURRENT_COLUMNS, Generation, convert};
use faultline_formats::ucdp::GED_COLUMNS;
use faultline_import::{ImportOptions, Imported, import_file, import_reader};

fn fixture_dataset() -> Records {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../faultline-export/tests/fixtures/dataset");
    Records::from_dataset(&Dataset::open(dir).unwrap())
}

fn import_fixture(format: faultline_import::Format, name: &str) -> Imported {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../faultline-import/tests/fixtures")
        .join(name);
    import_file(format, &path, &ImportOptions::default()).unwrap()
}

fn records_of(imported: &Imported) -> Records {
    Records::new(
        imported.events.clone(),
        imported.sources.clone(),
        imported.places.clone(),
        imported.actors.clone(),
    )
}

fn reimport(format: faultline_import::Format, bytes: &[u8]) -> Imported {
    let imported = import_reader(
        format,
        bytes,
        "exported",
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        imported.report.rows_rejected, 0,
        "{:?}",
        imported.report.rejected
    );
    imported
}

/// Writes records as a dataset directory, as `faultline import` does.
fn write_dataset(dir: &Path, records: &Records) {
    let files = faultline_fmt::write::dataset_files(
        &records.events,
        &records.sources,
        &records.places,
        &records.actors,
        Some(faultline_fmt::SCHEMA_DIR),
    )
    .unwrap();
    let planned: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|(rel, text)| (dir.join(rel), text))
        .collect();
    write_all(dir, &planned, Overwrite::Never).unwrap();
}

/// The id of the source record of the imported file itself (ACLED's or UCDP's export, the
/// one source of kind dataset an import makes).
fn file_source(imported: &Imported) -> faultline_model::SourceId {
    let mut files = imported
        .sources
        .iter()
        .filter(|s| s.kind == Some(faultline_model::SourceKind::Dataset));
    let file = files.next().unwrap().id.clone();
    assert!(files.next().is_none(), "one source for the file");
    file
}

/// `back`'s events as if read from `original`'s file: each imported file is a source of its
/// own (its id follows the file name), so the exported file's source stands where the
/// original file's stood; everything else must come back as it was.
fn cited_as(back: &Imported, original: &Imported) -> Vec<faultline_model::Event> {
    let (from, to) = (file_source(back).to_ref(), file_source(original).to_ref());
    let swap = |s: &mut faultline_model::SourceRef| {
        if *s == from {
            *s = to.clone();
        }
    };
    let mut events = back.events.clone();
    for e in &mut events {
        e.sources.iter_mut().for_each(swap);
        e.claims
            .iter_mut()
            .filter_map(|c| c.source.as_mut())
            .for_each(swap);
        e.casualties
            .iter_mut()
            .filter_map(|c| c.source.as_mut())
            .for_each(swap);
    }
    events
}

fn only(files: Vec<faultline_export::OutputFile>) -> Vec<u8> {
    files.into_iter().next().unwrap().bytes
}

#[test]
fn jsonl_export_then_import_is_equal() {
    for records in [
        fixture_dataset(),
        records_of(&import_fixture(
            faultline_import::Format::Acled,
            "acled_current.csv",
        )),
        records_of(&import_fixture(
            faultline_import::Format::Ucdp,
            "ucdp_ged.csv",
        )),
    ] {
        let bytes = only(render(&records, Format::Jsonl).unwrap());
        let back = reimport(faultline_import::Format::Jsonl, &bytes);
        assert_eq!(back.events, records.events);
    }
}

#[test]
fn acled_export_then_import_keeps_every_acled_column() {
    for (name, generation) in [
        ("acled_current.csv", Generation::Current),
        ("acled_pre2023.csv", Generation::Pre2023),
        ("acled_hdx.csv", Generation::Hdx),
        ("acled_2016.csv", Generation::Legacy2016),
    ] {
        let original = import_fixture(faultline_import::Format::Acled, name);
        let sorted = records_of(&original);
        // In its own generation, every column comes back as it was.
        let options = Options {
            acled_generation: Some(generation),
            ..Options::default()
        };
        let bytes = only(render_with(&sorted, Format::Acled, &options).unwrap());
        let back = reimport(faultline_import::Format::Acled, &bytes);
        assert_eq!(back.events.len(), original.events.len(), "{name}");
        // Rows come back in export order.
        for (a, b) in sorted.events.iter().zip(&back.events) {
            assert_eq!(b.external["acled"], a.external["acled"], "{name}");
        }
        // In the current generation, the columns it shares keep their values, a renamed
        // column (2016's ally_actor_*) fills today's, and the types are today's.
        let bytes = only(render(&sorted, Format::Acled).unwrap());
        let back = reimport(faultline_import::Format::Acled, &bytes);
        for (a, b) in sorted.events.iter().zip(&back.events) {
            let (a, b) = (&a.external["acled"], &b.external["acled"]);
            for column in CURRENT_COLUMNS {
                let kept = a
                    .get(column)
                    .or_else(|| convert::renamed(column).and_then(|old| a.get(old)));
                match (column, kept) {
                    ("event_type", Some(value)) => assert_eq!(
                        b[column],
                        convert::current_types(value, None).0,
                        "{name}: event_type"
                    ),
                    (_, Some(value)) => {
                        assert_eq!(b.get(column), Some(value), "{name}: column {column}");
                    }
                    (_, None) => {}
                }
            }
        }
    }
    // The current generation comes back whole.
    let original = import_fixture(faultline_import::Format::Acled, "acled_current.csv");
    let bytes = only(render(&records_of(&original), Format::Acled).unwrap());
    let back = reimport(faultline_import::Format::Acled, &bytes);
    let mut expected = original.events.clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    let mut got = cited_as(&back, &original);
    got.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        got, expected,
        "an ACLED row survives export and import unchanged"
    );
}

#[test]
fn native_events_export_to_acled_and_back() {
    let records = fixture_dataset();
    let bytes = only(render(&records, Format::Acled).unwrap());
    let back = reimport(faultline_import::Format::Acled, &bytes);
    assert_eq!(back.events.len(), records.events.len());
    let escalation = back
        .events
        .iter()
        .find(|e| e.external["acled"]["event_id_cnty"] == "2022-09-13-border-escalation")
        .unwrap();
    // The conservative killed figure: 49 + 50 (the lowest figure for each party).
    assert_eq!(escalation.external["acled"]["fatalities"], "99");
    assert!(
        escalation
            .summary
            .contains("71-80 according to Ministry of Defence of Armenia")
    );
    assert_eq!(escalation.kind, faultline_model::EventKind::Shelling);
}

#[test]
fn ucdp_export_then_import_keeps_every_ged_column() {
    let original = import_fixture(faultline_import::Format::Ucdp, "ucdp_ged.csv");
    let bytes = only(render(&records_of(&original), Format::Ucdp).unwrap());
    let back = reimport(faultline_import::Format::Ucdp, &bytes);
    let sorted = records_of(&original);
    for (a, b) in sorted.events.iter().zip(&cited_as(&back, &original)) {
        assert_eq!(a.external["ucdp"], b.external["ucdp"]);
        assert_eq!(a, b);
    }
    // Native events: deaths per side and best/low/high from the claims.
    let bytes = only(render(&fixture_dataset(), Format::Ucdp).unwrap());
    let back = reimport(faultline_import::Format::Ucdp, &bytes);
    let e = back
        .events
        .iter()
        .find(|e| e.external["ucdp"]["relid"] == "2022-09-13-border-escalation")
        .unwrap();
    let ged = &e.external["ucdp"];
    assert_eq!(ged["side_a"], "Government of Azerbaijan");
    assert_eq!(
        ged["deaths_a"], "50",
        "the lower median of 50 and 71-80's best (75)"
    );
    assert_eq!(ged["deaths_b"], "49");
    assert_eq!((ged["low"].as_str(), ged["high"].as_str()), ("99", "129"));
    assert_eq!(GED_COLUMNS.len(), ged.len());
}

#[test]
fn toml_files_load_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    for (i, records) in [
        fixture_dataset(),
        records_of(&import_fixture(
            faultline_import::Format::Acled,
            "acled_current.csv",
        )),
        records_of(&import_fixture(
            faultline_import::Format::Acled,
            "acled_2016.csv",
        )),
        records_of(&import_fixture(
            faultline_import::Format::Acled,
            "acled_hdx.csv",
        )),
        records_of(&import_fixture(
            faultline_import::Format::Ucdp,
            "ucdp_ged.csv",
        )),
    ]
    .into_iter()
    .enumerate()
    {
        let out = dir.path().join(i.to_string());
        write_dataset(&out, &records);
        let loaded = Dataset::open(&out).unwrap();
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert_eq!(Records::from_dataset(&loaded), records);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any summary text survives ACLED export (formula neutralisation included) and import.
        #[test]
        fn any_text_survives_acled_csv(text in "[=+@\\-'\t\r\n\",;a-z0-9 ]{1,24}") {
            let mut records = fixture_dataset();
            records.events.truncate(1);
            records.events[0].summary = text.clone();
            records.events[0].claims.clear();
            records.events[0].casualties.clear();
            let bytes = only(render(&records, Format::Acled).unwrap());
            let back = reimport(faultline_import::Format::Acled, &bytes);
            // The importer trims cells; the verbatim map keeps the exact text.
            prop_assert_eq!(&back.events[0].external["acled"]["notes"], &text);
        }
    }
}
