use faultline_dataset::Origin;

use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};
use crate::rules::refs::{Target, mentioned_in_unloaded_file};

declare_rule! {
    /// ## What it checks
    /// Sources, places and actors that no record refers to. References count from events
    /// (`sources`, `places`, `actors`, claims and figures) and from other records: an actor's
    /// `parent`, a place's `de_facto[].by`, a source's `party`. A place referred to by one of
    /// its names counts as used (`place-alias` reports the name). While some file fails to
    /// load, a record whose id is written in that file is not reported.
    ///
    /// ## Why it matters
    /// An unused record is usually a sign of a broken link: the event that should cite the
    /// source cites a misspelt id, or the record was left behind when an event was removed.
    /// Otherwise it is dead weight that reviewers still have to keep correct.
    ///
    /// ## Example
    /// ```toml sources/example-unused.toml
    /// id = "example-unused"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "A report no event cites"
    /// url = "https://example.org/unused"
    /// published = 2021-12-14
    /// ```
    ///
    /// ## Use instead
    /// ```toml sources/example-unused.toml
    /// id = "example-unused"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "A second report of the clash"
    /// url = "https://example.org/unused"
    /// published = 2021-12-14
    /// ```
    ///
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source", "example-unused"]
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
    pub(crate) struct UnusedRecord {
        name: "unused-record",
        area: Records,
        severity: Warning,
        phase: Finish,
        fixable: false,
        summary: "a source, place or actor no record refers to",
    }
}

impl Rule for UnusedRecord {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        let registries = cx.registries;
        let mut unused: Vec<(Target, &str, &Origin)> = Vec::new();
        unused.extend(
            registries
                .sources
                .iter()
                .map(|s| (Target::Source, s.record.id.as_str(), &s.origin)),
        );
        unused.extend(
            registries
                .places
                .iter()
                .map(|p| (Target::Place, p.record.id.as_str(), &p.origin)),
        );
        unused.extend(
            registries
                .actors
                .iter()
                .map(|a| (Target::Actor, a.record.id.as_str(), &a.origin)),
        );
        for (target, id, origin) in unused {
            if cx.summary.is_used(target, id)
                || mentioned_in_unloaded_file(registries, origin, id)
                || cx.summary.mentioned_in_unloaded(id)
            {
                continue;
            }
            let (noun, help) = match target {
                Target::Source => (
                    "source",
                    "cite it in the `sources` of the events it reports, or delete the file",
                ),
                Target::Place => (
                    "place",
                    "refer to it from an event's `[[places]]`, or remove it from the gazetteer",
                ),
                _ => (
                    "actor",
                    "refer to it from an event (`actors`, a claim or a figure) or as another actor's `parent`, or remove it",
                ),
            };
            cx.report(
                At::Record(origin),
                "/id",
                format!("no record refers to the {noun} `{id}`"),
            )
            .help(help)
            .emit();
        }
    }
}
