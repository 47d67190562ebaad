//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), which GitLab shows
//! in merge requests when a job uploads it as `artifacts: reports: codequality`.
//!
//! ```json
//! [{"description": "...", "check_name": "future-date", "fingerprint": "5d0f...",
//!   "severity": "major", "location": {"path": "data/events/...", "lines": {"begin": 8, "end": 8}}}]
//! ```
//!
//! Severities: error → `major`, warning → `minor`, info → `info`. The fingerprint is the
//! first 32 hexadecimal digits of the SHA-256 of the rule, the file, the message and how many
//! findings with that rule and message came before it in the file — not the line, so a
//! finding keeps its fingerprint when lines above it move and GitLab does not count it as
//! new. Findings come file by file, so only the current file's counts are held.

use std::collections::HashMap;
use std::io::{self, Write};

use faultline_validate::{Diagnostic, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Render, write_json_nested};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The Code Quality severity of a finding.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The report, written as the findings come.
#[derive(Default)]
pub(crate) struct Gitlab {
    written: usize,
    /// The file of the findings being written, and how many of each rule and message it has
    /// had so far.
    file: String,
    seen: HashMap<(&'static str, String), u64>,
}

/// The fingerprint of the `n`-th finding (from 0) of `rule` with `message` in `file`.
pub(crate) fn fingerprint(rule: &str, file: &str, message: &str, n: u64) -> String {
    let mut hash = Sha256::new();
    for part in [rule.as_bytes(), file.as_bytes(), message.as_bytes()] {
        hash.update(part);
        hash.update([0]);
    }
    hash.update(n.to_le_bytes());
    hash.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Render for Gitlab {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn finding(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        if d.region.file != self.file {
            self.file.clone_from(&d.region.file);
            self.seen.clear();
        }
        let n = self.seen.entry((d.rule, d.message.clone())).or_insert(0);
        let fingerprint = fingerprint(d.rule, &d.region.file, &d.message, *n);
        *n += 1;
        let mut description = d.message.clone();
        if let Some(help) = &d.help {
            description.push_str("\nhelp: ");
            description.push_str(help);
        }
        let issue = Issue {
            description,
            check_name: d.rule,
            fingerprint,
            severity: severity(d.severity),
            location: Location {
                path: &d.region.file,
                lines: Lines {
                    begin: d.region.line,
                    end: d.region.end_line,
                },
            },
        };
        write_json_nested(out, &issue, 2)
    }

    fn end(
        &mut self,
        out: &mut dyn Write,
        _summary: &faultline_validate::Summary,
    ) -> io::Result<()> {
        if self.written > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"]\n")
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        // A fixed value: a change of the hash would make GitLab see every finding as new.
        assert_eq!(
            fingerprint(
                "place-alias",
                "data/events/2021/2021-05-12-advance.toml",
                "`Garagol` is a name of the place `sev-lake`, not its id",
                0
            ),
            "a74eb5da90d73d6139606d5e2f310596"
        );
        assert_eq!(
            fingerprint("future-date", "data/events/x.toml", "in the future", 0).len(),
            32
        );
        assert_ne!(
            fingerprint("future-date", "data/events/x.toml", "in the future", 0),
            fingerprint("future-date", "data/events/x.toml", "in the future", 1)
        );
        assert_ne!(
            fingerprint("future-date", "a", "bc", 0),
            fingerprint("future-date", "ab", "c", 0)
        );
    }
}
