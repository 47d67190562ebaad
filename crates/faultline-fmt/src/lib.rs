//! # faultline-fmt
//!
//! Canonical formatting of [faultline](https://github.com/faultline-data/faultline) record
//! files (`faultline fmt`): keys in the order of `docs/record-format.md` (unknown keys kept,
//! after the known ones), standard tables and arrays of tables (`[date]`, `[[casualties]]`)
//! with inline tables only for `count = { low, high }` and name variants, basic strings
//! (multi-line strings kept exactly as written), dates as TOML local dates (a quoted
//! `"2021-11-16"` in a date field becomes `2021-11-16`), one blank line before each table and a
//! final newline.
//!
//! Every comment stays with the key, value or table it belongs to: a comment above a key or a
//! `[[table]]` header moves with it when keys or tables are reordered (so a
//! `# faultline: allow(...)` suppression stays above its `[[casualties]]`), a comment at the
//! end of a line stays at the end of that line, and a comment glued to the end of a table
//! (followed by a blank line) stays at the end of that table. The file's own header — the
//! `#:schema` directive and any comment block at the top — stays at the top.
//!
//! Formatting is checked before anything is returned: the result must parse, hold the same
//! values and the same comments as the original; otherwise [`format_record`] fails and the
//! caller leaves the file alone. Formatting a formatted file changes nothing.
//!
//! The layout is written down once, in [`shape`], and [`write`](mod@write) writes records through it:
//! a file written by [`write::event`] (as `faultline import` does) is already formatted.
//!
//! ## Example
//!
//! ```
//! use faultline_fmt::{RecordFile, format_record};
//!
//! let messy = r#"#:schema ../../../schema/event.schema.json
//! title = 'Shots fired'
//! id = "2024-04-10-shots-fired"
//! sources = ["news-2024-04-11"]
//! date = { start = "2024-04-10", precision = "day" }
//! kind = "ceasefire-violation"
//! summary = "..."
//!
//! ## faultline: allow(unattributed-casualty) the article names no claimant
//! [[casualties]]
//! count = { high = 3, low = 1 }
//! category = "wounded"
//! party = "armenia-armed-forces"
//! source = "news-2024-04-11"
//! "#;
//! let tidy = format_record(messy, RecordFile::Event)?;
//! assert_eq!(tidy, r#"#:schema ../../../schema/event.schema.json
//! id = "2024-04-10-shots-fired"
//! title = "Shots fired"
//! kind = "ceasefire-violation"
//! summary = "..."
//! sources = ["news-2024-04-11"]
//!
//! [date]
//! start = 2024-04-10
//! precision = "day"
//!
//! ## faultline: allow(unattributed-casualty) the article names no claimant
//! [[casualties]]
//! party = "armenia-armed-forces"
//! category = "wounded"
//! count = { low = 1, high = 3 }
//! source = "news-2024-04-11"
//! "#);
//! assert_eq!(format_record(&tidy, RecordFile::Event)?, tidy);
//! # Ok::<(), faultline_fmt::FormatError>(())
//! ```

mod comments;
mod emit;
pub mod error;
mod layout;
pub mod shape;
mod tree;
mod verify;
pub mod write;

use faultline_model::RecordKind;
use toml_edit::DocumentMut;

pub use error::FormatError;

/// The kinds of record files, each with its documented layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordFile {
    /// `events/<year>/<id>.toml`: one event.
    Event,
    /// `sources/<id>.toml`: one source.
    Source,
    /// `places.toml`: `[[place]]` tables.
    Places,
    /// `actors.toml`: `[[actor]]` tables.
    Actors,
}

impl RecordFile {
    /// Every kind of record file.
    pub const ALL: [RecordFile; 4] = [Self::Event, Self::Source, Self::Places, Self::Actors];

