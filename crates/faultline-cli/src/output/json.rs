//! `--format json`: the machine-readable contract.
//!
//! ```json
//! {"diagnostics": [{"rule", "severity", "message", "file", "line", "column",
//!                   "end_line", "end_column", "help"}],
//!  "summary": {"errors", "warnings", "infos", "files", "events"}}
//! ```
//!
//! Pretty-printed, with a final newline; written as the findings come.

use std::io::{self, Write};

use faultline_validate::{Diagnostic, Summary};
use serde::Serialize;

use super::{Render, write_json_nested};

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

/// The JSON document.
#[derive(Default)]
pub(crate) struct Json {
    written: usize,
}

impl Render for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"diagnostics\": [")
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        let item = Item {
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &d.region.file,
            line: d.region.line,
            column: d.region.column,
            end_line: d.region.end_line,
            end_column: d.region.end_column,
            help: d.help.as_deref(),
        };
        write_json_nested(out, &item, 4)
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        let mut summary_text = Vec::new();
        write_json_nested(&mut summary_text, summary, 2)?;
        // The first line follows the key.
        out.write_all(summary_text.trim_ascii_start())?;
        out.write_all(b"\n}\n")
    }
}
