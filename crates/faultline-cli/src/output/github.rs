//! `--format github`: GitHub Actions workflow commands, which annotate the pull request.

use std::io::{self, Write};

use faultline_validate::{Diagnostic, Severity};

use super::Render;

/// Escapes a message (data) of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=PATH,line=L,col=C,endLine=..,endColumn=..,title=RULE::message`, one per
/// finding (`::warning` and `::notice` for the other severities).
pub(crate) struct Github;

impl Render for Github {
    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let r = &d.region;
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&r.file),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(d.rule),
            escape_data(&message)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
