//! `svg`: the charts — a timeline a reader grasps at a glance, and the casualty figures
//! claimant by claimant — as an SVG document, and as pieces the HTML report
//! (`faultline-report`) draws with.
//!
//! This module owns every chart of the project: the [`palette`] (a colour-blind-safe swatch
//! per event kind, a colour per casualty category), the [`scale`]s (counts, linear or
//! logarithmic; dates, with month ticks), the [`timeline`], the figure bars and totals
//! ([`figures`]) and the [`text`] that goes in them (escaping, dates, figures as a reader
//! says them). [`render`] puts the timeline and the totals in one SVG document.
//!
//! The SVG is written by hand rather than with `plotters`: the charts are bars and text,
//! hand-written output is byte-for-byte deterministic (snapshot-tested), needs no font or
//! backend dependency, and lets every piece of text go through one escaping function
//! ([`escape`]), so no record text can inject markup.

pub mod figures;
pub mod palette;
pub mod scale;
pub mod text;
pub mod timeline;

pub use text::escape;

use crate::records::Records;
use text::{count, day};

/// The width of the SVG export.
const WIDTH: f64 = 960.0;
/// The most party and category groups the export draws.
const MAX_GROUPS: usize = 12;

/// A drawn chart: SVG elements in a `width` × `height` box.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The elements, without the enclosing `<svg>`.
    pub body: String,
    /// The width.
    pub width: f64,
    /// The height.
    pub height: f64,
}

impl Chart {
    /// The chart as an `<svg>` element (for inline use in HTML), labelled for screen readers
    /// with `label`.
    pub fn element(&self, label: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{}" font-family="Helvetica, Arial, sans-serif">{}</svg>"#,
            escape(label),
            self.body,
            w = self.width,
            h = self.height,
        )
    }
}

/// `<a href="#id">` when `links`, else nothing.
pub(crate) fn link_open(links: bool, id: &str) -> String {
    if links {
        format!(r##"<a href="#{}">"##, escape(id))
    } else {
        String::new()
    }
}

/// `</a>` when `links`, else nothing.
pub(crate) fn link_close(links: bool) -> &'static str {
    if links { "</a>" } else { "" }
}

/// Renders the SVG document: a title, the timeline, and the casualty figures per party and
/// category by claimant (or a line saying the dataset has none).
pub fn render(records: &Records) -> String {
    // Waves (events others are part-of) are not incidents of their own: drawn once, by parts.
    let incidents: Vec<faultline_model::Event> = records.incidents().cloned().collect();
    let title = match (
        incidents.iter().map(|e| e.date.start).min(),
        incidents.iter().map(|e| e.date.last()).max(),
    ) {
        (Some(first), Some(last)) => format!(
            "{}, {} to {}",
            count(incidents.len(), "event"),
            day(first),
            day(last)
        ),
        _ => "No events".to_owned(),
    };
    let mut body = String::new();
    let mut y = 28.0;
    body.push_str(&format!(
        "<text x=\"16\" y=\"{y}\" font-size=\"18\" font-weight=\"bold\">{}</text>\n",
        escape(&title)
    ));
    y += 12.0;
    if let Some(chart) = timeline::render(
        &incidents,
        &timeline::Options {
            width: WIDTH,
            links: false,
        },
    ) {
        body.push_str(&format!(
            "<g transform=\"translate(0 {y})\">{}</g>\n",
            chart.body
        ));
        y += chart.height;
    }
    y += 24.0;
    body.push_str(&format!(
        "<text x=\"16\" y=\"{y}\" font-size=\"14\" font-weight=\"bold\">Casualty figures per party, by claimant</text>\n"
    ));
    y += 8.0;
    let totals = figures::totals(
        records,
        &figures::TotalsOptions {
            width: WIDTH - 8.0,
            max_groups: MAX_GROUPS,
        },
    );
    body.push_str(&format!(
        "<g transform=\"translate(8 {y})\">{}</g>\n",
        totals.body
    ));
    y += totals.height;
    let height = (y + 16.0).ceil();
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="Helvetica, Arial, sans-serif">
<title>{}</title>
{}
<rect width="100%" height="100%" fill="white"/>
{body}</svg>
"##,
        escape(&format!("faultline timeline: {title}")),
        palette::defs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_dataset() {
        let svg = render(&Records::default());
        assert!(svg.contains("No events"));
        assert!(svg.contains("No casualty figures in this dataset"));
    }
}
