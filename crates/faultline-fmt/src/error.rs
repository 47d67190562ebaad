//! Why a file was not formatted.

/// Why a file was not formatted. The file is never changed when formatting fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The text is not valid TOML.
    #[error("{line}:{column}: {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column, counted in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Formatting would have changed a value. This is a bug in the formatter; the file is left
    /// as it is.
    #[error(
        "formatting would change the value at `{path}`; the file is left as it is (a bug in faultline fmt: please report it)"
    )]
    ChangedValue {
        /// The path of the value, like `casualties/0/count`.
        path: String,
    },
    /// Formatting would have dropped a comment. This is a bug in the formatter; the file is
    /// left as it is.
    #[error(
        "formatting would lose or duplicate the comment `{comment}`; the file is left as it is (a bug in faultline fmt: please report it)"
    )]
    LostComment {
        /// The comment.
        comment: String,
    },
    /// The formatted text did not parse. This is a bug in the formatter; the file is left as
    /// it is.
    #[error(
        "the formatted text is not valid TOML ({message}); the file is left as it is (a bug in faultline fmt: please report it)"
    )]
    InvalidOutput {
        /// The parser's message.
        message: String,
    },
    /// A value given to [`write`](crate::write) does not serialise to a table of keys.
    #[error("cannot write the record: {message}")]
    NotARecord {
        /// Why.
        message: String,
    },
}
