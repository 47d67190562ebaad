//! Where each kind of record lives in a dataset directory, and how a dataset's root folder is
//! recognised. The one walk of a dataset directory is [`walk()`](crate::walk()).
//!
//! ```text
//! <root>/
//!   events/<year>/<id>.toml    one event per file (events/** may also hold .json / .jsonl)
//!   <name>.jsonl               events in JSON Lines beside the registries (an import's output)
//!   sources/<id>.toml          one source per file
//!   places.toml                the gazetteer: [[place]] tables
//!   actors.toml                the actors: [[actor]] tables
//!   faultline.toml             configuration, not a record
//! ```

use std::path::{Component, Path, PathBuf};

use crate::confine::lexical;
use crate::files::FileFormat;

/// The role a file plays in a dataset, decided by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileRole {
    /// `events/**/<id>.toml`: one event.
    Event,
    /// `events/**/*.json` or `*.jsonl`: events in JSON or JSON Lines.
    Events,
    /// `sources/<id>.toml`: one source.
    Source,
    /// `places.toml`: the gazetteer.
    Places,
    /// `actors.toml`: the actors.
    Actors,
    /// A record-like file (`.toml`, `.json`, `.jsonl`) outside the expected folders.
    Stray,
}

/// The name of the dataset configuration file, which is not a record.
pub const CONFIG_FILE: &str = "faultline.toml";

/// The folder of events in a dataset root.
pub const EVENTS_DIR: &str = "events";
/// The folder of sources in a dataset root.
pub const SOURCES_DIR: &str = "sources";
/// The gazetteer in a dataset root.
pub const PLACES_FILE: &str = "places.toml";
/// The actors in a dataset root.
pub const ACTORS_FILE: &str = "actors.toml";

/// Whether `dir` is the root of a dataset: it holds `places.toml`, `actors.toml`, `events/`
/// or `sources/`.
pub fn is_root(dir: &Path) -> bool {
    dir.join(PLACES_FILE).is_file()
        || dir.join(ACTORS_FILE).is_file()
        || dir.join(EVENTS_DIR).is_dir()
        || dir.join(SOURCES_DIR).is_dir()
}

/// The root of the dataset that `path` (a file or a folder) belongs to: the nearest folder at
/// or above it that [`is_root`]. The folders are those *named* by the path, made absolute
/// against the working directory — a symbolic link in the path is not followed to pick a
/// root, so a link cannot move a file into another dataset. The result is as close as it can
/// be to the form of `path`: `data/events/2021/x.toml` gives `data`; a path with no folder
/// left to climb gives an absolute path.
///
/// ```
/// use faultline_dataset::find_root;
///
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("data/events/2021"))?;
/// std::fs::write(dir.path().join("data/places.toml"), "")?;
/// let file = dir.path().join("data/events/2021/2021-11-16-clash.toml");
/// assert_eq!(find_root(&file), Some(dir.path().join("data")));
/// assert_eq!(find_root(dir.path()), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn find_root(path: &Path) -> Option<PathBuf> {
    let named = lexical(path);
    let start = if named.is_dir() {
        named
    } else {
        match named.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let absolute = lexical(&std::path::absolute(&start).ok()?);
    let mut relative = Some(start);
    for dir in absolute.ancestors() {
        if is_root(dir) {
            return Some(relative.unwrap_or_else(|| dir.to_path_buf()));
        }
        // One folder up, in the form the path was given, while its own names last.
        relative = relative.and_then(|r| {
            let up = r.parent()?;
            let last = r.file_name()?;
            (last != "..").then(|| match up.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => up.to_path_buf(),
            })
        });
    }
    None
}

/// Where the registries (`sources/`, `places.toml`, `actors.toml`) of a file of events written
/// on its own belong, so that `faultline lint FILE` finds them through [`find_root`]: the
/// folder the file is in, which they make a dataset root. `None` when that folder lies inside
/// another dataset (the registries would belong to that dataset's root, which a new file of
/// events must not rewrite).
///
/// ```
/// use faultline_dataset::layout::registries_root;
///
/// let dir = tempfile::tempdir()?;
/// let out = dir.path().join("acled.jsonl");
/// assert_eq!(registries_root(&out), Some(dir.path().to_path_buf()));
/// std::fs::create_dir_all(dir.path().join("data/events"))?;
/// assert_eq!(registries_root(&dir.path().join("data/events/x.jsonl")), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn registries_root(events_file: &Path) -> Option<PathBuf> {
    let folder = match events_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let absolute = |p: &Path| std::path::absolute(p).ok().map(|a| lexical(&a));
    match find_root(events_file) {
        None => Some(folder),
        Some(root) if absolute(&root) == absolute(&folder) => Some(folder),
        Some(_) => None,
    }
}

