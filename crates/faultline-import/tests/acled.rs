//! ACLED import: every generation, detected from the header.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_import::{Format, ImportOptions, Imported, import_file};
use faultline_model::{ActorRole, Category, Count, EventKind, GeoPrecision, Precision};

fn import(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    import_file(Format::Acled, &path, &ImportOptions::default()).expect("fixture imports")
}

#[test]
fn current_export() {
    let imported = import("acled_current.csv");
    let r = &imported.report;
    assert_eq!(r.variant.as_deref(), Some("ACLED current export (2023-)"));
    assert_eq!((r.rows_read, r.rows_mapped, r.rows_rejected), (4, 4, 0));

    let e = &imported.events[0];
    assert_eq!(e.id.as_str(), "2022-09-12-acled-arm9001");
    assert_eq!(e.kind, EventKind::Shelling);
    assert_eq!(
        e.title,
        "Shelling/artillery/missile attack in Verishen, Armenia"
    );
    assert!(e.summary.contains("\"dozens\""));
    assert_eq!(e.date.as_reported.as_deref(), Some("12 September 2022"));
    assert_eq!(e.date.precision, Precision::Day);
    // The ACLED export, then the sources the row names.
    let sources: Vec<&str> = e.sources.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        sources,
        [
            "acled-current",
            "example-wire",
            "ministry-of-defence-of-armenia"
        ]
    );
    // Fatalities: a killed figure, party not stated; the row names a wire and a ministry, so
    // it does not say whose the number is: no claimant, sourced to the ACLED export.
    let c = &e.casualties[0];
    assert_eq!(c.category, Category::Killed);
    assert_eq!(c.count, Some(Count::Exact(4)));
    assert_eq!(c.party.as_str(), "party-not-stated");
    assert_eq!(c.claimant, None);
    assert_eq!(c.source.as_ref().map(|s| s.as_str()), Some("acled-current"));
    // Shelling: actor1 fires, actor2 is the target.
    assert_eq!(e.actors[0].role, Some(ActorRole::Perpetrator));
    assert_eq!(e.actors[1].role, Some(ActorRole::Target));
    // Every column kept verbatim, NA included.
    let ext = &e.external["acled"];
    assert_eq!(ext.len(), 31);
    assert_eq!(ext["admin3"], "NA");
    assert_eq!(ext["timestamp"], "1663200000");

    // Time precision 2 → week; NA fatalities → no figure; multi-line notes kept.
    let e = &imported.events[1];
    assert_eq!(e.date.precision, Precision::Week);
    assert!(e.casualties.is_empty());
    assert!(e.summary.contains('\n'));
    // A peaceful protest has its own kind; nothing approximated, nothing said in the notes.
    let e = &imported.events[2];
    assert_eq!(e.kind, EventKind::Protest);
    assert!(
        !e.notes
            .as_deref()
            .unwrap_or("")
            .contains("nearest faultline kind")
    );
    assert_eq!(e.tags, ["crowd size=around 200"]);
    assert_eq!(
        e.summary,
        "=HYPERLINK(invented) a protest note beginning like a formula"
    );
    assert_eq!(e.actors.len(), 2, "actor1 and its associated actor");
    // Verishen twice, deduplicated by name and coordinates.
    assert_eq!(imported.places.len(), 3);
    let verishen = imported
        .places
        .iter()
        .find(|p| p.name == "Verishen")
        .unwrap();
    assert_eq!(verishen.country.as_str(), "ARM");
    assert_eq!(verishen.precision, GeoPrecision::Exact);
    assert!(verishen.coordinate_source.contains("ARM9001"));
    assert_eq!(imported.events[3].places[0].place, verishen.id);
    // Actors deduplicated; no actor stands for ACLED's coders (a figure the row does not
    // attribute has no claimant), and the placeholder party exists once.
    let names: Vec<&str> = imported.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.iter().filter(|n| **n == "ACLED").count(), 0);
    assert_eq!(
        names.iter().filter(|n| **n == "Party not stated").count(),
        1
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("Military Forces of Armenia"))
            .count(),
        1
    );
}

