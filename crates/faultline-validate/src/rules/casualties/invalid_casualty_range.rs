use faultline_model::{Casualty, Count, FigureError};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A casualty figure that cannot be read as a number of people:
    /// - a negative value;
    /// - a range whose `low` is greater than its `high`, or whose `best` lies outside it;
    /// - a `count` together with flat `low` / `high` (write one form);
    /// - only one of flat `low` and `high`;
    /// - no figure at all (neither `count` nor `low` / `high`).
    ///
    /// The finding points at the offending value.
    ///
    /// ## Why it matters
    /// Totals, the UCDP-style low / best / high and the conservative ACLED-style figure are
    /// all computed from these values; a figure that cannot be read is left out of every one
    /// of them.
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
    /// count = { low = 5, high = 3 }
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "three to five were killed"
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
    /// count = { low = 3, high = 5 }
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "three to five were killed"
    /// ```
    pub(crate) struct InvalidCasualtyRange {
        name: "invalid-casualty-range",
        area: Casualties,
        severity: Error,
        fixable: false,
        summary: "`low > high`, a negative count, or a count and a range at once",
    }
}

impl Rule for InvalidCasualtyRange {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().events {
            for (i, c) in e.record.casualties.iter().enumerate() {
                let Err(err) = c.figure() else { continue };
                let key = offending_key(c, &err);
                let help = match err {
                    FigureError::Missing => {
                        "add the figure: `count = N`, or `count = { low = L, high = H }`"
                    }
                    FigureError::Both => {
                        "keep one form: `count = N` / `count = { low = L, high = H }`, or flat `low` and `high` without `count`"
                    }
                    FigureError::HalfRange => {
                        "give both `low` and `high`, or write an exact figure as `count = N`"
                    }
                    FigureError::Negative(_) => {
                        "a figure counts people: write the number without a sign"
                    }
                    FigureError::Reversed { .. } => "swap `low` and `high`",
                    FigureError::BestOutside { .. } => {
                        "`best` must lie between `low` and `high`; check all three against the quote"
                    }
                };
                let pointer = if key.is_empty() {
                    format!("/casualties/{i}")
                } else {
                    format!("/casualties/{i}/{key}")
                };
                cx.report(&e.origin, &pointer, err.to_string())
                    .help(help)
                    .emit();
            }
        }
    }
}

/// The key (below the figure's table) that holds the problem; empty for the table itself.
fn offending_key(c: &Casualty, err: &FigureError) -> &'static str {
    let range = match c.count {
        Some(Count::Range(r)) => Some(r),
        _ => None,
    };
    match err {
        FigureError::Missing => "",
        FigureError::Both | FigureError::HalfRange => {
            if c.low.is_some() {
                "low"
            } else {
                "high"
            }
        }
        FigureError::Negative(v) => match (c.count, range) {
            (Some(Count::Exact(_)), _) => "count",
            (_, Some(r)) if r.low == *v => "count/low",
            (_, Some(r)) if r.high == *v => "count/high",
            (_, Some(_)) => "count/best",
            _ if c.low == Some(*v) => "low",
            _ => "high",
        },
        FigureError::Reversed { .. } => {
            if range.is_some() {
                "count/low"
            } else {
                "low"
            }
        }
        FigureError::BestOutside { .. } => "count/best",
    }
}
