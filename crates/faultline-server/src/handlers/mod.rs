//! One module per kind of request.

pub(crate) mod actions;
pub(crate) mod completion;
pub(crate) mod formatting;
pub(crate) mod hover;
pub(crate) mod navigation;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_dataset::{FileRole, SourceFile, classify};
use faultline_model::RecordKind;
use faultline_validate::references::{Target, reference_target};
use lsp_types::{Location, Uri};

use crate::cursor::{self, Cursor};
use crate::session::Session;
use crate::{text, uri};

/// An open document, where a request points, and what stands there.
pub(crate) struct At<'s> {
    pub(crate) session: &'s Session,
    pub(crate) path: PathBuf,
    pub(crate) root: Option<PathBuf>,
    pub(crate) text: Arc<str>,
    pub(crate) kind: Option<RecordKind>,
    pub(crate) cursor: Cursor,
    /// The byte offset of the position in `text`.
    pub(crate) offset: usize,
}

impl<'s> At<'s> {
    /// The context of `position` in the open document `uri`.
    pub(crate) fn new(
        session: &'s Session,
        uri: &Uri,
        position: lsp_types::Position,
    ) -> Option<Self> {
        let path = crate::session::normal_path(&uri::to_path(uri)?);
        let doc = session.docs.get(&path)?;
        let role = doc
            .root
            .as_ref()
            .and_then(|r| classify(path.strip_prefix(r).ok()?));
        let (kind, skip) = match role.and_then(cursor::record_kind) {
            Some((k, s)) => (Some(k), s),
            None => (None, 0),
        };
        let offset = text::offset(&doc.text, position);
        Some(Self {
            session,
            cursor: cursor::at(&doc.text, offset, skip),
            root: doc.root.clone(),
            text: Arc::clone(&doc.text),
            path,
            kind,
            offset,
        })
    }

    /// What a reference at the position names: the kind of record and the id written.
    pub(crate) fn reference(&self) -> Option<(Target, String)> {
        let kind = self.kind?;
        let target = reference_target(kind, &self.cursor.path())?;
        let (s, e) = self.cursor.string?;
        Some((target, self.text[s..e].to_owned()))
    }

    /// The id of the record defined at the position (`id = "…"` of a record).
    pub(crate) fn defined_id(&self) -> Option<(Target, String)> {
        let kind = self.kind?;
        if self.cursor.path().last() != Some(&"id") || self.cursor.keys.len() != 1 {
            return None;
        }
        let (s, e) = self.cursor.string?;
        let target = match kind {
            RecordKind::Event => Target::Event,
            RecordKind::Source => Target::Source,
            RecordKind::Place => Target::Place,
            RecordKind::Actor => Target::Actor,
        };
        Some((target, self.text[s..e].to_owned()))
    }
}

/// Where the record of kind `target` with id `id` is defined: its `id` value.
pub(crate) fn definition(
    session: &Session,
    root: &Path,
    target: Target,
    id: &str,
) -> Option<Location> {
    let dataset = session.datasets.get(root)?;
    let registries = dataset.registries();
    let origin = match target {
        Target::Place => registries
            .places
            .iter()
            .find(|p| p.record.id.as_str() == id)
            .map(|p| &p.origin),
        Target::Actor => registries
            .actors
            .iter()
            .find(|a| a.record.id.as_str() == id)
            .map(|a| &a.origin),
        Target::Source => registries
            .sources
            .iter()
            .find(|s| s.record.id.as_str() == id)
            .map(|s| &s.origin),
        Target::Event => None,
    };
    if let Some(origin) = origin {
        let location = registries.locate(origin, "/id");
        let file = registries.file(location.file);
        return Some(Location::new(
            uri::from_path(&file.path)?,
            text::range(&file.text, location.span.start, location.span.end),
        ));
    }
    if target != Target::Event {
        return None;
    }
    let (_, path) = dataset.event_ids().find(|(e, _)| *e == id)?;
    let text = session.text_of(root, path)?;
    let file = SourceFile::new(
        path.to_path_buf(),
        String::new(),
        Arc::clone(&text),
        faultline_dataset::FileFormat::from_path(path)?,
    );
    let span = file
        .tree()
        .map(|t| t.lookup("/id").value)
        .unwrap_or_default();
    Some(Location::new(
        uri::from_path(path)?,
        text::range(&text, span.start, span.end),
    ))
}

/// Every place where `"id"` is written, in every file of the dataset at `root` (the open
/// documents' texts where they are open); with `declaration`, the `id = "…"` lines too.
pub(crate) fn references(
    session: &Session,
    root: &Path,
    id: &str,
    declaration: bool,
) -> Vec<Location> {
    let Some(dataset) = session.datasets.get(root) else {
        return Vec::new();
    };
    let needle = format!("\"{id}\"");
    let mut paths: Vec<PathBuf> = dataset
        .registries()
        .files
        .iter()
        .filter(|f| !f.holds_events())
        .map(|f| f.path.clone())
        .collect();
    paths.extend(dataset.event_files().map(|(p, _)| p.to_path_buf()));
    let mut out = Vec::new();
    for path in paths {
        let Some(text) = session.text_of(root, &path) else {
            continue;
        };
        let Some(uri) = uri::from_path(&path) else {
            continue;
        };
        for (at, _) in text.match_indices(&needle) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let is_id = text[line_start..at].trim_start().starts_with("id ");
            let role = classify(path.strip_prefix(root).unwrap_or(&path));
            let is_decl = is_id && role.is_some();
            if is_decl && !declaration {
                continue;
            }
            // `id = "…"` of an event names that event, not a reference to another.
            if is_id && matches!(role, Some(FileRole::Event | FileRole::Events)) && !declaration {
                continue;
            }
            out.push(Location::new(
                uri.clone(),
                text::range(&text, at + 1, at + needle.len() - 1),
            ));
        }
    }
    out
}

/// A value as records write it (`"lake"`, `"ARM"`): its serde form.
pub(crate) fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) | Err(_) => "?".to_owned(),
        Ok(v) => v.to_string(),
    }
}
