use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::absent_field;
use faultline_model::SourceKind;

declare_rule! {
    /// ## What it checks
    /// A source that lacks a publisher (absent, empty, or `"unknown"`), a title, or both a
    /// `url` and a `published` date. One finding per source lists everything missing; it
    /// points at the offending value when there is one (`publisher = "unknown"`), else at the
    /// source's `id`.
    ///
    /// Two kinds of source are judged by what they can have: an `outlet` (a body a dataset
    /// names as its source, without the report: ACLED's `source` column) needs only its
    /// publisher, since the dataset never gives a title, address or date; a `dataset` row needs
    /// its publisher and its title (the row's id), and has no address or date of its own.
    ///
    /// When the text does not reveal its publisher, `publisher = "unknown"` records that
    /// honestly; acknowledge the finding with a suppression that says why, e.g.
    /// `# faultline: allow(incomplete-source) a forwarded post; the original channel is not named`.
    ///
    /// ## Why it matters
    /// A reader weighs a report by who published it, and finds it again by its title, its
    /// address or its date. A source that cannot be identified cannot be checked.
    ///
    /// ## Example
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "unknown"
    /// title = "Example report"
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    ///
    /// ## Use instead
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// url = "https://example.org/report"
    /// published = 2021-12-13
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    pub(crate) struct IncompleteSource {
        name: "incomplete-source",
        area: Sources,
        severity: Warning,
        fixable: false,
        summary: "a source lacks a publisher, a title, or both url and published date",
    }
}

impl Rule for IncompleteSource {
    fn check(&self, cx: &mut Context<'_>) {
        for s in &cx.dataset().sources {
            let r = &s.record;
            // What is missing, how to add it, and the value to point at (if there is one).
            let mut missing: Vec<(&str, &str, Option<&str>)> = Vec::new();
            match r.publisher.as_deref().map(str::trim) {
                _ if r.publisher_known() => {}
                None => missing.push(("a publisher", "add `publisher` (who published it)", None)),
                Some("") => missing.push(("a publisher (it is empty)", "write who published it in `publisher`", Some("/publisher"))),
                Some(_) => missing.push((
                    "a known publisher (it says \"unknown\")",
                    "name the publisher if the text reveals it; if it does not, keep \"unknown\" and suppress this finding with the reason",
                    Some("/publisher"),
                )),
            }
            // What the kind of source can carry (see the rule's documentation).
            let (needs_title, needs_locator) = match r.kind {
                Some(SourceKind::Outlet) => (false, false),
                Some(SourceKind::Dataset) => (true, false),
                _ => (true, true),
            };
            match r.title.as_deref().map(str::trim) {
                _ if !needs_title => {}
                None => missing.push((
                    "a title",
                    "add `title` (the headline or name of the document)",
                    None,
                )),
                Some("") => missing.push((
                    "a title (it is empty)",
                    "write the headline or name of the document in `title`",
                    Some("/title"),
                )),
                Some(_) => {}
            }
            if needs_locator && r.url.is_none() && r.published.is_none() {
                missing.push((
                    "a url or a published date",
                    "add `url` or `published` (the date it appeared)",
                    None,
                ));
            }
            if missing.is_empty() {
                continue;
            }
            let what: Vec<&str> = missing.iter().map(|m| m.0).collect();
            let list = match what.as_slice() {
                [init @ .., last] if !init.is_empty() => format!("{}, and {last}", init.join(", ")),
                _ => what.join(""),
            };
            let help = missing.iter().map(|m| m.1).collect::<Vec<_>>().join("; ");
            let pointer = missing
                .iter()
                .find_map(|m| m.2)
                .unwrap_or(absent_field(&s.origin));
            cx.report(
                &s.origin,
                pointer,
                format!("the source `{}` lacks {list}", r.id),
            )
            .help(help)
            .hold_back(
                ["/publisher", "/title", "/url", "/published"]
                    .iter()
                    .any(|f| s.origin.holds_back(f)),
            )
            .emit();
        }
    }
}
