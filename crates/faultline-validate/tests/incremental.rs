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

/// Every event text of the fixtures (the texts the randomised edits write).
fn event_texts() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![fixtures()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().contains("/events/")
                && path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push(text);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One step of a randomised editing session.
#[derive(Debug, Clone)]
enum Edit {
    /// Save text `text` (of [`event_texts`]) at event path `at`.
    Save { at: usize, text: usize },
    /// Give event path `at` the unsaved text `text` (the disk gets it too, for the whole run).
    Unsaved { at: usize, text: usize },
    /// Delete the file at `at` (and forget its unsaved text).
    Delete { at: usize },
    /// Break the file at `at`: its text cut short, so that it no longer loads.
    Break { at: usize, text: usize },
}

/// Where the edits write: the base fixture's event and a few more.
fn edit_paths(root: &Path) -> Vec<std::path::PathBuf> {
    let base = walk(root)
        .unwrap()
        .filter_map(Result::ok)
        .find(|f| f.path.to_string_lossy().contains("/events/"))
        .unwrap()
        .path;
    let mut paths = vec![base];
    for name in [
        "2021/2021-11-16-exchange-of-fire.toml",
        "2021/2021-11-16-example-2.toml",
        "2022/2022-09-13-shelling.toml",
        "2020/2020-10-01-a.toml",
    ] {
        paths.push(root.join("events").join(name));
    }
    paths
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    let texts = event_texts().len();
    prop_oneof![
        4 => (0..5usize, 0..texts).prop_map(|(at, text)| Edit::Save { at, text }),
        3 => (0..5usize, 0..texts).prop_map(|(at, text)| Edit::Unsaved { at, text }),
        1 => (0..5usize).prop_map(|at| Edit::Delete { at }),
        1 => (0..5usize, 0..texts).prop_map(|(at, text)| Edit::Break { at, text }),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the edits (saved or not, files created, deleted, broken), the session's
    /// findings are those of a fresh whole run over the same texts — for every file, and
    /// for one file asked for alone (what an editor with one open document is sent).
    #[test]
    fn a_sequence_of_edits_gives_the_findings_of_a_fresh_run(
        edits in proptest::collection::vec(edit(), 1..8)
    ) {
        let texts = event_texts();
        let data = TestData::new(&[&fixtures().join("possible-duplicate-event/invalid-same-day")]);
        let paths = edit_paths(data.dir.path());
        let mut session = session(&data);
        for e in &edits {
            match *e {
                Edit::Save { at, text } => {
                    let path = &paths[at];
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, &texts[text]).unwrap();
                    session.set_text(path, None);
                }
                Edit::Unsaved { at, text } => {
                    let path = &paths[at];
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, &texts[text]).unwrap();
                    session.set_text(path, Some(Arc::from(texts[text].as_str())));
                }
                Edit::Delete { at } => {
                    let path = &paths[at];
                    let _ = std::fs::remove_file(path);
                    session.set_text(path, None);
                }
                Edit::Break { at, text } => {
                    let path = &paths[at];
                    let cut: String = texts[text].chars().take(texts[text].len() / 2).collect();
                    let broken = format!("{cut}\n[[[");
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(path, &broken).unwrap();
                    session.set_text(path, Some(Arc::from(broken.as_str())));
                }
            }
            let expected = whole(&data);
            proptest::prop_assert_eq!(&described(&session.diagnostics(all())), &expected, "after {:?}", e);
        }
        // One file alone: the whole run's findings in that file.
        let dataset = data.load();
        let lint = faultline_validate::lint(&dataset, &data.config());
        for path in &paths {
            let wanted = path.clone();
            let keep: Keep = Arc::new(move |p: &Path| p == wanted);
            let expected: Vec<String> = lint
                .diagnostics
                .iter()
                .filter(|d| d.region.path == *path)
                .map(describe)
                .collect();
            proptest::prop_assert_eq!(described(&session.diagnostics(keep)), expected);
        }
    }
}
