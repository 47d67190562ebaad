//! The formatter's own view of a TOML document: tables, keys and values with the comments that
//! belong to each, built from a parsed `toml_edit` document. Whitespace is dropped here; the
//! emitter lays everything out anew.

use std::collections::HashMap;

use toml_edit::{Decor, DocumentMut, RawString};

use crate::comments::{
    Comments, Line, has_comment, split_decor, split_file_header, split_glued, tidy, trim_end,
};

/// A whole file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    /// The comments at the top of the file (the `#:schema` directive, a file-level note).
    pub(crate) header: Vec<Line>,
    /// The top-level table.
    pub(crate) root: Table,
    /// Comments after everything else.
    pub(crate) trailing: Vec<Line>,
}

/// A table: the top level, a `[header]` table, an element of `[[array]]`, an inline table or a
/// table of dotted keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Comments above the header, and at the end of the header's line.
    pub(crate) header: Comments,
    /// Keys in their current order.
    pub(crate) entries: Vec<Entry>,
    /// Comments after the last key, glued to it (then a blank line).
    pub(crate) end: Vec<Line>,
    /// Written as dotted keys (`count.low = 1`).
    pub(crate) dotted: bool,
}

/// A key and what it holds.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The key, unquoted.
    pub(crate) key: String,
    /// Comments above the `key = value` line, at its end and glued below it.
    pub(crate) comments: Comments,
    /// The value or table(s).
    pub(crate) item: Item,
}

/// What a key holds.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// `key = value`.
    Value(Value),
    /// A table (`[key]`, or dotted keys).
    Table(Table),
    /// An array of tables (`[[key]]`).
    Tables(Vec<Table>),
}

/// A value.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// An integer, float, boolean or date-time, or a date made from a string: written as is.
    Scalar(String),
    /// A string; `raw` keeps a multi-line string exactly as it was written.
    Str {
        /// The text.
        value: String,
        /// The original `"""` or `'''` form, kept as written.
        raw: Option<String>,
    },
    /// An array.
    Array(Array),
    /// An inline table without comments or line breaks.
    Inline(Table),
    /// An inline table that holds comments or line breaks: kept exactly as written.
    Raw(String),
}

/// An array with the comments around its elements.
#[derive(Debug, Clone, Default)]
pub(crate) struct Array {
    /// The elements.
    pub(crate) elements: Vec<Element>,
    /// Comments after the last element.
    pub(crate) trailing: Vec<Line>,
    /// Written over several lines.
    pub(crate) multiline: bool,
}

/// One array element.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// The value.
    pub(crate) value: Value,
    /// Its comments.
    pub(crate) comments: Comments,
}

impl Table {
    /// Whether the table and everything in it is free of comments.
    pub(crate) fn is_comment_free(&self) -> bool {
        self.header.is_empty()
            && !has_comment(&self.end)
            && self.entries.iter().all(|e| {
                e.comments.is_empty()
                    && match &e.item {
                        Item::Value(v) => v.is_comment_free(),
                        Item::Table(t) => t.is_comment_free(),
                        Item::Tables(ts) => ts.iter().all(Table::is_comment_free),
                    }
            })
    }

    /// Whether the table can be written inline: no comments, no nested tables, no arrays over
    /// several lines.
    pub(crate) fn fits_inline(&self) -> bool {
        self.is_comment_free()
            && self.entries.iter().all(|e| match &e.item {
                Item::Value(v) => v.fits_inline(),
                Item::Table(t) => t.fits_inline(),
                Item::Tables(_) => false,
            })
    }
}

impl Value {
    fn is_comment_free(&self) -> bool {
        match self {
            Value::Scalar(_) | Value::Str { .. } => true,
            Value::Array(a) => {
                !has_comment(&a.trailing)
                    && a.elements
                        .iter()
                        .all(|e| e.comments.is_empty() && e.value.is_comment_free())
            }
            Value::Inline(t) => t.is_comment_free(),
            Value::Raw(_) => false,
        }
    }

