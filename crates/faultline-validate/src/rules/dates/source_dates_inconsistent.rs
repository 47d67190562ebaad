use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A source whose `updated` or `accessed` date is before its `published` date.
    ///
    /// ## Why it matters
    /// A document cannot be updated or read before it appears. One of the dates is a typo,
    /// and `event-after-report` and the exports rely on the publication date.
    ///
    /// ## Example
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    /// updated = 2021-11-14
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    ///
    /// ## Use instead
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    /// updated = 2021-12-14
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    pub(crate) struct SourceDatesInconsistent {
        name: "source-dates-inconsistent",
        area: Dates,
        severity: Error,
        fixable: false,
        summary: "a source was updated or accessed before it was published",
    }
}

impl Rule for SourceDatesInconsistent {
    fn check(&self, cx: &mut Context<'_>) {
        for s in &cx.dataset().sources {
            let r = &s.record;
            let Some(published) = r.published else {
                continue;
            };
            for (key, date) in [("updated", r.updated), ("accessed", r.accessed)] {
                if let Some(date) = date.filter(|d| *d < published) {
                    cx.report(
                        &s.origin,
                        &format!("/{key}"),
                        format!(
                            "the source was {key} ({date}) before it was published ({published})"
                        ),
                    )
                    .help(format!(
                        "check the year, month and day of `{key}` and `published`"
                    ))
                    .related(&s.origin, "/published", "the publication date")
                    .emit();
                }
            }
        }
    }
}
