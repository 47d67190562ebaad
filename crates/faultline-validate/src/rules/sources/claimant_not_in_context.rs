use faultline_model::Voice;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::quotes::quotes;

declare_rule! {
    /// ## What it checks
    /// A claim or casualty figure whose `claimant` is named neither in its quote nor in the
    /// sentence of the archived text around it — by the actor's `name` or any of its `names`
    /// (compared as whole words, ignoring case, after the normalisation quotes get). It needs
    /// the archived text, and a quote that is found in it (`quote-not-in-source`).
    ///
    /// When the text names the claimant further away (a quotation that runs over several
    /// paragraphs), acknowledge the finding with a suppression whose reason quotes the words
    /// that name it: `# faultline: allow(claimant-not-in-context) "…, Giragosian said."`.
    ///
    /// A claim in the source's own voice (`voice = "author"`) is not checked: its claimant is
    /// the source's publisher or author, whom the text does not name in its own sentences;
    /// `misattributed-author-claim` checks that claimant against the source record instead.
    ///
    /// ## Why it matters
    /// Attribution is the point of a claim: "Armenia says" and "Azerbaijan says" are different
    /// facts. A claimant the text does not name — a ministry where the text says "reports",
    /// one party swapped for the other — passes every other check.
    ///
    /// ## Example
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said that two soldiers were wounded.
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
    /// sha256 = "fad02ed47da3d0e081d35403ebc1c8d12ac5577b69d75740f37ea350e5743e7d"
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
    /// claimant = "example-other"
    /// source = "example-statement"
    /// quote = "two soldiers were wounded"
    /// ```
    ///
    /// ## Use instead
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said that two soldiers were wounded.
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
    /// sha256 = "fad02ed47da3d0e081d35403ebc1c8d12ac5577b69d75740f37ea350e5743e7d"
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
    /// quote = "two soldiers were wounded"
    /// ```
    pub(crate) struct ClaimantNotInContext {
        name: "claimant-not-in-context",
        area: Sources,
        severity: Warning,
        needs_archive: true,
        fixable: false,
        summary: "a claimant is named neither in the quote nor in the sentence around it",
    }
}

impl Rule for ClaimantNotInContext {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(archive) = cx.config().archive() else {
            return;
        };
        let index = cx.index();
        for e in &cx.dataset().events {
            for q in quotes(&e.record) {
                let Some(claimant) = q.claimant else { continue };
                if q.voice == Some(Voice::Author) {
                    continue; // `misattributed-author-claim`
                }
                let (Some(source), Some(actor)) = (
                    index.source(q.source.as_str()),
                    index.actor(claimant.as_str()),
                ) else {
                    continue; // `dangling-reference`
                };
                let Some(copy) = archive.verified(&source.record) else {
                    continue;
                };
                let Ok(found) = copy.find_quote(q.quote) else {
                    continue; // `quote-not-in-source`
                };
                let sentence = copy.sentence_around(found.span);
                let actor = &actor.record;
                let named = std::iter::once(&actor.name)
                    .chain(&actor.names)
                    .any(|name| copy.mentions(sentence.clone(), name));
                if named {
                    continue;
                }
                let text = faultline_dataset::archive::normalize(&copy.text[sentence.clone()]);
                cx.report(
                    &e.origin,
                    &q.pointer("claimant"),
                    format!(
                        "the {}'s claimant `{claimant}` ({}) is named neither in its quote nor in the sentence around it",
                        q.noun, actor.name
                    ),
                )
                .help(format!(
                    "{} line {}: “{text}”. If the text names the claimant there in other words, add them to the actor's `names`; if it names another party, correct `claimant`; if it names the claimant further away, acknowledge it with `# faultline: allow(claimant-not-in-context) <the words that name it>`",
                    copy.file,
                    copy.line_of(sentence.start)
                ))
                .emit();
            }
        }
    }
}
