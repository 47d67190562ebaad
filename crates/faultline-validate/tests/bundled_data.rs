//! The bundled dataset (`data/`): every record validates against the generated schemas, it
//! lints without errors, and the counts below change only on purpose — a record lost in a
//! refactor fails this test.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, FileRole, classify, convert::table_to_json};
use faultline_model::RecordKind;
use faultline_validate::{Config, Severity, lint, schema};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p)
            } else {
                out.push(p)
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_record_validates_against_the_generated_schemas() {
    let root = data_dir();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in files(&root) {
        let rel = path.strip_prefix(&root).unwrap();
        let Some(role) = classify(rel) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let doc =
            toml::de::DeTable::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        let json = table_to_json(doc.get_ref());
        let records: Vec<(RecordKind, &Value)> = match role {
            FileRole::Event => vec![(RecordKind::Event, &json)],
            FileRole::Source => vec![(RecordKind::Source, &json)],
            FileRole::Places => json["place"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| (RecordKind::Place, v))
                .collect(),
            FileRole::Actors => json["actor"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| (RecordKind::Actor, v))
                .collect(),
            other => panic!("{}: unexpected file in data/ ({other:?})", rel.display()),
        };
        for (kind, value) in records {
            checked += 1;
            for e in schema::validate(kind, value) {
                failures.push(format!("{}: {}", rel.display(), e.message));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 100, "only {checked} records checked");
}

#[test]
fn counts_of_the_bundled_dataset() {
    let d = Dataset::open(data_dir()).unwrap();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    let figures: usize = d.events.iter().map(|e| e.record.casualties.len()).sum();
    let claims: usize = d.events.iter().map(|e| e.record.claims.len()).sum();
    let counts = (
        d.events.len(),
        d.sources.len(),
        d.places.len(),
        d.actors.len(),
        figures,
        claims,
    );
    assert_eq!(
        counts,
        (69, 5, 33, 59, 13, 87),
        "(events, sources, places, actors, casualty figures, claims) changed: if on purpose, update this test"
    );
}

#[test]
fn the_bundled_dataset_lints_without_errors() {
    let d = Dataset::open(data_dir()).unwrap();
    let result = lint(&d, &Config::with_today("2026-11-21".parse().unwrap()));
    let errors: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
