use crate::engine::FinishCx;
use crate::registry::meta;
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
        phase: Audit,
        fixable: false,
        summary: "a suppression comment suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        let (allows, config) = (cx.allows, cx.config);
        for allow in allows.iter().filter(|a| !a.used) {
            // A file that did not load produced no findings to suppress: its suppressions
            // are not "unused", the file's load error is the finding.
            if allow.in_unloaded_file {
                continue;
            }
            // A rule switched off in this run suppresses nothing either.
            if meta(allow.rule).and_then(|m| config.severity(m)).is_none() {
                continue;
            }
            // A rule that reads the archived sources waits for an archive root.
            if config.archive().is_none() && meta(allow.rule).is_some_and(|m| m.needs_archive) {
                continue;
            }
            cx.report_region(
                allow.region.clone(),
                format!("this suppression of `{}` suppresses nothing", allow.rule),
            )
            .help("remove it, or move it to the line of the finding or the line above it")
            .emit();
        }
    }
}
