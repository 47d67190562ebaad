//! `sqlite`: the dataset as one SQLite database, which Datasette, DuckDB and the `sqlite3`
//! shell open as it is.
//!
//! The tables are the Data Package's, with the same columns, rows and keys (one owner of the
//! relational layout: [`crate::datapackage`]): `events`, `sources`, `places`, `actors` (primary
//! key `id`), and `event_sources`, `event_places`, `event_actors`, `claims`, `figures`
//! (primary key `event_id` + `position`). Every reference is a `FOREIGN KEY`, and every
//! referencing column has an index, as do `events.date_start` and `events.kind`. Types:
//! `TEXT` (dates as ISO 8601 text, `external` as JSON text), `INTEGER`, `REAL`; an empty cell
//! is `NULL`. A table's required columns are `NOT NULL`.
//!
//! The database is built in memory with the SQLite that `rusqlite` bundles and serialised to
//! bytes, so it is written like every other export: atomically, never over an existing file
//! unless asked. A dataset whose references do not resolve (exported with `--allow-errors`)
//! gives a database whose `PRAGMA foreign_key_check` lists them; a duplicate id cannot be
//! stored and fails the export.

use rusqlite::{Connection, MAIN_DB, params_from_iter, types::Value};

use crate::datapackage::{TABLES, TableDef, rows};
use crate::error::ExportError;
use crate::records::Records;

fn render_error(e: rusqlite::Error) -> ExportError {
    ExportError::Render(format!("SQLite: {e}"))
}

/// The SQL type of a Frictionless field type.
fn sql_type(frictionless: &str) -> &'static str {
    match frictionless {
        "integer" => "INTEGER",
        "number" => "REAL",
        _ => "TEXT",
    }
}

/// A name quoted for SQL.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `CREATE TABLE` for a table: its columns, primary key and foreign keys.
pub(crate) fn create_table(table: &TableDef) -> String {
    let mut lines: Vec<String> = table
        .fields
        .iter()
        .map(|&(name, ty, required, _)| {
            let mut line = format!("  {} {}", quoted(name), sql_type(ty));
            if required {
                line.push_str(" NOT NULL");
            }
            line
        })
        .collect();
    let key: Vec<String> = table.primary_key.iter().map(|k| quoted(k)).collect();
    lines.push(format!("  PRIMARY KEY ({})", key.join(", ")));
    for (fields, resource, reference) in table.foreign_keys {
        let local: Vec<String> = fields.iter().map(|f| quoted(f)).collect();
        let remote: Vec<String> = reference.iter().map(|f| quoted(f)).collect();
        lines.push(format!(
            "  FOREIGN KEY ({}) REFERENCES {} ({})",
            local.join(", "),
            quoted(resource),
            remote.join(", ")
        ));
    }
    format!(
        "CREATE TABLE {} (\n{}\n)",
        quoted(table.name),
        lines.join(",\n")
    )
}

/// The indexes of a table: one per foreign key whose columns do not start its primary key,
/// and the events' date and kind.
pub(crate) fn create_indexes(table: &TableDef) -> Vec<String> {
    let mut columns: Vec<&[&str]> = table
        .foreign_keys
        .iter()
        .map(|(fields, _, _)| *fields)
        .filter(|fields| !table.primary_key.starts_with(fields))
        .collect();
    if table.name == "events" {
        columns.push(&["date_start"]);
        columns.push(&["kind"]);
    }
    columns
        .into_iter()
        .map(|fields| {
            let cols: Vec<String> = fields.iter().map(|f| quoted(f)).collect();
            format!(
                "CREATE INDEX {} ON {} ({})",
                quoted(&format!("{}_{}", table.name, fields.join("_"))),
                quoted(table.name),
                cols.join(", ")
            )
        })
        .collect()
}

/// A cell as an SQL value: `NULL` when empty, else typed as its field.
fn value(cell: String, ty: &str) -> Value {
    if cell.is_empty() {
        return Value::Null;
    }
    match ty {
        "integer" => cell.parse().map_or(Value::Text(cell), Value::Integer),
        "number" => cell.parse().map_or(Value::Text(cell), Value::Real),
        _ => Value::Text(cell),
    }
}

/// Renders the database file's bytes.
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    let mut conn = Connection::open_in_memory().map_err(render_error)?;
    let tx = conn.transaction().map_err(render_error)?;
    for table in &TABLES {
        tx.execute_batch(&create_table(table))
            .map_err(render_error)?;
        for index in create_indexes(table) {
            tx.execute_batch(&index).map_err(render_error)?;
        }
        let placeholders = vec!["?"; table.fields.len()].join(", ");
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO {} VALUES ({placeholders})",
                quoted(table.name)
            ))
            .map_err(render_error)?;
        for row in rows(records, table.name) {
            let values = row
                .into_iter()
                .zip(table.fields)
                .map(|(cell, field)| value(cell, field.1));
            insert
                .execute(params_from_iter(values))
                .map_err(render_error)?;
        }
    }
    tx.commit().map_err(render_error)?;
    let data = conn.serialize(MAIN_DB).map_err(render_error)?;
    Ok(data.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_foreign_key_has_an_index_or_leads_the_primary_key() {
        for table in &TABLES {
            let indexes = create_indexes(table);
            for (fields, _, _) in table.foreign_keys {
                let name = format!("\"{}_{}\"", table.name, fields.join("_"));
                assert!(
                    table.primary_key.starts_with(fields)
                        || indexes.iter().any(|i| i.contains(&name)),
                    "{}: {fields:?}",
                    table.name
                );
            }
        }
    }

    #[test]
    fn cells_are_typed_and_empty_is_null() {
        assert_eq!(value(String::new(), "string"), Value::Null);
        assert_eq!(value("12".into(), "integer"), Value::Integer(12));
        assert_eq!(value("40.5".into(), "number"), Value::Real(40.5));
        assert_eq!(value("x".into(), "string"), Value::Text("x".into()));
    }
}
