use std::collections::BTreeMap;

use faultline_model::{EventKind, PlaceRole};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::engine::summary::EventEntry;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Events of the same `kind`, with date ranges that share at least one day, at a shared
    /// place (any role but `mentioned`). An event that has such possible duplicates earlier in
    /// the dataset is reported once, naming how many there are and the first three (in
    /// dataset order) as related locations; a cluster of k such events is at most k findings,
    /// never one per pair. Counting stops at 100 ("100 or more"). Events that list each other
    /// in `related` are known to be distinct and are not counted, nor are events with the
    /// same id (`duplicate-id` reports those).
    ///
    /// The check groups events by kind and place and keeps each group ordered by date, so it
    /// stays fast on large datasets and on dense clusters (it never compares every event with
    /// every other).
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

/// How many possible duplicates a finding names as related locations.
const SHOWN: usize = 3;
/// How many earlier possible duplicates of one event are counted, at most: past this, the
/// finding says "100 or more", so that a cluster of k events costs k × 100 steps, not k².
const COUNTED: usize = 100;

/// The events already swept of one (kind, place) group, by start day; `longest` is the
/// longest range among them, in days, so that a search knows where to stop.
#[derive(Default)]
struct Group {
    by_start: BTreeMap<(i64, usize), i64>,
    longest: i64,
}

impl Group {
    /// Adds the `i`-th event, from day `start` to day `last`.
    fn add(&mut self, i: usize, start: i64, last: i64) {
        self.by_start.insert((start, i), last);
        self.longest = self.longest.max(last - start);
    }

    /// The events of the group whose range shares a day with `start..=last` and that `keep`
    /// accepts, earliest start first, until `limit` are found.
    fn overlapping(
        &self,
        start: i64,
        last: i64,
        limit: usize,
        mut keep: impl FnMut(usize) -> bool,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        // An event that starts more than `longest` days before `start` ends before it.
        let from = (start - self.longest, 0);
        for (&(_, j), &l) in self.by_start.range(from..=(last, usize::MAX)) {
            if found.len() >= limit {
                break;
            }
            if l >= start && keep(j) {
                found.push(j);
            }
        }
        found
    }
}

impl Rule for PossibleDuplicateEvent {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        let summary = cx.summary;
        let events = &summary.events;
        // The (kind, place) groups of each event; a place merely mentioned does not make two
        // events the same incident.
        let mut group_ids: HashMap<(EventKind, u32), usize> = HashMap::default();
        let mut memberships: Vec<(usize, usize, u32)> = Vec::new(); // (event, group, place)
        for p in &summary.places {
            if p.role != Some(PlaceRole::Mentioned) {
                let i = p.event as usize;
                let next = group_ids.len();
                let g = *group_ids.entry((events[i].kind, p.place)).or_insert(next);
                memberships.push((i, g, p.place));
            }
        }
        memberships.sort_unstable();
        memberships.dedup(); // an event that names the place twice
        let mut groups: Vec<Group> = (0..group_ids.len()).map(|_| Group::default()).collect();
        let mut found: Vec<Found<'_>> = Vec::with_capacity(BLOCK);
        // Events in dataset order: each is compared with the earlier events of its groups,
        // then joins them.
        for of_one in memberships.chunk_by(|a, b| a.0 == b.0) {
            let i = of_one[0].0;
            let e = &events[i];
            // A range written backwards (`date-range-reversed` reports it) counts as its
            // first day.
            let start = e.start.to_days();
            let last = e.last.to_days().max(start);
            let distinct = |j: usize| {
                let other = &events[j];
                other.id != e.id && !knows(e, other) && !knows(other, e)
            };
            // Each earlier duplicate with the first place (by name) the two events share.
            let mut earlier: Vec<(usize, &str)> = Vec::new();
            let mut capped = false;
            for &(_, g, place) in of_one {
                let found = groups[g].overlapping(start, last, COUNTED, distinct);
                capped |= found.len() >= COUNTED;
                let place = &*summary.place_refs[place as usize];
                earlier.extend(found.into_iter().map(|j| (j, place)));
            }
            for &(_, g, _) in of_one {
                groups[g].add(i, start, last);
            }
            if earlier.is_empty() {
                continue;
            }
            earlier.sort_unstable();
            earlier.dedup_by_key(|(j, _)| *j);
            capped |= earlier.len() >= COUNTED;
            earlier.truncate(COUNTED);
            found.push((i, earlier, capped));
            if found.len() == BLOCK {
                report(cx, &mut found);
            }
        }
        report(cx, &mut found);
    }
}

