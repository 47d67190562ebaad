//! Casualty figures as bars: one figure ([`bar`]), and the totals each claimant gave for
//! each party and category, side by side ([`totals`]).
//!
//! A bar is solid up to the lowest value of the figure and pale from there to the highest,
//! with a tick at the best estimate; a figure given as "over" or "at least" continues past
//! its number as a dashed arrow (open-ended); one given as "up to" or "under" is pale
//! throughout (a ceiling, not a count); a zero is a thin mark at the origin. Small figures
//! stay visible beside large ones: the scale turns logarithmic when the largest figure is
//! more than [`LOG_RATIO`](crate::svg::scale::LOG_RATIO) times the smallest.

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_model::{Casualty, Category, Qualifier, figures as derived};

use crate::records::{Index, Records};
use crate::svg::Chart;
use crate::svg::palette;
use crate::svg::scale::ValueScale;
use crate::svg::text::{count, escape, shorten, thousands};

/// Room past the end of an axis for the arrow of an open-ended figure.
pub const ARROW: f64 = 18.0;

/// A figure as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The lowest value.
    pub low: u64,
    /// The best estimate.
    pub best: u64,
    /// The highest value.
    pub high: u64,
    /// Whether the true figure may lie above `high` ("over", "at least").
    pub open_above: bool,
    /// Whether the figure is a ceiling ("up to", "under").
    pub ceiling: bool,
}

impl Mark {
    /// The mark of a casualty figure; `None` when the figure cannot be read (a lint error).
    pub fn of(c: &Casualty) -> Option<Self> {
        let f = c.figure().ok()?;
        Some(Self {
            low: f.low,
            best: f.best,
            high: f.high,
            open_above: c.qualifier.is_some_and(Qualifier::open_above),
            ceiling: matches!(c.qualifier, Some(Qualifier::UpTo | Qualifier::Under)),
        })
    }
}

/// Draws a figure on `scale`, its axis starting at `x` and `len` long, the bar `h` high
/// with its top at `y`. An open-ended figure's arrow takes up to [`ARROW`] past its end.
pub fn bar(
    mark: &Mark,
    scale: ValueScale,
    x: f64,
    y: f64,
    len: f64,
    h: f64,
    colour: &str,
) -> String {
    let mut out = String::new();
    let at = |v: u64| x + scale.position(v, len);
    let (xl, xb, xh) = (at(mark.low), at(mark.best), at(mark.high));
    let cy = y + h / 2.0;
    if mark.high == 0 {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="2" height="{h:.1}" fill="{colour}"/>"#
        );
        return out;
    }
    if mark.ceiling {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-dasharray="3 2"/>"#,
            xh - x
        );
    } else {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{colour}"/>"#,
            (xl - x).max(1.5)
        );
        if mark.high > mark.low {
            let _ = write!(
                out,
                r#"<rect x="{xl:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{colour}" fill-opacity="0.35"/><line x1="{xb:.1}" y1="{:.1}" x2="{xb:.1}" y2="{:.1}" stroke="black" stroke-width="1.5"/>"#,
                xh - xl,
                y - 2.0,
                y + h + 2.0
            );
        }
    }
    if mark.open_above {
        let end = xh + ARROW;
        let _ = write!(
            out,
            r#"<line x1="{xh:.1}" y1="{cy:.1}" x2="{:.1}" y2="{cy:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="3 2"/><path d="M{:.1} {:.1}L{end:.1} {cy:.1}L{:.1} {:.1}Z" fill="{colour}"/>"#,
            end - 6.0,
            end - 7.0,
            cy - 4.5,
            end - 7.0,
            cy + 4.5
        );
    }
    out
}

/// What one claimant's figures for one party and category add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// The sum of the lowest values.
    pub low: u64,
    /// The sum of the best estimates.
    pub best: u64,
    /// The sum of the highest values.
    pub high: u64,
    /// Whether any figure was open-ended, so the sum is a floor.
    pub open_above: bool,
    /// The number of events the claimant gave a figure for.
    pub events: usize,
    /// The number of those events in which another claimant gave a different figure.
    pub disputed: usize,
}

impl Totals {
    /// The totals as a mark.
    pub fn mark(&self) -> Mark {
        Mark {
            low: self.low,
            best: self.best,
            high: self.high,
            open_above: self.open_above,
            ceiling: false,
        }
    }

    /// `7`, `71–80`, `6,007+` (open-ended).
    pub fn label(&self) -> String {
        let mut s = if self.low == self.high {
            thousands(self.low)
        } else {
            format!("{}–{}", thousands(self.low), thousands(self.high))
        };
        if self.open_above {
            s.push('+');
        }
        s
    }
}

/// The claimant named for a figure the source attributes to no one.
pub const NO_CLAIMANT: &str = "(no claimant named)";

/// (party name, category) → claimant name → totals, over every event.
pub type Groups = BTreeMap<(String, Category), BTreeMap<String, Totals>>;

