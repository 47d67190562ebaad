use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use faultline_model::SourceKind;

declare_rule! {
    /// ## What it checks
    /// An event all of whose sources speak for a party to the conflict: every source it cites
    /// has `party` set (a ministry's statement, a party's official channel). Such an event
    /// has no independent source.
    ///
    /// A dataset (`kind = "dataset"`: an ACLED or UCDP export, or one of its rows) compiles
    /// the reports it cites and is not independent of them: when the event also cites those
    /// reports, they decide.
    /// An event imported from a row sourced only to one ministry is reported.
    ///
    /// This is information for reviewers, not an error: many incidents are known only from
    /// the parties' own statements. Add an independent source when one exists.
    ///
    /// ## Why it matters
    /// A report by a party to the conflict is itself a claim. Readers and exports need to
    /// know when an event rests only on such claims (in ACLED's Armenia data, nearly all
    /// battles cite a single ministry of a single party).
    ///
    /// ## Example
    /// ```toml sources/example-source.toml
    /// id = "example-source"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement of the Ministry"
    /// url = "https://example.org/statement"
    /// published = 2021-12-13
    /// party = "example-party"
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
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement of the Ministry"
    /// url = "https://example.org/statement"
    /// published = 2021-12-13
    /// party = "example-party"
    ///
    /// [archive]
    /// file = "example-report.txt"
    /// sha256 = "841205a9628d85e4290619645aee69d26eaa6bd1ac697509fa1665ddd9fef3fd"
    /// retrieved = 2021-12-14
    /// ```
    ///
    /// ```toml sources/example-report.toml
    /// id = "example-report"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Example report"
    /// url = "https://example.org/report"
    /// published = 2021-12-14
    /// ```
    ///
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source", "example-report"]
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
    pub(crate) struct SinglePartySourcing {
        name: "single-party-sourcing",
        area: Sources,
        severity: Info,
        fixable: false,
        summary: "every source of an event is a party to the conflict (no independent source)",
    }
}

impl Rule for SinglePartySourcing {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            let r = &e.record;
            let Some(mut sources) = r
                .sources
                .iter()
                .map(|s| index.source(s.as_str()))
                .collect::<Option<Vec<_>>>()
            else {
                continue; // an unknown source: `dangling-reference`
            };
            let mut seen = rustc_hash::FxHashSet::default();
            sources.retain(|s| seen.insert(s.record.id.as_str()));
            if sources
                .iter()
                .any(|s| s.record.kind != Some(SourceKind::Dataset))
            {
                sources.retain(|s| s.record.kind != Some(SourceKind::Dataset));
            }
            if sources.is_empty() || sources.iter().any(|s| s.record.party.is_none()) {
                continue;
            }
            let mut parties: Vec<&str> = sources
                .iter()
                .filter_map(|s| s.record.party.as_ref())
                .map(|p| p.as_str())
                .collect();
            parties.sort_unstable();
            parties.dedup();
            let list = parties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut finding = cx
                .report(
                    &e.origin,
                    "/sources",
                    format!("every source of this event speaks for a party to the conflict ({list}); no independent source reports it"),
                )
                .help("add an independent source (a news outlet, an observer mission, a dataset) if one reports the event");
            for s in &sources {
                finding = finding.related(
                    &s.origin,
                    "/party",
                    format!(
                        "`{}` speaks for `{}`",
                        s.record.id,
                        s.record.party.as_ref().map_or("", |p| p.as_str())
                    ),
                );
            }
            finding.emit();
        }
    }
}
