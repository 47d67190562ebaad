//! The quotes of an event: every claim and casualty figure that gives a quote and a source.

use faultline_model::{ActorRef, Event, SourceRef, Voice};

/// One quote, with where it stands in its event.
pub(crate) struct QuoteRef<'r> {
    /// `claims` or `casualties`.
    pub(crate) list: &'static str,
    /// `claim` or `figure`, for messages.
    pub(crate) noun: &'static str,
    /// Its index in the list.
    pub(crate) index: usize,
    /// Who stated it, when the record says.
    pub(crate) claimant: Option<&'r ActorRef>,
    /// Whose words the quote is: a claim's `voice`; `None` for a casualty figure.
    pub(crate) voice: Option<Voice>,
    /// Where it was read.
    pub(crate) source: &'r SourceRef,
    /// The quote.
    pub(crate) quote: &'r str,
}

impl QuoteRef<'_> {
    /// The JSON pointer of `key` in this claim or figure.
    pub(crate) fn pointer(&self, key: &str) -> String {
        format!("/{}/{}/{key}", self.list, self.index)
    }
}

/// Every claim and figure of `event` with both a quote and a source, claims first.
pub(crate) fn quotes(event: &Event) -> impl Iterator<Item = QuoteRef<'_>> {
    let claims = event.claims.iter().enumerate().filter_map(|(index, c)| {
        Some(QuoteRef {
            list: "claims",
            noun: "claim",
            index,
            claimant: Some(&c.claimant),
            voice: Some(c.voice),
            source: c.source.as_ref()?,
            quote: c.quote.as_deref()?,
        })
    });
    let figures = event
        .casualties
        .iter()
        .enumerate()
        .filter_map(|(index, c)| {
            Some(QuoteRef {
                list: "casualties",
                noun: "figure",
                index,
                claimant: c.claimant.as_ref(),
                voice: None,
                source: c.source.as_ref()?,
                quote: c.quote.as_deref()?,
            })
        });
    claims.chain(figures)
}
