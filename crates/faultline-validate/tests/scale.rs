//! Dirty data at scale: the number of findings stays proportional to the number of records
//! whatever the shape of the data.

#![allow(clippy::unwrap_used)]

mod support;

use faultline_validate::lint;
use support::TestData;

/// A JSON Lines line for an armed clash at the base fixture's place on `date`.
fn clash(id: &str, date: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"T","kind":"armed-clash","summary":"S","sources":["example-source"],"date":{{"start":"{date}","precision":"day"}},"places":[{{"place":"example-place"}}],"actors":[{{"actor":"example-actor"}},{{"actor":"example-other"}}]}}"#
    )
}

#[test]
fn a_cluster_of_ten_thousand_events_on_one_day_at_one_place_is_one_finding_per_event() {
    const EVENTS: usize = 10_000;
    let data = TestData::new(&[]);
    let lines: Vec<String> = (0..EVENTS)
        .map(|i| clash(&format!("2021-11-16-report-{i}"), "2021-11-16"))
        .collect();
    data.write("events/cluster.jsonl", &(lines.join("\n") + "\n"));
    let (_, result) = data.lint();
    let duplicates: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule == "possible-duplicate-event")
        .collect();
    // Every event but the first has earlier duplicates (the base fixture's event is on the
    // same day at the same place, so the first line has one too): one finding each.
    assert!(
        duplicates.len() <= EVENTS,
        "{} possible-duplicate findings for {EVENTS} events",
        duplicates.len()
    );
    assert_eq!(duplicates.len(), EVENTS);
    let last = duplicates
        .iter()
        .find(|d| d.region.line == EVENTS)
        .unwrap();
    assert!(
        last.message
            .starts_with("this event may duplicate 100 or more earlier events: `2021-11-16-example`, `2021-11-16-report-0`, `2021-11-16-report-1` and others"),
        "{}",
        last.message
    );
    assert_eq!(last.related.len(), 3);
}
