//! Records written as record files: each record is put into the formatter's tree and laid out
//! and written by the same code as `faultline fmt`, so that what is written is already in
//! canonical form. `faultline import` writes its records this way, and `faultline new` takes
//! the file names and `#:schema` directives from here.
//!
//! ```
//! use faultline_fmt::{RecordFile, format_record, write};
//! use faultline_model::Source;
//!
//! let source: Source = serde_json::from_str(
//!     r#"{"id": "azmod-2022-09-13", "publisher": "Ministry of Defence", "published": "2022-09-13"}"#,
//! )?;
//! let text = write::source(&source)?;
//! assert_eq!(text, "#:schema ../../schema/source.schema.json\nid = \"azmod-2022-09-13\"\n\
//!     publisher = \"Ministry of Defence\"\npublished = 2022-09-13\n");
//! assert_eq!(format_record(&text, RecordFile::Source)?, text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::PathBuf;

use faultline_model::{Actor, Date, Event, Place, Source};
use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::RecordFile;
use crate::comments::{Comments, Line};
use crate::error::FormatError;
use crate::tree::{Array, Document, Element, Entry, Item, Table, Value};

/// `places.toml`, in a dataset directory.
pub const PLACES_FILE: &str = "places.toml";
/// `actors.toml`, in a dataset directory.
pub const ACTORS_FILE: &str = "actors.toml";

/// Where an event's file goes in a dataset directory: `events/<year>/<id>.toml`.
pub fn event_file(start: Date, id: &str) -> PathBuf {
    PathBuf::from("events")
        .join(format!("{:04}", start.year()))
        .join(format!("{id}.toml"))
}

/// Where a source's file goes in a dataset directory: `sources/<id>.toml`.
pub fn source_file(id: &str) -> PathBuf {
    PathBuf::from("sources").join(format!("{id}.toml"))
}

/// An event file, starting with its `#:schema` directive.
pub fn event(event: &Event) -> Result<String, FormatError> {
    record(event, RecordFile::Event)
}

/// A source file, starting with its `#:schema` directive.
pub fn source(source: &Source) -> Result<String, FormatError> {
    record(source, RecordFile::Source)
}

/// `places.toml`: one `[[place]]` table per place.
pub fn places(places: &[Place]) -> Result<String, FormatError> {
    registry(places, RecordFile::Places)
}

/// `actors.toml`: one `[[actor]]` table per actor.
pub fn actors(actors: &[Actor]) -> Result<String, FormatError> {
    registry(actors, RecordFile::Actors)
}

/// The files of a dataset directory holding these records, relative to it:
/// `events/<year>/<id>.toml`, `sources/<id>.toml`, and `places.toml` and `actors.toml` when
/// there are places and actors; each file's `#:schema` directive points into `schema_dir`
/// (relative to the dataset directory: [`find_schema_dir`](crate::find_schema_dir)), or
/// there is none.
pub fn dataset_files(
    events: &[Event],
    sources: &[Source],
    places_: &[Place],
    actors_: &[Actor],
    schema_dir: Option<&str>,
) -> Result<Vec<(PathBuf, String)>, FormatError> {
    let mut files = Vec::with_capacity(events.len() + sources.len() + 2);
    for e in events {
        files.push((
            event_file(e.date.start, e.id.as_str()),
            record_in(e, RecordFile::Event, schema_dir)?,
        ));
    }
    for s in sources {
        files.push((
            source_file(s.id.as_str()),
            record_in(s, RecordFile::Source, schema_dir)?,
        ));
    }
    if !places_.is_empty() {
        files.push((
            PathBuf::from(PLACES_FILE),
            registry_in(places_, RecordFile::Places, schema_dir)?,
        ));
    }
    if !actors_.is_empty() {
        files.push((
            PathBuf::from(ACTORS_FILE),
            registry_in(actors_, RecordFile::Actors, schema_dir)?,
        ));
    }
    Ok(files)
}

/// One record as a file of `kind` (an event or a source file), its `#:schema` directive
/// pointing at [`SCHEMA_DIR`](crate::SCHEMA_DIR).
pub fn record<T: Serialize>(record: &T, kind: RecordFile) -> Result<String, FormatError> {
    record_in(record, kind, Some(crate::SCHEMA_DIR))
}

/// One record as a file of `kind`, its `#:schema` directive pointing into `schema_dir`
/// (relative to the dataset directory; see [`find_schema_dir`](crate::find_schema_dir)), or
/// none.
pub fn record_in<T: Serialize>(
    record: &T,
    kind: RecordFile,
    schema_dir: Option<&str>,
) -> Result<String, FormatError> {
    let root = table(&object(record)?);
    Ok(document(root, kind, schema_dir))
}

