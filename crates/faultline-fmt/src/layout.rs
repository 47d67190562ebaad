//! Puts a document into its documented layout: known keys in the documented order (unknown
//! ones after them, as they were), standard tables and arrays of tables where the format has
//! them, inline tables where it has those, and dates unquoted.

use std::str::FromStr;

use faultline_model::Date;

use crate::comments::Comments;
use crate::shape::{Layout, Shape, lookup};
use crate::tree::{Array, Element, Entry, Item, Table, Value};

/// Lays out a table of `shape` and everything in it.
pub(crate) fn table(t: &mut Table, shape: Shape) {
    for e in &mut t.entries {
        let (_, layout) = lookup(shape, &e.key);
        entry(e, layout);
        // A header table carries its key's comments above its header.
        match &mut e.item {
            Item::Table(child) if !child.dotted => {
                let comments = std::mem::take(&mut e.comments);
                prepend(&mut child.header, comments);
            }
            Item::Tables(children) => {
                if let Some(first) = children.first_mut() {
                    let comments = std::mem::take(&mut e.comments);
                    prepend(&mut first.header, comments);
                }
            }
            _ => {}
        }
    }
    // A stable sort: unknown keys keep their order, after the known ones.
    t.entries.sort_by_key(|e| lookup(shape, &e.key).0);
}

/// Puts `outer`'s comments before those already in `header`.
fn prepend(header: &mut Comments, mut outer: Comments) {
    outer.above.append(&mut header.above);
    header.above = outer.above;
    header.add_same(outer.same);
    outer.below.append(&mut header.below);
    header.below = outer.below;
}

fn entry(e: &mut Entry, layout: Option<Layout>) {
    let item = std::mem::replace(&mut e.item, Item::Tables(Vec::new()));
    e.item = match layout {
        None => unknown(item),
        Some(Layout::Value) => plain(item, false),
        Some(Layout::Date) => plain(item, true),
        Some(Layout::Inline(shape)) => match item {
            Item::Table(t) if t.fits_inline() => Item::Value(inline(t, shape)),
            Item::Value(Value::Inline(t)) => Item::Value(inline(t, shape)),
            other => unknown(other),
        },
        Some(Layout::InlineArray(shape)) => match item {
            Item::Tables(ts) if ts.iter().all(Table::fits_inline) => {
                let elements = ts
                    .into_iter()
                    .map(|t| Element {
                        value: inline(t, shape),
                        comments: Comments::default(),
                    })
                    .collect();
                Item::Value(Value::Array(Array {
                    elements,
                    trailing: Vec::new(),
                    multiline: true,
                }))
            }
            Item::Value(Value::Array(mut a)) => {
                for el in &mut a.elements {
                    let v = std::mem::replace(&mut el.value, Value::Scalar(String::new()));
                    el.value = match v {
                        Value::Inline(t) => inline(t, shape),
                        other => value(other, false),
                    };
                }
                Item::Value(Value::Array(a))
            }
            other => unknown(other),
        },
        Some(Layout::Table(shape)) => match item {
            Item::Value(Value::Inline(mut t)) | Item::Table(mut t) => {
                t.dotted = false;
                table(&mut t, shape);
                Item::Table(t)
            }
            other => unknown(other),
        },
        Some(Layout::Tables(shape)) => match item {
            Item::Value(Value::Array(a))
                if !a.elements.is_empty()
                    && a.elements
                        .iter()
                        .all(|el| matches!(el.value, Value::Inline(_))) =>
            {
                let mut tables: Vec<Table> = Vec::new();
                for el in a.elements {
                    if let Value::Inline(mut t) = el.value {
                        t.dotted = false;
                        t.header.absorb(el.comments);
                        tables.push(t);
                    }
                }
                if let Some(last) = tables.last_mut() {
                    last.end.extend(a.trailing);
                }
                for t in &mut tables {
                    table(t, shape);
                }
                Item::Tables(tables)
            }
            Item::Tables(mut ts) => {
                for t in &mut ts {
                    table(t, shape);
                }
                Item::Tables(ts)
            }
            other => unknown(other),
        },
    };
}

/// A key we know nothing about (or whose value is not of the documented kind): written as it
/// was, with its strings requoted. Dotted keys become an inline table, or a standard table when
/// they carry comments.
fn unknown(item: Item) -> Item {
    match item {
        Item::Value(v) => Item::Value(value(v, false)),
        Item::Table(mut t) if t.dotted && t.fits_inline() => {
            t.dotted = false;
            Item::Value(inline(t, Shape::Unknown))
        }
        Item::Table(mut t) => {
            t.dotted = false;
            table(&mut t, Shape::Unknown);
            Item::Table(t)
        }
        Item::Tables(mut ts) => {
            for t in &mut ts {
                table(t, Shape::Unknown);
            }
            Item::Tables(ts)
        }
    }
}

fn plain(item: Item, date: bool) -> Item {
    match item {
        Item::Value(v) => Item::Value(value(v, date)),
        other => unknown(other),
    }
}

/// An inline table of `shape`, with its keys in order and nested tables inline too.
fn inline(mut t: Table, shape: Shape) -> Value {
    for e in &mut t.entries {
        let (_, layout) = lookup(shape, &e.key);
        let item = std::mem::replace(&mut e.item, Item::Tables(Vec::new()));
        let date = layout == Some(Layout::Date);
        e.item = Item::Value(match item {
            Item::Value(Value::Inline(inner)) | Item::Table(inner) => {
                let inner_shape = match layout {
                    Some(Layout::Inline(s) | Layout::Table(s)) => s,
                    _ => Shape::Unknown,
                };
                inline(inner, inner_shape)
            }
            Item::Value(v) => value(v, date),
            // Not reached: `fits_inline` refuses arrays of tables.
            Item::Tables(ts) => Value::Array(Array {
                elements: ts
                    .into_iter()
                    .map(|t| Element {
                        value: inline(t, Shape::Unknown),
                        comments: Comments::default(),
                    })
                    .collect(),
                trailing: Vec::new(),
                multiline: false,
            }),
        });
    }
    t.entries.sort_by_key(|e| lookup(shape, &e.key).0);
    t.dotted = false;
    Value::Inline(t)
}

/// A value with dates unquoted (when `date`) and nested inline tables laid out.
fn value(v: Value, date: bool) -> Value {
    match v {
        Value::Str { value, raw: None } if date && is_date(&value) => Value::Scalar(value),
        Value::Array(mut a) => {
            for el in &mut a.elements {
                let v = std::mem::replace(&mut el.value, Value::Scalar(String::new()));
                el.value = value(v, false);
            }
            Value::Array(a)
        }
        Value::Inline(t) => inline(t, Shape::Unknown),
        other => other,
    }
}

/// Whether `s` is a calendar date written `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    Date::from_str(s).is_ok_and(|d| d.to_string() == s)
}
