use crate::diagnostic::Region;
use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};
use crate::rules::absent_field;

declare_rule! {
    /// ## What it checks
    /// A source that claims or casualty figures quote, with no `[archive]` copy: its quotes
    /// cannot be checked (`quote-not-in-source`), and nothing records which text they were
    /// read in.
    ///
    /// Without an archive root (`--archive DIR`, `FAULTLINE_ARCHIVE`, or `archive = "..."`
    /// in `faultline.toml`) no quote can be checked at all: the rule then reports one note,
    /// on the dataset folder, saying how many quotes went unchecked.
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
        phase: Finish,
        fixable: false,
        summary: "a source that quotes cite has no archived copy",
    }
}

impl Rule for UnarchivedSource {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        if cx.config.archive().is_none() {
            note_unchecked(cx);
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
            .hold_back(s.origin.holds_back("/archive"))
            .emit();
        }
    }
}

/// Without an archive root: one note, on the dataset folder, with the number of quotes.
fn note_unchecked(cx: &mut FinishCx<'_>) {
    let count: u32 = cx.summary.quotes_by_source.values().sum();
    if count == 0 {
        return;
    }
    let sources = cx.summary.quotes_by_source.len();
    let path = cx
        .registries
        .root
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let region = Region::at_line(faultline_dataset::files::display_name(&path), path, None, 1);
    cx.report_region(
        region,
        format!(
            "{count} quote{} ({sources} source{}) not checked against the archived sources: no archive root given",
            if count == 1 { "" } else { "s" },
            if sources == 1 { "" } else { "s" },
        ),
    )
    .help("give the folder of archived copies with --archive DIR, the FAULTLINE_ARCHIVE environment variable, or `archive = \"DIR\"` in faultline.toml")
    .emit();
}
