//! Claims and casualty figures of one event: which were added, withdrawn, revised or changed.
//!
//! Claims and figures have no id, so the two lists are paired by keys from strict to loose: an
//! identical entry is no change; one that kept its claimant, kind and source changed in place;
//! a figure that kept its party, category and claimant but not its number was revised. A loose
//! key pairs only when it is unambiguous; anything left over was added or withdrawn.

use faultline_model::{Casualty, Claim, Count};
use serde::Serialize;
use serde_json::Value;

use crate::change::{ClaimChange, FieldChange, FigureChange, FigureValue, ItemStatus};
use crate::fields;
use crate::pairing::{Pass, pair};

/// The claims added, withdrawn and changed from `old` to `new`.
pub(crate) fn compare_claims(old: &[Claim], new: &[Claim]) -> Vec<ClaimChange> {
    let exact = |c: &Claim| Some(to_value(c).to_string());
    let in_place = |c: &Claim| {
        Some(key(&[
            c.claimant.as_str(),
            &tag(&c.kind),
            opt(c.source.as_ref().map(|s| s.as_str())),
        ]))
    };
    let same_quote = |c: &Claim| {
        c.quote
            .as_deref()
            .map(|q| key(&[c.claimant.as_str(), &tag(&c.kind), q]))
    };
    let reattributed = |c: &Claim| {
        c.quote
            .as_deref()
            .map(|q| key(&[&tag(&c.kind), opt(c.source.as_ref().map(|s| s.as_str())), q]))
    };
    let same_voice = |c: &Claim| Some(key(&[c.claimant.as_str(), &tag(&c.kind)]));
    let passes = [
        Pass {
            key: &exact,
            unique: false,
        },
        Pass {
            key: &in_place,
            unique: false,
        },
        Pass {
            key: &same_quote,
            unique: false,
        },
        Pass {
            key: &reattributed,
            unique: true,
        },
        Pass {
            key: &same_voice,
            unique: true,
        },
    ];
    let pairs = pair(
        old,
        new,
        (0..old.len()).collect(),
        (0..new.len()).collect(),
        &passes,
    );
    let mut out = Vec::new();
    let mut matched = pairs.matched.iter().peekable();
    for (j, claim) in new.iter().enumerate() {
        match matched.peek() {
            Some(&&(i, jj)) if jj == j => {
                matched.next();
                let (a, b) = (to_value(&old[i]), to_value(claim));
                let mut changes = Vec::new();
                fields::compare("", &a, &b, &mut changes);
                if !changes.is_empty() {
                    out.push(claim_change(
                        ItemStatus::Changed,
                        claim,
                        Some(a),
                        Some(b),
                        changes,
                    ));
                }
            }
            _ => out.push(claim_change(
                ItemStatus::Added,
                claim,
                None,
                Some(to_value(claim)),
                Vec::new(),
            )),
        }
    }
    for i in pairs.old_only {
        let claim = &old[i];
        out.push(claim_change(
            ItemStatus::Withdrawn,
            claim,
            Some(to_value(claim)),
            None,
            Vec::new(),
        ));
    }
    out
}

fn claim_change(
    change: ItemStatus,
    claim: &Claim,
    old: Option<Value>,
    new: Option<Value>,
    fields: Vec<FieldChange>,
) -> ClaimChange {
    ClaimChange {
        change,
        claimant: claim.claimant.as_str().to_owned(),
        kind: tag(&claim.kind),
        old,
        new,
        fields,
    }
}

/// The figures added, withdrawn, revised and changed from `old` to `new`.
pub(crate) fn compare_figures(old: &[Casualty], new: &[Casualty]) -> Vec<FigureChange> {
    let exact = |c: &Casualty| Some(to_value(c).to_string());
    let attributed = |c: &Casualty| {
        Some(key(&[
            c.party.as_str(),
            &tag(&c.category),
            opt(c.claimant.as_ref().map(|a| a.as_str())),
            opt(c.source.as_ref().map(|s| s.as_str())),
        ]))
    };
    let same_claimant = |c: &Casualty| {
        Some(key(&[
            c.party.as_str(),
            &tag(&c.category),
            opt(c.claimant.as_ref().map(|a| a.as_str())),
        ]))
    };
    let same_source = |c: &Casualty| {
        Some(key(&[
            c.party.as_str(),
            &tag(&c.category),
            opt(c.source.as_ref().map(|s| s.as_str())),
        ]))
    };
    let same_group = |c: &Casualty| Some(key(&[c.party.as_str(), &tag(&c.category)]));
    let passes = [
        Pass {
            key: &exact,
            unique: false,
        },
        Pass {
            key: &attributed,
            unique: false,
        },
        Pass {
            key: &same_claimant,
            unique: false,
        },
        Pass {
            key: &same_source,
            unique: true,
        },
        Pass {
            key: &same_group,
            unique: true,
        },
    ];
    let pairs = pair(
        old,
        new,
        (0..old.len()).collect(),
        (0..new.len()).collect(),
        &passes,
    );
    let mut out = Vec::new();
    let mut matched = pairs.matched.iter().peekable();
    for (j, figure) in new.iter().enumerate() {
        match matched.peek() {
            Some(&&(i, jj)) if jj == j => {
                matched.next();
                if let Some(change) = figure_change(&old[i], figure) {
                    out.push(change);
                }
            }
            _ => out.push(FigureChange {
                change: ItemStatus::Added,
                party: figure.party.as_str().to_owned(),
                category: tag(&figure.category),
                from: None,
                to: Some(figure_value(figure)),
                claimant_changed: false,
                source_changed: false,
                old: None,
                new: Some(to_value(figure)),
                fields: Vec::new(),
            }),
        }
    }
    for i in pairs.old_only {
        let figure = &old[i];
        out.push(FigureChange {
            change: ItemStatus::Withdrawn,
            party: figure.party.as_str().to_owned(),
            category: tag(&figure.category),
            from: Some(figure_value(figure)),
            to: None,
            claimant_changed: false,
            source_changed: false,
            old: Some(to_value(figure)),
            new: None,
            fields: Vec::new(),
        });
    }
    out
}

