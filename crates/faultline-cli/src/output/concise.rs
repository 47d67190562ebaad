//! `--format concise`: one line per finding.

use std::io::{self, Write};

use faultline_validate::Diagnostic;

use super::Render;

/// `file:line:col: severity[rule] message`, one per line, then nothing else.
pub(crate) struct Concise;

impl Render for Concise {
    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        writeln!(out, "{d}")
    }
}