/// Findings whose texts are made together, on several threads.
const BLOCK: usize = 4096;

/// An event with earlier possible duplicates (each with a place the two share), and whether
/// the count stopped at [`COUNTED`].
type Found<'s> = (usize, Vec<(usize, &'s str)>, bool);

/// Reports the events of `found`, in order, and empties it: the texts are made side by side,
/// the findings recorded one by one.
fn report(cx: &mut FinishCx<'_>, found: &mut Vec<Found<'_>>) {
    let events = &cx.summary.events;
    let texts: Vec<Texts> = found
        .par_iter()
        .map(|(i, earlier, capped)| texts(events, *i, earlier, *capped))
        .collect();
    for ((i, ..), t) in found.drain(..).zip(texts) {
        let mut finding = cx.report(At::Event(i), "/id", t.message).help(t.help);
        for (j, message) in t.related {
            finding = finding.related(At::Event(j), "/id", message);
        }
        finding.emit();
    }
}

/// Whether `x` lists `y` as a related (known distinct) event.
fn knows(x: &EventEntry, y: &EventEntry) -> bool {
    x.related.contains(&y.id)
}

/// `2021-11-16`, or `2021-11-10 to 2021-11-16`.
fn dates(e: &EventEntry) -> String {
    if e.last == e.start {
        e.start.to_string()
    } else {
        format!("{} to {}", e.start, e.last)
    }
}

/// The texts of a finding: its message, help, and the related events with theirs.
struct Texts {
    /// The finding's message.
    message: String,
    /// Its help.
    help: &'static str,
    /// The earlier events shown, each with the message of its related location.
    related: Vec<(usize, String)>,
}

/// The texts of the finding on the `i`-th event, which may duplicate the `earlier` events (in
/// dataset order, each with a place they share); `capped` says the count stopped at
/// [`COUNTED`].
fn texts(events: &[EventEntry], i: usize, earlier: &[(usize, &str)], capped: bool) -> Texts {
    const HELP: &str = "if both records describe one incident, merge them into one event that keeps every source; if they are distinct, add the other's id to the `related` of either";
    const HELP_MANY: &str = "merge the records that describe one incident into one event that keeps every source; add the ids of those that are distinct to the `related` of this event";
    let e = &events[i];
    let kind = e.kind.as_str();
    if let [(j, place)] = earlier {
        let other = &events[*j];
        let (this, that) = (dates(e), dates(other));
        let when = if this == that {
            format!("on {this}")
        } else {
            format!("on overlapping dates (this one {this}, the other {that})")
        };
        return Texts {
            message: format!(
                "this event may duplicate `{}`: both are {kind} at `{place}` {when}",
                other.id
            ),
            help: HELP,
            related: vec![(*j, format!("the other {kind} event"))],
        };
    }
    let shown = &earlier[..earlier.len().min(SHOWN)];
    let mut ids: Vec<String> = shown
        .iter()
        .map(|(j, _)| format!("`{}`", events[*j].id))
        .collect();
    let more = earlier.len() - shown.len();
    let (count, list) = if capped {
        ids.push("others".to_owned());
        (format!("{COUNTED} or more"), join(&ids))
    } else if more > 0 {
        ids.push(format!("{more} more"));
        (earlier.len().to_string(), join(&ids))
    } else {
        (earlier.len().to_string(), join(&ids))
    };
    let first_place = earlier[0].1;
    let at = if earlier.iter().all(|(_, p)| *p == first_place) {
        format!("at `{first_place}`")
    } else {
        "at places this event names".to_owned()
    };
    Texts {
        message: format!(
            "this event may duplicate {count} earlier events: {list} are also {kind} {at} on dates that overlap {}",
            dates(e)
        ),
        help: HELP_MANY,
        related: shown
            .iter()
            .map(|(j, place)| {
                let on = dates(&events[*j]);
                (*j, format!("an earlier {kind} event at `{place}` on {on}"))
            })
            .collect(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