/// The change from one figure to its counterpart, or `None` when they are equal.
fn figure_change(old: &Casualty, new: &Casualty) -> Option<FigureChange> {
    let (a, b) = (to_value(old), to_value(new));
    let mut changes = Vec::new();
    fields::compare("", &a, &b, &mut changes);
    if changes.is_empty() {
        return None;
    }
    let (from, to) = (figure_value(old), figure_value(new));
    let number_changed = (old.count, old.low, old.high, old.qualifier)
        != (new.count, new.low, new.high, new.qualifier);
    Some(FigureChange {
        change: if number_changed {
            ItemStatus::Revised
        } else {
            ItemStatus::Changed
        },
        party: new.party.as_str().to_owned(),
        category: tag(&new.category),
        claimant_changed: old.claimant != new.claimant,
        source_changed: old.source != new.source,
        from: Some(from),
        to: Some(to),
        old: Some(a),
        new: Some(b),
        fields: changes,
    })
}

/// A figure as a reader says it, with its derived low / best / high.
pub(crate) fn figure_value(c: &Casualty) -> FigureValue {
    let number = match (c.count, c.low, c.high) {
        (Some(Count::Exact(n)), _, _) => n.to_string(),
        (Some(Count::Range(r)), _, _) => match r.best {
            Some(best) => format!("{}–{} (best {best})", r.low, r.high),
            None => format!("{}–{}", r.low, r.high),
        },
        (None, Some(low), Some(high)) => format!("{low}–{high}"),
        (None, Some(low), None) => format!("{low}–?"),
        (None, None, Some(high)) => format!("?–{high}"),
        (None, None, None) => "?".to_owned(),
    };
    let text = match c.qualifier {
        Some(q) => format!("{} {number}", q.words()),
        None => number,
    };
    let figure = c.figure().ok();
    FigureValue {
        text,
        low: figure.map(|f| f.low),
        best: figure.map(|f| f.best),
        high: figure.map(|f| f.high),
        claimant: c.claimant.as_ref().map(|a| a.as_str().to_owned()),
        source: c.source.as_ref().map(|s| s.as_str().to_owned()),
    }
}

/// A record value as the model serializes it.
pub(crate) fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// A unit enum as written in records (`armed-clash`, `killed`).
pub(crate) fn tag<T: Serialize>(t: &T) -> String {
    match to_value(t) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("\u{0}")
}

/// Joins key parts with a separator no record text holds.
fn key(parts: &[&str]) -> String {
    parts.join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn casualties(toml_text: &str) -> Vec<Casualty> {
        #[derive(serde::Deserialize)]
        struct Doc {
            casualties: Vec<Casualty>,
        }
        toml::from_str::<Doc>(toml_text).unwrap().casualties
    }

    #[test]
    fn a_figure_revised_by_its_claimant() {
        let old = casualties(
            r#"[[casualties]]
party = "armenia-armed-forces"
category = "killed"
count = 6
claimant = "armenia-mod"
source = "s1"
[[casualties]]
party = "azerbaijan-armed-forces"
category = "killed"
count = 7
claimant = "azerbaijan-mod"
source = "s1""#,
        );
        let new = casualties(
            r#"[[casualties]]
party = "azerbaijan-armed-forces"
category = "killed"
count = 7
claimant = "azerbaijan-mod"
source = "s1"
[[casualties]]
party = "armenia-armed-forces"
category = "killed"
count = { low = 6, high = 10 }
qualifier = "at-least"
claimant = "armenia-mod"
source = "s2""#,
        );
        let c = compare_figures(&old, &new);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].change, ItemStatus::Revised);
        assert_eq!(c[0].from.as_ref().unwrap().text, "6");
        assert_eq!(c[0].to.as_ref().unwrap().text, "at least 6–10");
        assert!(!c[0].claimant_changed);
        assert!(c[0].source_changed);
    }

    #[test]
    fn ambiguous_figures_are_added_and_withdrawn() {
        let old = casualties(
            "[[casualties]]\nparty = \"a\"\ncategory = \"killed\"\ncount = 1\n\
             [[casualties]]\nparty = \"a\"\ncategory = \"killed\"\ncount = 2\nclaimant = \"x\"\n",
        );
        let new = casualties(
            "[[casualties]]\nparty = \"a\"\ncategory = \"killed\"\ncount = 3\nclaimant = \"y\"\n\
             [[casualties]]\nparty = \"a\"\ncategory = \"killed\"\ncount = 4\nclaimant = \"z\"\n",
        );
        let c = compare_figures(&old, &new);
        let statuses: Vec<_> = c.iter().map(|c| c.change).collect();
        assert_eq!(
            statuses,
            [
                ItemStatus::Added,
                ItemStatus::Added,
                ItemStatus::Withdrawn,
                ItemStatus::Withdrawn
            ]
        );
    }
}
