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
    // The CSV for spreadsheets neutralises a cell that starts like a formula.
    assert!(files[0].1.contains(",'-A monitoring mission deploys"));
    insta::assert_snapshot!("csv_events", files[0].1);
    insta::assert_snapshot!("csv_figures", files[1].1);
}

#[test]
fn acled() {
    let out = single(Format::Acled);
    // A dataset format writes every value exactly: no formula guard.
    assert!(out.contains(",-A monitoring mission deploys"));
    assert!(!out.contains("'-A monitoring"));
    insta::assert_snapshot!(out);
}

#[test]
fn ucdp() {
    insta::assert_snapshot!(single(Format::Ucdp));
}

#[test]
fn geojson() {
    let files = text(Format::Geojson);
    assert_eq!(files.len(), 2);
    assert_eq!(files[1].0, "places.geojson");
    let events: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
    let places: serde_json::Value = serde_json::from_str(&files[1].1).unwrap();
    assert_eq!(events["type"], "FeatureCollection");
    // One feature per incident, each a MultiPoint of its places, longitude first.
    let records = records();
    let features = events["features"].as_array().unwrap();
    assert_eq!(features.len(), records.incidents().count());
    let first = &features[0]["geometry"];
    assert_eq!(first["type"], "MultiPoint");
    assert_eq!(first["coordinates"][0][0].as_f64(), Some(46.2317));
    assert_eq!(first["coordinates"][0][1].as_f64(), Some(39.5981));
    // Summing over the features counts each event's figures once.
    let sum = |key: &str| -> u64 {
        features
            .iter()
            .filter_map(|f| f["properties"][key].as_u64())
            .sum()
    };
    let by_event: u64 = records
        .incidents()
        .filter_map(|e| {
            faultline_export::csv::category_totals(e, faultline_model::Category::Killed)
        })
        .map(|(_, best, _)| best)
        .sum();
    assert!(by_event > 0);
    assert_eq!(sum("killed_best"), by_event);
    // An event with two places is one feature with two points.
    assert!(features.iter().any(|f| {
        f["geometry"]["coordinates"]
            .as_array()
            .is_some_and(|c| c.len() > 1)
    }));
    assert_eq!(
        places["features"].as_array().unwrap().len(),
        records.places.len()
    );
    assert!(
        places["features"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["geometry"]["type"] == "Point")
    );
    insta::assert_snapshot!(files[0].1);
    insta::assert_snapshot!("geojson_places", files[1].1);
}

#[test]
fn datapackage() {
    let files = text(Format::Datapackage);
    let package: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
    assert_eq!(
        package["$schema"],
        "https://datapackage.org/profiles/2.0/datapackage.json"
    );
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert!(package["sources"].as_array().is_some_and(|s| !s.is_empty()));
    // No `created` or `version` unless given (the CLI gives both).
    assert!(package.get("created").is_none() && package.get("version").is_none());
    let events = &package["resources"][0];
    assert_eq!(events["type"], "table");
    let kind = events["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "kind")
        .unwrap();
    let kinds: Vec<&str> = kind["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let all: Vec<&str> = faultline_model::EventKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(kinds, all);
    for (name, content) in files {
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
