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
        let mut sorted: Vec<&str> = ids.into_iter().collect();
        sorted.sort_unstable();
        for (i, j, id) in missing {
            let candidates = event_candidates(&sorted, &id);
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

/// The event ids worth comparing with `id` for a did-you-mean: all of them in a small
/// dataset; in a large one, those that start with the same date (event ids start with their
/// date), so that a typo costs a lookup, not a pass over a million ids.
fn event_candidates<'a>(sorted: &'a [&'a str], id: &str) -> impl Iterator<Item = &'a str> + 'a {
    const ALL_BELOW: usize = 1_000;
    let prefix: String = id.chars().take(10).collect();
    let (from, to) = if sorted.len() <= ALL_BELOW {
        (0, sorted.len())
    } else {
        let from = sorted.partition_point(|s| *s < prefix.as_str());
        let to = from + sorted[from..].partition_point(|s| s.starts_with(&prefix));
        (from, to)
    };
    sorted[from..to].iter().copied()
}
