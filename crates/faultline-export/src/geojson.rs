//! `geojson`: RFC 7946 GeoJSON, longitude first, in two FeatureCollections (one layer each in
//! GDAL and QGIS).
//!
//! - **Events** (the file asked for): one Feature per incident, whose geometry is a
//!   `MultiPoint` of the event's places that the gazetteer has (in the event's order, each
//!   once; `null` when it has none). Its properties are the event's id, title, kind, dates,
//!   its places (ids and names, and the main place), the killed and wounded low/best/high
//!   totals and its sources — once per event, so that summing a property over the features
//!   counts each event once.
//! - **Places** (`<stem>-places.geojson`): one `Point` Feature per gazetteer place, with the
//!   number of incidents that name it.
//!
//! Places an event names but the gazetteer lacks have no coordinates and are left out of the
//! geometry (their ids stay in `place_ids`). Written with `serde_json`; no GeoJSON crate is
//! needed for points.

use std::collections::HashMap;

use faultline_model::{Category, Place};
use serde_json::{Map, Value, json};

use crate::OutputFile;
use crate::csv::category_totals;
use crate::error::ExportError;
use crate::records::Records;

/// The name of the places file beside the events file (`<stem>-places.geojson`).
pub const PLACES_FILE: &str = "places.geojson";

fn position(place: &Place) -> Value {
    json!([place.lon, place.lat])
}

fn collection(features: Vec<Value>) -> Result<Vec<u8>, ExportError> {
    let collection = json!({ "type": "FeatureCollection", "features": features });
    let mut bytes =
        serde_json::to_vec_pretty(&collection).map_err(|e| ExportError::Render(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Renders the events' FeatureCollection (empty name) and the places' (`places.geojson`).
pub fn render(records: &Records) -> Result<Vec<OutputFile>, ExportError> {
    let index = records.index();
    let mut events = Vec::new();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for event in records.incidents() {
        let mut places: Vec<&Place> = Vec::new();
        for ep in &event.places {
            if let Some(place) = index.place(ep.place.as_str())
                && !places.iter().any(|p| p.id == place.id)
            {
                places.push(place);
                *uses.entry(place.id.as_str()).or_default() += 1;
            }
        }
        let join = |items: Vec<String>| items.join("; ");
        let mut props = Map::new();
        props.insert("event_id".into(), event.id.as_str().into());
        props.insert("title".into(), event.title.clone().into());
        props.insert("kind".into(), event.kind.as_str().into());
        props.insert("date_start".into(), event.date.start.to_string().into());
        props.insert("date_end".into(), event.date.last().to_string().into());
        props.insert(
            "date_precision".into(),
            event.date.precision.as_str().into(),
        );
        props.insert(
            "main_place_id".into(),
            index
                .main_place(event)
                .map_or(Value::Null, |p| p.id.as_str().into()),
        );
        props.insert(
            "place_ids".into(),
            join(event.places.iter().map(|p| p.place.to_string()).collect()).into(),
        );
        props.insert(
            "place_names".into(),
            join(places.iter().map(|p| p.name.clone()).collect()).into(),
        );
        for (category, key) in [(Category::Killed, "killed"), (Category::Wounded, "wounded")] {
            let (low, best, high) = match category_totals(event, category) {
                Some((l, b, h)) => (l.into(), b.into(), h.into()),
                None => (Value::Null, Value::Null, Value::Null),
            };
            props.insert(format!("{key}_low"), low);
            props.insert(format!("{key}_best"), best);
            props.insert(format!("{key}_high"), high);
        }
        props.insert(
            "sources".into(),
            join(event.sources.iter().map(ToString::to_string).collect()).into(),
        );
        let geometry = if places.is_empty() {
            Value::Null
        } else {
            json!({
                "type": "MultiPoint",
                "coordinates": places.iter().map(|p| position(p)).collect::<Vec<_>>(),
            })
        };
        events.push(json!({
            "type": "Feature",
            "id": event.id.as_str(),
            "geometry": geometry,
            "properties": props,
        }));
    }
    let places: Vec<Value> = records
        .places
        .iter()
        .map(|place| {
            json!({
                "type": "Feature",
                "id": place.id.as_str(),
                "geometry": { "type": "Point", "coordinates": position(place) },
                "properties": {
                    "place_id": place.id.as_str(),
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "admin2": place.admin2,
                    "precision": place.precision,
                    "coordinate_source": place.coordinate_source,
                    "events": uses.get(place.id.as_str()).copied().unwrap_or(0),
                },
            })
        })
        .collect();
    Ok(vec![
        OutputFile {
            name: String::new(),
            bytes: collection(events)?,
        },
        OutputFile {
            name: PLACES_FILE.to_owned(),
            bytes: collection(places)?,
        },
    ])
}
