//! Applying safe fixes to the source text: edits sorted, overlaps dropped, files that did not
//! parse left alone. Comments and layout are untouched because only the offending values are
//! replaced.

use std::collections::BTreeMap;

use faultline_dataset::{Dataset, FileId};

use crate::diagnostic::{Diagnostic, Edit};

/// The fixed text of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The file.
    pub file_id: FileId,
    /// Its display name.
    pub name: String,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    /// The titles of the fixes applied, in file order.
    pub applied: Vec<String>,
}

/// Applies every fix carried by `diagnostics`, file by file. Files with load errors are never
/// touched; an edit that overlaps an earlier one in the same file is skipped (it will be
/// offered again on the next run).
pub fn apply_fixes(dataset: &Dataset, diagnostics: &[Diagnostic]) -> Vec<FileFix> {
    let broken: Vec<FileId> = dataset.errors.iter().filter_map(|e| e.file).collect();
    let mut by_file: BTreeMap<FileId, Vec<(&Edit, &str)>> = BTreeMap::new();
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        for edit in &fix.edits {
            if !broken.contains(&edit.file_id) {
                by_file
                    .entry(edit.file_id)
                    .or_default()
                    .push((edit, fix.title.as_str()));
            }
        }
    }
    let mut out = Vec::new();
    for (file_id, mut edits) in by_file {
        let file = dataset.file(file_id);
        let text = &file.text;
        edits.sort_by_key(|(e, _)| (e.span.start, e.span.end));
        let mut after = String::with_capacity(text.len());
        let mut cursor = 0;
        let mut applied = Vec::new();
        for (edit, title) in edits {
            let (start, end) = (edit.span.start, edit.span.end);
            let valid = start >= cursor
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end);
            if !valid {
                continue;
            }
            after.push_str(&text[cursor..start]);
            after.push_str(&edit.replacement);
            cursor = end;
            applied.push(title.to_owned());
        }
        after.push_str(&text[cursor..]);
        if after != **text {
            out.push(FileFix {
                file_id,
                name: file.name.clone(),
                before: text.to_string(),
                after,
                applied,
            });
        }
    }
    out
}
