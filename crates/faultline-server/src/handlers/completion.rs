//! Completion: ids where a reference is expected, enum values, the keys of the current table,
//! and rule names in a suppression comment.
//!
//! The answer is always a `CompletionList`. Ids (thousands of places or events) are filtered on
//! the server by what is typed before the cursor and cut at [`LIMIT`] items; a list filtered
//! or cut is marked incomplete, so the editor asks again as the contributor types (and
//! deletes) instead of filtering an answer that lacks ids. The ids of a dataset, with their details, are built once and kept by the session
//! until its registries (or, for event ids, its events) change. When the editor supports
//! `CompletionList.itemDefaults.editRange` (LSP 3.17), the range the items replace is sent once
//! for the list instead of once per item. The answer is serialised from borrowed data
//! straight into the response's JSON value.

use std::borrow::Cow;
use std::sync::Arc;

use faultline_validate::references::Target;
use lsp_types::{CompletionItemKind, CompletionParams, Range};
use serde::Serialize;

use super::At;
use crate::schema;
use crate::session::{Candidate, Session};
use crate::text;

/// The most ids one answer carries; a list cut there is marked incomplete.
pub(crate) const LIMIT: usize = 100;

/// The completions at the position, as the response's JSON value (`null` when the position is
/// not in an open document).
pub(crate) fn complete(session: &Session, params: &CompletionParams) -> serde_json::Value {
    let p = &params.text_document_position;
    let Some(at) = At::new(session, &p.text_document.uri, p.position) else {
        return serde_json::Value::Null;
    };
    let span = Span::of(&at);
    let what = what(&at);
    // Kept alive while the items borrow from them.
    let ids = match (&what, at.root.as_deref()) {
        (What::Ids(target), Some(root)) => session.candidates(root, *target),
        _ => None,
    };
    let mut list = List {
        is_incomplete: false,
        item_defaults: None,
        items: Vec::new(),
    };
    match &what {
        What::Nothing => {}
        What::Rules => {
            for meta in faultline_validate::metas() {
                list.items
                    .push(Item::new(meta.name, CompletionItemKind::KEYWORD).detail(meta.summary));
            }
        }
        What::Keys(keys) => {
            for (key, doc) in keys {
                let mut item = Item::new(key, CompletionItemKind::FIELD);
                item.documentation = doc.map(|value| Markup {
                    kind: "markdown",
                    value,
                });
                list.items.push(item);
            }
        }
        What::Values(values) => {
            for value in values {
                list.items
                    .push(Item::new(value, CompletionItemKind::ENUM_MEMBER));
            }
        }
        What::Ids(target) => {
            let kind = match target {
                Target::Place | Target::Actor => CompletionItemKind::VALUE,
                Target::Source | Target::Event => CompletionItemKind::REFERENCE,
            };
            let (chosen, complete) = filter(ids.as_deref().unwrap_or_default(), span.typed(&at));
            list.is_incomplete = !complete;
            for c in chosen {
                list.items.push(Item::new(&c.id, kind).detail(&c.detail));
            }
        }
    }
    // Where each item goes: the string's contents, else the word (a value then quoted).
    let range = span.string.unwrap_or(span.word);
    let quote = span.string.is_none();
    if session.edit_range_default {
        list.item_defaults = Some(Defaults { edit_range: range });
    }
    for item in &mut list.items {
        let new_text = if quote && item.quoted() {
            Cow::Owned(format!("\"{}\"", item.label))
        } else {
            Cow::Borrowed(item.label)
        };
        if session.edit_range_default {
            // The label is the text inserted unless the item says otherwise.
            if let Cow::Owned(t) = new_text {
                item.text_edit_text = Some(Cow::Owned(t));
            }
        } else {
            item.text_edit = Some(Edit { range, new_text });
        }
    }
    serde_json::to_value(&list).unwrap_or(serde_json::Value::Null)
}

