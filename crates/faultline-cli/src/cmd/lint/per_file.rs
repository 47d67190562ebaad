//! `[per-file-ignores]` applied to a run's findings as they are read: a finding is dropped
//! when its rule is ignored in its file, the file's path taken relative to the root of the
//! dataset it belongs to (`find_root`, by the names in the path: a link does not move a file
//! into another dataset).

use std::path::{Path, PathBuf};

use faultline_dataset::confine::lexical;
use faultline_dataset::find_root;
use faultline_validate::{Diagnostic, Findings, LintResult, PerFileIgnores, StoreError, Summary};

/// The rules ignored in the last file asked about (findings come file by file).
#[derive(Default)]
struct LastFile(Option<(PathBuf, Vec<&'static str>)>);

impl LastFile {
    /// Whether `ignores` drops `d`.
    fn drops(&mut self, ignores: &PerFileIgnores, d: &Diagnostic) -> bool {
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

/// A run's findings less those `[per-file-ignores]` drops.
pub(super) struct Kept {
    findings: Findings,
    ignores: PerFileIgnores,
    last: LastFile,
}

impl Kept {
    pub(super) fn new(findings: Findings, ignores: PerFileIgnores) -> Self {
        Self {
            findings,
            ignores,
            last: LastFile::default(),
        }
    }
}

/// Drops from a lint held in memory (`export`'s check) the findings `ignores` drops, and
/// counts again.
pub(crate) fn retain(result: &mut LintResult, ignores: &PerFileIgnores) {
    if ignores.is_empty() {
        return;
    }
    let mut last = LastFile::default();
    result.diagnostics.retain(|d| !last.drops(ignores, d));
    result.summary = Summary::of(
        &result.diagnostics,
        result.summary.files,
        result.summary.events,
    );
}

/// `path` relative to the root of its dataset, when it is in one.
pub(super) fn relative(path: &Path) -> Option<PathBuf> {
    let root = find_root(path)?;
    let absolute = |p: &Path| std::path::absolute(p).ok().map(|p| lexical(&p));
    let (path, root) = (absolute(path)?, absolute(&root)?);
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}

impl Iterator for Kept {
    type Item = Result<Diagnostic, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let d = self.findings.next()?;
            if let Ok(d) = &d
                && self.last.drops(&self.ignores, d)
            {
                continue;
            }
            return Some(d);
        }
    }
}