    fn fits_inline(&self) -> bool {
        match self {
            Value::Scalar(_) | Value::Str { .. } => true,
            Value::Array(a) => !a.multiline && a.elements.iter().all(|e| e.value.fits_inline()),
            Value::Inline(t) => t.fits_inline(),
            Value::Raw(_) => false,
        }
    }
}

fn raw_str(raw: Option<&RawString>) -> &str {
    raw.and_then(RawString::as_str).unwrap_or("")
}

fn prefix(decor: &Decor) -> &str {
    raw_str(decor.prefix())
}

fn suffix(decor: &Decor) -> &str {
    raw_str(decor.suffix())
}

/// Where the comment blocks in front of `[header]` lines go, decided once for the whole file.
#[derive(Default)]
struct Placement {
    /// The comments above each header, by the table's position.
    above: HashMap<isize, Vec<Line>>,
    /// The comments at the end of each table (`None`: the top level), by position.
    end: HashMap<Option<isize>, Vec<Line>>,
    /// The file header, when it was found in front of the first header.
    header: Vec<Line>,
    /// The comments after everything.
    trailing: Vec<Line>,
}

/// Every `[header]` and `[[header]]` table of the file with its position and decor prefix.
fn headers<'a>(table: &'a toml_edit::Table, out: &mut Vec<(isize, &'a str)>) {
    if let Some(p) = table
        .position()
        .filter(|_| !table.is_dotted() && !table.is_implicit())
    {
        out.push((p, prefix(table.decor())));
    }
    for (_, item) in table.iter() {
        match item {
            toml_edit::Item::Table(t) => headers(t, out),
            toml_edit::Item::ArrayOfTables(a) => a.iter().for_each(|t| headers(t, out)),
            _ => {}
        }
    }
}

fn is_body(item: &toml_edit::Item) -> bool {
    match item {
        toml_edit::Item::Value(_) => true,
        toml_edit::Item::Table(t) => t.is_dotted(),
        _ => false,
    }
}

fn place(doc: &DocumentMut) -> Placement {
    let root = doc.as_table();
    let root_has_body = root.iter().any(|(_, item)| is_body(item));
    let mut list = Vec::new();
    for (_, item) in root.iter() {
        match item {
            toml_edit::Item::Table(t) => headers(t, &mut list),
            toml_edit::Item::ArrayOfTables(a) => a.iter().for_each(|t| headers(t, &mut list)),
            _ => {}
        }
    }
    list.sort_by_key(|(p, _)| *p);
    let mut placement = Placement::default();
    let mut previous: Option<Option<isize>> = root_has_body.then_some(None);
    for (p, raw) in list {
        let (_, lines) = split_decor(raw, false);
        let own = match previous {
            None => {
                let (header, rest) = split_file_header(lines);
                placement.header = tidy(header);
                rest
            }
            Some(prev) => {
                let (glued, rest) = split_glued(lines);
                placement.end.entry(prev).or_default().extend(glued);
                rest
            }
        };
        placement.above.insert(p, tidy(own));
        previous = Some(Some(p));
    }
    let (_, lines) = split_decor(raw_str(Some(doc.trailing())), false);
    match previous {
        // Comments right after the last line belong to the last table.
        Some(prev) if matches!(lines.first(), Some(Line::Comment(_))) => {
            let cut = lines
                .iter()
                .position(|l| *l == Line::Blank)
                .unwrap_or(lines.len());
            let mut glued = lines;
            let rest = glued.split_off(cut);
            placement.end.entry(prev).or_default().extend(glued);
            placement.trailing = trim_end(tidy(rest));
        }
        _ => placement.trailing = trim_end(tidy(lines)),
    }
    for block in placement.end.values_mut() {
        *block = trim_end(tidy(std::mem::take(block)));
    }
    placement
}

/// Builds the formatter's tree from a parsed document.
pub(crate) fn build(doc: &DocumentMut) -> Document {
    let mut placement = place(doc);
    let root = table(doc.as_table(), &mut placement, true);
    Document {
        header: std::mem::take(&mut placement.header),
        root,
        trailing: std::mem::take(&mut placement.trailing),
    }
}

