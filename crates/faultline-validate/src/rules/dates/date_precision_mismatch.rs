use faultline_model::{DateBasis, EventDate, Precision};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An event date whose range does not fit its `precision`:
    /// - `day`: one day (no `end`, or `end` equal to `start`);
    /// - `days`: two to seven days;
    /// - `week`: at most seven days;
    /// - `month`: within one calendar month;
    /// - `year`: within one calendar year;
    /// - `years`: any range.
    ///
    /// A date whose `basis` is `reported`, `cited` or `before` records the day of a report, of
    /// a cited publication or of a later event, not the event's own: the event happened on or
    /// before `end`, so `day` and `days` claim a day the text does not give.
    ///
    /// Also a `time` with a precision other than `day`, and a `time_end` before `time` on a
    /// one-day event. (A reversed range is `date-range-reversed`'s finding, a range that ends
    /// after today `future-date`'s.)
    ///
    /// ## Why it matters
    /// Precision tells exports and readers how far to trust the day: ACLED's time precision
    /// and UCDP's date precision codes are derived from it. A range of three weeks marked
    /// `day` claims a certainty the sources do not give, and so does the day a ministry
    /// reported an attack, recorded as the day of the attack.
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
    /// end = 2021-11-18
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
    ///
    /// (Likewise `basis = "reported"` with `precision = "day"`: the ministry's report of an
    /// attack is dated, the attack is not.)
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
    ///
    /// For the report: `basis = "reported"` with `precision = "month"` (the attack happened on
    /// or before the report, in that month as far as the text tells), and an id that shows
    /// the month only (`2021-11-xx-...`, see `id-mismatch`).
    pub(crate) struct DatePrecisionMismatch {
        name: "date-precision-mismatch",
        area: Dates,
        severity: Warning,
        fixable: false,
        summary: "the range width, the date's basis or the time of day does not fit `precision`",
    }
}

impl Rule for DatePrecisionMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let today = cx.config().today;
        for e in &cx.dataset().events {
            let date = &e.record.date;
            if date.last() < date.start || date.last() > today {
                continue; // `date-range-reversed`, `future-date`
            }
            let days = date.start.days_until(date.last()) + 1;
            let precision = date.precision.as_str();
            if let Some(expected) = misfit(date, days) {
                let span = if days == 1 {
                    format!("one day ({})", date.start)
                } else {
                    format!("{days} days ({} to {})", date.start, date.last())
                };
                cx.report(
                    &e.origin,
                    "/date/precision",
                    format!(
                        "precision \"{precision}\" means {expected}, but the date covers {span}"
                    ),
                )
                .help(format!(
                    "use the precision that fits the range (\"{}\"), or correct `end`",
                    fitting(date, days).as_str()
                ))
                .emit();
            } else if !date.is_occurrence()
                && matches!(date.precision, Precision::Day | Precision::Days)
            {
                let basis = date.basis.as_str();
                cx.report(&e.origin, "/date/precision", format!("precision \"{precision}\" claims the event's day, but `basis = \"{basis}\"` says the date is {}: the event happened on or before {}", dated_by(date.basis), date.last()))
                    .help("give the precision the text supports for the event itself (\"week\", \"month\", \"year\", or \"years\" when the text gives no earlier bound), or set `basis = \"occurred\"` if the text dates the event")
                    .related(&e.origin, "/date/basis", "the date's basis")
                    .emit();
            }
            if date.time.is_some() && date.precision != Precision::Day {
                cx.report(&e.origin, "/date/time", format!("a time of day is given with precision \"{precision}\""))
                    .help("a time of day needs a one-day date with precision \"day\"; remove `time`, or narrow the date")
                    .emit();
            }
            if let (Some(time), Some(time_end)) = (date.time, date.time_end)
                && days == 1
                && time_end < time
            {
                cx.report(&e.origin, "/date/time_end", format!("`time_end` {time_end} is before `time` {time} on a one-day event"))
                    .help("check both times; an event that runs past midnight ends on the next day: set `end`")
                    .related(&e.origin, "/date/time", "the start time")
                    .emit();
            }
        }
    }
}

/// What the precision means, when the range does not fit it.
fn misfit(date: &EventDate, days: i64) -> Option<&'static str> {
    let (start, last) = (date.start, date.last());
    let fits = match date.precision {
        Precision::Day => days == 1,
        Precision::Days => (2..=7).contains(&days),
        Precision::Week => days <= 7,
        Precision::Month => (start.year(), start.month()) == (last.year(), last.month()),
        Precision::Year => start.year() == last.year(),
        Precision::Years => true,
    };
    (!fits).then_some(match date.precision {
        Precision::Day => "a single day",
        Precision::Days => "two to seven days",
        Precision::Week => "at most seven days",
        Precision::Month => "days within one calendar month",
        Precision::Year => "days within one calendar year",
        Precision::Years => "any range",
    })
}

/// What the recorded days are, for a basis other than `occurred`.
fn dated_by(basis: DateBasis) -> &'static str {
    match basis {
        DateBasis::Occurred => "the event's own",
        DateBasis::Reported => "the day it was reported",
        DateBasis::Cited => "a cited publication's date",
        DateBasis::Before => "a later event's date",
    }
}

/// The narrowest precision the range fits.
fn fitting(date: &EventDate, days: i64) -> Precision {
    let (start, last) = (date.start, date.last());
    if days == 1 {
        Precision::Day
    } else if days <= 7 {
        Precision::Days
    } else if (start.year(), start.month()) == (last.year(), last.month()) {
        Precision::Month
    } else if start.year() == last.year() {
        Precision::Year
    } else {
        Precision::Years
    }
}
