use faultline_model::{Actor, Source, Voice};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A claim with `voice = "author"` — the source's own analysis — whose `claimant` is not
    /// the source's publisher or one of its authors: the claimant actor's `name` or one of its
    /// `names` must equal the source's `publisher` or an entry of its `authors` (letter case
    /// and surrounding spaces aside). A source that names neither a publisher nor an author
    /// has no one the claim can be credited to.
    ///
    /// ## Why it matters
    /// An article's own reading of a conflict ("For Armenia, the message is clear: ...") is
    /// not a statement of the party it is about. Credited to that party, it becomes an
    /// accusation the party never made; credited to the author or publisher who wrote it, it
    /// is what it is, and a reader can weigh it, or leave all `author` claims out at once.
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
    /// [[claims]]
    /// claimant = "example-party"
    /// kind = "reports"
    /// source = "example-source"
    /// quote = "Fighting broke out on the border on Tuesday."
    /// voice = "author"
    /// ```
    ///
    /// ## Use instead
    /// ```toml actors.toml
    /// [[actor]]
    /// id = "example-party"
    /// name = "Example Republic"
    /// kind = "state"
    /// country = "ARM"
    ///
    /// [[actor]]
    /// id = "example-actor"
    /// name = "Ministry of Defence of the Example Republic"
    /// kind = "ministry"
    /// country = "ARM"
    /// parent = "example-party"
    ///
    /// [[actor]]
    /// id = "example-other"
    /// name = "Other Republic"
    /// kind = "state"
    /// country = "AZE"
    ///
    /// [[actor]]
    /// id = "example-news"
    /// name = "Example News"
    /// kind = "media"
    /// ```
    ///
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
    /// [[claims]]
    /// claimant = "example-news"
    /// kind = "reports"
    /// source = "example-source"
    /// quote = "Fighting broke out on the border on Tuesday."
    /// voice = "author"
    /// ```
    pub(crate) struct MisattributedAuthorClaim {
        name: "misattributed-author-claim",
        area: Sources,
        severity: Warning,
        fixable: false,
        summary: "an `author` claim is credited to someone other than the source's publisher or authors",
    }
}

impl Rule for MisattributedAuthorClaim {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            for (i, c) in e.record.claims.iter().enumerate() {
                if c.voice != Voice::Author {
                    continue;
                }
                // A missing or unknown source or claimant is another rule's finding.
                let Some(source) = c.source.as_ref().and_then(|s| index.source(s.as_str())) else {
                    continue;
                };
                let Some(actor) = index.actor(c.claimant.as_str()) else {
                    continue;
                };
                let source = &source.record;
                let voices = voices(source);
                let claimant = &c.claimant;
                let id = &source.id;
                if voices.is_empty() {
                    cx.report(&e.origin, &format!("/claims/{i}/voice"), format!("`{id}` names neither its publisher nor an author, so its own analysis has no claimant the text names"))
                        .help("keep the source's analysis in the event's `notes` or `summary`, attributed to the article; or set `voice` to `reported` or `direct` if the source gives the claimant's words")
                        .emit();
                } else if !speaks_as(&actor.record, &voices) {
                    cx.report(&e.origin, &format!("/claims/{i}/claimant"), format!("`{claimant}` is neither the publisher nor an author of `{id}` ({}), but the claim is the source's own analysis (`voice = \"author\"`)", voices.join(", ")))
                        .help(format!("credit the claim to the actor that stands for {} (its `name` or one of its `names`), or set `voice` to `reported` or `direct` if the source gives `{claimant}`'s words", voices.join(" or ")))
                        .related(&e.origin, &format!("/claims/{i}/voice"), "the claim's voice")
                        .emit();
                }
            }
        }
    }
}

/// Who speaks in a source's own voice: its publisher, when known, and its authors.
fn voices(source: &Source) -> Vec<&str> {
    let publisher = source
        .publisher
        .as_deref()
        .filter(|_| source.publisher_known());
    publisher
        .into_iter()
        .chain(source.authors.iter().map(String::as_str))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Whether the actor is known by one of these names.
fn speaks_as(actor: &Actor, voices: &[&str]) -> bool {
    std::iter::once(actor.name.as_str())
        .chain(actor.names.iter().map(String::as_str))
        .any(|n| voices.iter().any(|v| v.eq_ignore_ascii_case(n.trim())))
}
