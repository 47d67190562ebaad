//! The one walk of a dataset directory: every record file with its role, in sorted order, and
//! every symbolic link that may not be followed reported instead of read.
//!
//! Loading ([`Dataset::open`](crate::Dataset::open)), `faultline fmt` and the benchmarks all
//! list a dataset with [`walk()`], so they agree on which files are records and on the link
//! policy:
//!
//! - hidden files and folders (a name starting with `.`) are skipped, and so is every file
//!   that is not a record file (see [`classify`]);
//! - a symbolic link is followed only when its target lies inside the dataset
//!   ([`resolve_under`]); a link that would be read (a record file's name) or walked (a folder)
//!   and leads out of the dataset, points at nothing, or loops is reported as a [`WalkError`]
//!   naming the link's own path, and nothing behind it is read or listed;
//! - a link to any other file is ignored, like that file.

use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use crate::confine::{LinkError, resolve_under};
use crate::error::DatasetError;
use crate::files::FileFormat;
use crate::layout::{FileRole, classify};

/// A record file found by [`walk()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetFile {
    /// Its path: the root as given, joined with the path inside the dataset (a link keeps its
    /// own path).
    pub path: PathBuf,
    /// The role its place in the dataset gives it.
    pub role: FileRole,
}

impl DatasetFile {
    /// How its text is written (from its extension).
    pub fn format(&self) -> FileFormat {
        FileFormat::from_path(&self.path).unwrap_or(FileFormat::Toml)
    }
}

/// A path the walk did not follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct WalkError {
    /// The path as walked (for a link: the link itself, never its target).
    pub path: PathBuf,
    /// Why.
    pub kind: WalkErrorKind,
}

/// Why a path was not followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalkErrorKind {
    /// A symbolic link that leads out of the dataset, points at nothing, or loops.
    #[error("{0}")]
    Link(LinkError),
    /// A folder that could not be listed, or an entry that could not be examined.
    #[error("cannot read: {0}")]
    Io(String),
}

/// Lists the record files of the dataset at `root`: a lazy iterator in sorted order (by file
/// name, folder by folder), yielding a [`WalkError`] for each path it did not follow.
///
/// ```
/// use faultline_dataset::{FileRole, walk};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir_all(dir.path().join("events/2021"))?;
/// std::fs::write(dir.path().join("events/2021/2021-11-16-clash.toml"), "")?;
/// std::fs::write(dir.path().join("places.toml"), "")?;
/// std::fs::write(dir.path().join("README.md"), "")?;
///
/// let files: Vec<FileRole> = walk(dir.path())?.map(|f| f.map(|f| f.role)).collect::<Result<_, _>>()?;
/// assert_eq!(files, [FileRole::Event, FileRole::Places]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn walk(root: impl AsRef<Path>) -> Result<Walk, DatasetError> {
    let root = root.as_ref();
    let unreadable = |message: String| DatasetError::Unreadable {
        path: root.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => DatasetError::NotFound(root.to_path_buf()),
        _ => unreadable(e.to_string()),
    })?;
    if !meta.is_dir() {
        return Err(unreadable("not a directory".into()));
    }
    let real = std::fs::canonicalize(root).map_err(|e| unreadable(e.to_string()))?;
    let entries = list(root).map_err(|e| unreadable(e.to_string()))?;
    Ok(Walk {
        root: root.to_path_buf(),
        stack: vec![Folder {
            real: real.clone(),
            entries: entries.into_iter(),
        }],
        real,
    })
}

/// The iterator of [`walk()`].
#[derive(Debug)]
pub struct Walk {
    /// The root as given.
    root: PathBuf,
    /// Its canonical path: everything read must resolve under it.
    real: PathBuf,
    /// The folders being listed, the deepest last.
    stack: Vec<Folder>,
}

/// A folder being listed.
#[derive(Debug)]
struct Folder {
    /// Its canonical path (to recognise a link back to it).
    real: PathBuf,
    /// Its entries not yet visited, sorted by name.
    entries: std::vec::IntoIter<Entry>,
}

impl Walk {
    /// The root as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The role of `path` (as walked), or `None` when it is not a record file.
    fn role(&self, path: &Path) -> Option<FileRole> {
        classify(path.strip_prefix(&self.root).unwrap_or(path))
    }

    fn error(path: PathBuf, kind: WalkErrorKind) -> Option<Result<DatasetFile, WalkError>> {
        Some(Err(WalkError { path, kind }))
    }

    /// Enters the folder at `path` (canonical path `real`), unless it is already being
    /// listed (a link back to a folder above).
    fn enter(&mut self, path: PathBuf, real: PathBuf) -> Option<Result<DatasetFile, WalkError>> {
        if self.stack.iter().any(|f| f.real == real) {
            return Self::error(path, WalkErrorKind::Link(LinkError::Loop));
        }
        match list(&path) {
            Ok(entries) => {
                self.stack.push(Folder {
                    real,
                    entries: entries.into_iter(),
                });
                None
            }
            Err(e) => Self::error(path, WalkErrorKind::Io(e.to_string())),
        }
    }

    /// What a symbolic link at `path` gives: its folder entered, its file yielded, an error,
    /// or nothing (a link to a file that is not a record file).
    fn link(&mut self, path: PathBuf) -> Option<Result<DatasetFile, WalkError>> {
        let role = self.role(&path);
        match resolve_under(&self.real, &path) {
            Ok(real) if real.is_dir() => self.enter(path, real),
            Ok(_) => role.map(|role| Ok(DatasetFile { path, role })),
            Err(LinkError::Outside) => {
                // Only the type of the target is looked at (to tell a folder), never its
                // content: a folder outside would be walked, a record file read.
                let followed = role.is_some() || path.is_dir();
                followed.then_some(Err(WalkError {
                    path,
                    kind: WalkErrorKind::Link(LinkError::Outside),
                }))
            }
            Err(e) => role.map(|_| {
                Err(WalkError {
                    path,
                    kind: WalkErrorKind::Link(e),
                })
            }),
        }
    }
}

impl Iterator for Walk {
    type Item = Result<DatasetFile, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let folder = self.stack.last_mut()?;
            let Some(Entry { path, file_type }) = folder.entries.next() else {
                self.stack.pop();
                continue;
            };
            let found = if file_type.is_symlink() {
                self.link(path)
            } else if file_type.is_dir() {
                let real = folder.real.join(path.file_name().unwrap_or_default());
                self.enter(path, real)
            } else {
                self.role(&path).map(|role| Ok(DatasetFile { path, role }))
            };
            if found.is_some() {
                return found;
            }
        }
    }
}

/// An entry of a folder: its path and its type, as listed (a link is a link, not followed).
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    file_type: FileType,
}

/// The entries of a folder, sorted by name, hidden ones left out.
fn list(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<(OsString, FileType)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with('.') {
            // The type comes with the listing on most systems (no extra call per file).
            entries.push((name, entry.file_type()?));
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries
        .into_iter()
        .map(|(name, file_type)| Entry {
            path: dir.join(name),
            file_type,
        })
        .collect())
}
