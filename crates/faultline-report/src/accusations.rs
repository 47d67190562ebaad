//! Who accuses whom: the claims directed against a party, as a table of claimant by party
//! accused, then grouped by claimant and by the party accused, with the events.

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_export::svg::text::{count, thousands};
use faultline_model::{Claim, ClaimKind, Event};

use crate::context::Cx;
use crate::html::{anchor, esc, event_links, more, more_of, tag};

/// Rows (claimants) and columns (parties accused) of the table before the rest are summed.
const MAX_ROWS: usize = 14;
const MAX_COLUMNS: usize = 10;
/// Claimants and parties accused listed before the rest are counted.
const MAX_GROUPS: usize = 40;
/// Events linked on one line.
const MAX_LINKS: usize = 8;

/// A claim and its event.
struct Item<'a> {
    event: &'a Event,
    claim: &'a Claim,
}

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let items: Vec<Item<'_>> = cx
        .records
        .events
        .iter()
        .flat_map(|event| event.claims.iter().map(move |claim| Item { event, claim }))
        .collect();
    if items.is_empty() {
        return "<p>No claims in this dataset: no event records who stated what.</p>\n".to_owned();
    }
    let directed: Vec<&Item<'_>> = items.iter().filter(|i| i.claim.against.is_some()).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<p class=\"hint\">{} in all, {} directed against a party (accusations, denials, warnings, threats, demands…). Each is one party's statement as a source reports it, not a finding of fact.</p>",
        count(items.len(), "claim"),
        thousands(directed.len() as u64)
    );
    if directed.is_empty() {
        out.push_str("<p>No claim is directed against a party.</p>\n");
    } else {
        out.push_str(&matrix(cx, &directed));
    }
    out.push_str("<div class=\"cols\">");
    out.push_str(&by_claimant(cx, &directed));
    out.push_str(&by_accused(cx, &directed));
    out.push_str("</div>\n");
    let undirected = items.len() - directed.len();
    if undirected > 0 {
        let mut claimants: Vec<&str> = items
            .iter()
            .filter(|i| i.claim.against.is_none())
            .map(|i| i.claim.claimant.as_str())
            .collect();
        claimants.sort_unstable();
        claimants.dedup();
        let _ = writeln!(
            out,
            "<p class=\"hint\">The other {} (reports, statements, announcements, appeals… by {}) are directed against no party; each event's section lists them.</p>",
            count(undirected, "claim"),
            count(claimants.len(), "claimant")
        );
    }
    out
}

