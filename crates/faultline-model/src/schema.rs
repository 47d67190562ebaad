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
