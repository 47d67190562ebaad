//! Suppression comments: `# faultline: allow(RULE[, RULE...]) REASON`.
//!
//! A suppression stands on the line of the offending value (after it), or alone on the line
//! above the value or above the table the value belongs to (other comment lines may come
//! between). The reason is mandatory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use faultline_dataset::{Dataset, FileFormat, FileId, Span};

use crate::diagnostic::Region;
use crate::found::{FileTable, Located};
use crate::registry;
use crate::suggest::did_you_mean;

/// The marker that starts a suppression comment.
pub(crate) const MARKER: &str = "faultline:";

/// One well-formed suppression comment.
#[derive(Debug, Clone)]
pub(crate) struct Suppression {
    pub(crate) file: FileId,
    /// The line the suppression applies to.
    pub(crate) target_line: usize,
    /// The rule names, each with its span.
    pub(crate) rules: Vec<(&'static str, Span)>,
}

/// A malformed suppression comment.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) file: FileId,
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// Every suppression comment of a dataset.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    pub(crate) list: Vec<Suppression>,
    pub(crate) problems: Vec<Problem>,
}

const FORM: &str = "the form is `# faultline: allow(RULE[, RULE...]) REASON`";

impl Suppressions {
    /// Finds the suppression comments of the TOML files that `keep` accepts.
    pub(crate) fn scan(
        dataset: &Dataset,
        keep: impl Fn(&faultline_dataset::SourceFile) -> bool,
    ) -> Self {
        let mut out = Self::default();
        for (i, file) in dataset.files.iter().enumerate() {
            if file.format != FileFormat::Toml || !keep(file) {
                continue;
            }
            // Most files hold no suppression: a fast search spares them the comment scan.
            if !file.text.contains(MARKER) {
                continue;
            }
            let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
            for comment in comments(&file.text) {
                out.parse(id, &file.text, comment);
            }
        }
        out
    }

    fn parse(&mut self, file: FileId, text: &str, c: Comment) {
        let body = &text[c.span.start + 1..c.span.end];
        let trimmed = body.trim_start();
        let Some(rest) = trimmed.strip_prefix(MARKER) else {
            return;
        };
        let rest_at = c.span.end - rest.len();
        let problem = |span: Span, message: String, help: &str| Problem {
            file,
            span,
            message,
            help: help.to_owned(),
        };
        let after = rest.trim_start();
        let after_at = rest_at + (rest.len() - after.len());
        let Some(list) = after.strip_prefix("allow(") else {
            self.problems
                .push(problem(c.span, "not a suppression comment".into(), FORM));
            return;
        };
        let list_at = after_at + "allow(".len();
        let Some(close) = list.find(')') else {
            self.problems.push(problem(
                c.span,
                "the rule list is not closed with `)`".into(),
                FORM,
            ));
            return;
        };
        let mut rules = Vec::new();
        let mut ok = true;
        let mut offset = 0;
        for raw in list[..close].split(',') {
            let name = raw.trim();
            let start = list_at + offset + (raw.len() - raw.trim_start().len());
            let span = Span::new(start, start + name.len());
            offset += raw.len() + 1;
            match registry::meta(name) {
                Some(meta) => rules.push((meta.name, span)),
                None if name.is_empty() => {
                    ok = false;
                    self.problems.push(problem(
                        span,
                        "empty rule name in a suppression".into(),
                        FORM,
                    ));
                }
                None => {
                    ok = false;
                    let help = did_you_mean(name, registry::metas().map(|m| m.name)).map_or_else(
                        || "`faultline rules` lists every rule".to_owned(),
                        |m| format!("did you mean `{m}`?"),
                    );
                    self.problems.push(problem(
                        span,
                        format!("unknown rule `{name}` in a suppression"),
                        &help,
                    ));
                }
            }
        }
        let reason = list[close + 1..].trim();
        if reason.is_empty() {
            self.problems.push(problem(
                c.span,
                "a suppression needs a reason".into(),
                "say why after the rule list, e.g. `# faultline: allow(unattributed-casualty) the article names no claimant: \"There are reports of\"`",
            ));
            return;
        }
        if ok {
            self.list.push(Suppression {
                file,
                target_line: c.target_line,
                rules,
            });
        }
    }

    /// Every rule the suppressions name, as an [`Allow`] not used yet.
    pub(crate) fn allows(&self, dataset: &Dataset) -> Vec<Allow> {
        let mut out = Vec::new();
        for s in &self.list {
            let file = dataset.file(s.file);
            let in_unloaded_file = dataset.errors.iter().any(|e| e.file == Some(s.file));
            for (rule, span) in &s.rules {
                out.push(Allow {
                    rule,
                    path: file.path.clone(),
                    target_line: s.target_line,
                    region: Region::new(file, Some(s.file), *span),
                    in_unloaded_file,
                    used: false,
                });
            }
        }
        out
    }
}

