//! `geojson`: an RFC 7946 FeatureCollection, longitude first.
//!
//! One Feature per event-place pair (`"feature": "event"`: the event's id, title, kind, dates,
//! the place's role and the killed and wounded figures) and one Feature per gazetteer place
//! (`"feature": "place"`). Places an event names but the gazetteer lacks have no coordinates
//! and are left out. Written with `serde_json`; no GeoJSON crate is needed for points.

use faultline_model::{Category, Place};
use serde_json::{Map, Value, json};

use crate::csv::category_totals;
use crate::error::ExportError;
use crate::records::Records;

fn point(place: &Place) -> Value {
    json!({ "type": "Point", "coordinates": [place.lon, place.lat] })
}

/// Renders the FeatureCollection.
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    let index = records.index();
    let mut features = Vec::new();
    for event in records.incidents() {
        for ep in &event.places {
            let Some(place) = index.place(ep.place.as_str()) else {
                continue;
            };
            let mut props = Map::new();
            props.insert("feature".into(), "event".into());
            props.insert("event_id".into(), event.id.as_str().into());
            props.insert("title".into(), event.title.clone().into());
            props.insert("kind".into(), event.kind.as_str().into());
            props.insert("date_start".into(), event.date.start.to_string().into());
            props.insert("date_end".into(), event.date.last().to_string().into());
            props.insert(
                "date_precision".into(),
                event.date.precision.as_str().into(),
            );
            props.insert("place_id".into(), place.id.as_str().into());
            props.insert("place_name".into(), place.name.clone().into());
            props.insert(
                "place_role".into(),
                ep.role
                    .and_then(|r| serde_json::to_value(r).ok())
                    .unwrap_or(Value::Null),
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
                event
                    .sources
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
                    .into(),
            );
            features.push(json!({
                "type": "Feature",
                "id": format!("{}/{}", event.id, place.id),
                "geometry": point(place),
                "properties": props,
            }));
        }
    }
    for place in &records.places {
        features.push(json!({
            "type": "Feature",
            "id": place.id.as_str(),
            "geometry": point(place),
            "properties": {
                "feature": "place",
                "place_id": place.id.as_str(),
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "precision": place.precision,
                "coordinate_source": place.coordinate_source,
            },
        }));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    let mut bytes =
        serde_json::to_vec_pretty(&collection).map_err(|e| ExportError::Render(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