fn table(t: &toml_edit::Table, placement: &mut Placement, is_root: bool) -> Table {
    let position = if is_root { None } else { t.position() };
    let mut out = Table {
        dotted: t.is_dotted(),
        ..Table::default()
    };
    if let Some(p) = position.filter(|_| !t.is_dotted()) {
        out.header.above = placement.above.remove(&p).unwrap_or_default();
        out.end = placement.end.remove(&Some(p)).unwrap_or_default();
    } else if !t.is_dotted() {
        // An implicit table has no header of its own; keep any comment it carries.
        let (_, lines) = split_decor(prefix(t.decor()), false);
        out.header.above = tidy(lines);
    }
    if is_root {
        out.end = placement.end.remove(&None).unwrap_or_default();
    }
    let (same, lines) = split_decor(suffix(t.decor()), true);
    out.header.add_same(same);
    out.header.below.extend(tidy(lines));

    for (k, item) in t.iter() {
        let key = t.key(k);
        let leaf = key.map(|key| prefix(key.leaf_decor())).unwrap_or("");
        let (_, mut above) = split_decor(leaf, false);
        // Comments can also sit around the parts of a dotted key or inside a header's brackets.
        for raw in key.into_iter().flat_map(|key| {
            [
                suffix(key.leaf_decor()),
                prefix(key.dotted_decor()),
                suffix(key.dotted_decor()),
            ]
        }) {
            above.extend(
                split_decor(raw, false)
                    .1
                    .into_iter()
                    .filter(|l| *l != Line::Blank),
            );
        }
        let mut comments = Comments::default();
        if is_body(item) {
            match out.entries.iter_mut().rev().find(|e| is_body_entry(e)) {
                // The first line of the file: its header stays at the top.
                None if is_root => {
                    let (header, rest) = split_file_header(above);
                    placement.header = tidy(header);
                    above = rest;
                }
                None => {}
                Some(prev) => {
                    let (glued, rest) = split_glued(above);
                    prev.comments.below.extend(glued);
                    above = rest;
                }
            }
        }
        comments.above = tidy(above);
        let item = match item {
            toml_edit::Item::Value(v) => {
                let (same, below) = split_decor(suffix(v.decor()), true);
                comments.add_same(same);
                comments.below.extend(below);
                let (_, before) = split_decor(prefix(v.decor()), true);
                comments.above.extend(before);
                Item::Value(value(v))
            }
            toml_edit::Item::Table(t) => Item::Table(table(t, placement, false)),
            toml_edit::Item::ArrayOfTables(a) => {
                Item::Tables(a.iter().map(|t| table(t, placement, false)).collect())
            }
            toml_edit::Item::None => continue,
        };
        out.entries.push(Entry {
            key: k.to_owned(),
            comments,
            item,
        });
    }
    for e in &mut out.entries {
        e.comments.below = trim_end(tidy(std::mem::take(&mut e.comments.below)));
    }
    out
}

fn is_body_entry(e: &Entry) -> bool {
    match &e.item {
        Item::Value(_) => true,
        Item::Table(t) => t.dotted,
        Item::Tables(_) => false,
    }
}

fn value(v: &toml_edit::Value) -> Value {
    match v {
        toml_edit::Value::String(f) => {
            let raw = f.display_repr();
            let multiline = raw.starts_with("\"\"\"") || raw.starts_with("'''");
            Value::Str {
                value: f.value().clone(),
                raw: multiline.then(|| raw.into_owned()),
            }
        }
        toml_edit::Value::Integer(f) => Value::Scalar(f.display_repr().trim().to_owned()),
        toml_edit::Value::Float(f) => Value::Scalar(f.display_repr().trim().to_owned()),
        toml_edit::Value::Boolean(f) => Value::Scalar(f.display_repr().trim().to_owned()),
        toml_edit::Value::Datetime(f) => Value::Scalar(f.display_repr().trim().to_owned()),
        toml_edit::Value::Array(a) => Value::Array(array(a)),
        toml_edit::Value::InlineTable(t) => inline(t),
    }
}

