use crate::context::Context;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, RuleMeta, declare_rule};
use crate::rules::absent_field;

declare_rule! {
    /// ## What it checks
    /// A source that claims or casualty figures quote, with no `[archive]` copy: its quotes
    /// cannot be checked (`quote-not-in-source`), and nothing records which text they were
    /// read in. It runs when an archive root is given (without one, `quote-not-in-source`
    /// notes how many quotes went unchecked).
    ///
    /// ## Why it matters
    /// Web pages change and disappear; a quote whose text is gone can no longer be verified
    /// by anyone. Archiving the text (Airwars keeps a copy of every report it cites) and
    /// recording its digest lets every reader check every quote.
    ///
    /// ## Example
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// authors = ["A. Writer"]
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    /// language = "en"
    /// ```
    ///
    /// ## Use instead
    /// Archive the text, then record it with
    /// `faultline archive add example-source example-report.txt`:
    ///
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// authors = ["A. Writer"]
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    /// language = "en"
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    pub(crate) struct UnarchivedSource {
        name: "unarchived-source",
        area: Sources,
        severity: Info,
        fixable: false,
        summary: "a source that quotes cite has no archived copy",
    }
}

impl Rule for UnarchivedSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &mut Context<'_>) {}

    fn finish(&self, cx: &mut FinishCx<'_>) {
        if cx.config.archive().is_none() {
            return;
        }
        let registries = cx.registries;
        for s in &registries.sources {
            if s.record.archive.is_some() {
                continue;
            }
            let Some(&count) = cx.summary.quotes_by_source.get(s.record.id.as_str()) else {
                continue;
            };
            cx.report(
                At::Record(&s.origin),
                absent_field(&s.origin),
                format!(
                    "{count} {} `{}`, which has no archived copy",
                    if count == 1 { "quote cites" } else { "quotes cite" },
                    s.record.id
                ),
            )
            .help(format!(
                "save the text under the archive root and record it: `faultline archive add {} FILE`",
                s.record.id
            ))
            .emit();
        }
    }
}
