//! The server's state: the open documents, the datasets they belong to (each loaded once and
//! kept current), and the findings last published for each document.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_dataset::{FileRole, LoadOptions, classify, find_root, resolve_under};
use faultline_model::Date;
use faultline_validate::engine::incremental::{Incremental, Relinted};
use faultline_validate::references::Target;
use faultline_validate::{Config, Diagnostic};
use lsp_types::Uri;

use crate::diagnostics::Texts;

/// An open document.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// Its URI, as the editor names it.
    pub(crate) uri: Uri,
    /// Its unsaved text.
    pub(crate) text: Arc<str>,
    /// The root of the dataset it belongs to, if any.
    pub(crate) root: Option<PathBuf>,
}

/// Settings the editor may pass in `initializationOptions`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The date `future-date` compares with (default: today).
    pub today: Option<Date>,
    /// How long to wait after a change before linting, in milliseconds (default 15).
    pub debounce_ms: Option<u64>,
    /// Answer the request `faultline/panic` by panicking (for tests of the panic guard).
    pub test_panic: Option<bool>,
}

/// Everything the server knows.
#[derive(Debug, Default)]
pub(crate) struct Session {
    pub(crate) settings: Settings,
    /// The workspace folder, where `faultline.toml` is looked for.
    pub(crate) workspace: Option<PathBuf>,
    /// Open documents by path (the path as the dataset's walk names it).
    pub(crate) docs: HashMap<PathBuf, Document>,
    /// Datasets by root.
    pub(crate) datasets: HashMap<PathBuf, Incremental>,
    /// The findings last published, by document path.
    pub(crate) published: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The documents whose text changed since their findings were last published (they are
    /// published again even when their findings did not change: the editor asked for them).
    pub(crate) fresh: HashSet<PathBuf>,
    /// Messages for the editor's log.
    pub(crate) log: Vec<String>,
    /// Whether the editor takes a completion list's edit range once for all its items
    /// (`CompletionList.itemDefaults.editRange`, LSP 3.17).
    pub(crate) edit_range_default: bool,
    /// The ids completion offers, by dataset root and kind of record, built on first use and
    /// dropped when the registries (or, for event ids, the events) change.
    candidates: RefCell<Candidates>,
}

/// The ids completion offers, by dataset root and kind of record.
type Candidates = HashMap<(PathBuf, Target), Arc<[Candidate]>>;

/// An id completion offers, with its detail (name and kind).
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) id: Box<str>,
    pub(crate) detail: Box<str>,
}

impl Candidate {
    pub(crate) fn new(id: &str, detail: impl Into<Box<str>>) -> Self {
        Self {
            id: id.into(),
            detail: detail.into(),
        }
    }
}

/// The path the dataset walk would give a document: its folder resolved (links followed), its
/// name kept, so that an editor's path and the walk's agree.
pub(crate) fn normal_path(path: &Path) -> PathBuf {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return path.to_path_buf();
    };
    match parent.canonicalize() {
        Ok(p) => p.join(name),
        Err(_) => path.to_path_buf(),
    }
}

impl Session {
    /// The configuration: today's date (or the one set), and `faultline.toml` of the
    /// workspace folder when there is one (read only when it stays inside that folder).
    fn config(&mut self) -> Config {
        let mut config = match self.settings.today {
            Some(today) => Config::with_today(today),
            None => Config::default(),
        };
        if let Some(ws) = &self.workspace {
            let file = ws.join(faultline_dataset::layout::CONFIG_FILE);
            if file.is_file() {
                match resolve_under(ws, &file).map(std::fs::read_to_string) {
                    Ok(Ok(text)) => {
                        if let Err(e) = config.merge_toml(&text) {
                            self.log.push(format!("faultline.toml: {e}"));
                        }
                    }
                    Ok(Err(e)) => self.log.push(format!("faultline.toml: {e}")),
                    Err(e) => self.log.push(format!("faultline.toml: {e}")),
                }
            }
        }
        config
    }

    /// The ids of the records of kind `target` in the dataset at `root`, sorted, with their
    /// details: kept from an earlier request unless the dataset changed since.
    pub(crate) fn candidates(&self, root: &Path, target: Target) -> Option<Arc<[Candidate]>> {
        let key = (root.to_path_buf(), target);
        if let Some(c) = self.candidates.borrow().get(&key) {
            return Some(Arc::clone(c));
        }
        let dataset = self.datasets.get(root)?;
        let built = crate::handlers::completion::build_candidates(dataset, target);
        self.candidates.borrow_mut().insert(key, Arc::clone(&built));
        Some(built)
    }

    /// Forgets the kept ids a change of the dataset at `root` made stale: every kind when a
    /// registry changed (all was linted again), the event ids when an event file did.
    fn changed(&mut self, root: &Path, relinted: Relinted) {
        match relinted {
            Relinted::Nothing => {}
            Relinted::File => {
                self.candidates
                    .get_mut()
                    .remove(&(root.to_path_buf(), Target::Event));
            }
            Relinted::Everything => self.candidates.get_mut().retain(|(r, _), _| r != root),
        }
    }

