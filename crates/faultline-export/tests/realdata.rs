//! Optional: the real files in `../shared/realdata` (never committed; see PROVENANCE.md there)
//! import completely, and survive export acled → import acled and the TOML round trip.
//! Skips, saying so, when the folder is not there.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, Overwrite};
use faultline_export::{Format, Records, render};
use faultline_formats::acled::CURRENT_COLUMNS;
use faultline_import::{ImportOptions, import_file, import_reader};

fn realdata() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdata");
    if dir.is_dir() {
        Some(dir)
    } else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "skipped: {} does not exist (the real ACLED/UCDP files are not part of the repository)",
                dir.display()
            );
        }
        None
    }
}

#[test]
fn real_files_import_completely_and_round_trip() {
    let Some(dir) = realdata() else { return };
    let files = [
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
    let tmp = tempfile::tempdir().unwrap();
    for (format, name) in files {
        let path = dir.join(name);
        if !path.is_file() {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("skipped: {} is missing", path.display());
            }
            continue;
        }
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
        faultline_export::toml::write_dataset(&out, &records, Overwrite::Never).unwrap();
        let loaded = Dataset::open(&out).unwrap();
        assert!(
            loaded.errors.is_empty(),
            "{name}: {:?}",
            loaded.errors.first()
        );
        assert_eq!(Records::from_dataset(&loaded), records, "{name}");
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
