use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An event whose `end` is before its `start`, and a place's de facto control
    /// (`[[place.de_facto]]`) whose `until` is before its `from`.
    ///
    /// ## Why it matters
    /// A reversed range is a typo (a swapped day and month, a wrong year) and belongs to no
    /// day at all: the event falls out of every timeline and date filter.
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
    /// end = 2021-11-14
    /// precision = "days"
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
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// end = 2021-11-18
    /// precision = "days"
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
    pub(crate) struct DateRangeReversed {
        name: "date-range-reversed",
        area: Dates,
        severity: Error,
        fixable: false,
        summary: "`end` is before `start` (or a de facto control's `until` before its `from`)",
    }
}

impl Rule for DateRangeReversed {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        for e in &dataset.events {
            let date = &e.record.date;
            if let Some(end) = date.end.filter(|end| *end < date.start) {
                cx.report(
                    &e.origin,
                    "/date/end",
                    format!("the event ends ({end}) before it starts ({})", date.start),
                )
                .help(
                    "check the day, month and year of both dates; `end` is the last day, inclusive",
                )
                .related(&e.origin, "/date/start", "the start")
                .emit();
            }
        }
        for p in &dataset.places {
            for (i, c) in p.record.de_facto.iter().enumerate() {
                if let (Some(from), Some(until)) = (c.from, c.until)
                    && until < from
                {
                    cx.report(
                        &p.origin,
                        &format!("/de_facto/{i}/until"),
                        format!(
                            "control by `{}` ends ({until}) before it begins ({from})",
                            c.by
                        ),
                    )
                    .help("check the day, month and year of `from` and `until`")
                    .related(&p.origin, &format!("/de_facto/{i}/from"), "the beginning")
                    .emit();
                }
            }
        }
    }
}
