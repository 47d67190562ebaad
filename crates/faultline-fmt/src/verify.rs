//! The formatter's own safety net: the formatted text must parse, hold the same values (a
//! quoted date and the same date unquoted count as equal) and the same comments as the
//! original. A file that fails any of these checks is not written.

use std::collections::BTreeMap;

use toml_edit::{Decor, DocumentMut, Item, RawString, Table, Value};

use crate::comments::comments_in;
use crate::error::FormatError;

/// A value as data, whatever its layout.
#[derive(Debug, PartialEq)]
enum Data {
    Text(String),
    Integer(i64),
    Float(u64),
    Boolean(bool),
    List(Vec<Data>),
    Map(BTreeMap<String, Data>),
}

fn item_data(item: &Item) -> Option<Data> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(value_data(v)),
        Item::Table(t) => Some(table_data(t)),
        Item::ArrayOfTables(a) => Some(Data::List(a.iter().map(table_data).collect())),
    }
}

fn table_data(t: &Table) -> Data {
    Data::Map(
        t.iter()
            .filter_map(|(k, v)| item_data(v).map(|d| (k.to_owned(), d)))
            .collect(),
    )
}

fn value_data(v: &Value) -> Data {
    match v {
        Value::String(s) => Data::Text(s.value().clone()),
        Value::Integer(i) => Data::Integer(*i.value()),
        Value::Float(f) => Data::Float(f.value().to_bits()),
        Value::Boolean(b) => Data::Boolean(*b.value()),
        // A date and the same date in quotes are equal: unquoting dates is the one change of
        // type the formatter makes.
        Value::Datetime(d) => Data::Text(d.value().to_string()),
        Value::Array(a) => Data::List(a.iter().map(value_data).collect()),
        Value::InlineTable(t) => Data::Map(
            t.iter()
                .map(|(k, v)| (k.to_owned(), value_data(v)))
                .collect(),
        ),
    }
}

/// The path of the first difference between two values.
fn first_difference(a: &Data, b: &Data, path: &mut Vec<String>) -> bool {
    match (a, b) {
        (Data::Map(x), Data::Map(y)) => {
            for k in x.keys().chain(y.keys()) {
                path.push(k.clone());
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) if !first_difference(p, q, path) => {
                        path.pop();
                    }
                    _ => return true,
                }
            }
            false
        }
        (Data::List(x), Data::List(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                path.push(i.to_string());
                if first_difference(p, q, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => a != b,
    }
}

fn raw(r: Option<&RawString>) -> &str {
    r.and_then(RawString::as_str).unwrap_or("")
}

fn decor(d: &Decor, out: &mut Vec<String>) {
    out.extend(comments_in(raw(d.prefix())));
    out.extend(comments_in(raw(d.suffix())));
}

fn table_comments(t: &Table, out: &mut Vec<String>) {
    decor(t.decor(), out);
    for (k, item) in t.iter() {
        if let Some(key) = t.key(k) {
            decor(key.leaf_decor(), out);
            decor(key.dotted_decor(), out);
        }
        match item {
            Item::None => {}
            Item::Value(v) => value_comments(v, out),
            Item::Table(t) => table_comments(t, out),
            Item::ArrayOfTables(a) => a.iter().for_each(|t| table_comments(t, out)),
        }
    }
}

fn value_comments(v: &Value, out: &mut Vec<String>) {
    decor(v.decor(), out);
    match v {
        Value::Array(a) => {
            out.extend(comments_in(raw(Some(a.trailing()))));
            a.iter().for_each(|v| value_comments(v, out));
        }
        Value::InlineTable(t) => {
            out.extend(comments_in(raw(Some(t.trailing()))));
            for (k, v) in t.iter() {
                if let Some(key) = t.key(k) {
                    decor(key.leaf_decor(), out);
                    decor(key.dotted_decor(), out);
                }
                value_comments(v, out);
            }
        }
        _ => {}
    }
}

/// Every comment of a document, sorted.
pub(crate) fn comments(doc: &DocumentMut) -> Vec<String> {
    let mut out = Vec::new();
    decor(doc.decor(), &mut out);
    table_comments(doc.as_table(), &mut out);
    out.extend(comments_in(raw(Some(doc.trailing()))));
    out.sort();
    out
}

/// Checks that `after` holds the same values and comments as `before`.
pub(crate) fn check(before: &DocumentMut, after_text: &str) -> Result<(), FormatError> {
    let after: DocumentMut =
        after_text
            .parse()
            .map_err(|e: toml_edit::TomlError| FormatError::InvalidOutput {
                message: e.message().trim().to_owned(),
            })?;
    let (a, b) = (table_data(before.as_table()), table_data(after.as_table()));
    let mut path = Vec::new();
    if first_difference(&a, &b, &mut path) {
        return Err(FormatError::ChangedValue {
            path: path.join("/"),
        });
    }
    let (a, b) = (comments(before), comments(&after));
    if a != b {
        let comment = a
            .iter()
            .find(|c| a.iter().filter(|x| x == c).count() != b.iter().filter(|x| x == c).count())
            .or_else(|| b.iter().find(|c| !a.contains(c)))
            .cloned()
            .unwrap_or_default();
        return Err(FormatError::LostComment { comment });
    }
    Ok(())
}
