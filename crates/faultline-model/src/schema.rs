//! The JSON Schemas of the record types (draft 2020-12), generated with schemars.

use schemars::{JsonSchema, Schema, generate::SchemaSettings};

use crate::{Actor, Event, Place, Source};

/// The four kinds of records, each with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// An event file under `events/`.
    Event,
    /// A source file under `sources/`.
    Source,
    /// One `[[place]]` table of `places.toml`.
    Place,
    /// One `[[actor]]` table of `actors.toml`.
    Actor,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 4] = [Self::Event, Self::Source, Self::Place, Self::Actor];

    /// The kind's name: `event`, `source`, `place`, `actor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Source => "source",
            Self::Place => "place",
            Self::Actor => "actor",
        }
    }

    /// The schema's file name in `schema/`: `event.schema.json`, ...
    pub fn schema_file(self) -> String {
        format!("{}.schema.json", self.as_str())
    }

    /// For a kind whose records share one file (places, actors), that file's schema's name
    /// in `schema/`: `places.schema.json`, `actors.schema.json`.
    pub fn registry_schema_file(self) -> Option<String> {
        match self {
            Self::Place | Self::Actor => Some(format!("{}s.schema.json", self.as_str())),
            Self::Event | Self::Source => None,
        }
    }

    /// For a kind whose records share one file: the JSON Schema of that whole file
    /// (`places.toml`: an array of `[[place]]` tables), which editors apply to it.
    pub fn registry_schema(self) -> Option<Schema> {
        match self {
            Self::Place => Some(generate::<PlacesFile>()),
            Self::Actor => Some(generate::<ActorsFile>()),
            Self::Event | Self::Source => None,
        }
    }

    /// The JSON Schema for one record of this kind.
    pub fn schema(self) -> Schema {
        match self {
            Self::Event => generate::<Event>(),
            Self::Source => generate::<Source>(),
            Self::Place => generate::<Place>(),
            Self::Actor => generate::<Actor>(),
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The values of a plain enum as records write them (`["day", "days", "week", ...]` for
/// [`Precision`](crate::Precision)), read from its schema: lists shown to people (the
/// templates of `faultline new`, command-line help) come from here and never miss a value.
/// Empty for a type whose schema is not a plain enum.
pub fn enum_values<T: JsonSchema>() -> Vec<String> {
    generate::<T>()
        .get("enum")
        .and_then(serde_json::Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// `places.toml`, as a whole.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline places.toml",
    description = "The gazetteer: one [[place]] table per place."
)]
#[allow(dead_code)]
struct PlacesFile {
    /// The places.
    #[serde(default)]
    place: Vec<Place>,
}

/// `actors.toml`, as a whole.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline actors.toml",
    description = "The actors: one [[actor]] table per actor."
)]
#[allow(dead_code)]
struct ActorsFile {
    /// The actors.
    #[serde(default)]
    actor: Vec<Actor>,
}

/// Every file of `schema/` with its text, as written (pretty JSON, final newline): one
/// schema per record kind, then one per registry file. `cargo xtask codegen` and
/// `faultline schema --out` write exactly these.
pub fn documents() -> Vec<(String, String)> {
    let pretty = |schema: &Schema| {
        let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
        text.push('\n');
        text
    };
    let mut out: Vec<(String, String)> = RecordKind::ALL
        .iter()
        .map(|k| (k.schema_file(), pretty(&k.schema())))
        .collect();
    for k in RecordKind::ALL {
        if let (Some(file), Some(schema)) = (k.registry_schema_file(), k.registry_schema()) {
            out.push((file, pretty(&schema)));
        }
    }
    out
}

/// Every record kind with its schema, in [`RecordKind::ALL`] order.
pub fn schemas() -> Vec<(RecordKind, Schema)> {
    RecordKind::ALL.iter().map(|k| (*k, k.schema())).collect()
}

/// The schema of `kind` as it is written to `schema/<kind>.schema.json`: pretty JSON with a
/// final newline. The CLI, the code generator and the freshness check all use this.
pub fn render(kind: RecordKind) -> String {
    let mut text = serde_json::to_string_pretty(&kind.schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Rewrites the `oneOf` of documented constants that schemars makes of a unit enum into a
/// plain `enum`, keeping each value's documentation in the description. Validators then
/// say "not one of killed, wounded, ..." instead of "not valid under any of the schemas".
pub(crate) fn plain_enum(schema: &mut Schema) {
    use serde_json::Value;
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let Some(Value::Array(branches)) = obj.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut lines = Vec::new();
    for b in branches {
        let Some(c) = b.get("const") else { return };
        if let (Some(text), Some(doc)) = (c.as_str(), b.get("description").and_then(Value::as_str))
        {
            lines.push(format!("- `{text}`: {doc}"));
        }
        values.push(c.clone());
    }
    obj.remove("oneOf");
    obj.insert("type".into(), Value::from("string"));
    obj.insert("enum".into(), Value::Array(values));
    if !lines.is_empty() {
        let head = obj
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        obj.insert(
            "description".into(),
            Value::from(format!("{head}\n\n{}", lines.join("\n"))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Event, EventKind, Precision};

    #[test]
    fn enum_values_are_the_values_records_write() {
        assert_eq!(
            enum_values::<EventKind>(),
            EventKind::ALL.map(EventKind::as_str)
        );
        assert_eq!(
            enum_values::<Category>(),
            Category::ALL.map(Category::as_str)
        );
        assert_eq!(
            enum_values::<Precision>(),
            ["day", "days", "week", "month", "year", "years"]
        );
        assert!(enum_values::<Event>().is_empty());
    }
}
