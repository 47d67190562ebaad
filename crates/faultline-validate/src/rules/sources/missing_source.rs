use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An event whose `sources` is empty or absent, and a claim without a `source`. (A
    /// casualty figure without a source is reported by `unattributed-casualty`, which checks
    /// a figure's claimant and source together, so that one problem gives one finding.)
    ///
    /// ## Why it matters
    /// Every statement of the dataset must be traceable to the document it was read in. An
    /// event without a source cannot be checked, corrected or weighed against other reports; a
    /// claim without one cannot be quoted in context.
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
    /// [[claims]]
    /// claimant = "example-actor"
    /// kind = "accuses"
    /// against = "example-other"
    /// quote = "an example accusation"
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
    /// [[claims]]
    /// claimant = "example-actor"
    /// kind = "accuses"
    /// against = "example-other"
    /// source = "example-source"
    /// quote = "an example accusation"
    /// ```
    pub(crate) struct MissingSource {
        name: "missing-source",
        area: Sources,
        severity: Error,
        fixable: false,
        summary: "an event cites no source, or a claim names no source",
    }
}

impl Rule for MissingSource {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().events {
            let r = &e.record;
            if r.sources.is_empty() {
                cx.report_absent(
                    &e.origin,
                    "/sources",
                    format!("the event `{}` cites no source", r.id),
                )
                .help("list the ids of the sources that report it: `sources = [\"<source id>\"]`")
                .emit();
            }
            for (i, c) in r.claims.iter().enumerate() {
                if c.source.is_none() {
                    cx.report(&e.origin, &format!("/claims/{i}"), format!("the claim of `{}` names no source", c.claimant))
                        .help("add `source = \"<source id>\"`: the document where the claim was read, one of the event's `sources`")
                        .emit();
                }
            }
        }
    }
}