/// Records as a registry file of `kind` (`places.toml`, `actors.toml`): one table each in the
/// array of tables the file's layout has, after the `#:schema` directive.
pub fn registry<T: Serialize>(records: &[T], kind: RecordFile) -> Result<String, FormatError> {
    registry_in(records, kind, Some(crate::SCHEMA_DIR))
}

/// Records as a registry file of `kind`, its `#:schema` directive pointing into
/// `schema_dir` (relative to the dataset directory), or none.
pub fn registry_in<T: Serialize>(
    records: &[T],
    kind: RecordFile,
    schema_dir: Option<&str>,
) -> Result<String, FormatError> {
    if records.is_empty() {
        return Ok(String::new());
    }
    let key = kind
        .shape()
        .registry_key()
        .ok_or_else(|| FormatError::NotARecord {
            message: format!("a {kind:?} file is not a registry"),
        })?;
    let tables = records
        .iter()
        .map(|r| object(r).map(|map| table(&map)))
        .collect::<Result<Vec<_>, _>>()?;
    let root = Table {
        entries: vec![Entry {
            key: key.to_owned(),
            comments: Comments::default(),
            item: Item::Tables(tables),
        }],
        ..Table::default()
    };
    Ok(document(root, kind, schema_dir))
}

/// Lays out and writes a document, with the `#:schema` directive of a file of `kind` when
/// the schema folder is `schema_dir` (relative to the dataset directory).
fn document(mut root: Table, kind: RecordFile, schema_dir: Option<&str>) -> String {
    crate::layout::table(&mut root, kind.shape());
    let header = schema_dir
        .map(|dir| {
            vec![Line::Comment(format!(
                "#:schema {}",
                kind.schema_directive(dir)
            ))]
        })
        .unwrap_or_default();
    crate::emit::document(&Document {
        header,
        root,
        trailing: Vec::new(),
    })
}

fn object<T: Serialize>(record: &T) -> Result<Map<String, Json>, FormatError> {
    match serde_json::to_value(record) {
        Ok(Json::Object(map)) => Ok(map),
        Ok(other) => Err(FormatError::NotARecord {
            message: format!("it is {other} rather than a table"),
        }),
        Err(e) => Err(FormatError::NotARecord {
            message: e.to_string(),
        }),
    }
}

/// A table of the tree, in the record's order; the layout puts it in the documented one.
fn table(map: &Map<String, Json>) -> Table {
    let entries = map
        .iter()
        .filter_map(|(k, v)| {
            item(v).map(|item| Entry {
                key: k.clone(),
                comments: Comments::default(),
                item,
            })
        })
        .collect();
    Table {
        entries,
        ..Table::default()
    }
}

/// A table for an object, an array of tables for a non-empty array of objects, else a value
/// (`None` for null: an absent key).
fn item(v: &Json) -> Option<Item> {
    Some(match v {
        Json::Object(map) => Item::Table(table(map)),
        Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
            Item::Tables(
                items
                    .iter()
                    .filter_map(|i| i.as_object().map(table))
                    .collect(),
            )
        }
        other => Item::Value(value(other)?),
    })
}

fn value(v: &Json) -> Option<Value> {
    Some(match v {
        Json::Null => return None,
        Json::Bool(b) => Value::Scalar(b.to_string()),
        Json::Number(n) => Value::Scalar(match n.as_i64() {
            Some(i) => i.to_string(),
            None => toml_edit::Formatted::new(n.as_f64()?)
                .display_repr()
                .into_owned(),
        }),
        Json::String(s) => Value::Str {
            value: s.clone(),
            raw: None,
        },
        Json::Array(items) => {
            let elements: Vec<Element> = items
                .iter()
                .filter_map(value)
                .map(|value| Element {
                    value,
                    comments: Comments::default(),
                })
                .collect();
            // An array holding tables is written one element per line.
            let multiline = elements.iter().any(|e| matches!(e.value, Value::Inline(_)));
            Value::Array(Array {
                elements,
                trailing: Vec::new(),
                multiline,
            })
        }
        Json::Object(map) => Value::Inline(Table {
            entries: map
                .iter()
                .filter_map(|(k, v)| {
                    value(v).map(|v| Entry {
                        key: k.clone(),
                        comments: Comments::default(),
                        item: Item::Value(v),
                    })
                })
                .collect(),
            ..Table::default()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let d: Date = "2021-11-16".parse().unwrap_or(Date::EPOCH);
        assert_eq!(
            event_file(d, "2021-11-16-x"),
            PathBuf::from("events/2021/2021-11-16-x.toml")
        );
        assert_eq!(source_file("s"), PathBuf::from("sources/s.toml"));
    }
}
