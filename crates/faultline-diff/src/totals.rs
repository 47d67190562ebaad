//! The dataset totals per party and category — the sum over events of each event's derived
//! low / best / high ([`faultline_model::figures::summarize`]) — before and after, and the
//! events whose own figures moved them.

use std::collections::BTreeMap;

use faultline_model::{Category, Event, figures};
use rustc_hash::FxHashMap;

use crate::change::{Range, TotalChange, TotalReason};
use crate::items::tag;

/// Each event's derived figure per (party, category), by event id.
type Contributions = BTreeMap<(String, Category), BTreeMap<String, Range>>;

fn contributions<'a>(events: impl Iterator<Item = (&'a str, &'a Event)>) -> Contributions {
    let mut out = Contributions::new();
    for (id, event) in events {
        for p in figures::summarize(event) {
            let range = Range {
                low: p.low,
                best: p.best,
                high: p.high,
            };
            let slot = out
                .entry((p.party.as_str().to_owned(), p.category))
                .or_default()
                .entry(id.to_owned())
                .or_default();
            slot.low = slot.low.saturating_add(range.low);
            slot.best = slot.best.saturating_add(range.best);
            slot.high = slot.high.saturating_add(range.high);
        }
    }
    out
}

fn sum(events: Option<&BTreeMap<String, Range>>) -> Range {
    events
        .into_iter()
        .flat_map(BTreeMap::values)
        .fold(Range::default(), |acc, r| Range {
            low: acc.low.saturating_add(r.low),
            best: acc.best.saturating_add(r.best),
            high: acc.high.saturating_add(r.high),
        })
}

/// The totals that differ between `old` and `new` (events given with their id on the new
/// side, so that a renamed event is one event), in (party, category) order. `status` says
/// what happened to each changed event.
pub(crate) fn compare<'a>(
    old: impl Iterator<Item = (&'a str, &'a Event)>,
    new: impl Iterator<Item = (&'a str, &'a Event)>,
    status: &FxHashMap<String, &'static str>,
) -> Vec<TotalChange> {
    let (old, new) = (contributions(old), contributions(new));
    let mut keys: Vec<&(String, Category)> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        let (before, after) = (sum(a), sum(b));
        if before == after {
            continue;
        }
        let mut ids: Vec<&String> = a.into_iter().chain(b).flat_map(BTreeMap::keys).collect();
        ids.sort();
        ids.dedup();
        let events = ids
            .into_iter()
            .filter_map(|id| {
                let (x, y) = (a.and_then(|m| m.get(id)), b.and_then(|m| m.get(id)));
                (x != y).then(|| TotalReason {
                    event: id.clone(),
                    change: status.get(id).copied().unwrap_or("changed").to_owned(),
                    old: x.copied(),
                    new: y.copied(),
                })
            })
            .collect();
        out.push(TotalChange {
            party: key.0.clone(),
            category: tag(&key.1),
            old: before,
            new: after,
            events,
        });
    }
    out
}
