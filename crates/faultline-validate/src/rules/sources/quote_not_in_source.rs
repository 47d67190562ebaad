use faultline_dataset::archive::{Passage, QuoteMiss};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::quotes::quotes;

declare_rule! {
    /// ## What it checks
    /// A claim's or casualty figure's `quote` that is not in the archived text of its
    /// `source` (the source's `[archive]` copy, read from the archive root: `--archive DIR`,
    /// `FAULTLINE_ARCHIVE`, or `archive = "..."` in `faultline.toml`).
    ///
    /// Both sides are normalised the same way before they are compared: Unicode NFC, curly and
    /// straight quotation marks, dashes, runs of white space (no-break spaces included) and
    /// markdown link remnants such as `[statement](#)`. An ellipsis (`…`, `...`, `[...]`)
    /// splits a quote into fragments that must all appear, in order. Nothing else is
    /// forgiven: a quote is never matched approximately. When it is not found, the help shows
    /// the closest passage of the text, with its line in the archived file, and the words
    /// where the two part.
    ///
    /// Without an archive root, no quote can be checked: `unarchived-source` notes how many
    /// went unchecked. A source whose copy is missing, unreadable or changed is reported
    /// by `archive-mismatch`, and its quotes are not checked against it.
    ///
    /// ## Why it matters
    /// The quote is the evidence for a claim or a figure. A word changed in transcription
    /// ("killed" for "wounded") changes what the record says while looking sourced; a
    /// reviewer would have to open the article and search for every quote by hand.
    ///
    /// ## Example
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said on Tuesday that its positions
    /// came under fire and that two soldiers were wounded.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "df749d72e260e5ea05c5c5bd2003838654461eb7657f2fd04a4b23c67c7eb6b7"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement"]
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
    /// source = "example-statement"
    /// quote = "two soldiers were killed"
    /// ```
    ///
    /// ## Use instead
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said on Tuesday that its positions
    /// came under fire and that two soldiers were wounded.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "df749d72e260e5ea05c5c5bd2003838654461eb7657f2fd04a4b23c67c7eb6b7"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement"]
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
    /// category = "wounded"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-statement"
    /// quote = "its positions came under fire … two soldiers were wounded"
    /// ```
    pub(crate) struct QuoteNotInSource {
        name: "quote-not-in-source",
        area: Sources,
        severity: Error,
        needs_archive: true,
        fixable: false,
        summary: "a quote is not in the archived text of its source",
    }
}

impl Rule for QuoteNotInSource {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(archive) = cx.config().archive() else {
            return; // counted by `unarchived-source`
        };
        let index = cx.index();
        for e in &cx.dataset().events {
            for q in quotes(&e.record) {
                let Some(source) = index.source(q.source.as_str()) else {
                    continue; // `dangling-reference`
                };
                let Some(copy) = archive.verified(&source.record) else {
                    continue; // `unarchived-source` or `archive-mismatch`
                };
                let miss = match copy.find_quote(q.quote) {
                    Ok(_) => continue,
                    Err(QuoteMiss::Empty) if q.quote.trim().is_empty() => continue, // `empty-field`
                    Err(miss) => miss,
                };
                let source = q.source.as_str();
                let file = &copy.file;
                let (message, help) = match miss {
                    QuoteMiss::Empty => (
                        format!("the {}'s quote has no words to look for", q.noun),
                        "quote the words of the source that support it".to_owned(),
                    ),
                    QuoteMiss::Missing {
                        index,
                        count,
                        closest,
                        ..
                    } => {
                        let what = if count == 1 {
                            format!("the {}'s quote is not in", q.noun)
                        } else {
                            format!(
                                "fragment {} of {count} of the {}'s quote is not in",
                                index + 1,
                                q.noun
                            )
                        };
                        let help = match closest {
                            Some(p) => format!(
                                "the closest passage is {}; copy the quote from the text, or correct `source`",
                                describe(file, &p)
                            ),
                            None => format!(
                                "no passage of {file} shares half of its words; check the quote against the source, or correct `source`"
                            ),
                        };
                        (format!("{what} the archived text of `{source}`"), help)
                    }
                    QuoteMiss::OutOfOrder { index, passage, .. } => (
                        format!(
                            "fragment {} of the {}'s quote comes before fragment {} in the archived text of `{source}`",
                            index + 1,
                            q.noun,
                            index
                        ),
                        format!(
                            "it stands earlier, at {}; put the fragments in the order of the text, or quote them in separate records",
                            describe(file, &passage)
                        ),
                    ),
                };
                cx.report(&e.origin, &q.pointer("quote"), message)
                    .help(help)
                    .emit();
            }
        }
    }
}

/// A passage as help text: file, line, the text, and where the quote parts from it.
fn describe(file: &str, p: &Passage) -> String {
    let mut out = format!("{file} line {}: “{}”", p.line, p.text);
    if let Some((quote, text)) = &p.difference {
        let shown = |s: &str| {
            if s.is_empty() {
                "nothing".to_owned()
            } else {
                format!("“{s}”")
            }
        };
        out.push_str(&format!(
            " (the quote has {} where the text has {})",
            shown(quote),
            shown(text)
        ));
    }
    out
}
