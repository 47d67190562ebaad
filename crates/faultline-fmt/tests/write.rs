//! Records written by `faultline_fmt::write`: every model field has its place in the layout,
//! and what is written is already in canonical form (`format_record` changes nothing) and
//! reads back as the same record.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use faultline_fmt::shape::{Layout, Shape, fields};
use faultline_fmt::{RecordFile, format_record, write};
use faultline_model::{ActorsFile, Event, Place, PlacesFile, RecordKind};
use faultline_testkit::strategy;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The schema an object of the record's schema points to (`$ref`, array items, and the
/// object branch of `anyOf` for options and untagged enums), if it is an object with fields.
fn object<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Map<String, Value>> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/")?;
        return object(root, &root["$defs"][name]);
    }
    if let Some(items) = schema.get("items") {
        return object(root, items);
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        return branches.iter().find_map(|b| object(root, b));
    }
    schema.get("properties").and_then(Value::as_object)
}

/// Whether a field's schema is a date (`$ref: Date`, directly or as an option).
fn is_date(schema: &Value) -> bool {
    schema.get("$ref").and_then(Value::as_str) == Some("#/$defs/Date")
        || schema
            .get("anyOf")
            .and_then(Value::as_array)
            .is_some_and(|b| b.iter().any(is_date))
}

/// Checks that the layout of `shape` has exactly the fields of `properties`, in a place of the
/// right kind, and recurses into nested tables. Returns every (shape, key) visited.
fn check(root: &Value, properties: &Map<String, Value>, shape: Shape, seen: &mut BTreeSet<String>) {
    let layout = fields(shape);
    for (key, schema) in properties {
        let Some((_, place)) = layout.iter().find(|(k, _)| k == key) else {
            panic!(
                "the model's field `{key}` has no place in the layout of {shape:?} (crates/faultline-fmt/src/shape.rs)"
            );
        };
        seen.insert(format!("{shape:?}.{key}"));
        assert_eq!(
            *place == Layout::Date,
            is_date(schema),
            "{shape:?}.{key}: a date field is laid out as a date, and only a date field"
        );
        let nested = object(root, schema);
        match place {
            Layout::Table(s) | Layout::Tables(s) | Layout::Inline(s) | Layout::InlineArray(s) => {
                if *s == Shape::External {
                    continue; // verbatim values of other datasets, by column name
                }
                let Some(nested) = nested else {
                    panic!(
                        "{shape:?}.{key} is laid out as a table of {s:?}, but the model has no table there"
                    );
                };
                check(root, nested, *s, seen);
            }
            Layout::Value | Layout::Date => {
                assert!(
                    nested.is_none() || key == "names",
                    "{shape:?}.{key} holds a table in the model; the layout must say how it is written"
                );
            }
        }
    }
    for (key, _) in layout {
        assert!(
            properties.contains_key(*key),
            "the layout of {shape:?} has `{key}`, which the model does not have"
        );
    }
}

#[test]
fn every_model_field_has_its_place_in_the_layout() {
    let mut seen = BTreeSet::new();
    for (kind, shape) in [
        (RecordKind::Event, Shape::Event),
        (RecordKind::Source, Shape::Source),
        (RecordKind::Place, Shape::Place),
        (RecordKind::Actor, Shape::Actor),
    ] {
        let schema = serde_json::to_value(kind.schema()).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        check(&schema, properties, shape, &mut seen);
    }
    // The registry files: one array of tables each, under the key the model gives it.
    for (file, key) in [
        (
            RecordFile::Places,
            serde_json::to_value(PlacesFile::default()).unwrap(),
        ),
        (
            RecordFile::Actors,
            serde_json::to_value(ActorsFile::default()).unwrap(),
        ),
    ] {
        let keys: Vec<&String> = key.as_object().unwrap().keys().collect();
        assert_eq!(keys, [file.shape().registry_key().unwrap()], "{file:?}");
    }
    // A spot check that the walk went deep.
    for deep in [
        "Casualty.count",
        "Count.best",
        "Control.from",
        "NameVariant.lang",
        "Citation.date",
    ] {
        assert!(seen.contains(deep), "{deep} not visited: {seen:?}");
    }
}

#[test]
fn toml_layout_is_canonical() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../faultline-export/tests/fixtures/dataset/events/2021/2021-11-16-border-fighting.toml",
    );
    let event: Event = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = write::event(&event).unwrap();
    insta::assert_snapshot!(text);
    assert!(text.starts_with("#:schema ../../../schema/event.schema.json\n"));
    assert!(
        text.contains("start = 2021-11-16\n"),
        "dates are TOML dates"
    );
    assert!(text.contains("time = \"07:00\"\n"), "times stay strings");
    let order = [
        "\n[date]",
        "\n[[places]]",
        "\n[[actors]]",
        "\n[[casualties]]",
        "\n[external.acled]",
    ];
    let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(!text.contains("\n[external]\n"));
    assert_eq!(format_record(&text, RecordFile::Event).unwrap(), text);
}

#[test]
fn registries_and_paths() {
    let place: Place = toml::from_str(
        "id = \"sev-lake\"\nname = \"Sev Lake\"\nnames = [\"Sev Lake\", { name = \"Lake Sev\", lang = \"en\" }]\n\
         kind = \"lake\"\ncountry = \"ARM\"\nlat = 39.6\nlon = 46.2\nprecision = \"near\"\ncoordinate_source = \"x\"\n",
    )
    .unwrap();
    let text = write::places(std::slice::from_ref(&place)).unwrap();
    assert_eq!(format_record(&text, RecordFile::Places).unwrap(), text);
    assert!(
        text.starts_with("#:schema ../schema/places.schema.json\n\n[[place]]\nid = \"sev-lake\"\n"),
        "{text}"
    );
    let bare = write::registry_in(std::slice::from_ref(&place), RecordFile::Places, None).unwrap();
    assert!(bare.starts_with("[[place]]\n"), "{bare}");
    assert_eq!(
        RecordFile::Event.schema_directive("../schema"),
        "../../../schema/event.schema.json"
    );
    assert_eq!(
        RecordFile::Actors.schema_directive("../schema"),
        "../schema/actors.schema.json"
    );
    assert!(
        text.contains("names = [\n  \"Sev Lake\",\n  { name = \"Lake Sev\", lang = \"en\" },\n]\n"),
        "{text}"
    );
    let back: PlacesFile = toml::from_str(&text).unwrap();
    assert_eq!(back.place, [place]);
    assert_eq!(write::actors(&[]).unwrap(), "");
    assert!(write::registry(&[1], RecordFile::Event).is_err());
}

fn written_is_canonical<T>(record: &T, text: &str, kind: RecordFile) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let formatted = format_record(text, kind).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&formatted, text, "fmt would change the written file");
    let back: T = toml::from_str(text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, record);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn written_events_are_canonical(event in strategy::event()) {
        written_is_canonical(&event, &write::event(&event).unwrap(), RecordFile::Event)?;
    }

    #[test]
    fn written_sources_are_canonical(source in strategy::source()) {
        written_is_canonical(&source, &write::source(&source).unwrap(), RecordFile::Source)?;
    }

    #[test]
    fn written_registries_are_canonical(
        places in proptest::collection::vec(strategy::place(), 0..4),
        actors in proptest::collection::vec(strategy::actor(), 0..4),
    ) {
        let text = write::places(&places).unwrap();
        let back = PlacesFile { place: places };
        written_is_canonical(&back, &text, RecordFile::Places)?;
        let text = write::actors(&actors).unwrap();
        let back = ActorsFile { actor: actors };
        written_is_canonical(&back, &text, RecordFile::Actors)?;
    }
}
