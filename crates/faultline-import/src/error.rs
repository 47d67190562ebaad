//! Typed errors: a file that cannot be imported at all ([`ImportError`]), and a row that is
//! rejected while the import goes on ([`RowError`]).

use serde::Serialize;

/// A fatal error: the file cannot be imported at all (nothing is mapped).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file holds no header and no row.
    #[error("{path}: the file is empty")]
    Empty {
        /// The file.
        path: String,
    },
    /// The header line is not UTF-8 text (or is UTF-16).
    #[error("{path}:{line}: the header is not UTF-8 text; save the file as UTF-8")]
    HeaderNotUtf8 {
        /// The file.
        path: String,
        /// The header's line.
        line: u64,
    },
    /// The header lacks columns every file of the format has.
    #[error(
        "{path}:{line}: this is not {format} data: the header lacks {} (it has: {}{})",
        .missing.join(", "),
        .found.iter().take(12).cloned().collect::<Vec<_>>().join(", "),
        if .found.len() > 12 { ", ..." } else { "" }
    )]
    UnknownHeader {
        /// The file.
        path: String,
        /// The header's line.
        line: u64,
        /// The format that was expected (`ACLED`, `UCDP GED`).
        format: &'static str,
        /// The required columns that were not found.
        missing: Vec<String>,
        /// The columns that were found.
        found: Vec<String>,
    },
}

/// A row that could not be mapped: where it is, which column, and why. The import goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{}{kind}", .column.as_ref().map(|c| format!(" column `{c}`: ")).unwrap_or_else(|| " ".to_owned()))]
pub struct RowError {
    /// The file, as given.
    pub file: String,
    /// The 1-based line where the row starts.
    pub line: u64,
    /// The column (CSV) or JSON pointer (JSON Lines) at fault, when one is.
    pub column: Option<String>,
    /// Why the row was rejected.
    pub kind: RowErrorKind,
}

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum RowErrorKind {
    /// The row has more or fewer cells than the header.
    #[error("the row has {found} cells, the header {expected}")]
    ColumnCount {
        /// Cells in the header.
        expected: usize,
        /// Cells in the row.
        found: usize,
    },
    /// The CSV text itself is broken (e.g. an unterminated quote).
    #[error("broken CSV: {message}")]
    Csv {
        /// What the CSV reader said.
        message: String,
    },
    /// A cell holds bytes that are not UTF-8.
    #[error("the cell is not UTF-8 text (first bad byte at offset {offset} of the cell)")]
    NotUtf8 {
        /// The offset of the first bad byte within the cell.
        offset: usize,
    },
    /// A cell is larger than the limit.
    #[error("the cell is {size} bytes, more than the {limit}-byte limit")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit ([`ImportOptions::max_cell_bytes`](crate::ImportOptions)).
        limit: usize,
    },
    /// A required cell is empty or `NA`.
    #[error("the cell is empty, and every row needs a value here")]
    Missing,
    /// The text is not a date in any form the format uses.
    #[error("`{value}` is not a date ({expected})")]
    DateFormat {
        /// The cell.
        value: String,
        /// The forms accepted.
        expected: &'static str,
    },
    /// A date that does not exist (30 February).
    #[error("`{value}` is an impossible date: {reason}")]
    ImpossibleDate {
        /// The cell.
        value: String,
        /// Why.
        reason: String,
    },
    /// A number was expected.
    #[error("`{value}` is not {expected}")]
    NotANumber {
        /// The cell.
        value: String,
        /// What was expected ("a decimal number", "a whole number of 0 or more").
        expected: &'static str,
    },
    /// A number outside its range (a latitude of 123).
    #[error("{value} is out of range: {range}")]
    OutOfRange {
        /// The cell.
        value: String,
        /// The allowed range, in words.
        range: &'static str,
    },
    /// A code outside the format's list (a `geo_precision` of 7).
    #[error("`{value}` is not one of {allowed}")]
    BadCode {
        /// The cell.
        value: String,
        /// The allowed codes.
        allowed: &'static str,
    },
    /// A JSON Lines line that is not a valid faultline event.
    #[error("{message}")]
    Json {
        /// What the parser or the model said.
        message: String,
    },
    /// A JSON Lines event whose id was already used by an earlier line.
    #[error("the id `{id}` was already used on line {first_line}")]
    DuplicateId {
        /// The id.
        id: String,
        /// The line that used it first.
        first_line: u64,
    },
}

/// Serialised with the human message beside the typed details:
/// `{"file", "line", "column", "message", "error": "impossible-date", ...}`.
impl Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            file: &'a str,
            line: u64,
            #[serde(skip_serializing_if = "Option::is_none")]
            column: Option<&'a str>,
            message: String,
            #[serde(flatten)]
            detail: &'a RowErrorKind,
        }
        Repr {
            file: &self.file,
            line: self.line,
            column: self.column.as_deref(),
            message: self.kind.to_string(),
            detail: &self.kind,
        }
        .serialize(s)
    }
}