/// One source for the file, not one per row: the ACLED export, which every event cites first;
/// what a row's own source would say is in the event (its row id, timestamp and the sources
/// it names in `external.acled`, the named sources in `sources`).
#[test]
fn the_export_is_one_source_for_every_row() {
    let imported = import("acled_current.csv");
    let datasets: Vec<&faultline_model::Source> = imported
        .sources
        .iter()
        .filter(|s| s.kind == Some(faultline_model::SourceKind::Dataset))
        .collect();
    assert_eq!(datasets.len(), 1, "{datasets:?}");
    let export = datasets[0];
    assert_eq!(export.id.as_str(), "acled-current");
    assert_eq!(imported.sources[0].id, export.id, "listed first");
    assert_eq!(export.publisher.as_deref(), Some("ACLED"));
    assert_eq!(
        export.title.as_deref(),
        Some("ACLED export acled_current.csv")
    );
    // The latest `timestamp` of the rows: 1664755200 is 2022-10-03.
    assert_eq!(
        export.updated.map(|d| d.to_string()).as_deref(),
        Some("2022-10-03")
    );
    assert!(export.note.as_deref().unwrap().contains("external.acled"));
    assert!(export.cites.is_empty());
    // Four named sources and the export.
    assert_eq!(imported.sources.len(), 5);
    for e in &imported.events {
        assert_eq!(e.sources[0], export.id.to_ref(), "{}", e.id);
        let row = &e.external["acled"];
        for column in ["event_id_cnty", "timestamp", "source"] {
            assert!(!row[column].is_empty(), "{}: {column}", e.id);
        }
        // Every name of the `source` column is a source of the event.
        for name in row["source"].split(';').map(str::trim) {
            let named = imported
                .sources
                .iter()
                .find(|s| s.publisher.as_deref() == Some(name))
                .unwrap_or_else(|| panic!("{name}"));
            assert!(e.sources.contains(&named.id.to_ref()), "{}: {name}", e.id);
        }
    }
}

/// The source's id and title come from the file's name, not from its folder.
#[test]
fn the_export_source_is_named_after_the_file() {
    let csv = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled_current.csv"),
    )
    .unwrap();
    let id_of = |name: &str| {
        let imported = faultline_import::import_reader(
            Format::Acled,
            &csv[..],
            name,
            &ImportOptions::default(),
            &mut |_| {},
        )
        .unwrap();
        let s = &imported.sources[0];
        (s.id.as_str().to_owned(), s.title.clone().unwrap())
    };
    assert_eq!(
        id_of("/somewhere/else/2023 Caucasus export.csv"),
        (
            "acled-2023-caucasus-export".to_owned(),
            "ACLED export 2023 Caucasus export.csv".to_owned()
        )
    );
    assert_eq!(id_of("../ACLED_hdx.csv").0, "acled-hdx");
    // A file whose rows are all rejected or left out makes no source.
    let header_only = csv.split(|b| *b == b'\n').next().unwrap();
    let imported = faultline_import::import_reader(
        Format::Acled,
        header_only,
        "empty.csv",
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    assert!(imported.sources.is_empty());
}

#[test]
fn current_export_mapping_snapshot() {
    let imported = import("acled_current.csv");
    insta::assert_json_snapshot!("acled_current_first_event", imported.events[0]);
    let mut report = imported.report;
    report.file = "acled_current.csv".into();
    insta::assert_json_snapshot!("acled_current_report", report);
}

