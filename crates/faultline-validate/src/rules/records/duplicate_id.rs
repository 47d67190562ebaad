use rustc_hash::FxHashMap as HashMap;

use faultline_dataset::Loaded;

use crate::context::Context;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Two records of one kind (two events, two sources, two places or two actors) with the
    /// same `id`. Every record after the first is reported, with the first as a related
    /// location. (Records of different kinds may share an id: a place and an actor can both
    /// be `armenia`.)
    ///
    /// ## Why it matters
    /// A reference names one record. With two records behind an id, every event that cites it
    /// silently picks one of them, and counts and exports double the record.
    ///
    /// ## Example
    /// ```toml actors.toml
    /// [[actor]]
    /// id = "example-party"
    /// name = "Example Republic"
    /// kind = "state"
    /// country = "ARM"
    ///
    /// [[actor]]
    /// id = "example-actor"
    /// name = "Ministry of Defence of the Example Republic"
    /// kind = "ministry"
    /// country = "ARM"
    /// parent = "example-party"
    ///
    /// [[actor]]
    /// id = "example-other"
    /// name = "Other Republic"
    /// kind = "state"
    /// country = "AZE"
    ///
    /// [[actor]]
    /// id = "example-other"
    /// name = "Other Republic"
    /// kind = "state"
    /// country = "AZE"
    /// names = ["the Other State"]
    /// ```
    ///
    /// ## Use instead
    /// One record per actor, with everything known about it:
    ///
    /// ```toml actors.toml
    /// [[actor]]
    /// id = "example-party"
    /// name = "Example Republic"
    /// kind = "state"
    /// country = "ARM"
    ///
    /// [[actor]]
    /// id = "example-actor"
    /// name = "Ministry of Defence of the Example Republic"
    /// kind = "ministry"
    /// country = "ARM"
    /// parent = "example-party"
    ///
    /// [[actor]]
    /// id = "example-other"
    /// name = "Other Republic"
    /// kind = "state"
    /// country = "AZE"
    /// names = ["the Other State"]
    /// ```
    pub(crate) struct DuplicateId {
        name: "duplicate-id",
        area: Records,
        severity: Error,
        phase: Finish,
        fixable: false,
        summary: "two records of one kind share an id",
    }
}

impl Rule for DuplicateId {
    fn check(&self, cx: &mut Context<'_>) {
        // Sources, places and actors; events are compared in the finish phase, where every
        // event of the run is known.
        let index = cx.index();
        let (sources, places, actors) = (
            duplicates(&index.sources),
            duplicates(&index.places),
            duplicates(&index.actors),
        );
        report(cx, "source", sources);
        report(cx, "place", places);
        report(cx, "actor", actors);
    }

    fn finish(&self, cx: &mut FinishCx<'_>) {
        let events = &cx.summary.events;
        let mut first: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(events.len(), Default::default());
        let mut later: Vec<(usize, usize)> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            match first.get(&*e.id) {
                Some(&f) => later.push((f, i)),
                None => {
                    first.insert(&e.id, i);
                }
            }
        }
        for (f, i) in later {
            let id = cx.summary.events[i].id.clone();
            cx.report(At::Event(i), "/id", message("event", &id))
                .help(help("event"))
                .related(At::Event(f), "/id", related("event", &id))
                .emit();
        }
    }
}

fn message(noun: &str, id: &str) -> String {
    format!("another {noun} already has the id `{id}`")
}

fn help(noun: &str) -> String {
    format!("give this {noun} an id of its own, or merge the two records into one")
}

fn related(noun: &str, id: &str) -> String {
    format!("the first {noun} with the id `{id}`")
}

/// The ids held by more than one record, each with its records in dataset order.
fn duplicates<'a, T>(
    by_id: &HashMap<&'a str, Vec<&'a Loaded<T>>>,
) -> Vec<(&'a str, Vec<&'a faultline_dataset::Origin>)> {
    let mut found: Vec<_> = by_id
        .iter()
        .filter(|(_, records)| records.len() > 1)
        .map(|(id, records)| (*id, records.iter().map(|r| &r.origin).collect()))
        .collect();
    found.sort_by_key(|(id, _)| *id);
    found
}

fn report(cx: &mut Context<'_>, noun: &str, found: Vec<(&str, Vec<&faultline_dataset::Origin>)>) {
    for (id, origins) in found {
        let Some((first, later)) = origins.split_first() else {
            continue;
        };
        for origin in later {
            cx.report(origin, "/id", message(noun, id))
                .help(help(noun))
                .related(first, "/id", related(noun, id))
                .emit();
        }
    }
}
