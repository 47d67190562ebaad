//! Exports written to disk: never over an existing file unless asked; `csv` and `datapackage`
//! write several files.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::{Dataset, Overwrite};
use faultline_export::{ExportError, Format, Records, export};

fn fixture_dataset() -> Records {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset");
    Records::from_dataset(&Dataset::open(dir).unwrap())
}

#[test]
fn writes_refuse_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let records = fixture_dataset();
    let out = dir.path().join("x.geojson");
    export(&records, Format::Geojson, &out, Overwrite::Never).unwrap();
    let err = export(&records, Format::Geojson, &out, Overwrite::Never).unwrap_err();
    assert!(matches!(err, ExportError::Exists { .. }));
    export(&records, Format::Geojson, &out, Overwrite::Allowed).unwrap();

    // csv to a .csv path: the figures go beside it.
    let out = dir.path().join("incidents.csv");
    let written = export(&records, Format::Csv, &out, Overwrite::Never).unwrap();
    assert_eq!(
        written,
        [out.clone(), dir.path().join("incidents-figures.csv")]
    );
    // A datapackage into a directory; a second run fails before writing anything.
    let pkg = dir.path().join("pkg");
    let written = export(&records, Format::Datapackage, &pkg, Overwrite::Never).unwrap();
    assert_eq!(written.len(), 10);
    assert!(export(&records, Format::Datapackage, &pkg, Overwrite::Never).is_err());
}
