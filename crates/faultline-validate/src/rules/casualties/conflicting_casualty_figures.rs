use std::collections::BTreeMap;

use faultline_model::figures::summarize;
use faultline_model::{Casualty, Category};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::casualties::figure_words;

declare_rule! {
    /// ## What it checks
    /// Within one event, figures for the same party and category that differ and come from
    /// different claimants: one side reports two dead, the other five. The finding points at
    /// the later figure, with the earlier one as a related location.
    ///
    /// This is information for reviewers, not an error: disagreement between claimants is
    /// data, and both figures belong in the record. Check that each is transcribed as its
    /// claimant gave it.
    ///
    /// ## Why it matters
    /// Exports combine such figures into a low, best and high estimate (UCDP) or take the
    /// lowest (ACLED). A reviewer should see where the claimants disagree, and a typo in one
    /// figure looks exactly like a disagreement.
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
    /// actor = "example-other"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 5
    /// claimant = "example-other"
    /// source = "example-source"
    /// quote = "five of the enemy were killed"
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
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-other"
    /// source = "example-source"
    /// quote = "two of the enemy were killed"
    /// ```
    pub(crate) struct ConflictingCasualtyFigures {
        name: "conflicting-casualty-figures",
        area: Casualties,
        severity: Info,
        fixable: false,
        summary: "the same party and category carry different figures from different claimants",
    }
}

impl Rule for ConflictingCasualtyFigures {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().events {
            let casualties = &e.record.casualties;
            // The figures of each (party, category), by index, in record order.
            let mut groups: BTreeMap<(&str, Category), Vec<usize>> = BTreeMap::new();
            for (i, c) in casualties.iter().enumerate() {
                if c.figure().is_ok() {
                    groups
                        .entry((c.party.as_str(), c.category))
                        .or_default()
                        .push(i);
                }
            }
            for summary in summarize(&e.record).iter().filter(|s| s.disputed()) {
                let Some(list) = groups.get(&(summary.party.as_str(), summary.category)) else {
                    continue;
                };
                for (n, &k) in list.iter().enumerate() {
                    let later = &casualties[k];
                    let earlier = list[..n]
                        .iter()
                        .copied()
                        .find(|&j| differs(&casualties[j], later));
                    let Some(j) = earlier else { continue };
                    let first = &casualties[j];
                    cx.report(
                        &e.origin,
                        &figure_pointer(later, k),
                        format!(
                            "{} {} of `{}` according to {}, but {} according to {}",
                            figure_words(later),
                            later.category.as_str(),
                            later.party,
                            claimant(later),
                            figure_words(first),
                            claimant(first),
                        ),
                    )
                    .help("nothing to correct if the claimants disagree: keep both figures; check that each is transcribed as its claimant gave it")
                    .related(&e.origin, &figure_pointer(first, j), format!("the figure according to {}", claimant(first)))
                    .emit();
                }
            }
        }
    }
}

/// Whether two figures differ and come from different claimants.
fn differs(a: &Casualty, b: &Casualty) -> bool {
    a.claimant != b.claimant && a.figure().ok() != b.figure().ok()
}

fn claimant(c: &Casualty) -> String {
    c.claimant
        .as_ref()
        .map_or_else(|| "an unnamed claimant".to_owned(), |a| format!("`{a}`"))
}

/// The value that holds the figure: `count`, or flat `low`.
fn figure_pointer(c: &Casualty, i: usize) -> String {
    if c.count.is_some() {
        format!("/casualties/{i}/count")
    } else {
        format!("/casualties/{i}/low")
    }
}