fn array(a: &toml_edit::Array) -> Array {
    let mut out = Array::default();
    let mut multiline = a.trailing().as_str().is_some_and(|s| s.contains('\n'));
    for (i, v) in a.iter().enumerate() {
        let (pre, suf) = (prefix(v.decor()), suffix(v.decor()));
        multiline |= pre.contains('\n') || suf.contains('\n');
        let (same_before, above) = split_decor(pre, true);
        let mut comments = Comments::default();
        match (i, out.elements.last_mut()) {
            (0, _) | (_, None) => {
                comments.above.extend(same_before.map(Line::Comment));
            }
            (_, Some(prev)) => prev.comments.add_same(same_before),
        }
        comments.above.extend(above);
        comments.above = tidy(comments.above);
        let (same, below) = split_decor(suf, true);
        comments.add_same(same);
        comments.below.extend(below);
        out.elements.push(Element {
            value: value(v),
            comments,
        });
    }
    let (same, trailing) = split_decor(raw_str(Some(a.trailing())), true);
    match out.elements.last_mut() {
        Some(last) => last.comments.add_same(same),
        None => out.trailing.extend(same.map(Line::Comment)),
    }
    out.trailing.extend(trailing);
    out.trailing = trim_end(tidy(std::mem::take(&mut out.trailing)));
    for e in &mut out.elements {
        e.comments.below = trim_end(tidy(std::mem::take(&mut e.comments.below)));
    }
    out.multiline = multiline
        || out.elements.iter().any(|e| !e.comments.is_empty())
        || has_comment(&out.trailing);
    out
}

/// Whether no decor inside an inline table (between its braces) holds a comment or a line
/// break.
fn inline_is_plain(t: &toml_edit::InlineTable) -> bool {
    let plain = |s: &str| !s.contains('#') && !s.contains('\n');
    if !plain(raw_str(Some(t.trailing()))) {
        return false;
    }
    t.iter().all(|(k, v)| {
        let key_ok = t.key(k).is_none_or(|key| {
            [key.leaf_decor(), key.dotted_decor()]
                .iter()
                .all(|d| plain(prefix(d)) && plain(suffix(d)))
        });
        key_ok && plain(prefix(v.decor())) && plain(suffix(v.decor())) && value_is_plain(v)
    })
}

fn value_is_plain(v: &toml_edit::Value) -> bool {
    match v {
        toml_edit::Value::Array(a) => {
            !raw_str(Some(a.trailing())).contains('#')
                && !raw_str(Some(a.trailing())).contains('\n')
                && a.iter().all(|e| {
                    !prefix(e.decor()).contains(['#', '\n'])
                        && !suffix(e.decor()).contains(['#', '\n'])
                        && value_is_plain(e)
                })
        }
        toml_edit::Value::InlineTable(t) => inline_is_plain(t),
        toml_edit::Value::String(s) => !s.display_repr().contains('\n'),
        _ => true,
    }
}

fn inline(t: &toml_edit::InlineTable) -> Value {
    if !inline_is_plain(t) {
        let mut v = toml_edit::Value::InlineTable(t.clone());
        v.decor_mut().clear();
        return Value::Raw(v.to_string().trim().to_owned());
    }
    Value::Inline(inline_table(t))
}

fn inline_table(t: &toml_edit::InlineTable) -> Table {
    let entries = t
        .iter()
        .map(|(k, v)| Entry {
            key: k.to_owned(),
            comments: Comments::default(),
            item: match v {
                toml_edit::Value::InlineTable(inner) if inner.is_dotted() => {
                    let mut inner = inline_table(inner);
                    inner.dotted = true;
                    Item::Value(Value::Inline(inner))
                }
                other => Item::Value(value(other)),
            },
        })
        .collect();
    Table {
        entries,
        ..Table::default()
    }
}
