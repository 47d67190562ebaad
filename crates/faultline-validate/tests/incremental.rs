//! An incremental session (what `faultline server` keeps) gives exactly the findings of a
//! whole run over the same texts: on every rule fixture, after an unsaved edit of an event,
//! and after an edit of a registry.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::sync::Arc;

use faultline_dataset::{LoadOptions, walk};
use faultline_validate::engine::incremental::{Incremental, Relinted};
use faultline_validate::{Diagnostic, Keep};
use support::{TestData, describe, fixtures};

fn options(data: &TestData) -> LoadOptions {
    LoadOptions {
        names_relative_to: Some(data.dir.path().to_path_buf()),
        ..LoadOptions::default()
    }
}

fn all() -> Keep {
    Arc::new(|_: &Path| true)
}

fn described(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(describe).collect()
}

/// The whole run's findings, as `faultline lint` makes them (config without archive).
fn whole(data: &TestData) -> Vec<String> {
    let dataset = data.load();
    described(&faultline_validate::lint(&dataset, &data.config()).diagnostics)
}

fn session(data: &TestData) -> Incremental {
    Incremental::open(data.dir.path(), options(data), data.config()).unwrap()
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for rule in std::fs::read_dir(fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        if rule.file_name().unwrap() == "base" || !rule.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            if case.is_dir() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_session_agrees_with_a_whole_run_on_every_fixture() {
    let cases = cases();
    assert!(cases.len() > 50, "only {} fixture cases", cases.len());
    for case in cases {
        let data = TestData::new(&[&case]);
        let expected = whole(&data);
        let got = described(&session(&data).diagnostics(all()));
        assert_eq!(got, expected, "{}", case.display());
    }
}

#[test]
fn an_unsaved_edit_gives_the_findings_of_the_same_text_saved() {
    let data = TestData::new(&[]);
    let mut session = session(&data);
    assert_eq!(described(&session.diagnostics(all())), whole(&data));
    let event = walk(data.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|f| {
            f.path.to_string_lossy().contains("/events/") && f.path.extension().unwrap() == "toml"
        })
        .unwrap()
        .path;
    let text = std::fs::read_to_string(&event).unwrap();
    // A dangling place, a duplicate of another event's id is not needed: a future date and a
    // broken reference are enough to change findings of both phases.
    let edited = text.replacen("precision = \"day\"", "precision = \"dya\"", 1)
        + "\n[[places]]\nplace = \"nowhere-at-all\"\n";
    assert_eq!(
        session.set_text(&event, Some(Arc::from(edited.as_str()))),
        Relinted::File
    );
    let unsaved = described(&session.diagnostics(all()));
    std::fs::write(&event, &edited).unwrap();
    assert_eq!(unsaved, whole(&data));
    assert!(!unsaved.is_empty());
    // Forgetting the unsaved text reads the disk again (which now holds the same text).
    std::fs::write(&event, &text).unwrap();
    session.set_text(&event, None);
    assert_eq!(described(&session.diagnostics(all())), whole(&data));
}

#[test]
fn a_registry_edit_relints_the_events_that_refer_to_it() {
    let data = TestData::new(&[]);
    let mut session = session(&data);
    let places = data.dir.path().join("places.toml");
    let text = std::fs::read_to_string(&places).unwrap();
    // Drop the gazetteer: every place reference dangles.
    assert_eq!(
        session.set_text(
            &places,
            Some(Arc::from("#:schema ../schema/place.schema.json\n"))
        ),
        Relinted::Everything
    );
    let unsaved = described(&session.diagnostics(all()));
    assert!(
        unsaved.iter().any(|d| d.contains("dangling-reference")),
        "{unsaved:#?}"
    );
    std::fs::write(&places, "#:schema ../schema/place.schema.json\n").unwrap();
    assert_eq!(unsaved, whole(&data));
    std::fs::write(&places, text).unwrap();
    session.set_text(&places, None);
    assert_eq!(described(&session.diagnostics(all())), whole(&data));
}

#[test]
fn a_new_unsaved_event_and_a_deleted_one_are_seen() {
    let data = TestData::new(&[]);
    let mut session = session(&data);
    let new = data.dir.path().join("events/2031/2031-01-01-new.toml");
    let text = "id = \"2031-01-01-new\"\ntitle = \"New\"\nkind = \"armed-clash\"\nsummary = \"...\"\nsources = []\n\n[date]\nstart = 2031-01-01\nprecision = \"day\"\n";
    session.set_text(&new, Some(Arc::from(text)));
    let unsaved = described(&session.diagnostics(all()));
    data.write("events/2031/2031-01-01-new.toml", text);
    assert_eq!(unsaved, whole(&data));
    std::fs::remove_file(&new).unwrap();
    assert_eq!(session.set_text(&new, None), Relinted::File);
    assert_eq!(described(&session.diagnostics(all())), whole(&data));
}

#[test]
fn per_file_ignores_leave_out_the_same_findings_as_a_whole_run() {
    let data = TestData::new(&[&fixtures().join("unattributed-casualty/invalid-each-gap")]);
    let before = whole(&data);
    let ignored = |d: &String| d.contains("unattributed-casualty");
    assert!(before.iter().any(ignored), "{before:?}");
    data.write(
        "faultline.toml",
        "[per-file-ignores]\n\"events/**\" = [\"unattributed-casualty\"]\n",
    );
    let after = whole(&data);
    assert!(!after.iter().any(ignored), "{after:?}");
    let others: Vec<String> = before.into_iter().filter(|d| !ignored(d)).collect();
    assert_eq!(after, others);
    // What the language server publishes: the same.
    assert_eq!(described(&session(&data).diagnostics(all())), after);
}
