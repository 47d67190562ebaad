//! `json` (one document with every record) and `jsonl` (one event per line).

use serde::Serialize;

use crate::error::ExportError;
use crate::records::Records;

#[derive(Serialize)]
struct Document<'a> {
    events: &'a [faultline_model::Event],
    sources: &'a [faultline_model::Source],
    places: &'a [faultline_model::Place],
    actors: &'a [faultline_model::Actor],
}

/// One pretty-printed JSON document: `{"events": [...], "sources": [...], "places": [...],
/// "actors": [...]}`, each record as the JSON Schemas in `schema/` describe it.
pub fn document(records: &Records) -> Result<Vec<u8>, ExportError> {
    let doc = Document {
        events: &records.events,
        sources: &records.sources,
        places: &records.places,
        actors: &records.actors,
    };
    let mut bytes =
        serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Render(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// JSON Lines: one event per line, compact, in export order.
pub fn lines(records: &Records) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    for event in &records.events {
        serde_json::to_writer(&mut bytes, event).map_err(|e| ExportError::Render(e.to_string()))?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}
