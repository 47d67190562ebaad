use std::collections::HashMap;

use faultline_dataset::Loaded;

use crate::context::Context;
use crate::rule::{Rule, RuleMeta, declare_rule};

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
    /// ```toml path=actors.toml
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
    /// ```toml path=actors.toml
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
        fixable: false,
        summary: "two records of one kind share an id",
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let index = cx.index();
        let (events, sources, places, actors) = (
            duplicates(&index.events),
            duplicates(&index.sources),
            duplicates(&index.places),
            duplicates(&index.actors),
        );
        report(cx, "event", events);
        report(cx, "source", sources);
        report(cx, "place", places);
        report(cx, "actor", actors);
    }
}

/// The ids held by more than one record, each with its records in dataset order.
fn duplicates<'a, T>(
    by_id: &HashMap<&'a str, Vec<&'a Loaded<T>>>,
) -> Vec<(&'a str, Vec<&'a faultline_dataset::Origin>)> {
    by_id
        .iter()
        .filter(|(_, records)| records.len() > 1)
        .map(|(id, records)| (*id, records.iter().map(|r| &r.origin).collect()))
        .collect()
}

fn report(cx: &mut Context<'_>, noun: &str, found: Vec<(&str, Vec<&faultline_dataset::Origin>)>) {
    for (id, origins) in found {
        let Some((first, later)) = origins.split_first() else {
            continue;
        };
        for origin in later {
            cx.report(
                origin,
                "/id",
                format!("another {noun} already has the id `{id}`"),
            )
            .help(format!(
                "give this {noun} an id of its own, or merge the two records into one"
            ))
            .related(first, "/id", format!("the first {noun} with the id `{id}`"))
            .emit();
        }
    }
}
