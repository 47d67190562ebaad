//! Comments as the formatter sees them: lines of a decor string (the whitespace and comments
//! toml_edit keeps around keys, values and table headers), and where each belongs.

/// One line of a comment block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// A comment, trimmed (`# text`).
    Comment(String),
    /// An empty line.
    Blank,
}

/// The comments attached to one key, value, array element or table header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Comments {
    /// Whole-line comments above it.
    pub(crate) above: Vec<Line>,
    /// The comment at the end of its line.
    pub(crate) same: Option<String>,
    /// Whole-line comments below it that belong to it (glued to it, then a blank line).
    pub(crate) below: Vec<Line>,
}

impl Comments {
    /// Whether there is no comment at all.
    pub(crate) fn is_empty(&self) -> bool {
        !has_comment(&self.above) && self.same.is_none() && !has_comment(&self.below)
    }

    /// Adds a comment found at the end of the line; a second one goes below.
    pub(crate) fn add_same(&mut self, comment: Option<String>) {
        match (comment, &self.same) {
            (None, _) => {}
            (Some(c), None) => self.same = Some(c),
            (Some(c), Some(_)) => self.below.insert(0, Line::Comment(c)),
        }
    }

    /// Moves every comment of `other` into `self`: its lines above go above, and so on.
    pub(crate) fn absorb(&mut self, other: Comments) {
        self.above.extend(other.above);
        self.add_same(other.same);
        self.below.extend(other.below);
    }
}

/// Whether a block holds at least one comment.
pub(crate) fn has_comment(lines: &[Line]) -> bool {
    lines.iter().any(|l| matches!(l, Line::Comment(_)))
}

/// The comment in one segment of a decor string, if any.
fn comment_in(segment: &str) -> Option<String> {
    segment.find('#').map(|i| segment[i..].trim().to_owned())
}

/// A decor string split into the comment on the line where it starts (when it starts in the
/// middle of a line, after a value or a comma) and the whole lines that follow.
///
/// The last segment, after the last newline, is the indentation before the next token and is
/// dropped, unless it holds a comment (at the end of a file without a final newline).
pub(crate) fn split_decor(raw: &str, starts_mid_line: bool) -> (Option<String>, Vec<Line>) {
    let segments: Vec<&str> = raw.split('\n').collect();
    let (same, rest) = if starts_mid_line {
        (comment_in(segments[0]), &segments[1..])
    } else {
        (None, &segments[..])
    };
    let mut lines = Vec::new();
    for (i, seg) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        match comment_in(seg) {
            Some(c) => lines.push(Line::Comment(c)),
            None if last => {}
            None => lines.push(Line::Blank),
        }
    }
    (same, lines)
}

/// Every comment in a decor string, trimmed.
pub(crate) fn comments_in(raw: &str) -> impl Iterator<Item = String> + '_ {
    raw.split('\n').filter_map(comment_in)
}

/// Normalizes a block: no blank line at the start, runs of blank lines collapsed to one, and a
/// block with no comment at all is empty.
pub(crate) fn tidy(lines: Vec<Line>) -> Vec<Line> {
    if !has_comment(&lines) {
        return Vec::new();
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        match line {
            Line::Blank if out.is_empty() || out.last() == Some(&Line::Blank) => {}
            other => out.push(other),
        }
    }
    out
}

/// Drops blank lines at the end of a block.
pub(crate) fn trim_end(mut lines: Vec<Line>) -> Vec<Line> {
    while lines.last() == Some(&Line::Blank) {
        lines.pop();
    }
    lines
}

/// Splits the block above a key or table header into the lines glued to what precedes it
/// (comments directly after the previous line, up to the first blank line) and the lines that
/// belong to what follows. Only a block that starts with a comment and has a blank line later
/// has a glued part.
pub(crate) fn split_glued(lines: Vec<Line>) -> (Vec<Line>, Vec<Line>) {
    let starts_glued = matches!(lines.first(), Some(Line::Comment(_)));
    match lines.iter().position(|l| *l == Line::Blank) {
        Some(blank) if starts_glued => {
            let mut glued = lines;
            let rest = glued.split_off(blank);
            (glued, rest)
        }
        _ => (Vec::new(), lines),
    }
}

/// Splits the first block of a file into the file's own header (kept at the top whatever is
/// reordered) and the lines that belong to the first key or table: everything up to the last
/// blank line is the header; without a blank line, only the leading `#:` directives are
/// (such as `#:schema ../../schema/event.schema.json`).
pub(crate) fn split_file_header(lines: Vec<Line>) -> (Vec<Line>, Vec<Line>) {
    let cut = match lines.iter().rposition(|l| *l == Line::Blank) {
        Some(blank) => blank + 1,
        None => lines
            .iter()
            .take_while(|l| matches!(l, Line::Comment(c) if c.starts_with("#:")))
            .count(),
    };
    let mut header = lines;
    let rest = header.split_off(cut);
    (header, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Line {
        Line::Comment(s.to_owned())
    }

    #[test]
    fn decor_lines() {
        assert_eq!(split_decor("", false), (None, vec![]));
        assert_eq!(split_decor("  ", false), (None, vec![]));
        assert_eq!(
            split_decor("\n# before date\n", false),
            (None, vec![Line::Blank, c("# before date")])
        );
        assert_eq!(
            split_decor("   # about a\n  # before b\n  ", true),
            (Some("# about a".into()), vec![c("# before b")])
        );
        assert_eq!(
            split_decor(" # trailing", true),
            (Some("# trailing".into()), vec![])
        );
        assert_eq!(split_decor("# eof", false), (None, vec![c("# eof")]));
    }

    #[test]
    fn glued_and_header() {
        let (g, r) = split_glued(vec![c("# end"), Line::Blank, c("# next")]);
        assert_eq!((g, r), (vec![c("# end")], vec![Line::Blank, c("# next")]));
        let (g, r) = split_glued(vec![c("# above"), c("# above too")]);
        assert_eq!((g.len(), r.len()), (0, 2));
        let (h, r) = split_file_header(vec![c("#:schema x"), c("# id")]);
        assert_eq!((h, r), (vec![c("#:schema x")], vec![c("# id")]));
        let (h, r) = split_file_header(vec![c("# file"), Line::Blank, c("# id")]);
        assert_eq!((h, r), (vec![c("# file"), Line::Blank], vec![c("# id")]));
    }

    #[test]
    fn tidy_blocks() {
        assert_eq!(tidy(vec![Line::Blank, Line::Blank]), vec![]);
        assert_eq!(
            tidy(vec![
                Line::Blank,
                c("# a"),
                Line::Blank,
                Line::Blank,
                c("# b"),
                Line::Blank
            ]),
            vec![c("# a"), Line::Blank, c("# b"), Line::Blank]
        );
    }
}
