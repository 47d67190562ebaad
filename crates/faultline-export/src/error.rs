//! Typed export errors.

use std::path::PathBuf;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The destination exists and overwriting was not allowed.
    #[error("{} exists; not overwritten (allow overwriting to replace it)", .path.display())]
    Exists {
        /// The file that exists.
        path: PathBuf,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The output could not be rendered (a serializer failed).
    #[error("cannot render the export: {0}")]
    Render(String),
}
