//! UCDP GED import.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_import::{Format, ImportOptions, Imported, import_file};
use faultline_model::{ActorRole, Count, CountRange, PersonStatus, Precision};

fn import() -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ucdp_ged.csv");
    import_file(Format::Ucdp, &path, &ImportOptions::default()).expect("fixture imports")
}

#[test]
fn ged_rows() {
    let imported = import();
    let r = &imported.report;
    assert_eq!(r.variant.as_deref(), Some("UCDP GED (49 columns)"));
    assert_eq!((r.rows_read, r.rows_mapped, r.rows_rejected), (3, 3, 0));

    let e = &imported.events[0];
    assert_eq!(e.id.as_str(), "2020-09-28-ucdp-aze-2020-1-833-901");
    assert_eq!(e.external["ucdp"].len(), 49);
    // One figure per side, each UCDP's best, claimed by UCDP.
    let figures: Vec<(&str, Option<Count>)> = e
        .casualties
        .iter()
        .map(|c| (c.party.as_str(), c.count))
        .collect();
    assert_eq!(
        figures,
        [
            ("government-of-azerbaijan", Some(Count::Exact(12))),
            ("republic-of-artsakh", Some(Count::Exact(20))),
            ("civilians", Some(Count::Exact(1))),
            ("party-not-stated", Some(Count::Exact(0))),
        ]
    );
    // `source_original` names two parties: the row does not say whose the figures are; they
    // are read in the GED export, the file's one dataset source.
    assert_eq!(e.sources[0].as_str(), "ucdp-ged");
    assert!(
        e.casualties
            .iter()
            .all(|c| c.claimant.is_none()
                && c.source.as_ref().map(|s| s.as_str()) == Some("ucdp-ged"))
    );
    let export = &imported.sources[0];
    assert_eq!(export.id.as_str(), "ucdp-ged");
    assert_eq!(export.kind, Some(faultline_model::SourceKind::Dataset));
    assert_eq!(export.publisher.as_deref(), Some("UCDP"));
    assert_eq!(
        export.title.as_deref(),
        Some("UCDP GED export ucdp_ged.csv")
    );
    assert!(export.cites.is_empty());
    assert_eq!(
        imported
            .sources
            .iter()
            .filter(|s| s.kind == Some(faultline_model::SourceKind::Dataset))
            .count(),
        1
    );
    // What the row's own source said is in the event: its ids and the articles it cites.
    let row = &e.external["ucdp"];
    for column in [
        "id",
        "relid",
        "source_office",
        "source_date",
        "source_headline",
    ] {
        assert!(!row[column].is_empty(), "{column}");
    }
    assert!(
        imported
            .events
            .iter()
            .all(|e| e.sources[0] == export.id.to_ref())
    );
    assert_eq!(e.kind, faultline_model::EventKind::ArmedClash);
    assert_eq!(e.external["ucdp"]["type_of_violence"], "1");
    assert!(
        e.notes
            .as_deref()
            .unwrap()
            .contains("UCDP totals: best 33, low 25, high 60")
    );
    // The articles of the `;` lists become sources, with their dates and headlines.
    let article = imported
        .sources
        .iter()
        .find(|s| s.title.as_deref() == Some("Heavy losses reported"))
        .unwrap();
    assert_eq!(article.publisher.as_deref(), Some("Example Wire"));
    assert_eq!(article.published.unwrap().to_string(), "2020-09-29");
    assert_eq!(e.sources.len(), 3);

    // One-sided violence: side b is civilians; one side has all the deaths, so the event's
    // low/best/high are kept on that figure.
    let e = &imported.events[1];
    assert_eq!(e.kind, faultline_model::EventKind::ViolenceAgainstCivilians);
    assert_eq!(e.actors[0].role, Some(ActorRole::Perpetrator));
    assert_eq!(e.actors[1].role, Some(ActorRole::Victim));
    let civ = e
        .casualties
        .iter()
        .find(|c| c.party.as_str() == "civilians")
        .unwrap();
    assert_eq!(
        civ.count,
        Some(Count::Range(CountRange {
            low: 5,
            high: 9,
            best: Some(7)
        }))
    );
    assert_eq!(civ.status, Some(PersonStatus::Civilian));
    assert!(civ.figure().is_ok());

    // Inconsistent low/best/high in the data: exact per-side figures and a note.
    let e = &imported.events[2];
    assert!(e.notes.as_deref().unwrap().contains("inconsistent"));
    assert!(e.casualties.iter().all(|c| c.figure().is_ok()));
    assert_eq!(e.date.precision, Precision::Days);
    assert_eq!(e.date.end.unwrap().to_string(), "2021-07-03");
    assert_eq!(imported.places[2].country.as_str(), "AFG");
}

#[test]
fn ged_snapshot() {
    let imported = import();
    insta::assert_json_snapshot!("ucdp_first_event", imported.events[0]);
}
