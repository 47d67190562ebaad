//! Completion: ids where a reference is expected, enum values, the keys of the current table,
//! and rule names in a suppression comment.

use faultline_validate::references::Target;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

use super::At;
use crate::schema;
use crate::session::Session;
use crate::text;

/// The completions at the position.
pub(crate) fn complete(session: &Session, params: &CompletionParams) -> Option<CompletionResponse> {
    let p = &params.text_document_position;
    let at = At::new(session, &p.text_document.uri, p.position)?;
    let items = items(&at);
    Some(CompletionResponse::Array(items))
}

/// Where a completion goes: the string's contents when in a string, else the word (both
/// ranges computed once per request, not once per item).
struct Span {
    string: Option<lsp_types::Range>,
    word: lsp_types::Range,
}

impl Span {
    fn of(at: &At<'_>) -> Self {
        let (s, e) = at.cursor.word;
        Self {
            string: at.cursor.string.map(|(s, e)| text::range(&at.text, s, e)),
            word: text::range(&at.text, s, e),
        }
    }
}

fn item(
    span: &Span,
    label: &str,
    detail: Option<String>,
    kind: CompletionItemKind,
    doc: Option<&str>,
) -> CompletionItem {
    // Replace the string's contents when in a string, else the word, quoting a value.
    let (range, new_text) = match span.string {
        Some(range) => (range, label.to_owned()),
        None if kind == CompletionItemKind::FIELD || kind == CompletionItemKind::KEYWORD => {
            (span.word, label.to_owned())
        }
        None => (span.word, format!("\"{label}\"")),
    };
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail,
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_owned(),
            })
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
        ..CompletionItem::default()
    }
}

fn items(at: &At<'_>) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let span = &Span::of(at);
    if let Some(comment) = &at.cursor.comment {
        // Rule names inside `# faultline: allow(…`.
        if let Some(open) = comment.find("faultline: allow(")
            && !comment[open..].contains(')')
        {
            for meta in faultline_validate::metas() {
                out.push(item(
                    span,
                    meta.name,
                    Some(meta.summary.to_owned()),
                    CompletionItemKind::KEYWORD,
                    None,
                ));
            }
        }
        return out;
    }
    let Some(kind) = at.kind else { return out };
    let path = at.cursor.path();
    if at.cursor.at_key {
        for (key, doc) in schema::keys(kind, &path) {
            out.push(item(span, key, None, CompletionItemKind::FIELD, doc));
        }
        return out;
    }
    if at.cursor.keys.is_empty() {
        return out;
    }
    if let Some((target, _)) = at.reference().or_else(|| {
        faultline_validate::references::reference_target(kind, &path).map(|t| (t, String::new()))
    }) {
        ids(at, span, target, &mut out);
        return out;
    }
    for value in schema::enum_values(kind, &path) {
        out.push(item(
            span,
            value,
            None,
            CompletionItemKind::ENUM_MEMBER,
            None,
        ));
    }
    out
}

/// The ids of every record of kind `target`: label the id, detail its name and kind.
fn ids(at: &At<'_>, span: &Span, target: Target, out: &mut Vec<CompletionItem>) {
    let Some(dataset) = at.root.as_ref().and_then(|r| at.session.datasets.get(r)) else {
        return;
    };
    let registries = dataset.registries();
    match target {
        Target::Place => {
            for p in &registries.places {
                let r = &p.record;
                let detail = format!(
                    "{} · {} · {}",
                    r.name,
                    super::word(&r.kind),
                    super::word(&r.country)
                );
                out.push(item(
                    span,
                    r.id.as_str(),
                    Some(detail),
                    CompletionItemKind::VALUE,
                    None,
                ));
            }
        }
        Target::Actor => {
            for a in &registries.actors {
                let r = &a.record;
                let detail = format!("{} · {}", r.name, super::word(&r.kind));
                out.push(item(
                    span,
                    r.id.as_str(),
                    Some(detail),
                    CompletionItemKind::VALUE,
                    None,
                ));
            }
        }
        Target::Source => {
            for s in &registries.sources {
                let r = &s.record;
                let detail = [r.title.as_deref(), r.publisher.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                out.push(item(
                    span,
                    r.id.as_str(),
                    Some(detail),
                    CompletionItemKind::REFERENCE,
                    None,
                ));
            }
        }
        Target::Event => {
            for (id, _) in dataset.event_ids() {
                out.push(item(
                    span,
                    id,
                    Some("event".to_owned()),
                    CompletionItemKind::REFERENCE,
                    None,
                ));
            }
        }
    }
}
