//! Optional: the real files in `../shared/realdata` (never committed; see PROVENANCE.md there)
//! import completely, are written already formatted (`faultline fmt --check` changes nothing),
//! survive the TOML round trip, and (one of them) make a report with every event; and, one
//! test per file, each exports back to its own format (its own ACLED generation, UCDP GED)
//! with every original column value unchanged, and an older ACLED generation exported in the
//! current format keeps its actors in their columns and its types consistent. The folder is
//! `$FAULTLINE_REALDATA`, else `../shared/realdata` from the repository root. Each test says
//! on standard error, past the test harness's capture, when the folder or a file is missing.

#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use faultline_dataset::{Dataset, Overwrite, write_all};
use faultline_export::{Format, Options, Records, render_with};
use faultline_formats::acled::Generation;
use faultline_formats::acled::convert;
use faultline_import::{ImportOptions, import_file, import_reader};

/// The real files, each with its import format.
const FILES: [(faultline_import::Format, &str); 5] = [
    (
        faultline_import::Format::Acled,
        "acled_hdx_armenia_2018-2020.csv",
    ),
    (
        faultline_import::Format::Acled,
        "acled_global_2020-05-01_09.csv",
    ),
    (
        faultline_import::Format::Acled,
        "acled_benin_2023format.csv",
    ),
    (faultline_import::Format::Acled, "acled_2016_v7format.csv"),
    (
        faultline_import::Format::Ucdp,
        "ucdp_ged231_sample1000_from_uncertainUCDP.csv",
    ),
];

/// Says why a test skips, where it is seen: on standard error, not captured by the harness.
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// The folder of real files, if it is there: `$FAULTLINE_REALDATA`, else `../shared/realdata`
/// from the repository root (where CI has it).
fn realdata() -> Option<PathBuf> {
    let dir = std::env::var_os("FAULTLINE_REALDATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdata"),
        PathBuf::from,
    );
    if dir.is_dir() {
        Some(dir)
    } else {
        skip(&format!(
            "{} does not exist (the real ACLED/UCDP files are not part of the repository)",
            dir.display()
        ));
        None
    }
}

/// The real files that are there, with their formats; a missing one is said.
fn real_files() -> Vec<(faultline_import::Format, &'static str, PathBuf)> {
    let Some(dir) = realdata() else {
        return Vec::new();
    };
    FILES
        .into_iter()
        .filter_map(|(format, name)| {
            let path = dir.join(name);
            if path.is_file() {
                Some((format, name, path))
            } else {
                skip(&format!("{} is missing", path.display()));
                None
            }
        })
        .collect()
}

