use faultline_model::{Casualty, Count, Qualifier};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::casualties::numbers::numbers_in;

declare_rule! {
    /// ## What it checks
    /// A casualty figure whose number — `count`, or each of `low`, `high` and `best` — does
    /// not appear in its `quote`, as digits (`13`, `6,000`, `6000`) or English words
    /// (`thirteen`, `twenty-four`, `a dozen`, `six thousand`; `no` and `none` for zero, the
    /// article `a` or `an` for one). A low end of zero needs no number when the quote bounds
    /// the figure from above ("up to two", "at most", "fewer than") or the figure's
    /// `qualifier` does (`up-to`, `under`). It needs no archive: it reads the quote alone.
    ///
    /// A figure the text gives only as a sum ("an officer and two soldiers" for three) does
    /// not appear as such: acknowledge it with a suppression that says how it was counted.
    ///
    /// ## Why it matters
    /// A typed figure is the easiest error to make and the costliest to miss: 31 for 13 passes
    /// every range check, and every total and export built on it.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-17
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 3
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    /// ```
    ///
    /// ## Use instead
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-17
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    /// ```
    pub(crate) struct FigureNotInQuote {
        name: "figure-not-in-quote",
        area: Casualties,
        severity: Error,
        fixable: false,
        summary: "a casualty figure's number does not appear in its quote",
    }
}

impl Rule for FigureNotInQuote {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().events {
            for (i, c) in e.record.casualties.iter().enumerate() {
                let Some(quote) = c.quote.as_deref().filter(|q| !q.trim().is_empty()) else {
                    continue; // `empty-field`, or no quote at all
                };
                if c.figure().is_err() {
                    continue; // `invalid-casualty-range`
                }
                let given = numbers_in(quote);
                for (key, value) in values(c) {
                    // `bounded_above` lower-cases the quote: asked only for a low bound of 0.
                    if u64::try_from(value).is_ok_and(|v| given.contains(&v))
                        || (value == 0 && key.ends_with("low") && bounded_above(c, quote))
                    {
                        continue;
                    }
                    let gives = match given.as_slice() {
                        [] => "the quote gives no number".to_owned(),
                        [one] => format!("the quote gives {one}"),
                        many => format!(
                            "the quote gives {}",
                            many.iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    cx.report(
                        &e.origin,
                        &format!("/casualties/{i}/{key}"),
                        format!("the figure {value} does not appear in its quote"),
                    )
                    .help(format!(
                        "{gives}: correct the figure or the quote (numbers are read as digits — 13, 6,000 — or words — thirteen, a dozen)"
                    ))
                    .emit();
                }
            }
        }
    }
}

/// Whether the figure is only an upper bound, by its qualifier or the quote's words.
fn bounded_above(c: &Casualty, quote: &str) -> bool {
    if matches!(c.qualifier, Some(Qualifier::UpTo | Qualifier::Under)) {
        return true;
    }
    let quote = quote.to_lowercase();
    [
        "up to ",
        "at most ",
        "no more than ",
        "fewer than ",
        "less than ",
    ]
    .iter()
    .any(|w| quote.contains(w))
}

/// Each number of a figure with the key that holds it.
fn values(c: &Casualty) -> Vec<(&'static str, i64)> {
    match (c.count, c.low, c.high) {
        (Some(Count::Exact(n)), _, _) => vec![("count", n)],
        (Some(Count::Range(r)), _, _) => {
            let mut v = vec![("count/low", r.low), ("count/high", r.high)];
            if let Some(best) = r.best {
                v.push(("count/best", best));
            }
            v
        }
        (None, low, high) => [("low", low), ("high", high)]
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect(),
    }
}
