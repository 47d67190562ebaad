//! The files of a dataset: their text, kept for diagnostics, and safe reading.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use toml::de::DeTable;

use crate::error::LoadErrorKind;
use crate::layout::FileRole;
use crate::span::{LineIndex, Position, Span};
use crate::tree::SpanNode;

/// The index of a file in [`Dataset::files`](crate::Dataset::files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

impl FileId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a file's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// A TOML document.
    Toml,
    /// One JSON document (an event, or an array of events).
    Json,
    /// JSON Lines: one event per line.
    JsonLines,
}

impl FileFormat {
    /// The format a file name implies: `.toml`, `.json`, `.jsonl` / `.ndjson`.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "toml" => Some(Self::Toml),
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            _ => None,
        }
    }
}

/// A file that was read, with everything needed to point into it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path it was read from.
    pub path: PathBuf,
    /// The path as shown in diagnostics: relative, with `/` separators.
    pub name: String,
    /// Its text (for a file that is not UTF-8: the text with bad bytes replaced).
    pub text: Arc<str>,
    /// How it is written.
    pub format: FileFormat,
    /// The role it plays in the dataset, when known.
    pub role: Option<FileRole>,
    lines: OnceLock<LineIndex>,
    tree: OnceLock<Option<SpanNode>>,
}

impl SourceFile {
    /// Wraps a text read from `path`.
    pub fn new(path: PathBuf, name: String, text: Arc<str>, format: FileFormat) -> Self {
        Self {
            path,
            name,
            text,
            format,
            role: None,
            lines: OnceLock::new(),
            tree: OnceLock::new(),
        }
    }

    /// The same file with its role set.
    pub fn with_role(mut self, role: FileRole) -> Self {
        self.role = Some(role);
        self
    }

    /// Whether the file holds events (`events/**`, or a JSON / JSON Lines file of events).
    pub fn holds_events(&self) -> bool {
        matches!(self.role, Some(FileRole::Event | FileRole::Events))
    }

    /// The line index (computed on first use).
    pub fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.line_index().position(&self.text, offset)
    }

    /// Gives the file the span tree of its text, made from a parse done anyway.
    pub(crate) fn set_tree(&self, tree: SpanNode) {
        // Set only before anyone asked: then it is the tree `tree()` would make.
        let _ = self.tree.set(Some(tree));
    }

    /// The span tree of a whole-document file (TOML or JSON), computed on first use;
    /// `None` for JSON Lines and for text that does not parse.
    pub fn tree(&self) -> Option<&SpanNode> {
        self.tree
            .get_or_init(|| match self.format {
                FileFormat::Toml => DeTable::parse(&self.text)
                    .ok()
                    .map(|doc| SpanNode::from_toml(doc.get_ref(), Span::at(0))),
                FileFormat::Json => SpanNode::from_json(&self.text, 0),
                FileFormat::JsonLines => None,
            })
            .as_ref()
    }
}

impl Clone for SourceFile {
    /// A copy sharing the text; derived indexes are recomputed on demand.
    fn clone(&self) -> Self {
        Self {
            path: self.path.clone(),
            name: self.name.clone(),
            text: Arc::clone(&self.text),
            format: self.format,
            role: self.role,
            lines: OnceLock::new(),
            tree: OnceLock::new(),
        }
    }
}

/// The display name of `path`: relative to the working directory when below it, with `/`.
pub fn display_name(path: &Path) -> String {
    // A relative path is never below the (absolute) working directory: asking for it would
    // cost a `getcwd` per file of a dataset.
    let cwd = if path.is_absolute() {
        std::env::current_dir().ok()
    } else {
        None
    };
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let s = shown.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// What reading a file gave: its text, or why there is none (with the text when it could be
/// kept in part, so that the error can still show the line).
pub(crate) enum ReadOutcome {
    Text(String),
    Failed {
        kind: LoadErrorKind,
        text: Option<String>,
        offset: usize,
    },
}

/// Reads a file as UTF-8 text without ever blocking on a FIFO or reading past `limit`.
pub(crate) fn read_text(path: &Path, limit: u64) -> ReadOutcome {
    let fail = |kind| ReadOutcome::Failed {
        kind,
        text: None,
        offset: 0,
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(LoadErrorKind::Io(e.to_string())),
    };
    let ft = meta.file_type();
    if !ft.is_file() {
        return fail(LoadErrorKind::NotAFile(describe_file_type(&ft)));
    }
    if meta.len() > limit {
        return fail(LoadErrorKind::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // `take` guards against a file that grows while it is read.
    let read = fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return fail(LoadErrorKind::Io(e.to_string()));
    }
    if bytes.len() as u64 > limit {
        return fail(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    decode_text(bytes)
}

/// Turns bytes into text, recognising UTF-16 and reporting the first byte that is not UTF-8.
pub(crate) fn decode_text(bytes: Vec<u8>) -> ReadOutcome {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return ReadOutcome::Failed {
            kind: LoadErrorKind::Utf16,
            text: None,
            offset: 0,
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => ReadOutcome::Text(text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            ReadOutcome::Failed {
                kind: LoadErrorKind::NotUtf8,
                text: Some(text),
                offset,
            }
        }
    }
}

#[cfg(unix)]
fn describe_file_type(ft: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a named pipe"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn describe_file_type(ft: &fs::FileType) -> &'static str {
    if ft.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}
