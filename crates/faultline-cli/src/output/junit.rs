//! `--format junit`: JUnit XML, which GitLab, Jenkins and Azure DevOps show as test results.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="faultline">
//!   <testsuite name="data/events/2021/x.toml" tests="3" failures="2" errors="0" skipped="0">
//!     <testcase name="future-date at 8:9" classname="data/events/2021/x.toml" file="..." line="8">
//!       <failure message="..." type="error">data/events/2021/x.toml:8:9: error[future-date] ...</failure>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! One test suite per file, one test case per finding: errors and warnings fail (a
//! `<failure>` whose `type` is the severity), infos pass with their message in
//! `<system-out>`. A run without findings is one passing test case, so that a CI page shows
//! that the lint ran. `<testsuites>` carries no totals (they are known only at the end, and
//! readers add up the suites). Findings come file by file: one file's findings are held
//! until its suite is written.

use std::fmt::Write as _;
use std::io::{self, Write};

use faultline_validate::{Diagnostic, Severity, Summary};

use super::Render;

/// Escapes text for XML (attribute values and element content); characters XML 1.0 cannot
/// hold (control characters other than tab and line breaks) become U+FFFD.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The report: the findings of the current file, held until its suite is written.
#[derive(Default)]
pub(crate) struct Junit {
    file: String,
    cases: String,
    tests: usize,
    failures: usize,
    suites: usize,
}

impl Junit {
    fn flush(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.tests == 0 {
            return Ok(());
        }
        writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            escape(&self.file),
            self.tests,
            self.failures
        )?;
        out.write_all(self.cases.as_bytes())?;
        out.write_all(b"  </testsuite>\n")?;
        self.suites += 1;
        self.cases.clear();
        self.tests = 0;
        self.failures = 0;
        Ok(())
    }
}

impl Render for Junit {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"faultline\">\n",
        )
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        if d.region.file != self.file {
            self.flush(out)?;
            self.file.clone_from(&d.region.file);
        }
        self.tests += 1;
        let r = &d.region;
        let file = escape(&r.file);
        let _ = write!(
            self.cases,
            "    <testcase name=\"{} at {}:{}\" classname=\"{file}\" file=\"{file}\" line=\"{}\">",
            escape(d.rule),
            r.line,
            r.column,
            r.line
        );
        let mut body = d.to_string();
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        match d.severity {
            Severity::Error | Severity::Warning => {
                self.failures += 1;
                let _ = write!(
                    self.cases,
                    "\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                    escape(&d.message),
                    d.severity,
                    escape(&body)
                );
            }
            Severity::Info => {
                let _ = write!(
                    self.cases,
                    "\n      <system-out>{}</system-out>\n    ",
                    escape(&body)
                );
            }
        }
        self.cases.push_str("</testcase>\n");
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.flush(out)?;
        if self.suites == 0 {
            out.write_all(
                b"  <testsuite name=\"faultline\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase name=\"lint\" classname=\"faultline\"/>\n  </testsuite>\n",
            )?;
        }
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\td"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}\td"
        );
    }
}
