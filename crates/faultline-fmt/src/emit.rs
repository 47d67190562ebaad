//! Writes a laid-out document as text: `key = value` lines, one blank line before each table,
//! comments where they belong, two-space indentation in arrays over several lines, a final
//! newline.

use std::fmt::Write as _;

use crate::comments::{Comments, Line};
use crate::tree::{Array, Document, Item, Table, Value};

/// The text of a document.
pub(crate) fn document(doc: &Document) -> String {
    let mut w = Writer::default();
    w.lines(&doc.header, 0);
    w.body(&doc.root);
    w.lines(&doc.root.end, 0);
    let mut path = Vec::new();
    w.children(&doc.root, &mut path);
    if !doc.trailing.is_empty() {
        w.blank();
        w.lines(&doc.trailing, 0);
    }
    let mut out = w.out;
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// Ensures the text so far ends with an empty line (unless nothing was written).
    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn lines(&mut self, lines: &[Line], indent: usize) {
        for line in lines {
            match line {
                Line::Comment(c) => {
                    let _ = writeln!(self.out, "{:indent$}{c}", "");
                }
                Line::Blank => self.out.push('\n'),
            }
        }
    }

    fn same(&mut self, comments: &Comments) {
        if let Some(c) = &comments.same {
            self.out.push_str("  ");
            self.out.push_str(c);
        }
    }

    /// The `key = value` lines of a table.
    fn body(&mut self, t: &Table) {
        let body: Vec<_> = t
            .entries
            .iter()
            .filter_map(|e| match &e.item {
                Item::Value(v) => Some((e, v)),
                _ => None,
            })
            .collect();
        for (i, (e, v)) in body.iter().enumerate() {
            self.lines(&e.comments.above, 0);
            self.out.push_str(&key(&e.key));
            self.out.push_str(" = ");
            self.out.push_str(&value(v, 0));
            self.same(&e.comments);
            self.out.push('\n');
            self.lines(&e.comments.below, 0);
            // Keep comments glued below a key apart from the next key, so they stay with it.
            if !e.comments.below.is_empty() && i + 1 < body.len() {
                self.blank();
            }
        }
    }

    /// The tables nested in `t`, each with its header.
    fn children<'a>(&mut self, t: &'a Table, path: &mut Vec<&'a str>) {
        for e in &t.entries {
            path.push(&e.key);
            match &e.item {
                Item::Value(_) => {}
                Item::Table(child) => self.table(child, path, false),
                Item::Tables(children) => {
                    for child in children {
                        self.table(child, path, true);
                    }
                }
            }
            path.pop();
        }
    }

    fn table<'a>(&mut self, t: &'a Table, path: &mut Vec<&'a str>, array: bool) {
        let has_body = t.entries.iter().any(|e| matches!(e.item, Item::Value(_)));
        let has_children = t.entries.iter().any(|e| !matches!(e.item, Item::Value(_)));
        let visible =
            array || has_body || !has_children || !t.header.is_empty() || !t.end.is_empty();
        if visible {
            self.blank();
            self.lines(&t.header.above, 0);
            let dotted: Vec<String> = path.iter().map(|k| key(k)).collect();
            let (open, close) = if array { ("[[", "]]") } else { ("[", "]") };
            self.out.push_str(open);
            self.out.push_str(&dotted.join("."));
            self.out.push_str(close);
            self.same(&t.header);
            self.out.push('\n');
            self.lines(&t.header.below, 0);
            self.body(t);
            self.lines(&t.end, 0);
        }
        self.children(t, path);
    }
}

/// A key: bare when it can be, else a basic string.
pub(crate) fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { k.to_owned() } else { basic(k) }
}

/// A basic string: `"` and `\` escaped, control characters escaped, everything else as is.
pub(crate) fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that cannot be told apart from a space or from nothing when read: every white
/// space but the plain space (the no-break space U+00A0 of "13\u00A0May" among them) and the
/// invisible format characters (soft hyphen, zero-width and direction marks, BOM). Strings
/// write them as `\uXXXX` escapes, so that a reader sees them.
fn is_invisible(c: char) -> bool {
    (c.is_whitespace() && c != ' ')
        || matches!(
            u32::from(c),
            0x00AD
                | 0x034F
                | 0x061C
                | 0x115F
                | 0x1160
                | 0x17B4
                | 0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
        )
}

fn value(v: &Value, indent: usize) -> String {
    match v {
        Value::Scalar(s) | Value::Raw(s) => s.clone(),
        Value::Str { raw: Some(raw), .. } => raw.clone(),
        Value::Str { value, raw: None } => basic(value),
        Value::Inline(t) => inline(t),
        Value::Array(a) => array(a, indent),
    }
}

fn inline(t: &Table) -> String {
    if t.entries.is_empty() {
        return "{}".to_owned();
    }
    let parts: Vec<String> = t
        .entries
        .iter()
        .map(|e| {
            let v = match &e.item {
                Item::Value(v) => value(v, 0),
                // Not reached: inline tables hold only values once laid out.
                Item::Table(t) => inline(t),
                Item::Tables(ts) => {
                    format!("[{}]", ts.iter().map(inline).collect::<Vec<_>>().join(", "))
                }
            };
            format!("{} = {v}", key(&e.key))
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn array(a: &Array, indent: usize) -> String {
    let has_comments = !a.trailing.is_empty() || a.elements.iter().any(|e| !e.comments.is_empty());
    if a.elements.is_empty() && !has_comments {
        return "[]".to_owned();
    }
    if !a.multiline && !has_comments {
        let parts: Vec<String> = a.elements.iter().map(|e| value(&e.value, indent)).collect();
        return format!("[{}]", parts.join(", "));
    }
    let inner = indent + 2;
    let mut w = Writer::default();
    w.out.push_str("[\n");
    for e in &a.elements {
        w.lines(&only_comments(&e.comments.above), inner);
        let _ = write!(w.out, "{:inner$}{},", "", value(&e.value, inner));
        w.same(&e.comments);
        w.out.push('\n');
        w.lines(&only_comments(&e.comments.below), inner);
    }
    w.lines(&only_comments(&a.trailing), inner);
    let _ = write!(w.out, "{:indent$}]", "");
    w.out
}

/// Inside arrays, blank lines are dropped.
fn only_comments(lines: &[Line]) -> Vec<Line> {
    lines
        .iter()
        .filter(|l| matches!(l, Line::Comment(_)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_strings() {
        assert_eq!(key("id"), "id");
        assert_eq!(key("a b"), "\"a b\"");
        assert_eq!(key(""), "\"\"");
        assert_eq!(basic("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
        assert_eq!(basic("13\u{a0}May\u{200b}"), "\"13\\u00A0May\\u200B\"");
    }
}
