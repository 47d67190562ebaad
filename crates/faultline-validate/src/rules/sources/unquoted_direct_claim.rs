use faultline_model::{Claim, Voice};

use crate::context::Context;
use crate::index::Index;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A claim with `voice = "direct"` whose `quote` holds no quotation mark (`"`, `“ ”`,
    /// `‘ ’`, `« »`, `„`, or `'` / `’` that is not an apostrophe inside a word), or that gives
    /// no quote at all. A claim read in the claimant's own release (a source whose `party` is
    /// the claimant, or the body it belongs to) is the claimant's words throughout and is not
    /// reported.
    ///
    /// ## Why it matters
    /// `direct` says the quote is the claimant's own words. An article's paraphrase ("Armenia
    /// in turn has claimed that ...") or its own reading ("For Armenia, the message is
    /// clear") is not: a researcher who quotes it as the party's statement puts words in the
    /// party's mouth. Keeping the article's quotation marks in the quote shows where the
    /// claimant's words begin and end; without them, the claim is `reported`.
    ///
    /// ## Example
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic blamed the other side for the escalation. The Ministry of Defence of the Example Republic spoke of “large-scale provocations” by the other side.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "90b07cc5aabda64f8642b6348b42be40da9607fd7a5abdb1ad94561b3b9afb31"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "statement"
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
    /// role = "claimant"
    ///
    /// [[claims]]
    /// claimant = "example-actor"
    /// kind = "accuses"
    /// against = "example-other"
    /// source = "example-statement"
    /// quote = "blamed the other side for the escalation"
    /// voice = "direct"
    /// ```
    ///
    /// ## Use instead
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic blamed the other side for the escalation. The Ministry of Defence of the Example Republic spoke of “large-scale provocations” by the other side.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "news"
    /// publisher = "Example News"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "90b07cc5aabda64f8642b6348b42be40da9607fd7a5abdb1ad94561b3b9afb31"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "statement"
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
    /// role = "claimant"
    ///
    /// [[claims]]
    /// claimant = "example-actor"
    /// kind = "accuses"
    /// against = "example-other"
    /// source = "example-statement"
    /// quote = "blamed the other side for the escalation"
    /// voice = "reported"
    ///
    /// [[claims]]
    /// claimant = "example-actor"
    /// kind = "accuses"
    /// against = "example-other"
    /// source = "example-statement"
    /// quote = "“large-scale provocations” by the other side"
    /// voice = "direct"
    /// ```
    pub(crate) struct UnquotedDirectClaim {
        name: "unquoted-direct-claim",
        area: Sources,
        severity: Warning,
        fixable: false,
        summary: "a `direct` claim's quote holds no quotation of the claimant",
    }
}

impl Rule for UnquotedDirectClaim {
    fn check(&self, cx: &mut Context<'_>) {
        let index = &cx.shared.index;
        for e in &cx.dataset().events {
            for (i, c) in e.record.claims.iter().enumerate() {
                if c.voice != Voice::Direct || own_release(index, c) {
                    continue;
                }
                let claimant = &c.claimant;
                match c.quote.as_deref() {
                    None => cx
                        .report(
                            &e.origin,
                            &format!("/claims/{i}/voice"),
                            format!("the `direct` claim of `{claimant}` gives no quote"),
                        )
                        .help("add the claimant's words as `quote`, with the source's quotation marks; or set `voice = \"reported\"`")
                        .emit(),
                    Some(quote) if !has_quotation_mark(quote) => cx
                        .report(
                            &e.origin,
                            &format!("/claims/{i}/quote"),
                            format!("the quote of a `direct` claim holds no quotation mark: nothing shows these are `{claimant}`'s own words"),
                        )
                        .help("quote the claimant's words with the source's quotation marks (“…”, \"…\", ‘…’); if the source gives them in its own words, set `voice = \"reported\"`")
                        .related(&e.origin, &format!("/claims/{i}/voice"), "the claim's voice")
                        .emit(),
                    Some(_) => {}
                }
            }
        }
    }
}

/// Whether the claim was read in a source that speaks for the claimant: its `party` is the
/// claimant, or one of them belongs to the other.
fn own_release(index: &Index<'_>, claim: &Claim) -> bool {
    let Some(party) = claim
        .source
        .as_ref()
        .and_then(|s| index.source(s.as_str()))
        .and_then(|s| s.record.party.as_ref())
    else {
        return false;
    };
    let claimant = claim.claimant.as_str();
    belongs_to(index, claimant, party.as_str()) || belongs_to(index, party.as_str(), claimant)
}

/// Whether `actor` is `body` or lies under it by `parent` links.
fn belongs_to(index: &Index<'_>, actor: &str, body: &str) -> bool {
    let mut current = Some(actor);
    // The chain is bounded: a cycle of parents must not loop forever.
    for _ in 0..64 {
        match current {
            Some(id) if id == body => return true,
            Some(id) => {
                current = index
                    .actor(id)
                    .and_then(|a| a.record.parent.as_ref())
                    .map(|p| p.as_str());
            }
            None => return false,
        }
    }
    false
}

/// Whether `quote` holds a quotation mark: a double or guillemet mark, an opening single mark,
/// or a single closing mark / ASCII apostrophe that is not inside a word ("Azerbaijan’s").
fn has_quotation_mark(quote: &str) -> bool {
    let chars: Vec<char> = quote.chars().collect();
    chars.iter().enumerate().any(|(i, c)| match c {
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '‘' | '‚' | '「' | '」' => {
            true
        }
        '\'' | '’' => {
            let letter = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphanumeric())
            };
            !(letter(i.checked_sub(1)) && letter(Some(i + 1)))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::has_quotation_mark;

    #[test]
    fn quotation_marks_not_apostrophes() {
        for quoted in [
            "“at the initiative of the Armenian side,”",
            "he said \"fake maps\"",
            "‘near critical’",
            "border’",
            "'within a reasonable time'",
            "« non »",
        ] {
            assert!(has_quotation_mark(quoted), "{quoted}");
        }
        for plain in [
            "Azerbaijan’s actions",
            "Armenia's border",
            "Each side has blamed the other",
            "",
        ] {
            assert!(!has_quotation_mark(plain), "{plain}");
        }
    }
}
