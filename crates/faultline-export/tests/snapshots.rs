//! Snapshot tests of every export on the fixture dataset in `tests/fixtures/dataset`.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::Dataset;
use faultline_export::{Format, Records, render};

fn records() -> Records {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset");
    let dataset = Dataset::open(&dir).expect("the fixture dataset opens");
    assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
    Records::from_dataset(&dataset)
}

fn text(format: Format) -> Vec<(String, String)> {
    render(&records(), format)
        .expect("renders")
        .into_iter()
        .map(|f| (f.name, String::from_utf8(f.bytes).expect("UTF-8")))
        .collect()
}

fn single(format: Format) -> String {
    let mut files = text(format);
    assert_eq!(files.len(), 1);
    files.remove(0).1
}

#[test]
fn json() {
    let out = single(Format::Json);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["events"].as_array().unwrap().len(), 4);
    insta::assert_snapshot!(out);
}

#[test]
fn jsonl() {
    insta::assert_snapshot!(single(Format::Jsonl));
}

#[test]
fn csv() {
    let files = text(Format::Csv);
    assert_eq!(files[0].0, "events.csv");
    assert_eq!(files[1].0, "figures.csv");
    insta::assert_snapshot!("csv_events", files[0].1);
    insta::assert_snapshot!("csv_figures", files[1].1);
}

#[test]
fn acled() {
    let out = single(Format::Acled);
    // A cell that starts like a formula is neutralised; negative-looking numbers are not.
    assert!(out.contains(",'-A monitoring mission deploys"));
    insta::assert_snapshot!(out);
}

#[test]
fn ucdp() {
    insta::assert_snapshot!(single(Format::Ucdp));
}

#[test]
fn geojson() {
    let out = single(Format::Geojson);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    // Longitude first.
    let first = &value["features"][0]["geometry"]["coordinates"];
    assert_eq!(first[0].as_f64(), Some(46.2317));
    assert_eq!(first[1].as_f64(), Some(39.5981));
    insta::assert_snapshot!(out);
}

#[test]
fn datapackage() {
    for (name, content) in text(Format::Datapackage) {
        insta::assert_snapshot!(format!("datapackage_{name}"), content);
    }
}

#[test]
fn svg() {
    let out = single(Format::Svg);
    assert!(!out.contains("<deployed>"), "text is escaped");
    assert!(out.contains("&lt;deployed&gt;"), "and shown");
    // Month ticks: the months are named, not only the years.
    assert!(out.contains(">Sep</text>"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn svg_of_a_dataset_without_figures_says_so() {
    let mut records = records();
    for e in &mut records.events {
        e.casualties.clear();
    }
    let files = render(&records, Format::Svg).unwrap();
    let out = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(out.contains("No casualty figures in this dataset"), "{out}");
}
