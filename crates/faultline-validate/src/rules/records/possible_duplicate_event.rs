use std::collections::{BTreeMap, HashMap};

use faultline_model::{EventKind, PlaceRole};

use crate::context::Context;
use crate::rule::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Two events of the same `kind`, with date ranges that share at least one day, at a
    /// shared place (any role but `mentioned`). Each pair is reported once, on the event that
    /// comes later in the dataset, with the other as a related location. Events that list
    /// each other in `related` are known to be distinct and are not reported.
    ///
    /// The check groups events by kind and place and sweeps each group in date order, so it
    /// stays fast on large datasets (it never compares every event with every other).
    ///
    /// ## Why it matters
    /// The same incident is easily transcribed twice from two sources (one party's report and
    /// the other's). A duplicate doubles its casualty figures in every total and export.
    ///
    /// ## Example
    /// ```toml path=events/2021/2021-11-16-exchange-of-fire.toml
    /// id = "2021-11-16-exchange-of-fire"
    /// title = "Exchange of fire near Example Lake"
    /// kind = "armed-clash"
    /// summary = "Another report of the same day."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// end = 2021-11-17
    /// precision = "days"
    ///
    /// [[places]]
    /// place = "example-place"
    /// role = "near"
    /// ```
    ///
    /// ## Use instead
    /// ```toml path=events/2021/2021-11-16-exchange-of-fire.toml
    /// id = "2021-11-16-exchange-of-fire"
    /// title = "Exchange of fire near Example Lake"
    /// kind = "armed-clash"
    /// summary = "A second clash later that day, reported separately."
    /// sources = ["example-source"]
    /// related = ["2021-11-16-example"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// end = 2021-11-17
    /// precision = "days"
    ///
    /// [[places]]
    /// place = "example-place"
    /// role = "near"
    /// ```
    pub(crate) struct PossibleDuplicateEvent {
        name: "possible-duplicate-event",
        area: Records,
        severity: Warning,
        fixable: false,
        summary: "two events share kind, overlapping dates and a place",
    }
}

impl Rule for PossibleDuplicateEvent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let events = &cx.dataset().events;
        // (kind, place) → the events there, by index.
        let mut groups: HashMap<(EventKind, &str), Vec<usize>> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            for p in &e.record.places {
                if p.role != Some(PlaceRole::Mentioned) {
                    let list = groups.entry((e.record.kind, p.place.as_str())).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        // Sweep each group in start order; `open` holds the events whose range reaches the
        // current start. Pairs are found in time proportional to their number.
        let mut pairs: BTreeMap<(usize, usize), &str> = BTreeMap::new();
        for ((_, place), mut list) in groups {
            list.sort_by_key(|&i| (events[i].record.date.start, i));
            let mut open: Vec<usize> = Vec::new();
            let mut max_end = None;
            for i in list {
                let date = &events[i].record.date;
                if max_end.is_some_and(|end| end < date.start) {
                    open.clear();
                } else {
                    open.retain(|&j| events[j].record.date.last() >= date.start);
                }
                for &j in &open {
                    let entry = pairs.entry((i.min(j), i.max(j))).or_insert(place);
                    *entry = (*entry).min(place);
                }
                open.push(i);
                max_end = max_end.max(Some(date.last()));
            }
        }
        for ((earlier, later), place) in pairs {
            let (a, b) = (&events[earlier], &events[later]);
            let knows = |x: &faultline_model::Event, y: &faultline_model::Event| {
                x.related.iter().any(|r| *r == y.id)
            };
            if a.record.id == b.record.id
                || knows(&a.record, &b.record)
                || knows(&b.record, &a.record)
            {
                continue;
            }
            let dates =
                |e: &faultline_model::Event| match e.date.end.filter(|end| *end != e.date.start) {
                    Some(end) => format!("{} to {end}", e.date.start),
                    None => e.date.start.to_string(),
                };
            let (this, other) = (dates(&b.record), dates(&a.record));
            let when = if this == other {
                format!("on {this}")
            } else {
                format!("on overlapping dates (this one {this}, the other {other})")
            };
            cx.report(
                &b.origin,
                "/id",
                format!(
                    "this event may duplicate `{}`: both are {} at `{place}` {when}",
                    a.record.id,
                    b.record.kind.as_str(),
                ),
            )
            .help("if both records describe one incident, merge them into one event that keeps every source; if they are distinct, add the other's id to the `related` of either")
            .related(&a.origin, "/id", format!("the other {} event", a.record.kind.as_str()))
            .emit();
        }
    }
}