/// The role of a file at `rel` (relative to the dataset root), or `None` when the file is not
/// part of the dataset (other extensions, hidden files, `faultline.toml`).
pub fn classify(rel: &Path) -> Option<FileRole> {
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or("\u{FFFD}"),
            _ => "..",
        })
        .collect();
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    let format = FileFormat::from_path(rel)?;
    Some(match (parts.as_slice(), format) {
        ([name], FileFormat::Toml) if *name == CONFIG_FILE => return None,
        ([name], _) if *name == PLACES_FILE => FileRole::Places,
        ([name], _) if *name == ACTORS_FILE => FileRole::Actors,
        ([dir, _], FileFormat::Toml) if *dir == SOURCES_DIR => FileRole::Source,
        ([dir, .., _], FileFormat::Toml) if *dir == EVENTS_DIR => FileRole::Event,
        ([dir, .., _], _) if *dir == EVENTS_DIR => FileRole::Events,
        // A JSON Lines file of events beside its registries, as `faultline import --out
        // X.jsonl` writes it (see `registries_root`).
        ([_], FileFormat::JsonLines) => FileRole::Events,
        _ => FileRole::Stray,
    })
}

/// The role of the records a folder at `rel` (relative to the dataset root) would hold:
/// `events/` and any folder inside it hold events, `sources/` sources. `None` for any other
/// folder, which the walker does not read. Used where a folder cannot be entered (a symbolic
/// link in a git revision) to say what is missing.
pub fn folder_role(rel: &Path) -> Option<FileRole> {
    let mut parts = rel.components().map(|c| match c {
        Component::Normal(s) => s.to_str().unwrap_or("\u{FFFD}"),
        _ => "..",
    });
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    if first.starts_with('.') || rest.iter().any(|p| p.starts_with('.') || *p == "..") {
        return None;
    }
    match (first, rest.len()) {
        (EVENTS_DIR, _) => Some(FileRole::Event),
        (SOURCES_DIR, 0) => Some(FileRole::Source),
        _ => None,
    }
}

/// The role of a file given on its own (outside a dataset walk), by its name and folder.
pub fn classify_single(path: &Path) -> Option<FileRole> {
    let format = FileFormat::from_path(path)?;
    let name = path.file_name()?.to_str()?;
    let parent = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|p| p.to_str());
    Some(match (name, parent, format) {
        (CONFIG_FILE, _, _) => return None,
        (PLACES_FILE, _, _) => FileRole::Places,
        (ACTORS_FILE, _, _) => FileRole::Actors,
        (_, Some(SOURCES_DIR), FileFormat::Toml) => FileRole::Source,
        (_, _, FileFormat::Toml) => FileRole::Event,
        _ => FileRole::Events,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_layout() {
        let c = |p: &str| classify(Path::new(p));
        assert_eq!(c("events/2021/2021-11-16-x.toml"), Some(FileRole::Event));
        assert_eq!(c("events/a/b/c.toml"), Some(FileRole::Event));
        assert_eq!(c("events/bulk.jsonl"), Some(FileRole::Events));
        assert_eq!(c("sources/s.toml"), Some(FileRole::Source));
        assert_eq!(c("places.toml"), Some(FileRole::Places));
        assert_eq!(c("actors.toml"), Some(FileRole::Actors));
        assert_eq!(c("faultline.toml"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(c(".git/config.toml"), None);
        assert_eq!(c("sources/nested/s.toml"), Some(FileRole::Stray));
        assert_eq!(c("2021-11-16-x.toml"), Some(FileRole::Stray));
    }

    #[test]
    fn folders() {
        let f = |p: &str| folder_role(Path::new(p));
        assert_eq!(f("events"), Some(FileRole::Event));
        assert_eq!(f("events/2021"), Some(FileRole::Event));
        assert_eq!(f("events/a/b"), Some(FileRole::Event));
        assert_eq!(f("sources"), Some(FileRole::Source));
        assert_eq!(f("sources/nested"), None);
        assert_eq!(f("archive"), None);
        assert_eq!(f("events/.hidden"), None);
        assert_eq!(f(".git"), None);
    }

    #[test]
    fn single_files() {
        let c = |p: &str| classify_single(Path::new(p));
        assert_eq!(c("data/sources/s.toml"), Some(FileRole::Source));
        assert_eq!(c("x/places.toml"), Some(FileRole::Places));
        assert_eq!(c("new-event.toml"), Some(FileRole::Event));
        assert_eq!(c("dump.jsonl"), Some(FileRole::Events));
        assert_eq!(c("faultline.toml"), None);
        assert_eq!(c("notes.txt"), None);
    }

    #[test]
    fn roots_are_found_from_the_names_in_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("events/2021")).unwrap();
        std::fs::write(data.join("actors.toml"), "").unwrap();
        assert!(is_root(&data) && !is_root(dir.path()));
        let file = data.join("events/2021/x.toml");
        assert_eq!(find_root(&file), Some(data.clone()));
        assert_eq!(find_root(&data.join("events")), Some(data.clone()));
        assert_eq!(find_root(&data), Some(data.clone()));
        assert_eq!(
            find_root(&data.join("events/2021/../2021/x.toml")),
            Some(data.clone())
        );
        assert_eq!(find_root(dir.path()), None);
        #[cfg(unix)]
        {
            // A link to a file of the dataset, from outside it, does not make its folder
            // part of the dataset.
            let elsewhere = dir.path().join("elsewhere");
            std::fs::create_dir(&elsewhere).unwrap();
            std::os::unix::fs::symlink(&file, elsewhere.join("x.toml")).unwrap();
            assert_eq!(find_root(&elsewhere.join("x.toml")), None);
        }
    }
}
