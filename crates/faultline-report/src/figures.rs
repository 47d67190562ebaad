//! Contested figures: the totals by party and claimant, then, event by event, every
//! claimant's figure for each party and category side by side, with its quote and source.

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_export::svg::figures::{self as bars, ARROW, Mark, NO_CLAIMANT, TotalsOptions};
use faultline_export::svg::palette;
use faultline_export::svg::scale::ValueScale;
use faultline_export::svg::text::{count, event_date, figure};
use faultline_model::{Casualty, Category, Event, figures as derived};

use crate::context::Cx;
use crate::html::{esc, status_words, swatch, tag};
use crate::timeline::CHART_WIDTH;

/// Events shown one by one before the rest are left to their own sections.
const MAX_EVENTS: usize = 40;
/// Party and category groups in the totals chart.
const MAX_GROUPS: usize = 12;
/// The length of a figure's bar axis.
const BAR_LEN: f64 = 200.0;

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let with_figures: Vec<&Event> = cx
        .records
        .events
        .iter()
        .filter(|e| !e.casualties.is_empty())
        .collect();
    if with_figures.is_empty() {
        return "<p>No casualty figures in this dataset: no event records a figure.</p>\n"
            .to_owned();
    }
    let mut out = String::new();
    out.push_str("<h3>Totals by party and claimant</h3>\n<p class=\"hint\">Each claimant's figures added up over every event, one bar per claimant, so that disagreeing claimants stand side by side.</p>\n");
    let totals = bars::totals(
        cx.records,
        &TotalsOptions {
            width: CHART_WIDTH,
            max_groups: MAX_GROUPS,
        },
    );
    let _ = writeln!(
        out,
        "<figure class=\"chart\">{}</figure>",
        totals.element("Casualty figures per party and category, by claimant")
    );

    let shown = select(&with_figures);
    let scale = ValueScale::for_values(
        shown
            .iter()
            .flat_map(|e| e.casualties.iter().filter_map(Mark::of))
            .flat_map(|m| [m.low, m.high]),
    );
    let _ = write!(
        out,
        "<h3>Event by event</h3>\n<p class=\"hint\">For each party and category, every claimant's figure side by side, with the words it was given in and where we read it. Bars are on a {}; solid up to the lowest figure, pale up to the highest, a tick at the best estimate; “over” and “at least” continue as an arrow (open-ended); “up to” and “under” are pale outlines (a ceiling).</p>\n",
        scale.describe()
    );
    if shown.len() < with_figures.len() {
        let _ = writeln!(
            out,
            "<p class=\"note\">Showing {} of the {} with casualty figures: those where claimants disagree first, then those with the largest figures, in date order. Every event's section lists its figures.</p>",
            count(shown.len(), "event"),
            count(with_figures.len(), "event")
        );
    }
    let axis_w = BAR_LEN + ARROW + 12.0;
    let _ = write!(
        out,
        r#"<div class="axis-row"><span>Scale of the bars</span><svg viewBox="0 0 {axis_w:.0} 20" width="{axis_w:.0}" height="20" aria-hidden="true">{}</svg></div>"#,
        scale.axis(6.0, 2.0, BAR_LEN)
    );
    for e in shown {
        out.push_str(&event_block(cx, e, scale));
    }
    out
}

/// The events shown one by one: all of them when few; else those where claimants disagree,
/// then those with the largest figures; in date order.
fn select<'a>(events: &[&'a Event]) -> Vec<&'a Event> {
    if events.len() <= MAX_EVENTS {
        return events.to_vec();
    }
    let disputed = |e: &Event| derived::summarize(e).iter().any(|p| p.disputed());
    let largest = |e: &Event| {
        e.casualties
            .iter()
            .filter_map(Mark::of)
            .map(|m| m.high)
            .max()
            .unwrap_or(0)
    };
    let mut ranked: Vec<(usize, &Event)> = events.iter().copied().enumerate().collect();
    ranked.sort_by_key(|(i, e)| (!disputed(e), std::cmp::Reverse(largest(e)), *i));
    let mut chosen: Vec<(usize, &Event)> = ranked
        .into_iter()
        .filter(|(_, e)| disputed(e) || largest(e) > 0)
        .take(MAX_EVENTS)
        .collect();
    chosen.sort_by_key(|(i, _)| *i);
    chosen.into_iter().map(|(_, e)| e).collect()
}

