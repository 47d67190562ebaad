//! Where each kind of record lives in a dataset directory.

use std::path::{Component, Path};

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
        (["places.toml"], _) => FileRole::Places,
        (["actors.toml"], _) => FileRole::Actors,
        (["sources", _], FileFormat::Toml) => FileRole::Source,
        (["events", .., _], FileFormat::Toml) => FileRole::Event,
        (["events", .., _], _) => FileRole::Events,
        _ => FileRole::Stray,
    })
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
        ("places.toml", _, _) => FileRole::Places,
        ("actors.toml", _, _) => FileRole::Actors,
        (_, Some("sources"), FileFormat::Toml) => FileRole::Source,
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
    fn single_files() {
        let c = |p: &str| classify_single(Path::new(p));
        assert_eq!(c("data/sources/s.toml"), Some(FileRole::Source));
        assert_eq!(c("x/places.toml"), Some(FileRole::Places));
        assert_eq!(c("new-event.toml"), Some(FileRole::Event));
        assert_eq!(c("dump.jsonl"), Some(FileRole::Events));
        assert_eq!(c("faultline.toml"), None);
        assert_eq!(c("notes.txt"), None);
    }
}
