//! `[per-file-ignores]` of `faultline.toml`: rules whose findings are dropped in the files a
//! glob matches, the globs relative to the dataset root.
//!
//! ```toml
//! [per-file-ignores]
//! "events/2021/*.toml" = ["unattributed-casualty"]
//! "sources/legacy-*.toml" = ["unarchived-source", "missing-url"]
//! ```
//!
//! The engine applies them to what every run gives ([`crate::lint()`], [`crate::lint_batches`],
//! the streamed [`crate::Findings`], an editor session), after suppressions: the CLI, the report
//! and the language server see the same findings.
//!
//! `*` and `?` stay within one folder, `**` crosses folders, `{a,b}` is either; a glob without
//! `/` is also matched against the file's name alone (`"places.toml"`, `"*.jsonl"`).

use std::path::{Path, PathBuf};

use faultline_dataset::confine::lexical;
use faultline_dataset::find_root;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::{Diagnostic, LintResult, Summary};

/// The rules switched off per file, by glob.
#[derive(Debug, Clone, Default)]
pub struct PerFileIgnores {
    /// Each glob as written, with its rules.
    entries: Vec<(String, Vec<&'static str>)>,
    /// The globs, matched against the path relative to the dataset root.
    paths: GlobSet,
    /// For each glob without `/`, its index in `entries`, matched against the file name.
    names: Vec<usize>,
    names_set: GlobSet,
}

impl PartialEq for PerFileIgnores {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for PerFileIgnores {}

/// A glob that does not parse, with globset's reason.
pub(crate) fn compile(pattern: &str) -> Result<Glob, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

impl PerFileIgnores {
    /// The globs with their rules, from already checked parts (see
    /// [`Config::merge_toml`](crate::Config::merge_toml)).
    pub(crate) fn new(entries: Vec<(String, Glob, Vec<&'static str>)>) -> Result<Self, String> {
        let mut paths = GlobSetBuilder::new();
        let mut names_set = GlobSetBuilder::new();
        let mut names = Vec::new();
        let mut kept = Vec::new();
        for (i, (pattern, glob, rules)) in entries.into_iter().enumerate() {
            if !pattern.contains('/') {
                names.push(i);
                names_set.add(glob.clone());
            }
            paths.add(glob);
            kept.push((pattern, rules));
        }
        Ok(Self {
            entries: kept,
            paths: paths.build().map_err(|e| e.to_string())?,
            names,
            names_set: names_set.build().map_err(|e| e.to_string())?,
        })
    }

    /// Whether no glob is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The globs as written, each with its rules, in the order of the file.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[&'static str])> {
        self.entries.iter().map(|(p, r)| (p.as_str(), r.as_slice()))
    }

    /// The rules switched off in the file at `relative` (its path relative to the dataset
    /// root, folders separated by `/` or the system's separator), sorted, each once.
    pub fn rules_for(&self, relative: &Path) -> Vec<&'static str> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let text = relative.to_string_lossy().replace('\\', "/");
        let mut hits = self.paths.matches(&text);
        if let Some(name) = relative.file_name() {
            hits.extend(
                self.names_set
                    .matches(Path::new(name))
                    .into_iter()
                    .map(|i| self.names[i]),
            );
        }
        let mut rules: Vec<&'static str> = hits
            .into_iter()
            .flat_map(|i| self.entries[i].1.iter().copied())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }
}

/// The rules ignored in the last file asked about (findings come file by file, so one
/// lookup serves all of a file's findings).
#[derive(Debug, Clone, Default)]
pub(crate) struct LastFile(Option<(PathBuf, Vec<&'static str>)>);

impl LastFile {
    /// Whether `ignores` drops `d`: its rule is ignored in its file, the file's path taken
    /// relative to the root of the dataset it belongs to.
    pub(crate) fn drops(&mut self, ignores: &PerFileIgnores, d: &Diagnostic) -> bool {
        if ignores.is_empty() {
            return false;
        }
        let path = &d.region.path;
        if self.0.as_ref().is_none_or(|(p, _)| p != path) {
            let rules = relative(path)
                .map(|rel| ignores.rules_for(&rel))
                .unwrap_or_default();
            self.0 = Some((path.clone(), rules));
        }
        self.0
            .as_ref()
            .is_some_and(|(_, rules)| rules.contains(&d.rule))
    }
}

impl PerFileIgnores {
    /// Drops from a run held in memory the findings these globs ignore, and counts again.
    pub fn retain(&self, result: &mut LintResult) {
        if self.is_empty() {
            return;
        }
        let mut last = LastFile::default();
        result.diagnostics.retain(|d| !last.drops(self, d));
        result.summary = Summary::of(
            &result.diagnostics,
            result.summary.files,
            result.summary.events,
        );
    }

    /// Drops from `diagnostics` the findings these globs ignore.
    pub fn retain_diagnostics(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.is_empty() {
            return;
        }
        let mut last = LastFile::default();
        diagnostics.retain(|d| !last.drops(self, d));
    }
}

/// `path` relative to the root of its dataset (`find_root`, by the names in the path: a link
/// does not move a file into another dataset), when it is in one.
fn relative(path: &Path) -> Option<PathBuf> {
    let root = find_root(path)?;
    let absolute = |p: &Path| std::path::absolute(p).ok().map(|p| lexical(&p));
    let (path, root) = (absolute(path)?, absolute(&root)?);
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignores(list: &[(&str, &[&'static str])]) -> PerFileIgnores {
        PerFileIgnores::new(
            list.iter()
                .map(|(p, r)| ((*p).to_owned(), compile(p).unwrap(), r.to_vec()))
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn globs_match_relative_paths_and_names() {
        let i = ignores(&[
            ("events/2021/*.toml", &["future-date"]),
            ("events/**/x-*.toml", &["missing-source"]),
            ("places.toml", &["unused-record"]),
        ]);
        assert_eq!(
            i.rules_for(Path::new("events/2021/a.toml")),
            ["future-date"]
        );
        // `*` stays in its folder.
        assert!(i.rules_for(Path::new("events/2021/05/a.toml")).is_empty());
        assert_eq!(
            i.rules_for(Path::new("events/2021/x-a.toml")),
            ["future-date", "missing-source"]
        );
        assert_eq!(
            i.rules_for(Path::new("events/2024/04/x-b.toml")),
            ["missing-source"]
        );
        assert_eq!(i.rules_for(Path::new("places.toml")), ["unused-record"]);
        assert!(i.rules_for(Path::new("actors.toml")).is_empty());
    }
}
