//! `svg`: a timeline a reader grasps at a glance.
//!
//! The top panel stacks the events of each month by kind; the bottom panel shows, for each
//! party and category, the figures every claimant gave **side by side** — one bar per
//! claimant, the bar at the sum of its best estimates, a whisker from low to high, and the
//! number of events it spoke to — so that disagreeing claimants are visible at once (groups
//! where claimants disagree are marked "disputed").
//!
//! The SVG is written by hand rather than with `plotters`: the chart is two simple bar
//! panels, hand-written output is byte-for-byte deterministic (snapshot-tested), needs no
//! font or backend dependency, and lets every piece of text go through one escaping function
//! ([`escape`]), so no record text can inject markup.

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_model::{Category, Event, EventKind, figures};

use crate::records::{Index, Records};

const WIDTH: f64 = 960.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const BAR_PANEL_HEIGHT: f64 = 220.0;
const MAX_GROUPS: usize = 12;

/// One colour per event kind (in [`EventKind::ALL`] order).
const KIND_COLOURS: [&str; 16] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2",
];

/// One colour per casualty category (in [`Category::ALL`] order).
const CATEGORY_COLOURS: [&str; 5] = ["#c0392b", "#e67e22", "#8e44ad", "#2c3e50", "#7f8c8d"];

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Shortens a label to `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn kind_colour(kind: EventKind) -> &'static str {
    let i = EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    KIND_COLOURS[i % KIND_COLOURS.len()]
}

fn category_colour(category: Category) -> &'static str {
    let i = Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0);
    CATEGORY_COLOURS[i % CATEGORY_COLOURS.len()]
}

/// A "nice" axis step for values up to `max`, giving at most about five ticks.
fn nice_step(max: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= step * m * 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// Months as `year * 12 + month - 1`.
fn month_index(event: &Event) -> i64 {
    i64::from(event.date.start.year()) * 12 + i64::from(event.date.start.month()) - 1
}

/// The totals one claimant gave for one party and category.
#[derive(Default)]
struct ClaimantTotals {
    low: u64,
    best: u64,
    high: u64,
    events: usize,
}

/// (party name, category) → claimant name → totals.
type Groups = BTreeMap<(String, Category), BTreeMap<String, ClaimantTotals>>;

fn figure_groups(records: &Records, index: &Index<'_>) -> Groups {
    let mut groups: Groups = BTreeMap::new();
    for event in records.incidents() {
        for party in figures::summarize(event) {
            let key = (index.actor_name(party.party.as_str()), party.category);
            let group = groups.entry(key).or_default();
            let mut seen: Vec<String> = Vec::new();
            for f in &party.figures {
                let name = f.claimant.as_ref().map_or_else(
                    || "(no claimant named)".to_owned(),
                    |c| index.actor_name(c.as_str()),
                );
                let t = group.entry(name.clone()).or_default();
                t.low += f.figure.low;
                t.best += f.figure.best;
                t.high += f.figure.high;
                if !seen.contains(&name) {
                    t.events += 1;
                    seen.push(name);
                }
            }
        }
    }
    groups
}

/// Renders the timeline.
pub fn render(records: &Records) -> String {
    let index = records.index();
    let mut body = String::new();
    let mut y = 0.0;

    // Title.
    let incidents: Vec<&Event> = records.incidents().collect();
    let title = match (incidents.first(), incidents.last()) {
        (Some(first), Some(last)) => format!(
            "{} events, {} to {}",
            incidents.len(),
            first.date.start,
            last.date.start
        ),
        _ => "No events".to_owned(),
    };
    y += 28.0;
    let _ = writeln!(
        body,
        r#"<text x="{LEFT}" y="{y}" font-size="18" font-weight="bold">{}</text>"#,
        escape(&title)
    );

    // Panel 1: events per month, by kind.
    if !incidents.is_empty() {
        y += 28.0;
        let _ = writeln!(
            body,
            r#"<text x="{LEFT}" y="{y}" font-size="14" font-weight="bold">Events per month, by kind</text>"#
        );
        let first = incidents.iter().map(|e| month_index(e)).min().unwrap_or(0);
        let last = incidents.iter().map(|e| month_index(e)).max().unwrap_or(0);
        let months = usize::try_from(last - first + 1).unwrap_or(1);
        let mut counts: Vec<BTreeMap<EventKind, u64>> = vec![BTreeMap::new(); months];
        for e in &incidents {
            let m = usize::try_from(month_index(e) - first).unwrap_or(0);
            *counts[m].entry(e.kind).or_default() += 1;
        }
        let max = counts
            .iter()
            .map(|c| c.values().sum::<u64>())
            .max()
            .unwrap_or(1)
            .max(1);
        let step = nice_step(max);
        let top = max.div_ceil(step) * step;
        let plot_w = WIDTH - LEFT - RIGHT;
        let slot = plot_w / months as f64;
        let bar_w = (slot * 0.8).max(0.5);
        let base = y + 14.0 + BAR_PANEL_HEIGHT;
        let scale = BAR_PANEL_HEIGHT / top as f64;
        // Axis and grid.
        let mut tick = 0;
        while tick <= top {
            let ty = base - tick as f64 * scale;
            let _ = writeln!(
                body,
                r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{tick}</text>"##,
                WIDTH - RIGHT,
                LEFT - 6.0,
                ty + 4.0
            );
            tick += step;
        }
        for (m, kinds) in counts.iter().enumerate() {
            let x = LEFT + m as f64 * slot + (slot - bar_w) / 2.0;
            let mut stack = 0u64;
            for (kind, n) in kinds {
                let h = *n as f64 * scale;
                let top_y = base - (stack + n) as f64 * scale;
                let month = first + m as i64;
                let _ = writeln!(
                    body,
                    r#"<rect x="{x:.1}" y="{top_y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="{}"><title>{}-{:02}: {n} {}</title></rect>"#,
                    kind_colour(*kind),
                    month.div_euclid(12),
                    month.rem_euclid(12) + 1,
                    kind.as_str()
                );
                stack += n;
            }
        }
        // Month labels: every month when few, else every January (or every few years).
        let label_every = if months <= 24 {
            1
        } else {
            12 * (months / 120 + 1)
        };
        for m in 0..months {
            let month = first + m as i64;
            let (year, mo) = (month.div_euclid(12), month.rem_euclid(12) + 1);
            let show = if label_every == 1 {
                true
            } else {
                mo == 1 && (year as usize).is_multiple_of(label_every / 12)
            };
            if show {
                let x = LEFT + (m as f64 + 0.5) * slot;
                let label = if label_every == 1 {
                    format!("{year}-{mo:02}")
                } else {
                    year.to_string()
                };
                let _ = writeln!(
                    body,
                    r#"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle">{label}</text>"#,
                    base + 14.0
                );
            }
        }
        y = base + 34.0;
        // Legend: the kinds present.
        let present: Vec<EventKind> = EventKind::ALL
            .into_iter()
            .filter(|k| incidents.iter().any(|e| e.kind == *k))
            .collect();
        let mut x = LEFT;
        for kind in present {
            let label = kind.as_str();
            let w = 22.0 + label.len() as f64 * 6.5;
            if x + w > WIDTH - RIGHT {
                x = LEFT;
                y += 18.0;
            }
            let _ = writeln!(
                body,
                r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{y:.1}" font-size="11">{label}</text>"#,
                y - 10.0,
                kind_colour(kind),
                x + 16.0
            );
            x += w;
        }
        y += 16.0;
    }

    // Panel 2: casualty figures per party, claimants side by side.
    let groups = figure_groups(records, &index);
    if !groups.is_empty() {
        y += 28.0;
        let _ = writeln!(
            body,
            r#"<text x="{LEFT}" y="{y}" font-size="14" font-weight="bold">Casualty figures per party, by claimant</text>"#
        );
        y += 16.0;
        let _ = writeln!(
            body,
            r##"<text x="{LEFT}" y="{y}" font-size="11" fill="#555">Bar: sum of each claimant's best estimates; whisker: low to high; n: events the claimant gave a figure for.</text>"##
        );
        let mut ordered: Vec<_> = groups.iter().collect();
        ordered.sort_by_key(|(_, claimants)| {
            std::cmp::Reverse(claimants.values().map(|t| t.high).max().unwrap_or(0))
        });
        let shown = ordered.len().min(MAX_GROUPS);
        let max = ordered
            .iter()
            .take(shown)
            .flat_map(|(_, c)| c.values().map(|t| t.high))
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let label_w = 300.0;
        let bar_x = LEFT + label_w;
        let bar_max = WIDTH - RIGHT - bar_x - 150.0;
        for ((party, category), claimants) in ordered.iter().take(shown) {
            y += 24.0;
            let bests: Vec<u64> = claimants.values().map(|t| t.best).collect();
            let disputed = claimants.len() > 1 && bests.iter().any(|b| *b != bests[0]);
            let _ = writeln!(
                body,
                r#"<text x="{LEFT}" y="{y}" font-size="12" font-weight="bold">{} — {}{}</text>"#,
                escape(&shorten(party, 48)),
                category.as_str(),
                if disputed { " (disputed)" } else { "" }
            );
            for (claimant, t) in claimants.iter() {
                y += 18.0;
                let w = t.best as f64 / max * bar_max;
                let lo = bar_x + t.low as f64 / max * bar_max;
                let hi = bar_x + t.high as f64 / max * bar_max;
                let range = if t.low == t.high {
                    String::new()
                } else {
                    format!(" ({}–{})", t.low, t.high)
                };
                let label = format!("{}{range}, n = {}", t.best, t.events);
                let _ = writeln!(
                    body,
                    r#"<text x="{:.1}" y="{y:.1}" font-size="11" text-anchor="end">{}</text><rect x="{bar_x:.1}" y="{:.1}" width="{w:.1}" height="12" fill="{}"><title>{}: {}</title></rect><line x1="{lo:.1}" y1="{:.1}" x2="{hi:.1}" y2="{:.1}" stroke="black"/><text x="{:.1}" y="{y:.1}" font-size="11">{}</text>"#,
                    bar_x - 8.0,
                    escape(&shorten(claimant, 44)),
                    y - 10.0,
                    category_colour(*category),
                    escape(claimant),
                    escape(&label),
                    y - 4.0,
                    y - 4.0,
                    hi.max(bar_x + w) + 6.0,
                    escape(&label)
                );
            }
        }
        if ordered.len() > shown {
            y += 22.0;
            let _ = writeln!(
                body,
                r##"<text x="{LEFT}" y="{y}" font-size="11" fill="#555">… and {} more party and category groups (the csv export lists every figure).</text>"##,
                ordered.len() - shown
            );
        }
    }

    let height = y + 24.0;
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="Helvetica, Arial, sans-serif">
<title>{}</title>
<rect width="100%" height="100%" fill="white"/>
{body}</svg>
"##,
        escape(&format!("faultline timeline: {title}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\"\u{1}"),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    #[test]
    fn steps() {
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(12), 5);
        assert_eq!(nice_step(40), 10);
        assert_eq!(nice_step(4000), 1000);
    }

    #[test]
    fn empty_dataset() {
        let svg = render(&Records::default());
        assert!(svg.contains("No events"));
    }
}
