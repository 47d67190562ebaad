use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::casualties::figure_words;
use faultline_model::SourceKind;

declare_rule! {
    /// ## What it checks
    /// A casualty figure without a `claimant` (who stated it) or without a `source` (where
    /// it was read); the message says which is missing. This rule also covers figures without
    /// a source, which `missing-source` leaves to it so that one problem gives one finding.
    ///
    /// A figure read in a dataset (its `source` has `kind = "dataset"`: an ACLED or UCDP
    /// export, or one of its rows) with no claimant is
    /// the dataset's own estimate from reports it does not attribute (ACLED's `fatalities`,
    /// UCDP's deaths): it is attributed to the dataset through its source and not reported.
    ///
    /// When the text really names no one ("There are reports of ..."), leave `claimant` out
    /// and acknowledge the finding with a suppression that quotes the text:
    /// `# faultline: allow(unattributed-casualty) the article names no claimant: "There are reports of"`.
    ///
    /// ## Why it matters
    /// Casualty figures in this conflict are claims: each party reports its own losses and
    /// the other's differently. A number without its claimant and source cannot be weighed
    /// against the others, and an export would present it as fact.
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
    /// count = 2
    /// source = "example-source"
    /// quote = "two were killed"
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
    /// quote = "two were killed"
    /// ```
    pub(crate) struct UnattributedCasualty {
        name: "unattributed-casualty",
        area: Casualties,
        severity: Error,
        fixable: false,
        summary: "a casualty figure has no claimant or no source",
    }
}

impl Rule for UnattributedCasualty {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            for (i, c) in e.record.casualties.iter().enumerate() {
                let (message, help) = match (&c.claimant, &c.source) {
                    (Some(_), Some(_)) => continue,
                    (None, Some(s))
                        if index
                            .source(s.as_str())
                            .is_some_and(|s| s.record.kind == Some(SourceKind::Dataset)) =>
                    {
                        continue;
                    }
                    (None, Some(_)) => (
                        "the figure names no claimant: who stated it?",
                        "add `claimant = \"<actor id>\"`; if the source names no one, suppress this finding with the words that show it",
                    ),
                    (Some(_), None) => (
                        "the figure names no source: where was it read?",
                        "add `source = \"<source id>\"`: the document the figure was read in, one of the event's `sources`",
                    ),
                    (None, None) => (
                        "the figure names neither a claimant nor a source",
                        "add `claimant = \"<actor id>\"` (who stated it) and `source = \"<source id>\"` (where it was read)",
                    ),
                };
                cx.report(
                    &e.origin,
                    &format!("/casualties/{i}"),
                    format!(
                        "{message} ({} {} of `{}`)",
                        figure_words(c),
                        c.category.as_str(),
                        c.party
                    ),
                )
                .help(help)
                .emit();
            }
        }
    }
}