    /// The root of the dataset `path` belongs to, loading it on first sight.
    pub(crate) fn dataset_for(&mut self, path: &Path) -> Option<PathBuf> {
        let root = find_root(path)?;
        let root = root.canonicalize().ok()?;
        classify(path.strip_prefix(&root).ok()?)?;
        if !self.datasets.contains_key(&root) {
            let options = LoadOptions {
                names_relative_to: Some(root.clone()),
                ..LoadOptions::default()
            };
            let config = self.config();
            match Incremental::open(&root, options, config) {
                Ok(mut session) => {
                    for (p, doc) in &self.docs {
                        if doc.root.as_deref() == Some(&root) {
                            session.set_text(p, Some(Arc::clone(&doc.text)));
                        }
                    }
                    self.datasets.insert(root.clone(), session);
                }
                Err(e) => {
                    self.log
                        .push(format!("cannot load the dataset {}: {e}", root.display()));
                    return None;
                }
            }
        }
        Some(root)
    }

    /// Opens or changes a document; returns the dataset root to lint again.
    pub(crate) fn set_text(&mut self, uri: Uri, path: PathBuf, text: Arc<str>) -> Option<PathBuf> {
        let root = self.dataset_for(&path);
        self.fresh.insert(path.clone());
        self.docs.insert(
            path.clone(),
            Document {
                uri,
                text: Arc::clone(&text),
                root: root.clone(),
            },
        );
        let root = root?;
        let relinted = self.datasets.get_mut(&root)?.set_text(&path, Some(text));
        self.changed(&root, relinted);
        Some(root)
    }

    /// Closes a document: the file on disk is read again.
    pub(crate) fn close(&mut self, path: &Path) -> Option<PathBuf> {
        let doc = self.docs.remove(path)?;
        self.published.remove(path);
        self.fresh.remove(path);
        let root = doc.root?;
        let relinted = self.datasets.get_mut(&root)?.set_text(path, None);
        self.changed(&root, relinted);
        Some(root)
    }

    /// A file changed on disk (saved, created, deleted, or changed by another program).
    pub(crate) fn file_changed(&mut self, path: &Path) -> Option<PathBuf> {
        let root = self
            .datasets
            .keys()
            .find(|r| path.starts_with(r))
            .cloned()?;
        let session = self.datasets.get_mut(&root)?;
        if session.has_text(path) {
            // The editor's text stands for the file while it is open.
            return None;
        }
        let relinted = session.changed(path);
        self.changed(&root, relinted);
        Some(root)
    }

    /// The open documents of the dataset at `root`.
    pub(crate) fn open_in(&self, root: &Path) -> BTreeSet<PathBuf> {
        self.docs
            .iter()
            .filter(|(_, d)| d.root.as_deref() == Some(root))
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// Lints the dataset at `root` and keeps the findings of its open documents; returns
    /// each open document whose findings changed (or whose text did) with its findings in
    /// LSP form: the others' publications stand.
    pub(crate) fn lint(&mut self, root: &Path) -> Vec<(Uri, Vec<lsp_types::Diagnostic>)> {
        let open = self.open_in(root);
        let Some(session) = self.datasets.get(root) else {
            return Vec::new();
        };
        // Asked once per file of the dataset: compared as bytes, not path components.
        let keep_paths: HashSet<OsString> = open.iter().map(|p| p.as_os_str().to_owned()).collect();
        let found =
            session.diagnostics(Arc::new(move |p: &Path| keep_paths.contains(p.as_os_str())));
        let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> =
            open.iter().map(|p| (p.clone(), Vec::new())).collect();
        for d in found {
            if let Some(list) = by_file.get_mut(&d.region.path) {
                list.push(d);
            }
        }
        by_file.retain(|path, list| {
            self.fresh.contains(path) || self.published.get(path) != Some(list)
        });
        let texts = self.texts_for(root, by_file.values().flatten());
        let texts = Texts { texts: &texts };
        let mut out = Vec::new();
        for (path, list) in by_file {
            let Some(doc) = self.docs.get(&path) else {
                continue;
            };
            let lsp = list
                .iter()
                .map(|d| crate::diagnostics::to_lsp(d, &texts))
                .collect();
            out.push((doc.uri.clone(), lsp));
            self.fresh.remove(&path);
            self.published.insert(path, list);
        }
        out.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out
    }

    /// The texts the linter read for every file `diagnostics` point into.
    pub(crate) fn texts_for<'d>(
        &self,
        root: &Path,
        diagnostics: impl Iterator<Item = &'d Diagnostic>,
    ) -> HashMap<PathBuf, Arc<str>> {
        let mut wanted: BTreeSet<&Path> = BTreeSet::new();
        for d in diagnostics {
            wanted.insert(&d.region.path);
            for r in &d.related {
                wanted.insert(&r.region.path);
            }
        }
        let mut texts = HashMap::new();
        for p in wanted {
            if let Some(t) = self.text_of(root, p) {
                texts.insert(p.to_path_buf(), t);
            }
        }
        texts
    }

    /// The text of a file of the dataset at `root` as the linter read it.
    pub(crate) fn text_of(&self, root: &Path, path: &Path) -> Option<Arc<str>> {
        if let Some(doc) = self.docs.get(path) {
            return Some(Arc::clone(&doc.text));
        }
        let session = self.datasets.get(root)?;
        match classify(path.strip_prefix(root).ok()?)? {
            FileRole::Event | FileRole::Events => session
                .event_files()
                .find(|(p, _)| *p == path)
                .and_then(|(_, t)| t.cloned()),
            _ => session
                .registries()
                .files
                .iter()
                .find(|f| f.path == path)
                .map(|f| Arc::clone(&f.text)),
        }
    }
}
