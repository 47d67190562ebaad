//! The timeline: events per day, week or month, stacked by kind, over a time axis with
//! month ticks; events known only within a longer range drawn over that range; a legend.
//!
//! Where there are few enough events, each is its own block of its bar (and, with
//! [`Options::links`], a link to the event's section); otherwise each bar stacks one block
//! per kind with the count.

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_model::{Date, Event, EventKind};

use crate::svg::palette;
use crate::svg::scale::{TimeScale, ValueScale};
use crate::svg::text::{count, escape, event_date, shorten};
use crate::svg::{Chart, link_close, link_open};

/// How to draw the timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The chart's width.
    pub width: f64,
    /// Whether each mark links to `#<event id>` (the event's section in a page).
    pub links: bool,
}

const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const BARS_HEIGHT: f64 = 200.0;
/// Up to this many events in the tallest bar, each event is a block of its own.
const UNIT_MAX_BAR: usize = 60;
/// Rows of the "known only within a range" panel before the rest are counted.
const MAX_RANGE_ROWS: usize = 14;

/// The kinds' order of stacking, bottom up.
fn kind_rank(kind: EventKind) -> usize {
    EventKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}

/// Draws the timeline of `events` (in any order); `None` when there are none.
pub fn render(events: &[Event], options: &Options) -> Option<Chart> {
    let first = events.iter().map(|e| e.date.start).min()?;
    let last = events.iter().map(|e| e.date.last()).max()?;
    let width = options.width;
    let len = width - LEFT - RIGHT;
    let scale = TimeScale::new(first, last, LEFT, len);
    let bins = scale.bins();
    let bin_of = |d: Date| bins.partition_point(|b| *b <= d).saturating_sub(1);

    // Events within one bin go in the bars; the others are drawn over their range.
    let mut per_bin: Vec<Vec<&Event>> = vec![Vec::new(); bins.len()];
    let mut ranged: Vec<&Event> = Vec::new();
    for e in events {
        let (a, b) = (bin_of(e.date.start), bin_of(e.date.last()));
        if a == b {
            per_bin[a].push(e);
        } else {
            ranged.push(e);
        }
    }
    for bin in &mut per_bin {
        bin.sort_by(|a, b| {
            (kind_rank(a.kind), a.date.start, a.id.as_str()).cmp(&(
                kind_rank(b.kind),
                b.date.start,
                b.id.as_str(),
            ))
        });
    }
    let tallest = per_bin.iter().map(Vec::len).max().unwrap_or(0);
    let units = tallest <= UNIT_MAX_BAR;

    let mut body = String::new();
    let mut y = 16.0;
    let _ = write!(
        body,
        r##"<text x="{LEFT}" y="{y}" font-size="11" fill="#444">Events per {}{}</text>"##,
        scale.bin.noun(),
        if units {
            " (each block is one event)"
        } else {
            ""
        }
    );
    y += 10.0;
    let base = y + BARS_HEIGHT;
    let values = ValueScale::for_values([tallest as u64]);
    let top = values.top().max(1);
    let ticks = values.ticks();
    for t in &ticks {
        let ty = base - values.position(*t, BARS_HEIGHT);
        let _ = write!(
            body,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#e4e4e4"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#444">{t}</text>"##,
            width - RIGHT,
            LEFT - 5.0,
            ty + 3.5
        );
    }
    let unit_h = BARS_HEIGHT / top as f64;
    let slot = len / bins.len().max(1) as f64;
    let bar_w = (slot * 0.82).max(1.0);
    for (i, events) in per_bin.iter().enumerate() {
        let x = scale.position(bins[i]) + (slot - bar_w) / 2.0;
        if units {
            for (k, e) in events.iter().enumerate() {
                let top_y = base - (k + 1) as f64 * unit_h;
                let swatch = palette::kind(e.kind);
                let tip = format!("{} · {}: {}", event_date(&e.date), e.kind.as_str(), e.title);
                let _ = write!(
                    body,
                    r#"{}<rect x="{x:.1}" y="{top_y:.1}" width="{bar_w:.1}" height="{unit_h:.1}" fill="{}" stroke="white" stroke-width="0.6"><title>{}</title></rect>{}"#,
                    link_open(options.links, e.id.as_str()),
                    swatch.fill(),
                    escape(&tip),
                    link_close(options.links)
                );
            }
        } else {
            let mut by_kind: BTreeMap<usize, Vec<&Event>> = BTreeMap::new();
            for e in events {
                by_kind.entry(kind_rank(e.kind)).or_default().push(e);
            }
            let mut stack = 0usize;
            for group in by_kind.values() {
                let n = group.len();
                let top_y = base - (stack + n) as f64 * unit_h;
                let h = n as f64 * unit_h;
                let kind = group[0].kind;
                let tip = format!(
                    "{}: {} {}",
                    scale.bin.label(bins[i]),
                    count(n, "event"),
                    kind.as_str()
                );
                let _ = write!(
                    body,
                    r#"{}<rect x="{x:.1}" y="{top_y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="{}"><title>{}</title></rect>{}"#,
                    link_open(options.links, group[0].id.as_str()),
                    palette::kind(kind).fill(),
                    escape(&tip),
                    link_close(options.links)
                );
                stack += n;
            }
        }
    }
    body.push_str(&scale.axis(base));
    y = base + scale.axis_height() + 8.0;

    // Events known only within a range longer than a bar.
    if !ranged.is_empty() {
        y += 10.0;
        let _ = write!(
            body,
            r##"<text x="{LEFT}" y="{y:.1}" font-size="11" fill="#444">{} known only within a longer range (a week, a month or a year), drawn over the whole range</text>"##,
            count(ranged.len(), "event"),
        );
        let mut groups: BTreeMap<(Date, Date, usize), Vec<&Event>> = BTreeMap::new();
        for e in &ranged {
            groups
                .entry((e.date.start, e.date.last(), kind_rank(e.kind)))
                .or_default()
                .push(e);
        }
        let shown = groups.len().min(MAX_RANGE_ROWS);
        for group in groups.values().take(shown) {
            y += 15.0;
            let e = group[0];
            let (a, b) = (
                scale.position(e.date.start),
                scale.position_after(e.date.last()),
            );
            let label = if group.len() == 1 {
                format!("{} · {}", event_date(&e.date), shorten(&e.title, 60))
            } else {
                format!(
                    "{} · {} {}",
                    event_date(&e.date),
                    count(group.len(), "event"),
                    e.kind.as_str()
                )
            };
            // The label goes right of the range when it fits, else left of it, else inside.
            let label_w = label.chars().count() as f64 * 5.6;
            let (lx, anchor) = if b + 6.0 + label_w <= width - 2.0 {
                (b + 6.0, "start")
            } else if a - 6.0 - label_w >= 2.0 {
                (a - 6.0, "end")
            } else {
                (width - RIGHT, "end")
            };
            let _ = write!(
                body,
                r##"{}<rect x="{a:.1}" y="{:.1}" width="{:.1}" height="8" rx="2" fill="{}"><title>{}</title></rect><text x="{lx:.1}" y="{y:.1}" font-size="10" text-anchor="{anchor}" fill="#333">{}</text>{}"##,
                link_open(options.links, e.id.as_str()),
                y - 8.0,
                (b - a).max(2.0),
                palette::kind(e.kind).fill(),
                escape(&format!(
                    "{} ({}): {}",
                    label,
                    e.date.precision.as_str(),
                    e.title
                )),
                escape(&label),
                link_close(options.links)
            );
        }
        if groups.len() > shown {
            y += 15.0;
            let rest: usize = groups.values().skip(shown).map(Vec::len).sum();
            let _ = write!(
                body,
                r##"<text x="{LEFT}" y="{y:.1}" font-size="10" fill="#555">… and {} more in {} more ranges</text>"##,
                count(rest, "event"),
                groups.len() - shown
            );
        }
        y += 10.0;
    }

    // Legend: the kinds present, with their counts.
    let mut present: BTreeMap<usize, usize> = BTreeMap::new();
    for e in events {
        *present.entry(kind_rank(e.kind)).or_default() += 1;
    }
    y += 18.0;
    let mut x = LEFT;
    for (rank, n) in present {
        let Some(kind) = EventKind::ALL.get(rank).copied() else {
            continue;
        };
        let label = format!("{} ({n})", kind.as_str());
        let w = 24.0 + label.chars().count() as f64 * 6.2;
        if x + w > width - RIGHT && x > LEFT {
            x = LEFT;
            y += 18.0;
        }
        let _ = write!(
            body,
            r##"<rect x="{x:.1}" y="{:.1}" width="13" height="13" fill="{}" stroke="#555" stroke-width="0.5"/><text x="{:.1}" y="{y:.1}" font-size="11" fill="#222">{}</text>"##,
            y - 10.5,
            palette::kind(kind).fill(),
            x + 17.0,
            escape(&label)
        );
        x += w;
    }
    y += 10.0;
    Some(Chart {
        body,
        width,
        height: y.ceil(),
    })
}