/// Adds up every figure by party, category and claimant.
pub fn groups(records: &Records, index: &Index<'_>) -> Groups {
    let mut groups: Groups = BTreeMap::new();
    for event in records.incidents() {
        let disputed: Vec<(String, Category)> = derived::summarize(event)
            .into_iter()
            .filter(|p| p.disputed())
            .map(|p| (p.party.as_str().to_owned(), p.category))
            .collect();
        let mut seen: Vec<(String, Category, String)> = Vec::new();
        for c in &event.casualties {
            let Some(mark) = Mark::of(c) else { continue };
            let party = index.actor_name(c.party.as_str());
            let claimant = c
                .claimant
                .as_ref()
                .map_or_else(|| NO_CLAIMANT.to_owned(), |a| index.actor_name(a.as_str()));
            let t = groups
                .entry((party.clone(), c.category))
                .or_default()
                .entry(claimant.clone())
                .or_default();
            t.low = t.low.saturating_add(mark.low);
            t.best = t.best.saturating_add(mark.best);
            t.high = t.high.saturating_add(mark.high);
            t.open_above |= mark.open_above;
            let key = (party, c.category, claimant);
            if !seen.contains(&key) {
                t.events += 1;
                if disputed
                    .iter()
                    .any(|(p, cat)| p == c.party.as_str() && *cat == c.category)
                {
                    t.disputed += 1;
                }
                seen.push(key);
            }
        }
    }
    groups
}

/// How to draw the totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TotalsOptions {
    /// The chart's width.
    pub width: f64,
    /// The most party and category groups drawn (the largest); the rest are counted.
    pub max_groups: usize,
}

/// Draws the totals per party and category, one bar per claimant; the chart says so when
/// the dataset has no figures.
pub fn totals(records: &Records, options: &TotalsOptions) -> Chart {
    let index = records.index();
    let groups = groups(records, &index);
    let width = options.width;
    let mut body = String::new();
    let mut y = 14.0;
    if groups.is_empty() {
        let _ = write!(
            body,
            r##"<text x="8" y="{y}" font-size="12" fill="#444">No casualty figures in this dataset: no event records a figure.</text>"##
        );
        return Chart {
            body,
            width,
            height: y + 10.0,
        };
    }
    let mut ordered: Vec<_> = groups.iter().collect();
    ordered.sort_by_key(|(_, claimants)| {
        std::cmp::Reverse(claimants.values().map(|t| t.high).max().unwrap_or(0))
    });
    let shown = ordered.len().min(options.max_groups.max(1));
    let scale = ValueScale::for_values(
        ordered
            .iter()
            .take(shown)
            .flat_map(|(_, c)| c.values().flat_map(|t| [t.low, t.high])),
    );
    let label_w = (width * 0.3).clamp(120.0, 300.0);
    let bar_x = 8.0 + label_w;
    let len = width - bar_x - 110.0 - ARROW;
    let _ = write!(
        body,
        r##"<text x="8" y="{y}" font-size="11" fill="#444">Solid: the lowest figure; pale: up to the highest; tick: best estimate; arrow and +: “over” or “at least” (open-ended); n: events. {}.</text>"##,
        upper_first(scale.describe())
    );
    y += 14.0;
    body.push_str(&scale.axis(bar_x, y, len));
    y += 12.0;
    for ((party, category), claimants) in ordered.iter().take(shown) {
        y += 22.0;
        let disputed = claimants.values().map(|t| t.disputed).max().unwrap_or(0);
        let _ = write!(
            body,
            r##"<text x="8" y="{y:.1}" font-size="12" font-weight="bold" fill="#222">{} — {}{}</text>"##,
            escape(&shorten(party, 60)),
            category.as_str(),
            match disputed {
                0 => String::new(),
                n => format!(" (claimants disagree in {})", count(n, "event")),
            }
        );
        for (claimant, t) in claimants.iter() {
            y += 17.0;
            let label = format!("{}, n = {}", t.label(), t.events);
            let mark = t.mark();
            let end = bar_x + scale.position(t.high, len) + if t.open_above { ARROW } else { 0.0 };
            let _ = write!(
                body,
                r##"<g><title>{}: {} ({} {})</title><text x="{:.1}" y="{y:.1}" font-size="11" text-anchor="end" fill="#222">{}</text>{}<text x="{:.1}" y="{y:.1}" font-size="11" fill="#222">{}</text></g>"##,
                escape(claimant),
                escape(&label),
                escape(party),
                category.as_str(),
                bar_x - 8.0,
                escape(&shorten(claimant, (label_w / 6.2) as usize)),
                bar(
                    &mark,
                    scale,
                    bar_x,
                    y - 10.0,
                    len,
                    11.0,
                    palette::category(*category)
                ),
                end.max(bar_x) + 6.0,
                escape(&label)
            );
        }
    }
    if ordered.len() > shown {
        y += 22.0;
        let _ = write!(
            body,
            r##"<text x="8" y="{y:.1}" font-size="11" fill="#555">… and {} more party and category groups with smaller figures (the csv export lists every figure).</text>"##,
            ordered.len() - shown
        );
    }
    Chart {
        body,
        width,
        height: y + 12.0,
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ended_figures_point_past_their_number() {
        let scale = ValueScale::for_values([7, 6000]);
        let over = Mark {
            low: 6000,
            best: 6000,
            high: 6000,
            open_above: true,
            ceiling: false,
        };
        let svg = bar(&over, scale, 0.0, 0.0, 100.0, 10.0, "#000");
        assert!(svg.contains("<path"), "an arrow: {svg}");
        let seven = Mark {
            open_above: false,
            low: 7,
            best: 7,
            high: 7,
            ..over
        };
        let svg = bar(&seven, scale, 0.0, 0.0, 100.0, 10.0, "#000");
        assert!(!svg.contains("<path"));
        // 7 beside 6,000 is a fifth of the axis, not a sliver.
        let width: f64 = svg
            .split("width=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(width > 20.0, "{svg}");
    }

    #[test]
    fn totals_label() {
        let t = Totals {
            low: 6007,
            best: 6007,
            high: 6007,
            open_above: true,
            events: 2,
            disputed: 0,
        };
        assert_eq!(t.label(), "6,007+");
    }
}
