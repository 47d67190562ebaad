use faultline_dataset::{FileFormat, Span};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

/// The UTF-8 byte-order mark, U+FEFF.
const BOM: char = '\u{feff}';

declare_rule! {
    /// ## What it checks
    /// Record files (TOML, or a JSON file of events) that start with a UTF-8 byte-order
    /// mark: the invisible bytes `EF BB BF` some Windows editors write at the start of a
    /// file. The finding points at the mark, on line 1. The fix removes it.
    ///
    /// ## Why it matters
    /// faultline reads such a file, but other tools do not: taplo and Even Better TOML (the
    /// editor support the `#:schema` line is for) reject it, and JSON does not allow it. A
    /// mark is invisible in an editor, so the file looks fine to whoever opens it.
    ///
    /// ## Example
    /// The file below starts with the mark (shown here as `\u{feff}`).
    ///
    /// ```toml sources/example-source.toml
    /// \u{feff}#:schema ../../schema/source.schema.json
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
    ///
    /// ## Use instead
    /// ```toml sources/example-source.toml
    /// #:schema ../../schema/source.schema.json
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
    pub(crate) struct ByteOrderMark {
        name: "byte-order-mark",
        area: Records,
        severity: Warning,
        fixable: true,
        summary: "a record file starts with a UTF-8 byte-order mark, which taplo and editors reject",
    }
}

impl Rule for ByteOrderMark {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        for (i, file) in dataset.files.iter().enumerate() {
            // A JSON Lines file is read in runs of lines: its first bytes are not known to
            // every batch (and serde_json reports the mark as a syntax error anyway).
            if file.format == FileFormat::JsonLines || !file.text.starts_with(BOM) {
                continue;
            }
            let Some(id) = u32::try_from(i).ok().map(faultline_dataset::FileId) else {
                continue;
            };
            cx.report_span(
                id,
                Span::new(0, BOM.len_utf8()),
                "the file starts with a UTF-8 byte-order mark",
            )
            .help("save the file as UTF-8 without a byte-order mark (`faultline lint --fix` removes it)")
            .fix_replace("remove the byte-order mark", String::new())
            .emit();
        }
    }
}
