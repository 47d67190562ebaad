//! The timeline section: the shared timeline chart, every mark a link to its event.

use faultline_export::svg::timeline::{self, Options};

use crate::context::Cx;

/// The width of the page's charts (they scale down with the window).
pub(crate) const CHART_WIDTH: f64 = 1040.0;

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let Some(chart) = timeline::render(
        &cx.records.events,
        &Options {
            width: CHART_WIDTH,
            links: true,
        },
    ) else {
        return "<p>No events.</p>\n".to_owned();
    };
    format!(
        "<p class=\"hint\">Each event is placed by the first day of its date; hover over a block for the event, click it to go to the event. Events the sources date only to a week, a month or a year are drawn over that whole range below the bars.</p>\n<figure class=\"chart\">{}</figure>\n",
        chart.element("Events over time, by kind")
    )
}
