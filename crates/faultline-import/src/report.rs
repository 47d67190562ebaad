//! The import report: rows read, mapped and rejected (with reasons), and what was created.

use std::fmt;

use serde::Serialize;

use crate::error::RowError;
use crate::filter::LeftOut;

/// What an import did. Serialises to JSON for `--report FILE`; [`Display`](fmt::Display) gives
/// the human summary printed on standard error.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// The file imported, as given.
    pub file: String,
    /// The input format: `acled`, `ucdp` or `jsonl`.
    pub format: String,
    /// The variant detected from the header (for ACLED: the generation of the export).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Data rows read (header and HXL rows not counted).
    pub rows_read: u64,
    /// Rows that became events.
    pub rows_mapped: u64,
    /// Rows that were rejected; see `rejected`.
    pub rows_rejected: u64,
    /// Rows left out by `--country`, `--since` and `--until` (counted in `rows_read`).
    #[serde(skip_serializing_if = "LeftOut::is_empty")]
    pub left_out: LeftOut,
    /// Whether the import stopped at the first bad row (strict mode).
    pub stopped_early: bool,
    /// Records created.
    pub created: Created,
    /// Every rejected row, with file, line, column and reason.
    pub rejected: Vec<RowError>,
    /// Remarks on the whole import (e.g. how many kinds were approximated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    /// Defects of the source data itself that the linter will report on the imported records
    /// (a UCDP row citing a report dated before its event: `event-after-report`), each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source_data: Vec<SourceDataFinding>,
}

/// A defect of the source data itself, found while importing a row: the imported records
/// keep it (they say what the row says), and the linter reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceDataFinding {
    /// The line of the row in the input file.
    pub line: u64,
    /// The row's id in its dataset (ACLED `event_id_cnty`, UCDP `relid`).
    pub row: String,
    /// The lint rule that reports it on the imported records.
    pub rule: &'static str,
    /// What is wrong, in the row's own terms.
    pub message: String,
}

/// How many records of each kind an import created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Created {
    /// Events (one per mapped row).
    pub events: usize,
    /// Source records (the file, a dataset's export, and the sources its rows name).
    pub sources: usize,
    /// Gazetteer entries.
    pub places: usize,
    /// Actors.
    pub actors: usize,
}

impl ImportReport {
    /// Whether any row was rejected.
    pub fn has_rejections(&self) -> bool {
        self.rows_rejected > 0
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data to a string cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variant = self
            .variant
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        writeln!(f, "import {} from {}{variant}", self.format, self.file)?;
        writeln!(
            f,
            "  rows read {}, mapped {}, rejected {}{}",
            self.rows_read,
            self.rows_mapped,
            self.rows_rejected,
            if self.stopped_early {
                " (stopped at the first bad row: --strict)"
            } else {
                ""
            }
        )?;
        if !self.left_out.is_empty() {
            writeln!(f, "  {}", self.left_out)?;
        }
        let c = &self.created;
        writeln!(
            f,
            "  created {} events, {} sources, {} places, {} actors",
            c.events, c.sources, c.places, c.actors
        )?;
        for r in &self.remarks {
            writeln!(f, "  note: {r}")?;
        }
        const SHOWN: usize = 20;
        if !self.source_data.is_empty() {
            writeln!(
                f,
                "  {} defects of the source data itself, kept as the rows give them (the linter reports each):",
                self.source_data.len()
            )?;
            for d in self.source_data.iter().take(SHOWN) {
                writeln!(
                    f,
                    "    {}:{}: {} [{}]: {}",
                    self.file, d.line, d.row, d.rule, d.message
                )?;
            }
            if self.source_data.len() > SHOWN {
                writeln!(
                    f,
                    "    ... and {} more (the JSON report lists them all)",
                    self.source_data.len() - SHOWN
                )?;
            }
        }
        for e in self.rejected.iter().take(SHOWN) {
            writeln!(f, "  rejected {e}")?;
        }
        if self.rejected.len() > SHOWN {
            writeln!(
                f,
                "  ... and {} more rejected rows (the JSON report lists them all)",
                self.rejected.len() - SHOWN
            )?;
        }
        Ok(())
    }
}
