//! The `sqlite` export: written atomically and never over a file unasked, it opens with
//! SQLite; its keys hold (`foreign_key_check`, `integrity_check`), its row counts are the
//! dataset's, and its schema is snapshotted.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::{Dataset, Overwrite};
use faultline_export::{ExportError, Format, Records, export};
use rusqlite::Connection;

fn records() -> Records {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dataset");
    Records::from_dataset(&Dataset::open(&dir).unwrap())
}

fn count(db: &Connection, table: &str) -> usize {
    db.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| usize::try_from(n).unwrap())
    .unwrap()
}

#[test]
fn the_database_holds_every_record_with_its_keys() {
    let records = records();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("faultline.sqlite");
    let written = export(&records, Format::Sqlite, &out, Overwrite::Never).unwrap();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0], out);
    // Nothing is left beside it (the temporary file was renamed).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let db = Connection::open(&out).unwrap();
    let problems: Vec<String> = db
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    let events = &records.events;
    let sum = |f: &dyn Fn(&faultline_model::Event) -> usize| events.iter().map(f).sum::<usize>();
    for (table, expected) in [
        ("events", events.len()),
        ("sources", records.sources.len()),
        ("places", records.places.len()),
        ("actors", records.actors.len()),
        ("event_sources", sum(&|e| e.sources.len())),
        ("event_places", sum(&|e| e.places.len())),
        ("event_actors", sum(&|e| e.actors.len())),
        ("claims", sum(&|e| e.claims.len())),
        ("figures", sum(&|e| e.casualties.len())),
    ] {
        assert!(expected > 0, "{table}: the fixture has rows");
        assert_eq!(count(&db, table), expected, "{table}");
    }
    // A join through the keys, as a reader would write it.
    let joined: i64 = db
        .query_row(
            "SELECT count(*) FROM figures f JOIN events e ON e.id = f.event_id \
             JOIN actors a ON a.id = f.party",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        usize::try_from(joined).unwrap(),
        sum(&|e| e.casualties.len())
    );
    // Empty cells are NULL, numbers are numbers.
    let lat: f64 = db
        .query_row("SELECT lat FROM places ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!((-90.0..=90.0).contains(&lat));

    let schema: Vec<String> = db
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    insta::assert_snapshot!(schema.join(";\n\n"));
}

#[test]
fn an_existing_database_is_replaced_only_when_allowed() {
    let records = records();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("faultline.sqlite");
    std::fs::write(&out, b"not a database").unwrap();
    let err = export(&records, Format::Sqlite, &out, Overwrite::Never).unwrap_err();
    assert!(matches!(err, ExportError::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"not a database");
    export(&records, Format::Sqlite, &out, Overwrite::Allowed).unwrap();
    let db = Connection::open(&out).unwrap();
    assert_eq!(count(&db, "events"), records.events.len());
}
