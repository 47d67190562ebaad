//! One fixture pair per kind of change (`tests/fixtures/<case>/{old,new}`), compared as the
//! library user sees the result: the typed change set.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::Dataset;
use faultline_diff::{ChangeSet, ItemStatus, Side, Status, Which, compare, render};

fn case(name: &str) -> ChangeSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let old = Dataset::open(dir.join("old")).unwrap();
    let new = Dataset::open(dir.join("new")).unwrap();
    compare(&Side::new("old", &old), &Side::new("new", &new))
}

fn fields(set: &ChangeSet, event: &str) -> Vec<String> {
    let e = set.events.iter().find(|e| e.id == event).unwrap();
    e.fields.iter().map(|f| f.field.clone()).collect()
}

#[test]
fn a_reordered_file_is_not_a_change() {
    let set = case("reorder");
    assert!(!set.has_differences(), "{}", render::text(&set, false));
    assert_eq!(
        render::text(&set, false).lines().nth(1),
        Some("no differences")
    );
    assert_eq!(
        (
            set.old.events,
            set.old.places,
            set.old.actors,
            set.old.sources
        ),
        (1, 2, 2, 1)
    );
}

#[test]
fn a_renamed_event_is_neither_removed_nor_added() {
    let set = case("rename");
    let s = &set.summary.events;
    assert_eq!(
        (s.added, s.removed, s.renamed, s.changed),
        (1, 1, 2, 0),
        "{set:#?}"
    );

    // The id follows the date, which was corrected: same title, sources and places.
    let road = set
        .events
        .iter()
        .find(|e| e.id == "2020-11-10-road-checkpoints")
        .unwrap();
    assert_eq!(road.change, Status::Renamed);
    assert_eq!(road.old_id.as_deref(), Some("2021-01-01-road-checkpoints"));
    assert_eq!(
        fields(&set, "2020-11-10-road-checkpoints"),
        ["date", "date.note"]
    );

    // Same content under a new id.
    let ceasefire = set
        .events
        .iter()
        .find(|e| e.id == "2021-11-16-russian-mediated-ceasefire")
        .unwrap();
    assert_eq!(ceasefire.change, Status::Renamed);
    assert!(ceasefire.fields.is_empty());

    // A reference that follows the rename is not a change.
    assert!(
        set.events
            .iter()
            .all(|e| e.id != "2021-11-16-border-fighting")
    );

    // Same day and source but another kind of event: removed and added, not renamed.
    let statuses: Vec<(&str, Status)> = set
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.change))
        .collect();
    assert!(statuses.contains(&("2021-11-16-armenia-appeals-to-russia", Status::Removed)));
    assert!(statuses.contains(&("2021-11-16-pashinyan-offers-peace-treaty", Status::Added)));
}

#[test]
fn a_figure_revised_by_its_claimant() {
    let set = case("figure-revised");
    assert_eq!(set.summary.figures.revised, 1);
    assert_eq!(set.summary.figures.changed, 1);
    assert_eq!(
        (set.summary.figures.added, set.summary.figures.withdrawn),
        (0, 0)
    );
    let e = &set.events[0];
    assert_eq!(e.fields.len(), 1, "the event now cites a second source");
    assert_eq!(e.fields[0].field, "sources");

    let revised = &e.figures[0];
    assert_eq!(revised.change, ItemStatus::Revised);
    assert_eq!(
        (revised.party.as_str(), revised.category.as_str()),
        ("armenia-armed-forces", "killed")
    );
    assert_eq!(revised.from.as_ref().unwrap().text, "6");
    assert_eq!(revised.to.as_ref().unwrap().text, "at least 6–15");
    assert!(
        !revised.claimant_changed,
        "the same ministry revised its figure"
    );
    assert!(revised.source_changed);

    let attributed = &e.figures[1];
    assert_eq!(attributed.change, ItemStatus::Changed);
    assert_eq!(attributed.category, "captured");
    assert!(attributed.claimant_changed && !attributed.source_changed);

    // The totals moved by the revised figure only.
    assert_eq!(set.totals.len(), 1);
    let t = &set.totals[0];
    assert_eq!(
        (t.party.as_str(), t.category.as_str()),
        ("armenia-armed-forces", "killed")
    );
    assert_eq!((t.old.low, t.old.best, t.old.high), (6, 6, 6));
    assert_eq!((t.new.low, t.new.best, t.new.high), (6, 10, 15));
    assert_eq!(t.events.len(), 1);
    assert_eq!(t.events[0].event, "2021-11-16-border-fighting");
}

