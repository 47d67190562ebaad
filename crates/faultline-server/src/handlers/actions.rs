//! Code actions on the findings at a range: the linter's safe fixes, the did-you-mean of a
//! dangling reference or a mistyped enum value, and acknowledging a finding with a
//! suppression comment above the table it stands in.

use std::collections::HashMap;

use faultline_validate::{Diagnostic, suggest};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::session::{Session, normal_path};
use crate::{cursor, schema, text, uri};

fn action(
    title: String,
    uri: &Uri,
    edits: Vec<TextEdit>,
    preferred: bool,
    kind: CodeActionKind,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The actions for the findings published at `params.range`.
pub(crate) fn actions(session: &Session, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let uri = &params.text_document.uri;
    let path = normal_path(&uri::to_path(uri)?);
    let doc = session.docs.get(&path)?;
    let text = &doc.text;
    let published = session.published.get(&path)?;
    let mut out = Vec::new();
    for d in published {
        let range = text::range(text, d.region.span.start, d.region.span.end);
        if range.end < params.range.start || params.range.end < range.start {
            continue;
        }
        if let Some(fix) = &d.fix {
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .filter(|e| e.path == path)
                .map(|e| {
                    TextEdit::new(
                        text::range(text, e.span.start, e.span.end),
                        e.replacement.clone(),
                    )
                })
                .collect();
            if edits.len() == fix.edits.len() {
                out.push(action(
                    format!("{} ({})", fix.title, d.rule),
                    uri,
                    edits,
                    true,
                    CodeActionKind::QUICKFIX,
                ));
            }
        }
        if let Some(word) = did_you_mean(session, &path, text, d) {
            let (s, e) = (d.region.span.start, d.region.span.end);
            let written = &text[s..e];
            let new = if written.starts_with('"') {
                format!("\"{word}\"")
            } else {
                word.clone()
            };
            out.push(action(
                format!("Replace with `{word}`"),
                uri,
                vec![TextEdit::new(range, new)],
                d.fix.is_none(),
                CodeActionKind::QUICKFIX,
            ));
        }
        if let Some(edit) = suppression(text, d) {
            out.push(action(
                format!("Acknowledge `{}` with a suppression comment", d.rule),
                uri,
                vec![edit],
                false,
                CodeActionKind::QUICKFIX,
            ));
        }
    }
    Some(out)
}

/// The rule's own did-you-mean (in its help), or for a value not among an enum's values, the
/// closest value the schema allows.
fn did_you_mean(
    session: &Session,
    path: &std::path::Path,
    text: &str,
    d: &Diagnostic,
) -> Option<String> {
    if let Some(word) = d.help.as_deref().and_then(suggested) {
        return Some(word.to_owned());
    }
    if d.rule != "schema-violation" || !d.message.contains("expected one of") {
        return None;
    }
    let root = session.docs.get(path)?.root.as_ref()?;
    let role = faultline_dataset::classify(path.strip_prefix(root).ok()?)?;
    let (kind, skip) = cursor::record_kind(role)?;
    let (s, e) = (d.region.span.start, d.region.span.end);
    let written = text.get(s..e)?.trim_matches('"');
    let c = cursor::at(text, s + 1, skip);
    let values = schema::enum_values(kind, &c.path());
    suggest::did_you_mean(written, values).map(str::to_owned)
}

/// The word a help text suggests: `did you mean `sources`?` (a field, an id) or
/// `did you mean "killed"?` (a value, as the schema messages quote it).
fn suggested(help: &str) -> Option<&str> {
    let rest = help.split("did you mean ").nth(1)?;
    let quote = rest.chars().next().filter(|c| matches!(c, '`' | '"'))?;
    rest[1..].split(quote).next().filter(|w| !w.is_empty())
}

/// The comment `# faultline: allow(RULE) REASON` above the table the finding stands in (or
/// above its line, at the top level), indented like it.
fn suppression(text: &str, d: &Diagnostic) -> Option<TextEdit> {
    if faultline_validate::meta(d.rule).is_some_and(|m| m.always_on) {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let line = d
        .region
        .line
        .saturating_sub(1)
        .min(lines.len().saturating_sub(1));
    let mut target = line;
    for i in (0..=line).rev() {
        let t = lines[i].trim_start();
        if t.starts_with('[') && !t.starts_with("[\"") {
            target = i;
            break;
        }
    }
    let indent: String = lines
        .get(target)?
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let at = Position::new(u32::try_from(target).ok()?, 0);
    Some(TextEdit::new(
        Range::new(at, at),
        format!(
            "{indent}# faultline: allow({}) REASON: say why the finding stands\n",
            d.rule
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::suggested;

    #[test]
    fn suggestions_in_either_quote() {
        assert_eq!(suggested("did you mean `sources`?"), Some("sources"));
        assert_eq!(suggested("did you mean \"killed\"?"), Some("killed"));
        assert_eq!(suggested("write one of the values listed"), None);
    }
}
