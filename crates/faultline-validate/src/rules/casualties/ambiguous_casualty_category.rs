use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A casualty figure with `category = "unspecified"`: the source says "casualties" (or
    /// "losses") without saying killed or wounded.
    ///
    /// When the source really says no more, keep `unspecified` and acknowledge the finding
    /// with the words of the source:
    /// `# faultline: allow(ambiguous-casualty-category) "Azerbaijan confirmed seven casualties"`.
    ///
    /// ## Why it matters
    /// "Casualties" may mean the dead, the wounded or both. Exports that count fatalities
    /// (ACLED, UCDP) cannot use such a figure, and it is often misread as a death toll.
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
    /// category = "unspecified"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two soldiers were killed"
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
    /// quote = "two soldiers were killed"
    /// ```
    pub(crate) struct AmbiguousCasualtyCategory {
        name: "ambiguous-casualty-category",
        area: Casualties,
        severity: Warning,
        fixable: false,
        summary: "a figure uses `unspecified` (the bare word \"casualties\")",
    }
}

impl Rule for AmbiguousCasualtyCategory {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().events {
            for (i, c) in e.record.casualties.iter().enumerate() {
                if c.category == faultline_model::Category::Unspecified {
                    cx.report(
                        &e.origin,
                        &format!("/casualties/{i}/category"),
                        format!("the category of the figure for `{}` is `unspecified`: it does not say killed, wounded, captured or missing", c.party),
                    )
                    .help("use the category the quote supports; if the source says only \"casualties\", keep `unspecified` and suppress this finding with the quote")
                    .emit();
                }
            }
        }
    }
}
