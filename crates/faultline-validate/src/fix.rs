//! Applying safe fixes to the source text: edits sorted, overlaps dropped, files that did not
//! parse left alone. Comments and layout are untouched because only the offending values are
//! replaced.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Edit};
use crate::registry;

/// The fixed text of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The file's path.
    pub path: PathBuf,
    /// Its display name.
    pub name: String,
    /// Its text before.
    pub before: String,
    /// Its text after.
    pub after: String,
    /// The titles of the fixes applied, in file order.
    pub applied: Vec<String>,
}

/// An edit with the title of the fix it belongs to.
type TitledEdit<'a> = (&'a Edit, &'a str);

/// Applies every fix carried by `diagnostics`, file by file, to the text `read` gives for the
/// file's path. A file with a finding of an [always-on](crate::RuleMeta::always_on) rule
/// (`parse-error`, `schema-violation`: a record that did not load) is never touched;
/// an edit that overlaps an earlier one in the same file is skipped (it will be offered again
/// on the next run).
pub fn apply_fixes(
    diagnostics: &[Diagnostic],
    read: impl Fn(&Path) -> Option<String>,
) -> Vec<FileFix> {
    let broken: BTreeSet<&Path> = diagnostics
        .iter()
        .filter(|d| registry::meta(d.rule).is_some_and(|m| m.always_on))
        .map(|d| d.region.path.as_path())
        .collect();
    let mut by_file: BTreeMap<&Path, (String, Vec<TitledEdit<'_>>)> = BTreeMap::new();
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        for edit in &fix.edits {
            if !broken.contains(edit.path.as_path()) {
                by_file
                    .entry(edit.path.as_path())
                    .or_insert_with(|| (d.region.file.clone(), Vec::new()))
                    .1
                    .push((edit, fix.title.as_str()));
            }
        }
    }
    let mut out = Vec::new();
    for (path, (name, mut edits)) in by_file {
        let Some(text) = read(path) else { continue };
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
        if after != text {
            out.push(FileFix {
                path: path.to_path_buf(),
                name,
                before: text,
                after,
                applied,
            });
        }
    }
    out
}
