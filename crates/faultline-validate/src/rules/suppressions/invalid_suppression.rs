use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Suppression comments that are malformed: no reason after the rule list, an unknown rule
    /// name, an empty rule list, or a `# faultline:` comment that is not `allow(...)`.
    ///
    /// ## Why it matters
    /// A suppression acknowledges a finding on the record; the reason is the acknowledgement.
    /// Without it a reviewer cannot tell a considered decision from a silenced warning. A
    /// malformed suppression suppresses nothing.
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
    /// # faultline: allow(future-date)
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
    pub(crate) struct InvalidSuppression {
        name: "invalid-suppression",
        area: Suppressions,
        severity: Error,
        fixable: false,
        summary: "a suppression comment has no reason, names an unknown rule, or is malformed",
    }
}

impl Rule for InvalidSuppression {
    fn check(&self, cx: &mut Context<'_>) {
        let problems = &cx.shared.suppressions.problems;
        for p in problems {
            cx.report_span(p.file, p.span, p.message.clone())
                .help(p.help.clone())
                .emit();
        }
    }
}