/// What may be written at the position.
enum What {
    Nothing,
    /// Rule names, inside `# faultline: allow(…`.
    Rules,
    /// The keys of the table, with their documentation.
    Keys(Vec<(&'static str, Option<&'static str>)>),
    /// The values of an enum.
    Values(Vec<&'static str>),
    /// The ids of the records of a kind.
    Ids(Target),
}

fn what(at: &At<'_>) -> What {
    if let Some(comment) = &at.cursor.comment {
        if let Some(open) = comment.find("faultline: allow(")
            && !comment[open..].contains(')')
        {
            return What::Rules;
        }
        return What::Nothing;
    }
    let Some(kind) = at.kind else {
        return What::Nothing;
    };
    let path = at.cursor.path();
    if at.cursor.at_key {
        return What::Keys(schema::keys(kind, &path));
    }
    if at.cursor.keys.is_empty() {
        return What::Nothing;
    }
    if let Some(target) = faultline_validate::references::reference_target(kind, &path) {
        return What::Ids(target);
    }
    What::Values(schema::enum_values(kind, &path))
}

/// Where a completion goes: the string's contents when in a string, else the word (both
/// ranges computed once per request, not once per item), and where what is typed starts.
struct Span {
    string: Option<Range>,
    word: Range,
    /// The byte where the text typed so far starts: the string's or the word's start.
    start: usize,
}

impl Span {
    fn of(at: &At<'_>) -> Self {
        let (s, e) = at.cursor.word;
        let start = at.cursor.string.map_or(s, |(s, _)| s);
        Self {
            string: at.cursor.string.map(|(s, e)| text::range(&at.text, s, e)),
            word: text::range(&at.text, s, e),
            start,
        }
    }

    /// What is typed before the cursor, in the string or the word.
    fn typed<'t>(&self, at: &'t At<'_>) -> &'t str {
        at.text
            .get(self.start..at.offset.max(self.start))
            .unwrap_or("")
    }
}

/// How well an id matches what is typed (lower is better), `None` when it does not: the
/// typed characters must appear in the id in order, case aside (a superset of what an
/// editor's own fuzzy filter keeps, so the editor never misses an id it would show).
fn rank(id: &str, typed: &str) -> Option<u8> {
    if typed.is_empty() {
        return Some(0);
    }
    let starts = |s: &str| {
        s.len() >= typed.len()
            && s.is_char_boundary(typed.len())
            && s[..typed.len()].eq_ignore_ascii_case(typed)
    };
    if starts(id) {
        return Some(0);
    }
    if id
        .match_indices(['-', '_', '.'])
        .any(|(i, sep)| starts(&id[i + sep.len()..]))
    {
        return Some(1);
    }
    let mut wanted = typed.chars().flat_map(char::to_lowercase).peekable();
    for c in id.chars().flat_map(char::to_lowercase) {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none().then_some(2)
}

/// The candidates matching `typed`, best first (then by id), at most [`LIMIT`]; and whether
/// that is every candidate (the list is complete: nothing filtered out, nothing cut).
fn filter<'c>(candidates: &'c [Candidate], typed: &str) -> (Vec<&'c Candidate>, bool) {
    let mut matched: Vec<(u8, &Candidate)> = candidates
        .iter()
        .filter_map(|c| Some((rank(&c.id, typed)?, c)))
        .collect();
    let complete = matched.len() == candidates.len() && matched.len() <= LIMIT;
    // Candidates are sorted by id: a stable sort by rank keeps that order within a rank.
    matched.sort_by_key(|(r, _)| *r);
    matched.truncate(LIMIT);
    (matched.into_iter().map(|(_, c)| c).collect(), complete)
}

/// The ids of every record of kind `target` in `dataset`, sorted, with their details (name
/// and kind): what [`Session::candidates`] keeps.
pub(crate) fn build_candidates(
    dataset: &faultline_validate::engine::incremental::Incremental,
    target: Target,
) -> Arc<[Candidate]> {
    let registries = dataset.registries();
    let mut out: Vec<Candidate> = match target {
        Target::Place => registries
            .places
            .iter()
            .map(|p| {
                let r = &p.record;
                Candidate::new(
                    r.id.as_str(),
                    format!(
                        "{} · {} · {}",
                        r.name,
                        super::word(&r.kind),
                        super::word(&r.country)
                    ),
                )
            })
            .collect(),
        Target::Actor => registries
            .actors
            .iter()
            .map(|a| {
                let r = &a.record;
                Candidate::new(
                    r.id.as_str(),
                    format!("{} · {}", r.name, super::word(&r.kind)),
                )
            })
            .collect(),
        Target::Source => registries
            .sources
            .iter()
            .map(|s| {
                let r = &s.record;
                let detail = [r.title.as_deref(), r.publisher.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                Candidate::new(r.id.as_str(), detail)
            })
            .collect(),
        Target::Event => dataset
            .event_ids()
            .map(|(id, _)| Candidate::new(id, "event"))
            .collect(),
    };
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.into()
}

/// A `CompletionList` (LSP 3.17, with `itemDefaults`, which lsp-types does not model).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct List<'a> {
    is_incomplete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_defaults: Option<Defaults>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Defaults {
    edit_range: Range,
}

/// A `CompletionItem`, borrowing its strings.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    label: &'a str,
    kind: CompletionItemKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documentation: Option<Markup<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_edit_text: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text_edit: Option<Edit<'a>>,
}

impl<'a> Item<'a> {
    fn new(label: &'a str, kind: CompletionItemKind) -> Self {
        Self {
            label,
            kind,
            detail: None,
            documentation: None,
            text_edit_text: None,
            text_edit: None,
        }
    }