#[test]
fn a_claim_withdrawn_one_added_two_changed() {
    let set = case("claim-withdrawn");
    let c = &set.summary.claims;
    assert_eq!((c.added, c.withdrawn, c.changed), (1, 1, 2));
    let claims: Vec<(ItemStatus, &str, &str)> = set.events[0]
        .claims
        .iter()
        .map(|c| (c.change, c.claimant.as_str(), c.kind.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            (ItemStatus::Changed, "azerbaijan", "denies"),
            (ItemStatus::Changed, "armenia", "accuses"),
            (ItemStatus::Added, "armenia", "appeals"),
            (ItemStatus::Withdrawn, "russia", "states"),
        ]
    );
    let quote = &set.events[0].claims[1].fields;
    assert_eq!(quote.len(), 1);
    assert_eq!(quote[0].field, "quote");
}

#[test]
fn an_invalid_record_on_one_side_is_reported_not_removed() {
    let set = case("invalid");
    // The event that no longer loads is neither removed nor compared.
    assert!(
        set.events
            .iter()
            .all(|e| e.id != "2021-11-16-border-fighting"),
        "{set:#?}"
    );
    // The broken new file is not an added event.
    assert!(set.events.iter().all(|e| e.change != Status::Added));
    // The other event is still compared.
    assert_eq!(fields(&set, "2021-11-16-ceasefire"), ["summary"]);

    let invalid: Vec<(Which, Option<&str>)> = set
        .invalid
        .iter()
        .map(|i| (i.side, i.id.as_deref()))
        .collect();
    assert_eq!(
        invalid,
        [
            (Which::New, Some("2021-11-16-border-fighting")),
            (Which::New, Some("2021-11-17-prisoners-returned")),
            (Which::Both, Some("2021-11-18-broken")),
        ]
    );
    let count = &set.invalid[0];
    assert_eq!(
        count.file.rsplit('/').next(),
        Some("2021-11-16-border-fighting.toml")
    );
    assert_eq!((count.line, count.column), (14, 9));
    assert!(
        count.message.starts_with("not a valid event record"),
        "{}",
        count.message
    );
    assert_eq!((set.summary.invalid.old, set.summary.invalid.new), (1, 3));

    // The totals say which event took its figure with it.
    let t = &set.totals[0];
    assert_eq!((t.old.best, t.new.best), (7, 0));
    assert_eq!(t.events[0].change, "invalid");
    assert!(set.has_differences());
}

#[test]
fn registry_changes_and_a_renamed_actor() {
    let set = case("registry");
    let places: Vec<(&str, Status, Vec<&str>)> = set
        .places
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.change,
                p.fields.iter().map(|f| f.field.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("sev-lake", Status::Changed, vec!["name", "names"]),
            ("vardenis", Status::Changed, vec!["names"]),
        ]
    );
    let names = &set.places[0].fields[1];
    assert_eq!(names.added.len(), 2, "Black Lake and Qaragöl");

    // The ministry's id changed, nothing else: renamed, and the event that cites it as the
    // claimant is unchanged.
    assert_eq!(set.actors.len(), 1);
    assert_eq!(set.actors[0].change, Status::Renamed);
    assert_eq!(set.actors[0].old_id.as_deref(), Some("armenia-mod"));
    assert!(set.events.is_empty(), "{:#?}", set.events);

    let sources: Vec<(&str, Status)> = set
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.change))
        .collect();
    assert_eq!(
        sources,
        [
            ("armenia-mod-2021-05-13-statement", Status::Added),
            ("moscow-times-2021-05-14-new-border-crisis", Status::Changed),
        ]
    );
    assert_eq!(set.sources[1].fields[0].field, "url");
}

#[test]
fn comparing_a_dataset_with_itself_finds_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registry/new");
    let a = Dataset::open(&dir).unwrap();
    let b = Dataset::open(&dir).unwrap();
    let set = compare(&Side::new("a", &a), &Side::new("b", &b));
    assert!(!set.has_differences());
    assert_eq!(
        render::markdown(&set, None).lines().nth(2),
        Some("no differences")
    );
}

/// A second record with an id already in use (the linter's `duplicate-id`) is listed as added,
/// marked as the duplicate it is: not a new record.
#[test]
fn a_duplicated_id_is_marked() {
    let set = case("duplicate-id");
    let event = set
        .events
        .iter()
        .find(|e| e.change == Status::Added)
        .unwrap();
    assert_eq!(event.id, "2021-11-16-border-fighting");
    assert!(event.duplicate_id);
    let place = set
        .places
        .iter()
        .find(|p| p.change == Status::Added)
        .unwrap();
    assert_eq!(place.id, "sev-lake");
    assert!(place.duplicate_id);
    let text = render::text(&set, false);
    assert!(
        text.contains("duplicate id: another record in the new dataset has this id"),
        "{text}"
    );
    let markdown = render::markdown(&set, None);
    assert!(markdown.contains("duplicate id"), "{markdown}");
    let json: serde_json::Value = serde_json::from_str(&render::json(&set)).unwrap();
    assert_eq!(json["events"][0]["duplicate_id"], true, "{json:#}");
    // Its figures count in the totals (the new dataset holds both records), said as such.
    assert!(
        text.contains("2021-11-16-border-fighting (duplicate-id): 6 → 12"),
        "{text}"
    );
}
