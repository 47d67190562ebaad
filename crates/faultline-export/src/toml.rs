//! Records as TOML in the canonical layout of `docs/record-format.md`: the `#:schema`
//! directive first, then scalar keys, then `[date]`, `[[places]]`, `[[actors]]`,
//! `[[claims]]`, `[[casualties]]` and `[external.acled]`, with dates as TOML local dates.
//!
//! The model serialises dates as strings; the values of the known date keys (`start`, `end`,
//! `published`, `updated`, `accessed`, `date`, `from`, `until`) become unquoted TOML dates.
//! Times of day stay quoted strings (`time = "07:00"`), as the record format writes them.

use std::path::{Path, PathBuf};

use faultline_dataset::Overwrite;
use faultline_model::{Actor, Event, Place, Source};
use serde::Serialize;
use serde_json::Value;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use crate::error::ExportError;
use crate::records::Records;

/// Keys whose string values are dates.
const DATE_KEYS: [&str; 8] = [
    "start",
    "end",
    "published",
    "updated",
    "accessed",
    "date",
    "from",
    "until",
];

/// Keys whose object values are written inline (`count = { low = 1, high = 3 }`).
const INLINE_KEYS: [&str; 1] = ["count"];

/// The `#:schema` directive of an event file (`data/events/<year>/<id>.toml`).
pub const EVENT_SCHEMA: &str = "../../../schema/event.schema.json";
/// The `#:schema` directive of a source file (`data/sources/<id>.toml`).
pub const SOURCE_SCHEMA: &str = "../../schema/source.schema.json";

/// Any record as a TOML document, with a `#:schema` directive when `schema` is given.
pub fn record_to_toml<T: Serialize>(
    record: &T,
    schema: Option<&str>,
) -> Result<String, ExportError> {
    let value = serde_json::to_value(record).map_err(|e| ExportError::Render(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(ExportError::Render(
            "a record must serialise to a table".into(),
        ));
    };
    let mut doc = DocumentMut::new();
    fill_table(doc.as_table_mut(), &map, false);
    let mut text = String::new();
    if let Some(schema) = schema {
        text.push_str("#:schema ");
        text.push_str(schema);
        text.push('\n');
    }
    text.push_str(&doc.to_string());
    Ok(text)
}

/// An event file.
pub fn event_to_toml(event: &Event) -> Result<String, ExportError> {
    record_to_toml(event, Some(EVENT_SCHEMA))
}

/// A source file.
pub fn source_to_toml(source: &Source) -> Result<String, ExportError> {
    record_to_toml(source, Some(SOURCE_SCHEMA))
}

/// `places.toml`: one `[[place]]` table per place.
pub fn places_to_toml(places: &[Place]) -> Result<String, ExportError> {
    registry_to_toml("place", places)
}

/// `actors.toml`: one `[[actor]]` table per actor.
pub fn actors_to_toml(actors: &[Actor]) -> Result<String, ExportError> {
    registry_to_toml("actor", actors)
}

fn registry_to_toml<T: Serialize>(key: &str, records: &[T]) -> Result<String, ExportError> {
    let mut array = ArrayOfTables::new();
    for record in records {
        let value = serde_json::to_value(record).map_err(|e| ExportError::Render(e.to_string()))?;
        let Value::Object(map) = value else {
            return Err(ExportError::Render(
                "a record must serialise to a table".into(),
            ));
        };
        let mut table = Table::new();
        fill_table(&mut table, &map, false);
        array.push(table);
    }
    let mut doc = DocumentMut::new();
    doc.insert(key, Item::ArrayOfTables(array));
    Ok(doc.to_string())
}

fn fill_table(table: &mut Table, map: &serde_json::Map<String, Value>, verbatim: bool) {
    // Plain values first, then tables and arrays of tables, each in record order.
    for (k, v) in map {
        if !is_table_like(k, v)
            && let Some(value) = to_value(k, v, verbatim)
        {
            table.insert(k, Item::Value(value));
        }
    }
    for (k, v) in map {
        if !is_table_like(k, v) {
            continue;
        }
        match v {
            Value::Object(inner) => {
                let mut sub = Table::new();
                // `external` holds only tables: no `[external]` header of its own.
                let verbatim = verbatim || k == "external";
                fill_table(&mut sub, inner, verbatim);
                if k == "external" {
                    sub.set_implicit(true);
                }
                table.insert(k, Item::Table(sub));
            }
            Value::Array(items) => {
                let mut array = ArrayOfTables::new();
                for item in items {
                    if let Value::Object(inner) = item {
                        let mut sub = Table::new();
                        fill_table(&mut sub, inner, verbatim);
                        array.push(sub);
                    }
                }
                table.insert(k, Item::ArrayOfTables(array));
            }
            _ => {}
        }
    }
}

/// Whether a value is written as a `[table]` or `[[array of tables]]`.
fn is_table_like(key: &str, value: &Value) -> bool {
    match value {
        Value::Object(_) => !INLINE_KEYS.contains(&key),
        Value::Array(items) => {
            key != "names" && !items.is_empty() && items.iter().all(Value::is_object)
        }
        _ => false,
    }
}

fn to_value(key: &str, value: &Value, verbatim: bool) -> Option<toml_edit::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64()?.into(),
        },
        Value::String(s) => {
            if !verbatim
                && DATE_KEYS.contains(&key)
                && s.parse::<faultline_model::Date>().is_ok()
                && let Ok(d) = s.parse::<toml_edit::Datetime>()
            {
                d.into()
            } else {
                s.as_str().into()
            }
        }
        Value::Array(items) => {
            let mut array = Array::new();
            for item in items {
                if let Some(v) = to_value(key, item, verbatim) {
                    array.push(v);
                }
            }
            array.into()
        }
        Value::Object(map) => {
            let mut inline = InlineTable::new();
            for (k, v) in map {
                if let Some(v) = to_value(k, v, verbatim) {
                    inline.insert(k, v);
                }
            }
            inline.into()
        }
    })
}

/// What [`write_dataset`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Every file written, in order.
    pub files: Vec<PathBuf>,
}

/// The files of a dataset directory, relative to it: `events/<year>/<id>.toml`,
/// `sources/<id>.toml`, `places.toml`, `actors.toml` (the last two only when not empty).
pub fn dataset_files(records: &Records) -> Result<Vec<(PathBuf, String)>, ExportError> {
    let mut files = Vec::new();
    for event in &records.events {
        let rel = PathBuf::from("events")
            .join(format!("{:04}", event.date.start.year()))
            .join(format!("{}.toml", event.id));
        files.push((rel, event_to_toml(event)?));
    }
    for source in &records.sources {
        let rel = PathBuf::from("sources").join(format!("{}.toml", source.id));
        files.push((rel, source_to_toml(source)?));
    }
    if !records.places.is_empty() {
        files.push((
            PathBuf::from("places.toml"),
            places_to_toml(&records.places)?,
        ));
    }
    if !records.actors.is_empty() {
        files.push((
            PathBuf::from("actors.toml"),
            actors_to_toml(&records.actors)?,
        ));
    }
    Ok(files)
}

/// Writes records as a dataset directory. With [`Overwrite::Never`], nothing is written when
/// any of the files exists; every file is written atomically.
pub fn write_dataset(
    dir: &Path,
    records: &Records,
    overwrite: Overwrite,
) -> Result<Written, ExportError> {
    let files = dataset_files(records)?;
    crate::write_files(dir, &files, overwrite).map(|files| Written { files })
}
