//! # faultline-dataset
//!
//! Reads a [faultline](https://github.com/faultline-data/faultline) dataset — a directory of
//! TOML records, or JSON / JSON Lines files of events — into a [`Dataset`] of typed
//! [`faultline_model`] records in which every record remembers its file, and every value can be
//! located to its exact byte range, line and column ([`Dataset::locate`]).
//!
//! Problems never stop loading and never panic: a syntax error, an impossible date, a file that
//! is not UTF-8, an empty file, a wrong type, a named pipe or a symlink loop each become a
//! [`LoadError`] with file, line and column, and the other files load as usual.
//!
//! **Nothing outside the dataset is read.** The dataset's layout has one owner: [`walk()`] lists
//! its record files (with their [`FileRole`]) and [`find_root`] finds the root a file or folder
//! belongs to. A symbolic link is followed only when it resolves inside the root
//! ([`resolve_under`]); one that leads out, points at nothing or loops becomes a
//! [`LoadErrorKind::Link`] error naming the link, and its target is neither read nor shown.
//! Writes ([`write_atomic_in`]) are held to the same rule.
//!
//! ## Example
//!
//! ```
//! use faultline_dataset::Dataset;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::create_dir_all(dir.path().join("events/2021"))?;
//! std::fs::write(
//!     dir.path().join("events/2021/2021-11-16-clash.toml"),
//!     "id = \"2021-11-16-clash\"\ntitle = \"Clash\"\nkind = \"armed-clash\"\n\
//!      summary = \"...\"\nsources = []\n\n[date]\nstart = 2021-11-31\nprecision = \"day\"\n",
//! )?;
//!
//! let dataset = Dataset::open(dir.path())?;
//! let error = &dataset.errors[0];
//! assert_eq!((error.line, error.column), (8, 9)); // the impossible date
//! assert!(error.to_string().contains("2021-11-16-clash.toml:8:9"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod archive;
pub mod confine;
pub mod convert;
pub mod error;
pub mod files;
pub mod layout;
pub mod lenient;
pub mod load;
pub mod span;
pub mod stream;
pub mod tree;
pub mod walk;
pub mod write;

pub use confine::{LinkError, destination_under, named_under, resolve_under};
pub use error::{DatasetError, LoadError, LoadErrorKind};
pub use files::{FileFormat, FileId, SourceFile};
pub use layout::{FileRole, classify, classify_single, find_root, folder_role, is_root};
pub use lenient::Lenient;
pub use load::{Dataset, LoadOptions, Loaded, Location, Origin, Overlay};
pub use span::{LineIndex, Position, Span};
pub use stream::{LineChunk, LineChunks};
pub use tree::{Located, SpanNode};
pub use walk::{DatasetFile, Walk, WalkError, WalkErrorKind, walk};
pub use write::{
    Overwrite, Refused, WriteError, check_relative_path, write_all, write_atomic, write_atomic_in,
    write_atomic_with, write_batch,
};
