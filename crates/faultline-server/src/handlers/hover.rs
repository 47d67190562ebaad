//! Hover: the record a reference names, a field's documentation, a rule's summary.

use faultline_validate::references::Target;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::{At, word};
use crate::schema;
use crate::session::Session;
use crate::text;

fn markdown(value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }
}

/// What to show at the position.
pub(crate) fn hover(session: &Session, params: &HoverParams) -> Option<Hover> {
    let p = &params.text_document_position_params;
    let at = At::new(session, &p.text_document.uri, p.position)?;
    if let Some(comment) = &at.cursor.comment {
        let (s, e) = at.cursor.word;
        let name = &at.text[s..e];
        if comment.contains("faultline: allow(") {
            return rule(name);
        }
        return None;
    }
    if let Some((target, id)) = at.reference() {
        return record(&at, target, &id);
    }
    if let Some(kind) = at.kind {
        let (s, e) = at.cursor.word;
        let word_at = &at.text[s..e];
        let mut path = at
            .cursor
            .table
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>();
        if at.cursor.at_key || (at.cursor.keys.is_empty() && at.cursor.string.is_none()) {
            path.push(word_at);
        } else if at.cursor.string.is_none()
            && at.cursor.keys.last().map(String::as_str) == Some(word_at)
        {
            path = at.cursor.path();
        } else if at.cursor.keys.is_empty() {
            return None;
        }
        if let Some(doc) = schema::doc(kind, &path) {
            return Some(markdown(format!("**{}**\n\n{doc}", path.join("."))));
        }
    }
    // A rule code of a finding published at the position.
    let published = session.published.get(&at.path)?;
    let here: Vec<&str> = published
        .iter()
        .filter(|d| {
            let r = text::range(&at.text, d.region.span.start, d.region.span.end);
            let pos = p.position;
            r.start <= pos && pos <= r.end
        })
        .map(|d| d.rule)
        .collect();
    rule(here.first()?)
}

fn rule(name: &str) -> Option<Hover> {
    let meta = faultline_validate::meta(name)?;
    Some(markdown(format!(
        "**{}** ({}, {})\n\n{}\n\n`faultline explain {}`",
        meta.name,
        meta.default_severity,
        meta.area.as_str(),
        meta.summary,
        meta.name
    )))
}

/// The record a reference names.
fn record(at: &At<'_>, target: Target, id: &str) -> Option<Hover> {
    let dataset = at.session.datasets.get(at.root.as_ref()?)?;
    let registries = dataset.registries();
    let text = match target {
        Target::Place => {
            let r = &registries
                .places
                .iter()
                .find(|p| p.record.id.as_str() == id)?
                .record;
            let names: Vec<&str> = r.names.iter().map(|n| n.name()).collect();
            format!(
                "**{}** — place ({}, {})\n\n{}, {} ({})\n\nAlso: {}",
                r.name,
                word(&r.kind),
                word(&r.country),
                r.lat,
                r.lon,
                word(&r.precision),
                names.join(", ")
            )
        }
        Target::Actor => {
            let r = &registries
                .actors
                .iter()
                .find(|a| a.record.id.as_str() == id)?
                .record;
            format!(
                "**{}** — actor ({}, {})",
                r.name,
                word(&r.kind),
                word(&r.country)
            )
        }
        Target::Source => {
            let r = &registries
                .sources
                .iter()
                .find(|s| s.record.id.as_str() == id)?
                .record;
            format!(
                "**{}** — source\n\n{} · published {}",
                r.title.as_deref().unwrap_or(id),
                r.publisher.as_deref().unwrap_or("?"),
                r.published
                    .map_or_else(|| "?".to_owned(), |d| d.to_string())
            )
        }
        Target::Event => {
            let (_, path) = dataset.event_ids().find(|(e, _)| *e == id)?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            format!("**{id}** — event\n\n`{name}`")
        }
    };
    Some(markdown(text))
}