    fn detail(mut self, detail: &'a str) -> Self {
        self.detail = Some(detail);
        self
    }

    /// Whether the item is a value, quoted when written outside a string (keys and rule
    /// names are not).
    fn quoted(&self) -> bool {
        self.kind != CompletionItemKind::FIELD && self.kind != CompletionItemKind::KEYWORD
    }
}

#[derive(Serialize)]
struct Markup<'a> {
    kind: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Edit<'a> {
    range: Range,
    new_text: Cow<'a, str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(ids: &[&str]) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = ids.iter().map(|id| Candidate::new(id, "d")).collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    fn ids<'c>(chosen: &[&'c Candidate]) -> Vec<&'c str> {
        chosen.iter().map(|c| &*c.id).collect()
    }

    #[test]
    fn ids_are_ranked_by_how_they_match_what_is_typed() {
        assert_eq!(rank("stepanakert", "ste"), Some(0));
        assert_eq!(rank("stepanakert", "STE"), Some(0));
        assert_eq!(rank("lake-sevan", "sev"), Some(1));
        assert_eq!(rank("lake-sevan", "lsv"), Some(2));
        assert_eq!(rank("lake-sevan", "vs"), None);
        assert_eq!(rank("anything", ""), Some(0));
        // Not a char boundary of the id: compared by characters, no panic.
        assert_eq!(rank("Սևան", "Ս"), Some(0));
        assert_eq!(rank("Սևան", "ա"), Some(2));
    }

    #[test]
    fn a_filtered_or_cut_list_is_incomplete() {
        let list = candidates(&["lake-sevan", "sevan", "stepanakert", "shusha"]);
        let (chosen, complete) = filter(&list, "");
        assert_eq!(
            ids(&chosen),
            ["lake-sevan", "sevan", "shusha", "stepanakert"]
        );
        assert!(complete);
        let (chosen, complete) = filter(&list, "sev");
        assert_eq!(ids(&chosen), ["sevan", "lake-sevan"]);
        assert!(!complete);
        let many: Vec<String> = (0..LIMIT * 2).map(|i| format!("place-{i:04}")).collect();
        let many = candidates(&many.iter().map(String::as_str).collect::<Vec<_>>());
        let (chosen, complete) = filter(&many, "");
        assert_eq!(chosen.len(), LIMIT);
        assert_eq!(chosen[0].id.as_ref(), "place-0000");
        assert!(!complete);
        // Ids starting with what is typed first, then those holding it in order.
        let (chosen, complete) = filter(&many, "place-019");
        let expected: Vec<String> = (190..200).map(|i| format!("place-{i:04}")).collect();
        assert_eq!(ids(&chosen)[..10], expected);
        assert_eq!(ids(&chosen)[10..12], ["place-0019", "place-0109"]);
        assert!(!complete);
    }
}
