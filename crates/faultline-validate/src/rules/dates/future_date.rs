use faultline_model::Date;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Dates after today: an event's start or end, a source's published, updated or accessed
    /// date, the date of a citation, and the dates of de facto control in the gazetteer.
    /// "Today" is the system date, or `--today DATE` for a reproducible run.
    ///
    /// ## Why it matters
    /// A date in the future is a typo (2012 for 2021, 2031 for 2021) that moves the record
    /// out of every timeline and export window it belongs in.
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
    /// end = 2121-11-16
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
    /// end = 2021-11-17
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
    pub(crate) struct FutureDate {
        name: "future-date",
        area: Dates,
        severity: Error,
        fixable: false,
        summary: "a date is after today (`--today DATE` makes runs reproducible)",
    }
}

impl Rule for FutureDate {
    fn check(&self, cx: &mut Context<'_>) {
        let today = cx.config().today;
        let dataset = cx.dataset();
        let mut found: Vec<(&faultline_dataset::Origin, String, Date)> = Vec::new();
        for e in &dataset.events {
            found.push((&e.origin, "/date/start".into(), e.record.date.start));
            if let Some(end) = e.record.date.end {
                found.push((&e.origin, "/date/end".into(), end));
            }
        }
        for s in &dataset.sources {
            let r = &s.record;
            for (key, date) in [
                ("published", r.published),
                ("updated", r.updated),
                ("accessed", r.accessed),
            ] {
                if let Some(d) = date {
                    found.push((&s.origin, format!("/{key}"), d));
                }
            }
            for (i, c) in r.cites.iter().enumerate() {
                if let Some(d) = c.date {
                    found.push((&s.origin, format!("/cites/{i}/date"), d));
                }
            }
        }
        for p in &dataset.places {
            for (i, c) in p.record.de_facto.iter().enumerate() {
                for (key, date) in [("from", c.from), ("until", c.until)] {
                    if let Some(d) = date {
                        found.push((&p.origin, format!("/de_facto/{i}/{key}"), d));
                    }
                }
            }
        }
        for (origin, pointer, date) in found {
            if date > today {
                cx.report(origin, &pointer, format!("{date} is after today ({today})"))
                    .help("check the year; pass --today DATE to lint as of another day")
                    .emit();
            }
        }
    }
}
