//! Archived copies of sources: the texts that quotes are checked against.
//!
//! A source record names its copy in `[archive]` (`file`, relative to an *archive root*, and
//! its `sha256`). The archive root is given to the tools, never stored in the dataset: the
//! texts are others' works and are not redistributed with it. This module opens the root,
//! reads each copy once — only below the root, symbolic links resolved — hashes it, and
//! normalises it once for every search ([`normalize`]).
//!
//! ```
//! use faultline_dataset::archive::{ArchiveRoot, ArchiveError};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("report.txt"), "The ministry said “two were killed”.")?;
//! let root = ArchiveRoot::open(dir.path())?;
//! let copy = root.read("report.txt")?;
//! assert!(copy.find_quote("said \"two were killed\"").is_ok());
//! assert!(copy.find_quote("said \"three were killed\"").is_err());
//! assert!(matches!(root.read("../elsewhere.txt"), Err(ArchiveError::Outside { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod normalize;
mod root;
mod search;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use faultline_model::{Sha256, Source};
use rayon::prelude::*;
use sha2::Digest;

use crate::error::LoadErrorKind;
use crate::files::{ReadOutcome, read_text};

pub use normalize::{Normalized, normalize};
pub use root::{UnderRootError, resolve_under_root};
pub use search::{Passage, QuoteMatch, QuoteMiss, fragments};

/// The largest archived copy read: 16 MiB (an article is a few kilobytes; a long report as
/// text, a few megabytes).
pub const MAX_ARCHIVE_BYTES: u64 = 16 << 20;

/// Why an archive root or an archived copy cannot be used. Paths are shown as given (the
/// root as the user wrote it, the file as the record names it), never the content of a file
/// outside the root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// The archive root does not exist.
    #[error("the archive root `{0}` does not exist")]
    RootMissing(String),
    /// The archive root is not a folder.
    #[error("the archive root `{0}` is not a folder")]
    RootNotADir(String),
    /// The archive root cannot be resolved.
    #[error("the archive root `{path}` cannot be read: {message}")]
    RootUnreadable {
        /// The root as given.
        path: String,
        /// Why.
        message: String,
    },
    /// The record names its copy by an absolute path.
    #[error(
        "`{file}` is an absolute path: name the archived copy relative to the archive root `{root}`"
    )]
    Absolute {
        /// The file as the record names it.
        file: String,
        /// The archive root as given.
        root: String,
    },
    /// The copy named lies outside the archive root (by `..` or a symbolic link).
    #[error("`{file}` leads outside the archive root `{root}`; it is not read")]
    Outside {
        /// The file as named.
        file: String,
        /// The archive root as given.
        root: String,
    },
    /// The copy does not exist.
    #[error("the archived copy is missing: `{tried}` does not exist")]
    Missing {
        /// The path tried: the archive root as given, then the file.
        tried: String,
    },
    /// The copy exists but cannot be read (not a regular file, too large, an I/O error).
    #[error("the archived copy `{tried}` cannot be read: {message}")]
    Unreadable {
        /// The path tried.
        tried: String,
        /// Why.
        message: String,
    },
    /// The copy is not UTF-8 text.
    #[error(
        "the archived copy `{tried}` is not valid UTF-8 (first bad byte at line {line}, column {column}); save it as UTF-8"
    )]
    NotUtf8 {
        /// The path tried.
        tried: String,
        /// The 1-based line of the first bad byte.
        line: usize,
        /// Its 1-based column (in characters).
        column: usize,
    },
}

/// An archive root: a folder of archived copies, opened once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveRoot {
    shown: String,
    canonical: PathBuf,
}

