use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An event that starts after the publication date of a source it cites (in `sources`, or
    /// as the source of a claim or figure): the source's `published` date, or `updated` when
    /// it has no `published`. The related location is the source's date.
    ///
    /// ## Why it matters
    /// A document cannot report what had not yet happened. Either the event's date is wrong
    /// (often a relative date such as "on Tuesday" resolved against the wrong week) or the
    /// source's date is.
    ///
    /// ## Example
    /// ```toml events/2021/2021-12-21-example.toml
    /// id = "2021-12-21-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-12-21
    /// precision = "day"
    /// as_reported = "on Tuesday"
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
    ///
    /// ## Use instead
    /// ```toml events/2021/2021-12-07-example.toml
    /// id = "2021-12-07-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-12-07
    /// precision = "day"
    /// as_reported = "on Tuesday"
    /// note = "the Tuesday before the article of 2021-12-13"
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
    pub(crate) struct EventAfterReport {
        name: "event-after-report",
        area: Dates,
        severity: Error,
        fixable: false,
        summary: "the event starts after the publication date of a source that reports it",
    }
}

impl Rule for EventAfterReport {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            let r = &e.record;
            let cited = r
                .sources
                .iter()
                .chain(r.claims.iter().filter_map(|c| c.source.as_ref()));
            let cited = cited.chain(r.casualties.iter().filter_map(|c| c.source.as_ref()));
            // A handful of sources per event: a vector is cheaper than a set.
            let mut seen: Vec<&str> = Vec::new();
            for id in cited {
                if seen.contains(&id.as_str()) {
                    continue;
                }
                seen.push(id.as_str());
                let Some(s) = index.source(id.as_str()) else {
                    continue;
                };
                let (key, date) = match (s.record.published, s.record.updated) {
                    (Some(d), _) => ("published", d),
                    (None, Some(d)) => ("updated", d),
                    (None, None) => continue,
                };
                if r.date.start > date {
                    cx.report(
                        &e.origin,
                        "/date/start",
                        format!("the event starts on {}, after `{id}` was {key} ({date})", r.date.start),
                    )
                    .help("check the event's date (a relative date such as \"on Tuesday\" counts back from the source's date) and the source's date")
                    .related(&s.origin, &format!("/{key}"), format!("`{id}` was {key} here"))
                    .emit();
                }
            }
        }
    }
}