    /// The layout of the file's top level.
    pub fn shape(self) -> shape::Shape {
        match self {
            Self::Event => shape::Shape::Event,
            Self::Source => shape::Shape::Source,
            Self::Places => shape::Shape::Places,
            Self::Actors => shape::Shape::Actors,
        }
    }

    /// The file of `schema/` that describes a whole file of this kind (the schema of one
    /// record for an event or a source file, that of the array of tables for `places.toml`
    /// and `actors.toml`); the names are the model's.
    pub fn schema_file(self) -> String {
        match self {
            Self::Event => RecordKind::Event.schema_file(),
            Self::Source => RecordKind::Source.schema_file(),
            Self::Places => RecordKind::Place.registry_schema_file().unwrap_or_default(),
            Self::Actors => RecordKind::Actor.registry_schema_file().unwrap_or_default(),
        }
    }

    /// How many folders below the dataset directory a file of this kind stands:
    /// `events/<year>/` two, `sources/` one, `places.toml` and `actors.toml` none.
    pub fn depth(self) -> usize {
        match self {
            Self::Event => 2,
            Self::Source => 1,
            Self::Places | Self::Actors => 0,
        }
    }

    /// The `#:schema` directive (without `#:schema `) of a file of this kind, for editors:
    /// the path from the file to its schema, when the schema folder is `schema_dir`,
    /// relative to the dataset directory ([`SCHEMA_DIR`] in this repository:
    /// `../../../schema/event.schema.json` for an event).
    pub fn schema_directive(self, schema_dir: &str) -> String {
        let up = "../".repeat(self.depth());
        let dir = schema_dir.trim_end_matches('/');
        format!("{up}{dir}/{}", self.schema_file())
    }
}

/// Where the schemas are in the repository's layout, relative to the dataset directory: the
/// folder `schema/` beside `data/`.
pub const SCHEMA_DIR: &str = "../schema";

/// The folder of schemas that a dataset directory's `#:schema` lines can point at, relative
/// to the dataset: [`SCHEMA_DIR`], when it holds every schema a record file names. `None`
/// otherwise: record files are then written without a directive rather than with one that
/// leads nowhere (`faultline schema --out <dataset>/../schema` writes the schemas). Nothing
/// is read, only whether the files are there is asked.
pub fn find_schema_dir(data: &std::path::Path) -> Option<&'static str> {
    // `<data>/..` taken by name: the dataset directory may not exist yet (an import).
    let beside = match data.components().next_back() {
        Some(std::path::Component::Normal(_)) => data
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf(),
        _ => data.join(".."),
    };
    let dir = beside.join(SCHEMA_DIR.trim_start_matches("../"));
    RecordFile::ALL
        .iter()
        .all(|f| dir.join(f.schema_file()).is_file())
        .then_some(SCHEMA_DIR)
}

/// Formats the text of a record file. Returns the canonical text (equal to `text` when it is
/// already canonical), or why it could not be formatted — in which case the file must be left
/// as it is.
pub fn format_record(text: &str, kind: RecordFile) -> Result<String, FormatError> {
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let offset = e.span().map_or(0, |s| s.start).min(text.len());
        let (line, column) = line_column(text, offset);
        FormatError::Syntax {
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    })?;
    let mut tree = tree::build(&doc);
    layout::table(&mut tree.root, kind.shape());
    let out = emit::document(&tree);
    verify::check(&doc, &out)?;
    Ok(out)
}

/// `s` as a TOML basic string, quoted and escaped the way the formatter writes strings
/// (`"`, `\\` and control characters escaped, everything else as is).
///
/// ```
/// assert_eq!(faultline_fmt::basic_string("Sev Lake \"Garagol\""), r#""Sev Lake \"Garagol\"""#);
/// ```
pub fn basic_string(s: &str) -> String {
    emit::basic(s)
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_positions() {
        let err = format_record("id = \"x\"\ntitle = \n", RecordFile::Event).expect_err("invalid");
        let FormatError::Syntax { line, column, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!((line, column), (2, 9));
    }
}
