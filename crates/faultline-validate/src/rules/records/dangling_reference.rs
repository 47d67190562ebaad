use rustc_hash::FxHashSet as HashSet;

use crate::context::Context;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};
use crate::rules::refs::{Target, each_reference, in_unloaded_file};
use crate::suggest::did_you_mean;

declare_rule! {
    /// ## What it checks
    /// References that name no record: an event's `sources`, `places[].place`,
    /// `actors[].actor`, `related`, a claim's `claimant`, `against` and `source`, a figure's
    /// `party`, `claimant` and `source`; a source's `party`; a place's `de_facto[].by`; an
    /// actor's `parent`. The help suggests the closest existing id.
    ///
    /// A place written by one of its names ("Misal Gol") instead of its id is reported by
    /// `place-alias`, with a fix, not here. An id written in a file that failed to load is not
    /// reported either: that file is reported by `parse-error` or `schema-violation`.
    ///
    /// ## Why it matters
    /// A reference that resolves to nothing loses the link it was written to make: the figure
    /// is no longer tied to the document it was read in, the event to its place on the map.
    /// Most dangling references are typos.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[actors]]
    /// actor = "example-othr"
    ///
    /// [[actors]]
    /// actor = "example-other"
    /// ```
    ///
    /// ## Use instead
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[actors]]
    /// actor = "example-other"
    /// ```
    pub(crate) struct DanglingReference {
        name: "dangling-reference",
        area: Records,
        severity: Error,
        phase: Finish,
        fixable: false,
        summary: "a source, place, actor or related-event id does not resolve",
    }
}

impl Rule for DanglingReference {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        let index = cx.index();
        each_reference(dataset, |r| {
            // References between events are checked in the finish phase, where every event
            // of the run is known.
            if r.target == Target::Event || r.target.resolves(index, r.id) {
                return;
            }
            if r.target == Target::Place
                && index.place_names.contains_key(&r.id.trim().to_lowercase())
            {
                return; // a name variant: `place-alias`
            }
            if in_unloaded_file(dataset, r.target, r.id) {
                return;
            }
            let noun = r.target.noun();
            // The ids of each kind, sorted, for did-you-mean (gathered once per run).
            let ids = index.sorted_ids(r.target);
            let help = match did_you_mean(r.id, ids.iter().map(|id| &**id)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("correct the id, or add {}", r.target.home(r.id)),
            };
            cx.report(
                r.origin,
                &r.field.pointer(),
                format!("no {noun} has the id `{}`", r.id),
            )
            .help(help)
            .emit();
        });
    }

    fn finish(&self, cx: &mut FinishCx<'_>) {
        let events = &cx.summary.events;
        let ids: HashSet<&str> = events.iter().map(|e| &*e.id).collect();
        let mut missing: Vec<(usize, usize, Box<str>)> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            for (j, r) in e.related.iter().enumerate() {
                let mentioned = || cx.summary.mentioned_in_unloaded(r);
                if !ids.contains(&**r) && !mentioned() {
                    missing.push((i, j, r.clone()));
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        let large = ids.len() > ALL_BELOW;
        let sorted = suggestable(ids, missing.iter().map(|(_, _, id)| &**id), large);
        for (i, j, id) in missing {
            let candidates = event_candidates(&sorted, &id, large);
            let help = match did_you_mean(&id, candidates) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("correct the id, or add {}", Target::Event.home(&id)),
            };
            cx.report(
                At::Event(i),
                &format!("/related/{j}"),
                format!("no event has the id `{id}`"),
            )
            .help(help)
            .emit();
        }
    }
}

/// Below this many events, every event id is compared with a missing one.
const ALL_BELOW: usize = 1_000;

/// The length of the date an event id starts with.
const DATE: usize = 10;

/// The first [`DATE`] characters of `id` (all of it when shorter).
fn date_of(id: &str) -> &str {
    id.char_indices().nth(DATE).map_or(id, |(at, _)| &id[..at])
}

/// The event ids that may be suggested for the `missing` ones, sorted: all of them, or in a
/// `large` dataset only those that share the date of a missing one (not a sort of a million
/// ids for a few typos).
fn suggestable<'a, 'm>(
    ids: HashSet<&'a str>,
    missing: impl Iterator<Item = &'m str>,
    large: bool,
) -> Vec<&'a str> {
    let mut sorted: Vec<&str> = if large {
        // A missing id shorter than a date is the start of the ids it may stand for: each
        // id's starts of one to nine characters are looked up.
        let dates: HashSet<&str> = missing.map(date_of).collect();
        let longest_short = dates
            .iter()
            .map(|d| d.chars().count())
            .filter(|&n| n < DATE)
            .max()
            .unwrap_or(0);
        let kept = |s: &str| {
            dates.contains(date_of(s))
                || s.char_indices()
                    .skip(1)
                    .take(longest_short)
                    .map(|(at, _)| &s[..at])
                    .chain((s.chars().count() <= longest_short).then_some(s))
                    .any(|start| dates.contains(start))
        };
        ids.into_iter().filter(|s| kept(s)).collect()
    } else {
        ids.into_iter().collect()
    };
    sorted.sort_unstable();
    sorted
}

/// The event ids worth comparing with `id` for a did-you-mean, from `sorted`: all of them in
/// a small dataset; in a `large` one, those that start with the same date (event ids start
/// with their date), so that a typo costs a lookup, not a pass over a million ids.
fn event_candidates<'a>(
    sorted: &'a [&'a str],
    id: &str,
    large: bool,
) -> impl Iterator<Item = &'a str> + 'a {
    let prefix = date_of(id);
    let (from, to) = if large {
        let from = sorted.partition_point(|s| *s < prefix);
        let to = from + sorted[from..].partition_point(|s| s.starts_with(prefix));
        (from, to)
    } else {
        (0, sorted.len())
    };
    sorted[from..to].iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In a large dataset, a missing id is compared with the ids of its date only, and
    /// nothing else is kept for it.
    #[test]
    fn a_large_dataset_suggests_from_the_same_date() {
        let all: Vec<String> = (0..3000)
            .map(|n| format!("2021-{:02}-{:02}-clash-{n}", 1 + n % 12, 1 + n % 28))
            .chain(["abcdef-1".to_owned()])
            .collect();
        let ids: HashSet<&str> = all.iter().map(String::as_str).collect();
        let missing = ["2021-03-03-clash-2o", "abcdef"];
        let sorted = suggestable(ids.clone(), missing.into_iter(), true);
        assert!(sorted.is_sorted());
        assert!(
            sorted
                .iter()
                .all(|s| s.starts_with("2021-03-03") || s.starts_with("abcdef")),
            "{sorted:?}"
        );
        let wanted: Vec<&str> = event_candidates(&sorted, missing[0], true).collect();
        let everything = suggestable(ids, std::iter::empty(), false);
        let by_all: Vec<&str> = everything
            .iter()
            .copied()
            .filter(|s| s.starts_with("2021-03-03"))
            .collect();
        assert_eq!(wanted, by_all);
        assert_eq!(
            did_you_mean(missing[0], wanted.iter().copied()),
            Some("2021-03-03-clash-2")
        );
        let short: Vec<&str> = event_candidates(&sorted, "abcdef", true).collect();
        assert_eq!(short, ["abcdef-1"]);
    }
}
