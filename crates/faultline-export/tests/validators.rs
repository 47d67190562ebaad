//! The exports as outside tools read them: GDAL's `ogrinfo` opens both GeoJSON layers, and
//! `frictionless validate` (v5, which reads Data Package v2) accepts the Data Package. Each
//! test says on standard error, past the harness's capture, when its tool is not installed
//! (Debian's gdal-bin; `pip install frictionless`), and then checks nothing more.

#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use faultline_dataset::{Dataset, Overwrite};
use faultline_export::{Format, Options, Records, export_with};

fn records() -> Records {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset");
    Records::from_dataset(&Dataset::open(&dir).unwrap())
}

/// Whether `program` runs; says so when it does not.
fn available(program: &str, install: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: `{program}` is not installed ({install})"
        );
    }
    found
}

#[test]
fn gdal_opens_the_geojson_layers() {
    if !available("ogrinfo", "Debian package gdal-bin") {
        return;
    }
    let records = records();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.geojson");
    let written = export_with(
        &records,
        Format::Geojson,
        &out,
        Overwrite::Never,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(written[1], dir.path().join("events-places.geojson"));
    for (path, geometry, count) in [
        (&written[0], "Multi Point", records.incidents().count()),
        (&written[1], "Point", records.places.len()),
    ] {
        let o = Command::new("ogrinfo")
            .args(["-ro", "-so", "-al"])
            .arg(path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            text.contains(&format!("Geometry: {geometry}\n")),
            "{}: {text}",
            path.display()
        );
        assert!(
            text.contains(&format!("Feature Count: {count}\n")),
            "{}: {text}",
            path.display()
        );
    }
}

#[test]
fn frictionless_validates_the_data_package() {
    if !available("frictionless", "pip install frictionless") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("package");
    let options = Options {
        created: Some(1_777_636_800),
        version: Some("0.1.0".into()),
        ..Options::default()
    };
    export_with(
        &records(),
        Format::Datapackage,
        &out,
        Overwrite::Never,
        &options,
    )
    .unwrap();
    let o = Command::new("frictionless")
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&out)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(o.status.code(), Some(0));
    // Every table was read, with its rows.
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 9, "{report:#}");
    // And the check has teeth: a kind outside the categories is refused.
    let events = out.join("events.csv");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replacen(",armed-clash,", ",not-a-kind,", 1)).unwrap();
    let o = Command::new("frictionless")
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&out)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["valid"], false, "{report:#}");
}
