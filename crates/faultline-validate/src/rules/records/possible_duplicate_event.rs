use std::collections::{BTreeMap, HashMap};

use faultline_model::{EventKind, PlaceRole};

use crate::engine::summary::EventEntry;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};

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
    /// ```toml events/2021/2021-11-16-exchange-of-fire.toml
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
    /// ```toml events/2021/2021-11-16-exchange-of-fire.toml
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
        phase: Finish,
        fixable: false,
        summary: "two events share kind, overlapping dates and a place",
    }
}

impl Rule for PossibleDuplicateEvent {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        let summary = cx.summary;
        let events = &summary.events;
        // (kind, place) → the events there, by index; a place merely mentioned does not
        // make two events the same incident.
        let mut groups: HashMap<(EventKind, u32), Vec<usize>> = HashMap::new();
        for p in &summary.places {
            if p.role != Some(PlaceRole::Mentioned) {
                let i = p.event as usize;
                groups.entry((events[i].kind, p.place)).or_default().push(i);
            }
        }
        // Sweep each group in start order; `open` holds the events whose range reaches the
        // current start. Pairs are found in time proportional to their number.
        let mut pairs: BTreeMap<(usize, usize), &str> = BTreeMap::new();
        for ((_, place), mut list) in groups {
            let place = &*summary.place_refs[place as usize];
            list.sort_by_key(|&i| (events[i].start, i));
            list.dedup(); // an event that names the place twice
            let mut open: Vec<usize> = Vec::new();
            let mut max_end = None;
            for i in list {
                let e = &events[i];
                if max_end.is_some_and(|end| end < e.start) {
                    open.clear();
                } else {
                    open.retain(|&j| events[j].last >= e.start);
                }
                for &j in &open {
                    let entry = pairs.entry((i.min(j), i.max(j))).or_insert(place);
                    *entry = (*entry).min(place);
                }
                open.push(i);
                max_end = max_end.max(Some(e.last));
            }
        }
        for ((earlier, later), place) in pairs {
            let (a, b) = (&events[earlier], &events[later]);
            let knows = |x: &EventEntry, y: &EventEntry| x.related.contains(&y.id);
            if a.id == b.id || knows(a, b) || knows(b, a) {
                continue;
            }
            let dates = |e: &EventEntry| {
                if e.last == e.start {
                    e.start.to_string()
                } else {
                    format!("{} to {}", e.start, e.last)
                }
            };
            let (this, other) = (dates(b), dates(a));
            let when = if this == other {
                format!("on {this}")
            } else {
                format!("on overlapping dates (this one {this}, the other {other})")
            };
            let message = format!(
                "this event may duplicate `{}`: both are {} at `{place}` {when}",
                a.id,
                b.kind.as_str(),
            );
            let related = format!("the other {} event", a.kind.as_str());
            cx.report(At::Event(later), "/id", message)
            .help("if both records describe one incident, merge them into one event that keeps every source; if they are distinct, add the other's id to the `related` of either")
            .related(At::Event(earlier), "/id", related)
            .emit();
        }
    }
}
