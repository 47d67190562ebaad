use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A claim's or casualty figure's `source` that is not among the event's `sources`. (A
    /// source id that names no source at all is reported by `dangling-reference` instead, and
    /// an event that cites no source at all by `missing-source`.)
    ///
    /// ## Why it matters
    /// An event's `sources` is the list of documents that report it: exports, the count of
    /// independent sources and `event-after-report` read it. A claim read in a document the
    /// event does not cite leaves that list incomplete.
    ///
    /// ## Example
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-16
    /// ```
    ///
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement"]
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
    ///
    /// ## Use instead
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-16
    /// ```
    ///
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement", "example-source"]
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
    pub(crate) struct UncitedClaimSource {
        name: "uncited-claim-source",
        area: Sources,
        severity: Warning,
        fixable: false,
        summary: "a claim's or figure's source is not among the event's sources",
    }
}

impl Rule for UncitedClaimSource {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            let r = &e.record;
            if r.sources.is_empty() {
                continue; // `missing-source`
            }
            let claims = r
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| ("claim", i, "claims", c.source.as_ref()));
            let figures = r
                .casualties
                .iter()
                .enumerate()
                .map(|(i, c)| ("figure", i, "casualties", c.source.as_ref()));
            for (noun, i, list, source) in claims.chain(figures) {
                let Some(source) = source else { continue };
                if r.sources.contains(source) || index.source(source.as_str()).is_none() {
                    continue;
                }
                cx.report(
                    &e.origin,
                    &format!("/{list}/{i}/source"),
                    format!("the {noun}'s source `{source}` is not among the event's sources"),
                )
                .help(format!("add `{source}` to the event's `sources`"))
                .related(&e.origin, "/sources", "the event's sources")
                .emit();
            }
        }
    }
}
