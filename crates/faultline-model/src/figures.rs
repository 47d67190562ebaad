//! Derived casualty figures: never stored, always computed from the attributed figures.
//!
//! For each party and category of an event, the figures every claimant gave are combined
//! UCDP-style into `low` (the lowest figure anyone gave), `high` (the highest) and `best` (the
//! lower median of the claimants' best estimates), and ACLED-style into a single
//! [conservative](PartyFigures::conservative) figure (the lowest).

use std::collections::BTreeMap;

use crate::event::{Category, Event, Figure, Qualifier};
use crate::id::{ActorRef, SourceRef};

/// One figure as one claimant gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedFigure {
    /// Who stated it; `None` when the source names no one.
    pub claimant: Option<ActorRef>,
    /// Where it was read.
    pub source: Option<SourceRef>,
    /// The figure.
    pub figure: Figure,
    /// How the text qualifies it ("over", "at least"…), if it does.
    pub qualifier: Option<Qualifier>,
}

/// The combined figures for one party and one category of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFigures {
    /// The party the figures concern.
    pub party: ActorRef,
    /// The category.
    pub category: Category,
    /// The lowest figure anyone gave.
    pub low: u64,
    /// The lower median of the best estimates.
    pub best: u64,
    /// The highest figure anyone gave.
    pub high: u64,
    /// Every figure that went into the summary, in record order.
    pub figures: Vec<ClaimedFigure>,
}

impl PartyFigures {
    /// The single conservative figure ACLED would code: the lowest figure given.
    pub fn conservative(&self) -> u64 {
        self.low
    }

    /// Whether different claimants gave different figures.
    pub fn disputed(&self) -> bool {
        self.figures
            .iter()
            .any(|f| f.figure != self.figures[0].figure && f.claimant != self.figures[0].claimant)
    }
}

/// Combines an event's figures per party and category, in (party, category) order.
///
/// Figures that fail [`Casualty::figure`](crate::Casualty::figure) are left out: they are
/// lint errors, not data.
pub fn summarize(event: &Event) -> Vec<PartyFigures> {
    let mut groups: BTreeMap<(&str, Category), Vec<ClaimedFigure>> = BTreeMap::new();
    for c in &event.casualties {
        if let Ok(figure) = c.figure() {
            groups
                .entry((c.party.as_str(), c.category))
                .or_default()
                .push(ClaimedFigure {
                    claimant: c.claimant.clone(),
                    source: c.source.clone(),
                    figure,
                    qualifier: c.qualifier,
                });
        }
    }
    groups
        .into_iter()
        .map(|((party, category), figures)| {
            let low = figures.iter().map(|f| f.figure.low).min().unwrap_or(0);
            let high = figures.iter().map(|f| f.figure.high).max().unwrap_or(0);
            let mut bests: Vec<u64> = figures.iter().map(|f| f.figure.best).collect();
            bests.sort_unstable();
            let best = bests[(bests.len() - 1) / 2];
            PartyFigures {
                party: ActorRef::new(party),
                category,
                low,
                best,
                high,
                figures,
            }
        })
        .collect()
}

/// The total conservative figure of one category across all parties of an event.
pub fn conservative_total(event: &Event, category: Category) -> u64 {
    summarize(event)
        .iter()
        .filter(|p| p.category == category)
        .map(PartyFigures::conservative)
        .sum()
}