#[test]
fn real_files_import_completely_are_formatted_and_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    for (format, name, path) in real_files() {
        let imported = import_file(format, &path, &ImportOptions::default()).unwrap();
        let r = &imported.report;
        assert_eq!(r.rows_rejected, 0, "{name}: {:?}", r.rejected.first());
        assert_eq!(r.rows_read, r.rows_mapped, "{name}");
        let records = Records::new(
            imported.events.clone(),
            imported.sources.clone(),
            imported.places.clone(),
            imported.actors.clone(),
        );
        // TOML files load back into equal records.
        let out = tmp.path().join(name);
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
            .map(|(rel, text)| (out.join(rel), text))
            .collect();
        write_all(&out, &planned, Overwrite::Never).unwrap();
        let loaded = Dataset::open(&out).unwrap();
        assert!(
            loaded.errors.is_empty(),
            "{name}: {:?}",
            loaded.errors.first()
        );
        assert_eq!(Records::from_dataset(&loaded), records, "{name}");
        // The report shows every event, each as its own section (one file: a debug build
        // lints thousands of events slowly).
        if name == "acled_2016_v7format.csv" {
            let page = faultline_report::report(
                &loaded,
                &faultline_report::Options::new(faultline_validate::Config::with_today(
                    "2026-12-02".parse().unwrap(),
                )),
            );
            assert_eq!(page.events, records.events.len(), "{name}");
            let sections: std::collections::HashSet<&str> = page
                .html
                .split(r#"<article class="event" id=""#)
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .collect();
            for e in &records.events {
                assert!(
                    sections.contains(e.id.as_str()),
                    "{name}: no section for {}",
                    e.id
                );
            }
        }
        // The files are what `faultline import` writes, and already formatted.
        let o = Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(["fmt", "--check", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(
            (o.status.code(), String::from_utf8_lossy(&o.stdout).as_ref()),
            (Some(0), ""),
            "{name}: fmt --check would change imported files: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// One real file, imported; `None` (said) when it is not there.
fn imported(name: &str) -> Option<faultline_import::Imported> {
    let (format, _) = FILES.into_iter().find(|(_, n)| *n == name)?;
    let path = realdata()?.join(name);
    if !path.is_file() {
        skip(&format!("{} is missing", path.display()));
        return None;
    }
    let imported = import_file(format, &path, &ImportOptions::default()).unwrap();
    assert_eq!(imported.report.rows_rejected, 0, "{name}");
    Some(imported)
}

fn records_of(imported: &faultline_import::Imported) -> Records {
    Records::new(
        imported.events.clone(),
        imported.sources.clone(),
        imported.places.clone(),
        imported.actors.clone(),
    )
}

/// Exports records as `format` (ACLED in `generation`) and imports the bytes back.
fn export_and_reimport(
    records: &Records,
    format: Format,
    generation: Option<Generation>,
    name: &str,
) -> faultline_import::Imported {
    let options = Options {
        acled_generation: generation,
        ..Options::default()
    };
    let bytes = render_with(records, format, &options)
        .unwrap()
        .remove(0)
        .bytes;
    let import_format = if format == Format::Ucdp {
        faultline_import::Format::Ucdp
    } else {
        faultline_import::Format::Acled
    };
    let back = import_reader(
        import_format,
        &bytes[..],
        name,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        back.report.rows_rejected,
        0,
        "{name}: {:?}",
        back.report.rejected.first()
    );
    // Rows come back in export order.
    assert_eq!(back.events.len(), records.events.len(), "{name}");
    back
}

/// The file exports back to its own format with every original column's value unchanged.
fn round_trips_in_its_own_format(name: &str, format: Format, generation: Option<Generation>) {
    let Some(original) = imported(name) else {
        return;
    };
    let records = records_of(&original);
    let back = export_and_reimport(&records, format, generation, name);
    let system = if format == Format::Ucdp {
        "ucdp"
    } else {
        "acled"
    };
    let mut values = 0;
    for (a, b) in records.events.iter().zip(&back.events) {
        let (a, b) = (&a.external[system], &b.external[system]);
        for (column, value) in a {
            assert_eq!(
                b.get(column),
                Some(value),
                "{name}: column `{column}` of {}",
                a.get("event_id_cnty")
                    .or(a.get("relid"))
                    .map_or("?", String::as_str)
            );
            values += 1;
        }
        assert_eq!(
            a.len(),
            b.len(),
            "{name}: the columns written are the file's"
        );
    }
    assert!(values > 1000, "{name}: only {values} values compared");
}

/// An older ACLED generation exported in the current format: the actors stay in their
/// columns (2016's `ally_actor_*` become `assoc_actor_*`), the types are today's for the old
/// ones, and `disorder_type` is ACLED's for the event type, never contradicting it.
fn keeps_its_meaning_in_the_current_format(name: &str) {
    let Some(original) = imported(name) else {
        return;
    };
    let records = records_of(&original);
    let back = export_and_reimport(&records, Format::Acled, None, name);
    for (a, b) in records.events.iter().zip(&back.events) {
        let (a, b) = (&a.external["acled"], &b.external["acled"]);
        let id = a.get("event_id_cnty").map_or("?", String::as_str);
        for column in [
            "actor1",
            "actor2",
            "notes",
            "event_date",
            "location",
            "latitude",
        ] {
            assert_eq!(b.get(column), a.get(column), "{name} {id}: {column}");
        }
        for side in ["assoc_actor_1", "assoc_actor_2"] {
            let kept = a
                .get(side)
                .or_else(|| convert::renamed(side).and_then(|old| a.get(old)));
            assert_eq!(b.get(side), kept, "{name} {id}: {side}");
        }
        let sub = a.get("sub_event_type").map(String::as_str);
        let (event_type, sub_event_type) = convert::current_types(&a["event_type"], sub);
        assert_eq!(b["event_type"], event_type, "{name} {id}: event_type");
        assert_eq!(
            b["sub_event_type"],
            sub_event_type.unwrap_or(""),
            "{name} {id}: sub_event_type"
        );
        let disorder = a
            .get("disorder_type")
            .map(String::as_str)
            .or_else(|| convert::disorder_type(event_type, sub_event_type))
            .unwrap_or("");
        assert_eq!(b["disorder_type"], disorder, "{name} {id}: disorder_type");
    }
}

#[test]
fn acled_hdx_armenia_round_trips() {
    round_trips_in_its_own_format(
        "acled_hdx_armenia_2018-2020.csv",
        Format::Acled,
        Some(Generation::Hdx),
    );
    keeps_its_meaning_in_the_current_format("acled_hdx_armenia_2018-2020.csv");
}

#[test]
fn acled_global_2020_round_trips() {
    round_trips_in_its_own_format(
        "acled_global_2020-05-01_09.csv",
        Format::Acled,
        Some(Generation::Pre2023),
    );
    keeps_its_meaning_in_the_current_format("acled_global_2020-05-01_09.csv");
}

#[test]
fn acled_benin_current_format_round_trips() {
    round_trips_in_its_own_format("acled_benin_2023format.csv", Format::Acled, None);
}

#[test]
fn acled_2016_round_trips() {
    round_trips_in_its_own_format(
        "acled_2016_v7format.csv",
        Format::Acled,
        Some(Generation::Legacy2016),
    );
    keeps_its_meaning_in_the_current_format("acled_2016_v7format.csv");
}

#[test]
fn acled_2016_keeps_its_allies_and_territorial_battles() {
    let Some(original) = imported("acled_2016_v7format.csv") else {
        return;
    };
    let records = records_of(&original);
    let back = export_and_reimport(&records, Format::Acled, None, "2016");
    let allies = back
        .events
        .iter()
        .filter(|e| !e.external["acled"]["assoc_actor_1"].is_empty())
        .count();
    let originals = records
        .events
        .iter()
        .filter(|e| !e.external["acled"]["ally_actor_1"].is_empty())
        .count();
    assert_eq!(allies, originals);
    assert_eq!(originals, 116, "PROVENANCE.md: 116 ally_actor_1 values");
    for e in &back.events {
        let row = &e.external["acled"];
        if row["event_type"] == "Battles" {
            assert_ne!(row["sub_event_type"], "Non-violent transfer of territory");
            assert_eq!(row["disorder_type"], "Political violence");
        }
    }
}

#[test]
fn ucdp_ged_sample_round_trips() {
    round_trips_in_its_own_format(
        "ucdp_ged231_sample1000_from_uncertainUCDP.csv",
        Format::Ucdp,
        None,
    );
}

/// Every real file, imported to JSON Lines, lints with no error that is not a defect of the
/// source data listed in the import report: the registries are written beside the events (no
/// dangling reference), no source warning flood, and each party-sourced row is reported as
/// such; no ACLED category becomes a kind that means something else.
#[test]
fn real_imports_lint_clean_but_for_the_defects_of_the_source_data() {
    let exe = env!("CARGO_BIN_EXE_faultline");
    for (format, name, path) in real_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("imported.jsonl");
        let report = dir.path().join("report.json");
        let run = Command::new(exe)
            .args(["import", format.as_str()])
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(report["rows_rejected"], 0, "{name}");
        let listed = report["source_data"].as_array().map_or(0, Vec::len);
        let lint = Command::new(exe)
            .current_dir(dir.path())
            .args(["lint", "imported.jsonl", "--format", "json"])
            .output()
            .unwrap();
        let found: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
        let mut per_rule = std::collections::BTreeMap::<(String, String), usize>::new();
        for d in found["diagnostics"].as_array().unwrap() {
            let key = (
                d["severity"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
            );
            *per_rule.entry(key).or_default() += 1;
        }
        for ((severity, rule), n) in &per_rule {
            if severity == "error" {
                assert_eq!(rule, "event-after-report", "{name}: {n} {rule}");
                assert_eq!(*n, listed, "{name}: each listed once in the import report");
            }
            assert_ne!(rule, "incomplete-source", "{name}");
            assert_ne!(rule, "unused-record", "{name}");
        }
        if name.starts_with("acled_hdx") {
            let parties = per_rule
                .get(&("info".to_owned(), "single-party-sourcing".to_owned()))
                .copied()
                .unwrap_or(0);
            assert!(parties >= 3642, "{name}: {parties} single-party events");
        }
        if format == faultline_import::Format::Acled {
            let text = std::fs::read_to_string(&out).unwrap();
            for line in text.lines() {
                let e: faultline_model::Event = serde_json::from_str(line).unwrap();
                let acled = &e.external["acled"];
                assert!(acled.contains_key("event_type"), "{name}: {}", e.id);
                let (kind, _) = faultline_formats::acled::kinds::kind_from_acled(
                    acled.get("event_type").map(String::as_str),
                    acled.get("sub_event_type").map(String::as_str),
                );
                assert_eq!(e.kind, kind, "{name}: {}", e.id);
                assert_ne!(
                    e.kind,
                    faultline_model::EventKind::Statement,
                    "{name}: {}",
                    e.id
                );
            }
        }
    }
}