/// One rule named in a well-formed suppression comment, and whether it has suppressed a
/// finding yet.
#[derive(Debug, Clone)]
pub(crate) struct Allow {
    /// The rule.
    pub(crate) rule: &'static str,
    /// The file the comment stands in.
    pub(crate) path: PathBuf,
    /// The line the comment applies to.
    pub(crate) target_line: usize,
    /// Where the rule's name stands in the comment.
    pub(crate) region: Region,
    /// Whether some record of the file failed to load.
    pub(crate) in_unloaded_file: bool,
    /// Whether it has suppressed a finding.
    pub(crate) used: bool,
}

/// Drops the findings that an allow covers and marks those allows used. An allow covers a
/// finding of its rule, in its file, when its target line is one of the lines where a
/// suppression of the finding may stand (the finding's own line and those of the tables
/// that enclose it). Every suppression, in either phase, is matched here.
pub(crate) fn suppress(
    allows: &mut [Allow],
    found: Vec<Located>,
    files: &FileTable,
) -> Vec<Located> {
    if allows.is_empty() {
        return found;
    }
    let mut by_file: HashMap<&Path, HashMap<usize, Vec<usize>>> = HashMap::new();
    for (i, a) in allows.iter().enumerate() {
        by_file
            .entry(a.path.as_path())
            .or_default()
            .entry(a.target_line)
            .or_default()
            .push(i);
    }
    let mut used = vec![false; allows.len()];
    let kept = found
        .into_iter()
        .filter(|d| {
            let Some(lines) = by_file.get(files.get(d.at.file).path.as_path()) else {
                return true;
            };
            let mut suppressed = false;
            for line in &d.anchors {
                for &i in lines.get(line).into_iter().flatten() {
                    if allows[i].rule == d.meta.name {
                        used[i] = true;
                        suppressed = true;
                    }
                }
            }
            !suppressed
        })
        .collect();
    for (allow, used) in allows.iter_mut().zip(used) {
        allow.used |= used;
    }
    kept
}

/// A comment: its span (from `#` to the end of the line) and the line it applies to.
struct Comment {
    span: Span,
    target_line: usize,
}

/// Finds the comments of a TOML text, skipping `#` inside strings.
fn comments(text: &str) -> Vec<Comment> {
    #[derive(PartialEq)]
    enum State {
        Code,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let bytes = text.as_bytes();
    let mut found: Vec<(Span, usize, bool)> = Vec::new(); // span, line, alone on its line
    let mut state = State::Code;
    let mut line = 1;
    let mut line_has_code = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let rest = &bytes[i..];
        match state {
            State::Code => match b {
                b'#' => {
                    let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                    let end = if text[..end].ends_with('\r') {
                        end - 1
                    } else {
                        end
                    };
                    found.push((Span::new(i, end), line, !line_has_code));
                    i = end;
                    continue;
                }
                b'"' if rest.starts_with(b"\"\"\"") => {
                    state = State::MultiBasic;
                    i += 3;
                    line_has_code = true;
                    continue;
                }
                b'\'' if rest.starts_with(b"'''") => {
                    state = State::MultiLiteral;
                    i += 3;
                    line_has_code = true;
                    continue;
                }
                b'"' => state = State::Basic,
                b'\'' => state = State::Literal,
                _ => {}
            },
            State::Basic | State::MultiBasic if b == b'\\' => {
                // An escape; a backslash that ends a line still ends a line.
                if bytes.get(i + 1) == Some(&b'\n') {
                    line += 1;
                    line_has_code = false;
                }
                i += 2;
                continue;
            }
            State::Basic if b == b'"' || b == b'\n' => state = State::Code,
            State::Literal if b == b'\'' || b == b'\n' => state = State::Code,
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
            _ => {}
        }
        if b == b'\n' {
            line += 1;
            line_has_code = false;
        } else if !b.is_ascii_whitespace() {
            line_has_code = true;
        }
        i += 1;
    }
    // A comment alone on its line applies to the next line that is not blank or a comment.
    let lines: Vec<&str> = text.split('\n').collect();
    found
        .into_iter()
        .map(|(span, line, alone)| {
            let target_line = if alone {
                (line + 1..=lines.len())
                    .find(|l| {
                        let t = lines[l - 1].trim();
                        !t.is_empty() && !t.starts_with('#')
                    })
                    .unwrap_or(line)
            } else {
                line
            };
            Comment { span, target_line }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings() {
        let text =
            "a = \"x # not\" # trailing\n# alone\n\n# second\nb = '''\n# in string\n'''\nc = 1\n";
        let cs = comments(text);
        let got: Vec<(&str, usize)> = cs
            .iter()
            .map(|c| (&text[c.span.range()], c.target_line))
            .collect();
        assert_eq!(got, [("# trailing", 1), ("# alone", 5), ("# second", 5)]);
    }

    #[test]
    fn line_ending_backslashes_in_strings_still_count_as_lines() {
        let text = "note = \"\"\"one \\\ntwo\"\"\"\n# c\n[[t]]\n";
        let cs = comments(text);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].target_line, 4);
    }
}