fn event_block(cx: &Cx<'_>, e: &Event, scale: ValueScale) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<div class="fig-event"><h4>{} <a href="#{}">{}</a> <span class="muted">{} · {}</span></h4><table class="figs fixed"><colgroup><col class="c-claimant"><col class="c-figure"><col class="c-bar"><col><col class="c-source"></colgroup><thead><tr><th>Claimant</th><th>Figure</th><th>Bar</th><th>As the source gives it</th><th>Source</th></tr></thead><tbody>"##,
        swatch(e.kind),
        esc(e.id.as_str()),
        esc(&e.title),
        esc(&event_date(&e.date)),
        e.kind.as_str()
    );
    // Group by party and category, in record order of first appearance.
    let mut groups: Vec<((&str, Category), Vec<&Casualty>)> = Vec::new();
    for c in &e.casualties {
        let key = (c.party.as_str(), c.category);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(c),
            None => groups.push((key, vec![c])),
        }
    }
    let disputed: BTreeMap<(String, Category), bool> = derived::summarize(e)
        .into_iter()
        .map(|p| ((p.party.as_str().to_owned(), p.category), p.disputed()))
        .collect();
    for ((party, category), list) in groups {
        let flag = if disputed
            .get(&(party.to_owned(), category))
            .copied()
            .unwrap_or(false)
        {
            r#" <span class="tag">claimants disagree</span>"#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<tr class="grp"><th colspan="5">{} — {}{flag}</th></tr>"#,
            esc(&cx.actor_name(party)),
            category.as_str()
        );
        for c in list {
            out.push_str(&figure_row(cx, c, scale));
        }
    }
    out.push_str("</tbody></table></div>\n");
    out
}

fn figure_row(cx: &Cx<'_>, c: &Casualty, scale: ValueScale) -> String {
    let claimant = c.claimant.as_ref().map_or_else(
        || format!(r#"<span class="muted">{NO_CLAIMANT}</span>"#),
        |a| esc(&cx.actor_name(a.as_str())),
    );
    let status = c
        .status
        .map(|s| {
            format!(
                r#"<br><span class="status">{}</span>"#,
                esc(&status_words(&tag(&s)))
            )
        })
        .unwrap_or_default();
    let bar = match Mark::of(c) {
        Some(mark) => {
            let w = BAR_LEN + ARROW + 12.0;
            format!(
                r#"<svg viewBox="0 0 {w:.0} 14" width="{w:.0}" height="14" aria-hidden="true">{}</svg>"#,
                bars::bar(
                    &mark,
                    scale,
                    6.0,
                    1.0,
                    BAR_LEN,
                    12.0,
                    palette::category(c.category)
                )
            )
        }
        None => r#"<span class="sev-error">unreadable figure</span>"#.to_owned(),
    };
    let quote = c
        .quote
        .as_deref()
        .map(|q| format!("<q>{}</q>", esc(q)))
        .unwrap_or_else(|| r#"<span class="muted">no quote</span>"#.to_owned());
    let note = c
        .note
        .as_deref()
        .map(|n| format!(r#"<br><span class="note">{}</span>"#, esc(n)))
        .unwrap_or_default();
    let source = c
        .source
        .as_ref()
        .map(|s| esc(&cx.index.source_name(s.as_str())))
        .unwrap_or_else(|| r#"<span class="muted">none named</span>"#.to_owned());
    format!(
        r#"<tr><td>{claimant}</td><td class="fig">{}{status}</td><td class="bar">{bar}</td><td>{quote}{note}</td><td>{source}</td></tr>"#,
        esc(&figure(c))
    )
}
