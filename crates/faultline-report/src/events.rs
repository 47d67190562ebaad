//! One section per event: its date as the text gives it, places, actors, claims and figures
//! with their quotes and sources, and the sources with their addresses.

use std::fmt::Write;

use faultline_export::svg::text::{count, day, event_date, figure, precision, thousands};
use faultline_model::{Event, SourceRef};

use crate::context::Cx;
use crate::html::{dated_event_link, esc, place_anchor, status_words, swatch, tag};

/// Secondary sources named under a source before the rest are counted.
const MAX_CITES: usize = 6;
/// Beyond this many events, the sections leave out the events' free-text notes (for imported
/// data, mostly the importer's bookkeeping), to keep the page small.
const COMPACT_FROM: usize = 1000;

fn compact(cx: &Cx<'_>) -> bool {
    cx.records.events.len() > COMPACT_FROM
}

pub(crate) fn render(cx: &Cx<'_>) -> String {
    let events = &cx.records.events;
    if events.is_empty() {
        return "<p>No events.</p>\n".to_owned();
    }
    let mut out = String::with_capacity(events.len() * 2048);
    out.push_str(&controls(cx));
    out.push_str("<div id=\"event-list\">\n");
    for e in events {
        out.push_str(&article(cx, e));
    }
    out.push_str("</div>\n");
    out
}