impl ArchiveRoot {
    /// Opens the folder `path`; it must exist and be a folder.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ArchiveError> {
        let path = path.as_ref();
        Self::open_as(path, &crate::files::display_name(path))
    }

    /// Opens the folder `path`, shown in diagnostics as `shown`.
    pub fn open_as(path: impl AsRef<Path>, shown: &str) -> Result<Self, ArchiveError> {
        let path = path.as_ref();
        let shown = shown.to_owned();
        let canonical = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ArchiveError::RootMissing(shown));
            }
            Err(e) => {
                return Err(ArchiveError::RootUnreadable {
                    path: shown,
                    message: e.to_string(),
                });
            }
        };
        if !canonical.is_dir() {
            return Err(ArchiveError::RootNotADir(shown));
        }
        Ok(Self { shown, canonical })
    }

    /// The root as given (relative to the working directory when below it, `/`-separated).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The root's canonical path.
    pub fn canonical(&self) -> &Path {
        &self.canonical
    }

    /// The path tried for `file`, as shown in diagnostics: the root as given, then `file`.
    pub fn tried(&self, file: &str) -> String {
        format!("{}/{file}", self.shown.trim_end_matches('/'))
    }

    /// The canonical path of `file` (relative to the root), refusing anything outside it.
    pub fn resolve(&self, file: &str) -> Result<PathBuf, ArchiveError> {
        resolve_under_root(&self.canonical, file).map_err(|e| match e {
            UnderRootError::Absolute(file) => ArchiveError::Absolute {
                file,
                root: self.shown.clone(),
            },
            UnderRootError::Outside(file) => ArchiveError::Outside {
                file,
                root: self.shown.clone(),
            },
            UnderRootError::Missing(file) => ArchiveError::Missing {
                tried: self.tried(&file),
            },
            UnderRootError::Io { path, message } => ArchiveError::Unreadable {
                tried: self.tried(&path),
                message,
            },
        })
    }

    /// Reads the copy `file` (relative to the root).
    pub fn read(&self, file: &str) -> Result<ArchivedText, ArchiveError> {
        let path = self.resolve(file)?;
        read_copy(&path, file, &self.tried(file))
    }

    /// The name, relative to the root and `/`-separated, of `path` (a file given on the
    /// command line, relative to the working directory); an error when it is not below the
    /// root, symbolic links resolved.
    pub fn name_of(&self, path: &Path) -> Result<String, ArchiveError> {
        let shown = crate::files::display_name(path);
        let canonical = std::fs::canonicalize(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                ArchiveError::Missing {
                    tried: shown.clone(),
                }
            } else {
                ArchiveError::Unreadable {
                    tried: shown.clone(),
                    message: e.to_string(),
                }
            }
        })?;
        let rel = canonical
            .strip_prefix(&self.canonical)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
            .ok_or_else(|| ArchiveError::Outside {
                file: shown,
                root: self.shown.clone(),
            })?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Ok(parts.join("/"))
    }
}

/// Reads a copy from `path`: a regular UTF-8 file within [`MAX_ARCHIVE_BYTES`].
fn read_copy(path: &Path, file: &str, tried: &str) -> Result<ArchivedText, ArchiveError> {
    match read_text(path, MAX_ARCHIVE_BYTES) {
        ReadOutcome::Text(text) => Ok(ArchivedText::from_text(file, text)),
        ReadOutcome::Failed {
            kind: LoadErrorKind::NotUtf8,
            text,
            offset,
        } => {
            let text = text.unwrap_or_default();
            let before = &text.as_bytes()[..offset.min(text.len())];
            let line = 1 + memchr::memchr_iter(b'\n', before).count();
            let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
            let column = 1 + String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count();
            Err(ArchiveError::NotUtf8 {
                tried: tried.to_owned(),
                line,
                column,
            })
        }
        ReadOutcome::Failed { kind, .. } => Err(ArchiveError::Unreadable {
            tried: tried.to_owned(),
            message: match kind {
                LoadErrorKind::Utf16 => "it is UTF-16 text; save it as UTF-8".to_owned(),
                other => other.to_string(),
            },
        }),
    }
}

/// A word of a normalised text, by its byte range, with the id of its lower-case form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) id: u32,
}

/// The words of a text, split once: each with the id of its lower-case form.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Words {
    pub(crate) list: Vec<Word>,
    /// Lower-case form → id.
    pub(crate) ids: std::collections::HashMap<String, u32>,
}

/// One archived copy: its text, its SHA-256, and its normalised form for searching.
#[derive(Debug, PartialEq, Eq)]
pub struct ArchivedText {
    /// The file as the record names it.
    pub file: String,
    /// The text as read.
    pub text: String,
    /// The SHA-256 of its bytes.
    pub sha256: Sha256,
    normalized: Normalized,
    words: OnceLock<Words>,
}

/// A passage of an archived text anchored the way W3C Web Annotation selectors do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextAnchor {
    /// The passage itself, as the text has it.
    pub exact: String,
    /// The characters just before it.
    pub prefix: String,
    /// The characters just after it.
    pub suffix: String,
    /// Its first character's position in the text (counted in Unicode scalar values, from 0).
    pub start: usize,
    /// The position just after its last character.
    pub end: usize,
}

impl ArchivedText {
    /// An archived copy from its text (hashed and normalised here).
    pub fn from_text(file: impl Into<String>, text: String) -> Self {
        let sha = sha2::Sha256::digest(text.as_bytes());
        let hex: String = sha.iter().map(|b| format!("{b:02x}")).collect();
        Self {
            file: file.into(),
            sha256: Sha256::new(hex).expect("a SHA-256 digest is 64 hexadecimal digits"),
            normalized: Normalized::new(&text),
            text,
            words: OnceLock::new(),
        }
    }

    /// The normalised text.
    pub fn normalized(&self) -> &Normalized {
        &self.normalized
    }

    /// The words of the normalised text (split once, on first use: a miss on a large text
    /// costs one pass over ids, with no allocation per word).
    pub(crate) fn words(&self) -> &Words {
        self.words.get_or_init(|| {
            let mut words = Words::default();
            for (start, w) in search::split_words(&self.normalized.text) {
                let lower = w.to_lowercase();
                let next = u32::try_from(words.ids.len()).unwrap_or(u32::MAX);
                let id = *words.ids.entry(lower).or_insert(next);
                words.list.push(Word {
                    start: u32::try_from(start).unwrap_or(u32::MAX),
                    end: u32::try_from(start + w.len()).unwrap_or(u32::MAX),
                    id,
                });
            }
            words
        })
    }