/// Claimant (row) by party accused (column), the most active first.
fn matrix(cx: &Cx<'_>, directed: &[&Item<'_>]) -> String {
    let mut cells: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut rows: BTreeMap<&str, usize> = BTreeMap::new();
    let mut columns: BTreeMap<&str, usize> = BTreeMap::new();
    for i in directed {
        let (by, against) = (
            i.claim.claimant.as_str(),
            i.claim.against.as_ref().map_or("", |a| a.as_str()),
        );
        *cells.entry((by, against)).or_default() += 1;
        *rows.entry(by).or_default() += 1;
        *columns.entry(against).or_default() += 1;
    }
    let ranked = |m: &BTreeMap<&str, usize>| {
        let mut v: Vec<(String, usize)> = m.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let (rows, columns) = (ranked(&rows), ranked(&columns));
    let shown_rows = &rows[..rows.len().min(MAX_ROWS)];
    let shown_cols = &columns[..columns.len().min(MAX_COLUMNS)];
    let max = cells.values().copied().max().unwrap_or(1).max(1);
    let mut out = String::from(
        r#"<div class="scroll"><table class="matrix"><thead><tr><th class="corner">claimant ↓ · against →</th>"#,
    );
    for (c, _) in shown_cols {
        let _ = write!(
            out,
            r##"<th class="col"><a href="#{}">{}</a></th>"##,
            anchor("against", c),
            esc(&cx.actor_name(c))
        );
    }
    if columns.len() > shown_cols.len() {
        let _ = write!(
            out,
            r#"<th class="col">{} others</th>"#,
            columns.len() - shown_cols.len()
        );
    }
    out.push_str(r#"<th class="col">all</th></tr></thead><tbody>"#);
    for (r, total) in shown_rows {
        let _ = write!(
            out,
            r##"<tr><th><a href="#{}">{}</a></th>"##,
            anchor("by", r),
            esc(&cx.actor_name(r))
        );
        for (c, _) in shown_cols {
            let n = cells.get(&(r.as_str(), c.as_str())).copied().unwrap_or(0);
            out.push_str(&cell(n, max));
        }
        if columns.len() > shown_cols.len() {
            let rest: usize = columns[shown_cols.len()..]
                .iter()
                .map(|(c, _)| cells.get(&(r.as_str(), c.as_str())).copied().unwrap_or(0))
                .sum();
            out.push_str(&cell(rest, max));
        }
        let _ = write!(out, r#"<td class="n total">{total}</td></tr>"#);
    }
    if rows.len() > shown_rows.len() {
        let _ = write!(
            out,
            r#"<tr><th class="muted">{} other claimants</th><td class="muted" colspan="{}">{} claims</td></tr>"#,
            rows.len() - shown_rows.len(),
            shown_cols.len() + 1 + usize::from(columns.len() > shown_cols.len()),
            thousands(rows[shown_rows.len()..].iter().map(|r| r.1 as u64).sum())
        );
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// A count cell, shaded by its share of the largest.
fn cell(n: usize, max: usize) -> String {
    if n == 0 {
        return r#"<td class="n zero">·</td>"#.to_owned();
    }
    let alpha = 0.12 + 0.6 * n as f64 / max as f64;
    format!(r#"<td class="n" style="background:rgba(204,102,119,{alpha:.2})">{n}</td>"#)
}

/// `accuses 3, warns 1`.
fn kinds(claims: &[&Item<'_>]) -> String {
    let mut by_kind: BTreeMap<ClaimKind, usize> = BTreeMap::new();
    for i in claims {
        *by_kind.entry(i.claim.kind).or_default() += 1;
    }
    by_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", kind_word(*k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The claim kind as written in records.
fn kind_word(kind: ClaimKind) -> String {
    tag(&kind)
}

/// The events of `claims`, in date order, each once.
fn events_of<'a>(claims: &[&Item<'a>]) -> Vec<&'a Event> {
    let mut events: Vec<&Event> = claims.iter().map(|i| i.event).collect();
    events.dedup_by(|a, b| a.id == b.id);
    events
}

fn by_claimant(cx: &Cx<'_>, directed: &[&Item<'_>]) -> String {
    let mut groups: BTreeMap<&str, Vec<&Item<'_>>> = BTreeMap::new();
    for i in directed {
        groups.entry(i.claim.claimant.as_str()).or_default().push(i);
    }
    let mut groups: Vec<(&str, Vec<&Item<'_>>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut out = String::from("<div><h3>By claimant</h3>");
    if groups.is_empty() {
        out.push_str("<p>None.</p></div>");
        return out;
    }
    out.push_str("<ul class=\"groups\">");
    for (claimant, claims) in groups.iter().take(MAX_GROUPS) {
        let _ = write!(
            out,
            r#"<li id="{}"><strong>{}</strong> — {} against others <span class="muted">({})</span><ul>"#,
            anchor("by", claimant),
            esc(&cx.actor_name(claimant)),
            count(claims.len(), "claim"),
            esc(&kinds(claims))
        );
        let mut against: BTreeMap<&str, Vec<&Item<'_>>> = BTreeMap::new();
        for i in claims {
            if let Some(a) = &i.claim.against {
                against.entry(a.as_str()).or_default().push(i);
            }
        }
        for (target, list) in against {
            let _ = write!(
                out,
                "<li>against <strong>{}</strong>: {} <span class=\"muted\">({})</span> — {}</li>",
                esc(&cx.actor_name(target)),
                thousands(list.len() as u64),
                esc(&kinds(&list)),
                event_links(&events_of(&list), MAX_LINKS)
            );
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ul>");
    if groups.len() > MAX_GROUPS {
        let _ = write!(
            out,
            "<p>{}</p>",
            more(groups.len() - MAX_GROUPS, "claimant")
        );
    }
    out.push_str("</div>");
    out
}

fn by_accused(cx: &Cx<'_>, directed: &[&Item<'_>]) -> String {
    let mut groups: BTreeMap<&str, Vec<&Item<'_>>> = BTreeMap::new();
    for i in directed {
        if let Some(a) = &i.claim.against {
            groups.entry(a.as_str()).or_default().push(i);
        }
    }
    let mut groups: Vec<(&str, Vec<&Item<'_>>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut out = String::from("<div><h3>By party accused</h3>");
    if groups.is_empty() {
        out.push_str("<p>None.</p></div>");
        return out;
    }
    out.push_str("<ul class=\"groups\">");
    for (accused, claims) in groups.iter().take(MAX_GROUPS) {
        let _ = write!(
            out,
            r#"<li id="{}"><strong>{}</strong> — {} against it <span class="muted">({})</span><ul>"#,
            anchor("against", accused),
            esc(&cx.actor_name(accused)),
            count(claims.len(), "claim"),
            esc(&kinds(claims))
        );
        let mut by: BTreeMap<&str, Vec<&Item<'_>>> = BTreeMap::new();
        for i in claims {
            by.entry(i.claim.claimant.as_str()).or_default().push(i);
        }
        for (claimant, list) in by {
            let _ = write!(
                out,
                "<li>by <strong>{}</strong>: {} <span class=\"muted\">({})</span> — {}</li>",
                esc(&cx.actor_name(claimant)),
                thousands(list.len() as u64),
                esc(&kinds(&list)),
                event_links(&events_of(&list), MAX_LINKS)
            );
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ul>");
    if groups.len() > MAX_GROUPS {
        let _ = write!(
            out,
            "<p>{}</p>",
            more_of(groups.len() - MAX_GROUPS, "party", "parties")
        );
    }
    out.push_str("</div>");
    out
}
