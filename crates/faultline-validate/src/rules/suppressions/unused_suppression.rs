use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Suppression comments (`# faultline: allow(RULE) REASON`) that suppress nothing: the
    /// rule no longer fires there, or the comment stands on the wrong line. The finding points
    /// at the rule name in the comment. Rules that are switched off in this run are not
    /// reported.
    ///
    /// ## Why it matters
    /// A stale suppression would silently hide the next real finding at that place, and its
    /// reason no longer describes the record.
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
    /// # faultline: allow(future-date) the source gives this date
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
    /// ```
    pub(crate) struct UnusedSuppression {
        name: "unused-suppression",
        area: Suppressions,
        severity: Warning,
        fixable: false,
        summary: "a suppression comment suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn check(&self, _cx: &mut Context<'_>) {
        // Reported by the driver (`lint.rs`) once every other rule has run and the
        // suppressions have been applied: only then is it known which ones were used.
    }
}