#[test]
fn pre_2023_export() {
    let imported = import("acled_pre2023.csv");
    let r = &imported.report;
    assert_eq!(
        r.variant.as_deref(),
        Some("ACLED export before 2023 (data_id, iso3)")
    );
    assert_eq!((r.rows_read, r.rows_mapped), (3, 3));
    let e = &imported.events[0];
    assert_eq!(e.date.start.to_string(), "2020-05-09");
    assert_eq!(e.date.as_reported.as_deref(), Some("9-May-20"));
    assert_eq!(e.external["acled"]["data_id"], "9900001");
    // Sourced only to Azerbaijan's ministry of defence: the ministry's claim.
    let ministry = imported
        .sources
        .iter()
        .find(|s| s.id.as_str() == "ministry-of-defence-of-azerbaijan")
        .expect("the ministry's source");
    assert_eq!(ministry.kind, Some(faultline_model::SourceKind::Outlet));
    let party = ministry
        .party
        .as_ref()
        .expect("the source speaks for a party");
    let actor = imported
        .actors
        .iter()
        .find(|a| a.id.as_str() == party.as_str())
        .expect("the party is an actor");
    assert_eq!(actor.name, "Ministry of Defence of Azerbaijan");
    assert_eq!(actor.kind, faultline_model::ActorKind::Ministry);
    assert_eq!(actor.country.as_ref().map(|c| c.as_str()), Some("AZE"));
    let c = &e.casualties[0];
    assert_eq!(c.claimant.as_ref(), Some(party));
    assert_eq!(
        c.source.as_ref().map(|s| s.as_str()),
        Some("ministry-of-defence-of-azerbaijan")
    );
    // The source's own taxonomy is kept verbatim beside the kind.
    assert_eq!(e.external["acled"]["event_type"], "Battles");
    assert_eq!(e.external["acled"]["sub_event_type"], "Armed clash");
    assert_eq!(e.external["acled"]["iso3"], "AZE");
    assert!(
        e.notes
            .as_deref()
            .unwrap_or("")
            .contains("data_id: 9900001")
    );
    // Remote explosive: an explosive device, not shelling; a civilian victim.
    let e = &imported.events[1];
    assert_eq!(e.kind, EventKind::ExplosiveDevice);
    assert_eq!(e.sources.len(), 3);
    assert_eq!(e.actors[1].role, Some(ActorRole::Target));
}

#[test]
fn hdx_export_with_hxl_row() {
    let imported = import("acled_hdx.csv");
    let r = &imported.report;
    assert_eq!(
        r.variant.as_deref(),
        Some("ACLED HDX export with an HXL hashtag row")
    );
    assert_eq!(
        (r.rows_read, r.rows_mapped, r.rows_rejected),
        (3, 3, 0),
        "the HXL row is not a row"
    );
    assert!(r.remarks[0].contains("#event+code"));
    // No fatalities column: no figure, and nothing invented.
    assert!(imported.events.iter().all(|e| e.casualties.is_empty()));
    assert_eq!(imported.events[0].external["acled"].len(), 28);
    assert_eq!(imported.places.len(), 2);
}

#[test]
fn export_of_2016() {
    let imported = import("acled_2016.csv");
    let r = &imported.report;
    assert_eq!(
        r.variant.as_deref(),
        Some("ACLED 2016-era export (ally_actor, gwno)")
    );
    assert_eq!(r.rows_mapped, 3);
    let e = &imported.events[0];
    assert_eq!(e.kind, EventKind::ArmedClash);
    assert_eq!(e.id.as_str(), "2016-04-02-acled-9301rta");
    // The unnamed pandas index column is kept too.
    assert_eq!(e.external["acled"][""], "0");
    assert_eq!(e.places.len(), 1);
    let tartar = &imported.places[0];
    assert_eq!(
        tartar.country.as_str(),
        "AZE",
        "country from the name (gwno is not ISO)"
    );
    let e = &imported.events[1];
    assert_eq!(e.kind, EventKind::TerritorialAdvance);
    assert!(
        e.actors
            .iter()
            .any(|a| a.note.as_deref() == Some("ACLED ally_actor_1"))
    );
    // Riots/Protests (2016): protests or riots, not told apart; never a statement.
    assert_eq!(imported.events[2].kind, EventKind::Demonstration);
    // A trailing space in a source name does not make a second source.
    assert!(
        imported
            .sources
            .iter()
            .any(|s| s.id.as_str() == "invented-agency")
    );
}