    /// The anchor of original byte range `span`, with up to `context` characters of prefix
    /// and suffix.
    pub fn anchor(&self, span: Range<usize>, context: usize) -> TextAnchor {
        let text = self.text.as_str();
        let end = span.end.min(text.len());
        let start = span.start.min(end);
        let before = &text[..start];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(context.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let after = &text[end..];
        let suffix_end = after
            .char_indices()
            .nth(context)
            .map_or(after.len(), |(i, _)| i);
        let start_char = before.chars().count();
        TextAnchor {
            exact: text[start..end].to_owned(),
            prefix: if context == 0 {
                String::new()
            } else {
                before[prefix_start..].to_owned()
            },
            suffix: after[..suffix_end].to_owned(),
            start: start_char,
            end: start_char + text[start..end].chars().count(),
        }
    }
}

/// The archived copies of a dataset's sources, read once per run (each file once, in
/// parallel), by source id.
#[derive(Debug, PartialEq, Eq)]
pub struct Archive {
    root: ArchiveRoot,
    copies: BTreeMap<String, Result<Arc<ArchivedText>, ArchiveError>>,
}

impl Archive {
    /// Reads the copy of every source that names one. The first source with an id wins
    /// (a duplicate id is reported elsewhere).
    pub fn read<'a>(root: ArchiveRoot, sources: impl IntoIterator<Item = &'a Source>) -> Self {
        let mut wanted: BTreeMap<String, String> = BTreeMap::new();
        for s in sources {
            if let Some(a) = &s.archive {
                wanted
                    .entry(s.id.as_str().to_owned())
                    .or_insert_with(|| a.file.clone());
            }
        }
        let mut files: Vec<&String> = wanted.values().collect();
        files.sort();
        files.dedup();
        let read: BTreeMap<&String, Result<Arc<ArchivedText>, ArchiveError>> = files
            .into_par_iter()
            .map(|f| (f, root.read(f).map(Arc::new)))
            .collect();
        let copies = wanted
            .iter()
            .filter_map(|(id, file)| Some((id.clone(), read.get(file)?.clone())))
            .collect();
        Self { root, copies }
    }

    /// The archive root.
    pub fn root(&self) -> &ArchiveRoot {
        &self.root
    }

    /// The copy of source `id` as read, if the source names one.
    pub fn copy(&self, id: &str) -> Option<&Result<Arc<ArchivedText>, ArchiveError>> {
        self.copies.get(id)
    }

    /// The copy of `source` when it was read and its SHA-256 is the one the record gives:
    /// the text its quotes are checked against.
    pub fn verified(&self, source: &Source) -> Option<&ArchivedText> {
        let recorded = source.archive.as_ref()?;
        match self.copy(source.id.as_str())? {
            Ok(copy) if copy.sha256 == recorded.sha256 && copy.file == recorded.file => Some(copy),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hashes_and_refuses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "abc").unwrap();
        std::fs::write(dir.path().join("bad.txt"), b"line one\nbad \xff byte").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let root = ArchiveRoot::open(dir.path()).unwrap();
        let a = root.read("a.txt").unwrap();
        assert_eq!(
            a.sha256.as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let tried = |f: &str| root.tried(f);
        assert_eq!(
            root.read("missing.txt"),
            Err(ArchiveError::Missing {
                tried: tried("missing.txt")
            })
        );
        assert_eq!(
            root.read("bad.txt"),
            Err(ArchiveError::NotUtf8 {
                tried: tried("bad.txt"),
                line: 2,
                column: 5
            })
        );
        assert!(matches!(
            root.read("sub"),
            Err(ArchiveError::Unreadable { .. })
        ));
        let e = root.read("../x.txt").unwrap_err();
        assert!(
            e.to_string()
                .contains("`../x.txt` leads outside the archive root")
        );
        assert!(matches!(
            ArchiveRoot::open(dir.path().join("nope")),
            Err(ArchiveError::RootMissing(_))
        ));
        assert!(matches!(
            ArchiveRoot::open(dir.path().join("a.txt")),
            Err(ArchiveError::RootNotADir(_))
        ));
        assert_eq!(
            root.name_of(&dir.path().join("sub/../a.txt")).unwrap(),
            "a.txt"
        );
        assert!(matches!(
            root.name_of(&std::env::temp_dir()),
            Err(ArchiveError::Outside { .. })
        ));
    }

    #[test]
    fn anchors_count_characters() {
        let t = ArchivedText::from_text("t.txt", "Ünïcödé text — “quoted” tail end".into());
        let at = t.text.find("“quoted”").unwrap();
        let a = t.anchor(at..at + "“quoted”".len(), 5);
        assert_eq!(a.exact, "“quoted”");
        assert_eq!(a.prefix, "xt — ");
        assert_eq!(a.suffix, " tail");
        assert_eq!((a.start, a.end), (15, 23));
        let whole = t.anchor(0..t.text.len(), 32);
        assert_eq!((whole.prefix.as_str(), whole.suffix.as_str()), ("", ""));
    }
}
