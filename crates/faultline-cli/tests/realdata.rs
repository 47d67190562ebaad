//! Optional: the real files in `../shared/realdata` (never committed; see PROVENANCE.md there)
//! import completely, are written already formatted (`faultline fmt --check` changes nothing),
//! survive export acled → import acled and the TOML round trip, and (one of them) make a
//! report with every event. The folder is
//! `$FAULTLINE_REALDATA`, else `../shared/realdata` from the repository root. Each test says
//! on standard error, past the test harness's capture, when the folder or a file is missing.

#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use faultline_dataset::{Dataset, Overwrite, write_all};
use faultline_export::{Format, Records, render};
use faultline_formats::acled::CURRENT_COLUMNS;
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
        // Export acled → import acled keeps every ACLED column's value.
        if format == faultline_import::Format::Acled {
            let bytes = render(&records, Format::Acled).unwrap().remove(0).bytes;
            let back = import_reader(
                format,
                &bytes[..],
                name,
                &ImportOptions::default(),
                &mut |_| {},
            )
            .unwrap();
            assert_eq!(back.report.rows_rejected, 0, "{name}");
            // Rows come back in export order.
            assert_eq!(back.events.len(), records.events.len());
            for (a, b) in records.events.iter().zip(&back.events) {
                for column in CURRENT_COLUMNS {
                    if let Some(v) = a.external["acled"].get(column) {
                        assert_eq!(b.external["acled"].get(column), Some(v), "{name} {column}");
                    }
                }
            }
        }
    }
}
