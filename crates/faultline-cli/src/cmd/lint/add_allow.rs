//! `faultline lint --add-allow REASON`: a suppression comment,
//! `# faultline: allow(RULE[, RULE...]) REASON`, above the table of every current finding (as
//! ruff's `--add-noqa`), so that a new rule can be switched on and the findings it makes on
//! existing records reviewed later. Every other line of the file is kept as it was; each file
//! is written atomically, inside its dataset.
//!
//! The comment goes on the line above the table header (`[date]`, `[[casualties]]`) the
//! finding is in, or, for a top-level key of a record file, above the key; the findings of one
//! table share one comment. Some findings cannot carry a suppression and are listed on
//! standard error instead: those in JSON and JSON Lines files (JSON has no comments), in files
//! that did not load (`parse-error`, `schema-violation`: fix them), about suppressions
//! themselves, and about the dataset as a whole.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use faultline_dataset::FileFormat;
use faultline_validate::{Area, Diagnostic};
use miette::{IntoDiagnostic, miette};

use super::{MAX_FIX_BYTES, Run};
use crate::confine::Roots;
use crate::exit::Outcome;

/// What was done.
#[derive(Debug, Default)]
struct Tally {
    comments: usize,
    findings: usize,
    files: usize,
    /// The findings that could not be given a suppression, with why.
    skipped: Vec<(String, &'static str)>,
}

/// Adds the suppressions; exit 1 when some findings could not be given one.
pub(super) fn run(run: Run, reason: &str, stdin: Option<&Path>) -> miette::Result<Outcome> {
    let reason = reason.trim();
    if reason.is_empty() || reason.contains(['\n', '\r']) {
        return Err(miette!(
            help = "e.g. --add-allow \"existing records, to review (issue 42)\"",
            "--add-allow needs a reason on one line: a suppression without one is itself reported"
        ));
    }
    let Run { groups, roots } = run;
    let mut tally = Tally::default();
    let mut file: Option<(PathBuf, Vec<Diagnostic>)> = None;
    for g in groups {
        for d in g.findings {
            let d = d.into_diagnostic()?;
            if file.as_ref().is_some_and(|(p, _)| *p != d.region.path)
                && let Some((path, found)) = file.take()
            {
                add_to_file(&roots, &path, found, reason, &mut tally)?;
            }
            file.get_or_insert_with(|| (d.region.path.clone(), Vec::new()))
                .1
                .push(d);
        }
    }
    if let Some((path, found)) = file.take() {
        add_to_file(&roots, &path, found, reason, &mut tally)?;
    }
    super::stdin::echo_if_untouched(&roots, stdin, tally.files > 0)?;
    let mut report = String::new();
    for (finding, why) in &tally.skipped {
        let _ = writeln!(report, "not suppressed: {finding} ({why})");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        report,
        "added {} for {} in {}{}",
        plural(
            tally.comments,
            "suppression comment",
            "suppression comments"
        ),
        plural(tally.findings, "finding", "findings"),
        plural(tally.files, "file", "files"),
        if tally.skipped.is_empty() {
            String::new()
        } else {
            format!("; {} could not be suppressed", tally.skipped.len())
        }
    );
    std::io::stderr()
        .lock()
        .write_all(report.as_bytes())
        .into_diagnostic()?;
    Ok(if tally.skipped.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Why a finding cannot carry a suppression comment, if it cannot.
fn cannot_suppress(d: &Diagnostic) -> Option<&'static str> {
    let meta = faultline_validate::meta(d.rule)?;
    if meta.always_on {
        return Some("the record does not load: fix it");
    }
    if meta.area == Area::Suppressions {
        return Some("a finding about a suppression comment: fix the comment");
    }
    if d.region.path.is_dir() {
        return Some("a finding about the dataset as a whole, not about a file");
    }
    match FileFormat::from_path(&d.region.path) {
        Some(FileFormat::Toml) => None,
        Some(FileFormat::Json | FileFormat::JsonLines) => {
            Some("JSON has no comments, so a JSON or JSON Lines file cannot carry a suppression")
        }
        None => Some("not in a record file"),
    }
}

/// Adds the suppressions of one file's findings.
fn add_to_file(
    roots: &Roots,
    path: &Path,
    found: Vec<Diagnostic>,
    reason: &str,
    tally: &mut Tally,
) -> miette::Result<()> {
    let mut wanted: Vec<&Diagnostic> = Vec::new();
    for d in &found {
        match cannot_suppress(d) {
            Some(why) => tally.skipped.push((d.to_string(), why)),
            None => wanted.push(d),
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let Some(text) = roots.read_text(path, MAX_FIX_BYTES) else {
        for d in wanted {
            tally
                .skipped
                .push((d.to_string(), "the file cannot be read back as UTF-8 text"));
        }
        return Ok(());
    };
    let lines = scan(&text);
    // The line each comment goes above (0-based), with its rules.
    let mut at: BTreeMap<usize, BTreeSet<&'static str>> = BTreeMap::new();
    for d in &wanted {
        match anchor(&lines, d.region.line.saturating_sub(1)) {
            Some(line) => {
                at.entry(line).or_default().insert(d.rule);
                tally.findings += 1;
            }
            None => tally
                .skipped
                .push((d.to_string(), "no table or key line to stand above")),
        }
    }
    if at.is_empty() {
        return Ok(());
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + at.len() * 80);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rules) = at.get(&i) {
            let indent: String = line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let list: Vec<&str> = rules.iter().copied().collect();
            let _ = write!(
                out,
                "{indent}# faultline: allow({}) {reason}{newline}",
                list.join(", ")
            );
            tally.comments += 1;
        }
        out.push_str(line);
    }
    roots.write_back(path, out.as_bytes())?;
    tally.files += 1;
    Ok(())
}

/// What a line of a TOML text is, for placing a comment above it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Line {
    /// A table header: `[table]` or `[[array]]`.
    header: bool,
    /// Starts inside a multi-line string, array or inline table (a comment cannot go above it).
    continuation: bool,
    /// Blank, or only a comment.
    empty: bool,
}

/// Classifies each line of a TOML text (strings, comments and brackets followed).
fn scan(text: &str) -> Vec<Line> {
    #[derive(PartialEq)]
    enum State {
        Code,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut state = State::Code;
    let mut depth = 0usize;
    let mut current = Line {
        empty: true,
        ..Line::default()
    };
    let mut at_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let rest = &bytes[i..];
        if b == b'\n' {
            lines.push(current);
            current = Line {
                continuation: state != State::Code || depth > 0,
                header: false,
                empty: true,
            };
            if matches!(state, State::Basic | State::Literal) {
                state = State::Code;
            }
            at_start = true;
            i += 1;
            continue;
        }
        let first = at_start && !b.is_ascii_whitespace();
        if !b.is_ascii_whitespace() {
            at_start = false;
        }
        match state {
            State::Code => {
                if b == b'#' {
                    // A comment runs to the end of the line.
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                    continue;
                }
                current.empty = false;
                if first && depth == 0 && b == b'[' && !current.continuation {
                    current.header = true;
                    // A header stands alone on its line (a comment may follow it).
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                    continue;
                }
                match b {
                    b'"' if rest.starts_with(b"\"\"\"") => {
                        state = State::MultiBasic;
                        i += 3;
                        continue;
                    }
                    b'\'' if rest.starts_with(b"'''") => {
                        state = State::MultiLiteral;
                        i += 3;
                        continue;
                    }
                    b'"' => state = State::Basic,
                    b'\'' => state = State::Literal,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            State::Basic | State::MultiBasic if b == b'\\' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                } else {
                    i += 2;
                }
                continue;
            }
            State::Basic if b == b'"' => state = State::Code,
            State::Literal if b == b'\'' => state = State::Code,
            State::MultiBasic if rest.starts_with(b"\"\"\"") => {
                state = State::Code;
                i += 3;
                continue;
            }
            State::MultiLiteral if rest.starts_with(b"'''") => {
                state = State::Code;
                i += 3;
                continue;
            }
            _ => current.empty = false,
        }
        i += 1;
    }
    lines.push(current);
    lines
}

/// The line (0-based) a suppression of a finding on line `line` goes above: the header of
/// the table it is in, else the start of the top-level key it is in.
fn anchor(lines: &[Line], line: usize) -> Option<usize> {
    let line = line.min(lines.len().checked_sub(1)?);
    if let Some(header) = (0..=line).rev().find(|&l| lines[l].header) {
        return Some(header);
    }
    (0..=line)
        .rev()
        .find(|&l| !lines[l].continuation && !lines[l].empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_comments_above_headers_and_keys() {
        let text = "#:schema x\nid = \"a\"\nsources = [\n  \"s\",\n  \"t\",\n]\nnote = \"\"\"\n[not a header]\n\"\"\"\n\n[date]\nstart = 2021-01-01\n\n[[casualties]]\n# comment\ncount = { low = 1,\n  high = 2 }\n";
        let lines = scan(text);
        assert!(lines[10].header && lines[13].header);
        assert!(!lines[7].header && lines[7].continuation);
        assert_eq!(anchor(&lines, 1), Some(1)); // id
        assert_eq!(anchor(&lines, 4), Some(2)); // inside the sources array
        assert_eq!(anchor(&lines, 7), Some(6)); // inside the multi-line string
        assert_eq!(anchor(&lines, 11), Some(10)); // [date]
        assert_eq!(anchor(&lines, 16), Some(13)); // [[casualties]]
        assert_eq!(anchor(&lines, 0), None); // the `#:schema` comment
    }
}
