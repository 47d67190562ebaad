//! Typed errors: what could not be loaded, and where.

use std::path::PathBuf;

use faultline_model::RecordKind;

use crate::confine::LinkError;
use crate::files::FileId;
use crate::load::Origin;
use crate::span::Span;

/// A file or record that could not be loaded. Loading goes on with the other files.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {kind}")]
pub struct LoadError {
    /// The file as displayed (relative to where the dataset was opened).
    pub path: String,
    /// The file in [`Dataset::files`](crate::Dataset::files), when its text could be kept.
    pub file: Option<FileId>,
    /// The offending bytes.
    pub span: Span,
    /// The 1-based line of `span.start`.
    pub line: usize,
    /// The 1-based column (in characters) of `span.start`.
    pub column: usize,
    /// What went wrong.
    pub kind: LoadErrorKind,
}

/// What went wrong while loading.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadErrorKind {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// A symbolic link that leads out of the dataset, points at nothing, or loops: it is not
    /// followed, and nothing behind it is read.
    #[error("{}", link_message(.0))]
    Link(LinkError),
    /// A FIFO, socket or device: such files are never opened (reading one could block).
    #[error("not a regular file ({0}); only regular files are read")]
    NotAFile(&'static str),
    /// The file is over the size limit.
    #[error("the file is {size} bytes, more than the {limit}-byte limit for one file")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit ([`LoadOptions::max_file_bytes`](crate::LoadOptions)).
        limit: u64,
    },
    /// The file is empty, or holds only white space and comments.
    #[error("the file is empty: a record file holds one record")]
    Empty,
    /// UTF-16 text.
    #[error("the file is UTF-16 text; save it as UTF-8")]
    Utf16,
    /// Bytes that are not UTF-8.
    #[error("the file is not valid UTF-8 (first bad byte here); save it as UTF-8")]
    NotUtf8,
    /// A TOML or JSON syntax error (impossible dates such as 2021-02-30 included).
    #[error("{0}")]
    Syntax(String),
    /// A TOML key (or table) defined twice; the error points at the second definition.
    #[error("duplicate key `{key}`: it is defined twice in the same table")]
    DuplicateKey {
        /// The key, as written.
        key: String,
        /// Its first definition, when it could be found.
        first: Option<Span>,
    },
    /// The document parsed but is not a valid record of its kind.
    #[error("not a valid {record} record: {message}")]
    Invalid {
        /// What kind of record the file should hold.
        record: RecordKind,
        /// Where the record is.
        origin: Origin,
        /// The JSON pointer of the offending value within the record.
        pointer: String,
        /// What the model said.
        message: String,
        /// The record as parsed, for a schema validator to explain in detail.
        value: Box<serde_json::Value>,
    },
}

/// What a [`LoadErrorKind::Link`] says: what the link does, never where it points.
fn link_message(e: &LinkError) -> String {
    match e {
        LinkError::Outside => {
            "a symbolic link that leads out of the dataset; it is not read".to_owned()
        }
        LinkError::Missing => {
            "a symbolic link whose target does not exist; it is not read".to_owned()
        }
        LinkError::Loop => "a symbolic link loop; it is not followed".to_owned(),
        LinkError::Unresolvable(why) => {
            format!("a symbolic link that cannot be resolved ({why}); it is not read")
        }
    }
}

/// A fatal error: the dataset cannot be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    /// The path does not exist.
    #[error("{0}: no such file or directory")]
    NotFound(PathBuf),
    /// The path exists but cannot be read.
    #[error("{path}: {message}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        message: String,
    },
}