/// Filters and pages, shown by the script (without it, every event is listed).
fn controls(cx: &Cx<'_>) -> String {
    let mut kinds: Vec<&str> = cx.records.events.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut out = String::from(
        r#"<form id="event-controls" class="controls" hidden><label>Kind <select id="f-kind"><option value="">all</option>"#,
    );
    for k in kinds {
        let _ = write!(out, r#"<option value="{k}">{k}</option>"#);
    }
    out.push_str(
        r#"</select></label> <label>Year <select id="f-year"><option value="">all</option>"#,
    );
    for year in cx.years().keys() {
        let _ = write!(out, r#"<option value="{year}">{year}</option>"#);
    }
    out.push_str(r#"</select></label> <label>Text <input id="f-text" type="search" placeholder="title, place, actor, quote…"></label> <button type="button" id="f-prev">‹ previous</button> <button type="button" id="f-next">next ›</button> <output id="f-status"></output></form>"#);
    let _ = writeln!(
        out,
        "<p class=\"hint\">{}, in date order. Each has an anchor: <code>report.html#&lt;event id&gt;</code>.{}</p>",
        count(cx.records.events.len(), "event"),
        if compact(cx) {
            format!(
                " With more than {} events, the events' free-text notes are left out to keep the page small; the records and the exports keep them.",
                thousands(COMPACT_FROM as u64)
            )
        } else {
            String::new()
        }
    );
    out
}

fn article(cx: &Cx<'_>, e: &Event) -> String {
    let mut out = String::with_capacity(2048);
    let id = esc(e.id.as_str());
    let _ = write!(
        out,
        r##"<article class="event" id="{id}" data-kind="{k}" data-year="{}"><h3>{} {}</h3><p class="meta"><span class="kind">{k}</span> · <time datetime="{}">{}</time> <span class="muted">({})</span> · <a class="permalink" href="#{id}">{id}</a></p>"##,
        e.date.start.year(),
        swatch(e.kind),
        esc(&e.title),
        e.date.start,
        esc(&event_date(&e.date)),
        precision(e.date.precision),
        k = e.kind.as_str(),
    );
    if e.date.as_reported.is_some() || e.date.note.is_some() {
        out.push_str(r#"<p class="asrep">"#);
        if let Some(words) = &e.date.as_reported {
            let _ = write!(out, "As the source dates it: <q>{}</q>", esc(words));
        }
        if let Some(note) = &e.date.note {
            let _ = write!(out, r#" <span class="note">{}</span>"#, esc(note));
        }
        out.push_str("</p>");
    }
    let _ = write!(out, r#"<p class="summary">{}</p>"#, esc(&e.summary));
    out.push_str(&facts(cx, e));
    out.push_str(&claims(cx, e));
    out.push_str(&casualties(cx, e));
    out.push_str(&sources(cx, e));
    if let Some(notes) = e.notes.as_ref().filter(|_| !compact(cx)) {
        let _ = write!(
            out,
            r#"<details><summary>Notes</summary><p class="notes">{}</p></details>"#,
            esc(notes)
        );
    }
    out.push_str("</article>\n");
    out
}

/// Places, actors, tags and related events.
fn facts(cx: &Cx<'_>, e: &Event) -> String {
    let mut out = String::from(r#"<dl class="facts">"#);
    if !e.places.is_empty() {
        let places: Vec<String> = e
            .places
            .iter()
            .map(|p| {
                let name = match cx.index.place(p.place.as_str()) {
                    Some(place) => format!(
                        r##"<a href="#{}">{}</a>"##,
                        place_anchor(place.id.as_str()),
                        esc(&place.name)
                    ),
                    None => format!(
                        r#"{} <span class="warn">(not in the gazetteer)</span>"#,
                        esc(p.place.as_str())
                    ),
                };
                with_role_and_note(name, p.role.map(|r| tag(&r)), p.note.as_deref())
            })
            .collect();
        let _ = write!(out, "<dt>Places</dt><dd>{}</dd>", places.join("; "));
    }
    if !e.actors.is_empty() {
        let actors: Vec<String> = e
            .actors
            .iter()
            .map(|a| {
                with_role_and_note(
                    esc(&cx.actor_name(a.actor.as_str())),
                    a.role.map(|r| tag(&r)),
                    a.note.as_deref(),
                )
            })
            .collect();
        let _ = write!(out, "<dt>Actors</dt><dd>{}</dd>", actors.join("; "));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| esc(t)).collect();
        let _ = write!(out, "<dt>Tags</dt><dd>{}</dd>", tags.join(", "));
    }
    if !e.related.is_empty() {
        let related: Vec<String> = e
            .related
            .iter()
            .map(|r| match cx.events.get(r.as_str()) {
                Some(other) => dated_event_link(other),
                None => format!(
                    r#"{} <span class="warn">(not in the dataset)</span>"#,
                    esc(r.as_str())
                ),
            })
            .collect();
        let _ = write!(out, "<dt>Related</dt><dd>{}</dd>", related.join("; "));
    }
    out.push_str("</dl>");
    out
}

fn with_role_and_note(name: String, role: Option<String>, note: Option<&str>) -> String {
    let mut out = name;
    if let Some(role) = role {
        let _ = write!(out, r#" <span class="muted">({})</span>"#, esc(&role));
    }
    if let Some(note) = note {
        let _ = write!(out, r#" <span class="note">— {}</span>"#, esc(note));
    }
    out
}

/// The name of a source as cited under a claim or figure.
fn source_name(cx: &Cx<'_>, source: Option<&SourceRef>) -> String {
    match source {
        Some(s) => format!(r#"<cite>{}</cite>"#, esc(&cx.index.source_name(s.as_str()))),
        None => r#"<span class="muted">no source named</span>"#.to_owned(),
    }
}

fn claims(cx: &Cx<'_>, e: &Event) -> String {
    if e.claims.is_empty() {
        return String::new();
    }
    let mut out = format!(r#"<h4>Claims ({})</h4><ul class="claims">"#, e.claims.len());
    for c in &e.claims {
        let against = c
            .against
            .as_ref()
            .map(|a| format!(" <strong>{}</strong>", esc(&cx.actor_name(a.as_str()))))
            .unwrap_or_default();
        let quote = c
            .quote
            .as_deref()
            .map(|q| format!(": <q>{}</q>", esc(q)))
            .unwrap_or_default();
        let note = c
            .note
            .as_deref()
            .map(|n| format!(r#" <span class="note">{}</span>"#, esc(n)))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<li><strong>{}</strong> <span class="ck">{}</span>{against}{quote} — {}{note}</li>"#,
            esc(&cx.actor_name(c.claimant.as_str())),
            esc(&tag(&c.kind)),
            source_name(cx, c.source.as_ref()),
        );
    }
    out.push_str("</ul>");
    out
}

fn casualties(cx: &Cx<'_>, e: &Event) -> String {
    if e.casualties.is_empty() {
        return String::new();
    }
    let mut out = format!(
        r#"<h4>Casualty figures ({})</h4><ul class="figs">"#,
        e.casualties.len()
    );
    for c in &e.casualties {
        let claimant = c.claimant.as_ref().map_or_else(
            || r#"<span class="warn">no claimant named</span>"#.to_owned(),
            |a| format!("according to {}", esc(&cx.actor_name(a.as_str()))),
        );
        let status = c
            .status
            .map(|s| {
                format!(
                    r#" <span class="muted">({})</span>"#,
                    esc(&status_words(&tag(&s)))
                )
            })
            .unwrap_or_default();
        let quote = c
            .quote
            .as_deref()
            .map(|q| format!(": <q>{}</q>", esc(q)))
            .unwrap_or_default();
        let note = c
            .note
            .as_deref()
            .map(|n| format!(r#" <span class="note">{}</span>"#, esc(n)))
            .unwrap_or_default();
        let _ = write!(
            out,
            r#"<li><b>{}</b> {} — {}{status}, {claimant}{quote} — {}{note}</li>"#,
            esc(&figure(c)),
            c.category.as_str(),
            esc(&cx.actor_name(c.party.as_str())),
            source_name(cx, c.source.as_ref()),
        );
    }
    out.push_str("</ul>");
    out
}

/// The event's sources, then any source a claim or figure names that the event does not
/// list, each with its publisher, title, authors, dates and address.
fn sources(cx: &Cx<'_>, e: &Event) -> String {
    let mut refs: Vec<&SourceRef> = e.sources.iter().collect();
    for r in e
        .claims
        .iter()
        .filter_map(|c| c.source.as_ref())
        .chain(e.casualties.iter().filter_map(|c| c.source.as_ref()))
    {
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    if refs.is_empty() {
        return r#"<p class="warn">No source.</p>"#.to_owned();
    }
    let mut out = String::from(r#"<h4>Sources</h4><ol class="sources">"#);
    for r in refs {
        let Some(s) = cx.index.source(r.as_str()) else {
            let _ = write!(
                out,
                r#"<li><code>{}</code> <span class="warn">(not in the dataset)</span></li>"#,
                esc(r.as_str())
            );
            continue;
        };
        let mut parts: Vec<String> = Vec::new();
        if s.publisher_known()
            && let Some(p) = &s.publisher
        {
            parts.push(format!("<strong>{}</strong>", esc(p)));
        }
        if let Some(t) = &s.title {
            parts.push(format!("“{}”", esc(t)));
        }
        if !s.authors.is_empty() {
            parts.push(esc(&s.authors.join(", ")));
        }
        if let Some(d) = s.published {
            parts.push(format!("published {}", esc(&day(d))));
        }
        if let Some(k) = &s.kind {
            parts.push(format!(r#"<span class="muted">{}</span>"#, esc(&tag(k))));
        }
        if let Some(url) = &s.url {
            parts.push(format!(
                r#"<a href="{u}" rel="noopener noreferrer">{u}</a>"#,
                u = esc(url.as_str())
            ));
        }
        if parts.is_empty() {
            parts.push(format!("<code>{}</code>", esc(s.id.as_str())));
        }
        if !s.cites.is_empty() {
            let mut cited: Vec<String> = s
                .cites
                .iter()
                .take(MAX_CITES)
                .map(|c| {
                    let mut t = esc(&c.name);
                    if let Some(d) = c.date {
                        let _ = write!(t, " ({})", esc(&day(d)));
                    }
                    if let Some(url) = &c.url {
                        let _ = write!(
                            t,
                            r#" <a href="{u}" rel="noopener noreferrer">{u}</a>"#,
                            u = esc(url.as_str())
                        );
                    }
                    t
                })
                .collect();
            if s.cites.len() > MAX_CITES {
                cited.push(format!("and {} more", s.cites.len() - MAX_CITES));
            }
            parts.push(format!(
                r#"<span class="muted">citing {}</span>"#,
                cited.join(", ")
            ));
        }
        let _ = write!(out, "<li>{}</li>", parts.join(" · "));
    }
    out.push_str("</ol>");
    out
}
