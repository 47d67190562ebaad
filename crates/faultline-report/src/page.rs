//! The document: head (inline style, a policy that forbids loading anything), header with the
//! dataset in one line and the sections' links, the sections, the footer, the script.

use std::fmt::Write;

use faultline_export::svg::palette;
use faultline_export::svg::text::{count, day};

use crate::context::Cx;
use crate::html::{esc, swatch_css};
use crate::{accusations, events, figures, map, overview, timeline};

const STYLE: &str = include_str!("../assets/report.css");
const SCRIPT: &str = include_str!("../assets/report.js");

/// The page loads nothing from anywhere: no network, no other file. Styles and scripts are
/// inline; images are inline SVG.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The sections, by anchor and heading.
const SECTIONS: [(&str, &str); 6] = [
    ("overview", "Overview"),
    ("timeline", "Timeline"),
    ("figures", "Contested figures"),
    ("accusations", "Who accuses whom"),
    ("map", "Places"),
    ("events", "Events"),
];

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024 + cx.records.events.len() * 2048);
    let title = &cx.options.title;
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="faultline {}">
<title>{}</title>
<style>
{STYLE}{}</style>
</head>
<body>
<svg class="defs" width="0" height="0" aria-hidden="true">{}</svg>
<header>
<h1>{}</h1>
"#,
        env!("CARGO_PKG_VERSION"),
        esc(title),
        swatch_css(),
        palette::defs(),
        esc(title),
    );
    out.push_str(&summary_line(cx));
    out.push_str("<nav><ul>");
    for (id, heading) in SECTIONS {
        let _ = write!(out, r##"<li><a href="#{id}">{heading}</a></li>"##);
    }
    out.push_str("</ul></nav>\n</header>\n<main>\n");
    let sections: [(&str, &str, String); 6] = [
        (SECTIONS[0].0, SECTIONS[0].1, overview::render(cx)),
        (SECTIONS[1].0, SECTIONS[1].1, timeline::render(cx)),
        (SECTIONS[2].0, SECTIONS[2].1, figures::render(cx)),
        (SECTIONS[3].0, SECTIONS[3].1, accusations::render(cx)),
        (SECTIONS[4].0, SECTIONS[4].1, map::render(cx)),
        (SECTIONS[5].0, SECTIONS[5].1, events::render(cx)),
    ];
    for (id, heading, body) in sections {
        let _ = write!(
            out,
            "<section id=\"{id}\">\n<h2>{heading}</h2>\n{body}</section>\n"
        );
    }
    let _ = write!(
        out,
        r#"</main>
<footer>
<p>Made by faultline {} on {} from the dataset's records; the lint status is that of the same day. Every figure and accusation is a claim: it says who stated it and where we read it, and none is stated here as fact. Cite the dataset, under its licence, and the source of any figure you use.</p>
</footer>
<script>
{SCRIPT}</script>
</body>
</html>
"#,
        env!("CARGO_PKG_VERSION"),
        esc(&day(cx.options.config.today)),
    );
    out
}

/// `57 events from 27 September 2020 to 23 April 2024 · 5 sources · 33 places · 56 actors`.
fn summary_line(cx: &Cx<'_>) -> String {
    let r = cx.records;
    let span = match (
        r.events.iter().map(|e| e.date.start).min(),
        r.events.iter().map(|e| e.date.last()).max(),
    ) {
        (Some(a), Some(b)) => format!(" from {} to {}", day(a), day(b)),
        _ => String::new(),
    };
    let claims: usize = r.events.iter().map(|e| e.claims.len()).sum();
    let figures: usize = r.events.iter().map(|e| e.casualties.len()).sum();
    let mut out = String::from(r#"<p class="lede">"#);
    if let Some(name) = &cx.options.dataset_name {
        let _ = write!(out, "<strong>{}</strong>: ", esc(name));
    }
    let _ = writeln!(
        out,
        "{}{span} · {} · {} · {} · {} · {}</p>",
        count(r.events.len(), "event"),
        count(claims, "claim"),
        count(figures, "casualty figure"),
        count(r.sources.len(), "source"),
        count(r.places.len(), "place"),
        count(r.actors.len(), "actor"),
    );
    out
}
