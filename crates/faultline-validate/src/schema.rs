//! JSON Schema validation of records against the generated schemas, with every error mapped
//! to the JSON pointer of the key or value it concerns.

use std::sync::LazyLock;

use faultline_model::RecordKind;
use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::suggest::did_you_mean;

/// Where an error points within a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value at the pointer.
    Value,
    /// The key at the pointer (an unexpected key).
    Key,
    /// The table at the pointer (a missing field belongs there).
    Table,
}

/// One schema error, ready to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// The JSON pointer within the record.
    pub pointer: String,
    /// What to point at.
    pub target: Target,
    /// The schema keyword that failed (`required`, `type`, `pattern`, ...).
    pub keyword: String,
    /// The message, naming the path and the keyword.
    pub message: String,
    /// A suggestion, e.g. the field probably meant.
    pub help: Option<String>,
    /// Whether the error is an impossible or malformed date (reported as a parse error).
    pub bad_date: bool,
}

/// The schemas as JSON values, made once.
static SCHEMAS: LazyLock<Vec<(RecordKind, Value)>> = LazyLock::new(|| {
    RecordKind::ALL
        .iter()
        .map(|k| (*k, k.schema().to_value()))
        .collect()
});

static VALIDATORS: LazyLock<Vec<Option<Validator>>> = LazyLock::new(|| {
    RecordKind::ALL
        .iter()
        .map(|k| {
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&k.schema().to_value())
                .ok()
        })
        .collect()
});

/// The compiled validator of a record kind (compiled once per process).
fn validator(kind: RecordKind) -> Option<&'static Validator> {
    let i = RecordKind::ALL.iter().position(|k| *k == kind)?;
    VALIDATORS.get(i)?.as_ref()
}

/// Whether every generated schema compiles (checked by a test).
pub fn schemas_compile() -> bool {
    VALIDATORS.iter().all(Option::is_some)
}

/// Validates a record; an empty result means it conforms.
pub fn validate(kind: RecordKind, value: &Value) -> Vec<SchemaError> {
    let Some(v) = validator(kind) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in v.iter_errors(value) {
        let path = e.instance_path().as_str().to_owned();
        let keyword = e.kind().keyword().to_owned();
        let shown = if path.is_empty() {
            "the record".to_owned()
        } else {
            format!("`{path}`")
        };
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = known_properties(kind, &path);
                for key in unexpected {
                    let mut pointer = path.clone();
                    faultline_dataset::tree::push_segment(&mut pointer, key);
                    let help = did_you_mean(key, known.iter().map(String::as_str))
                        .map(|k| format!("did you mean `{k}`?"))
                        .or_else(|| {
                            (!known.is_empty())
                                .then(|| format!("known fields here: {}", known.join(", ")))
                        });
                    out.push(SchemaError {
                        pointer,
                        target: Target::Key,
                        keyword: keyword.clone(),
                        message: format!("unknown field `{key}` in {shown} [schema keyword: additionalProperties]"),
                        help,
                        bad_date: false,
                    });
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned);
                out.push(SchemaError {
                    pointer: path,
                    target: Target::Table,
                    keyword,
                    message: format!(
                        "missing required field `{name}` in {shown} [schema keyword: required]"
                    ),
                    help: None,
                    bad_date: false,
                });
            }
            kind_ => {
                let bad_date =
                    matches!(kind_, ValidationErrorKind::Format { format } if format == "date");
                out.push(SchemaError {
                    pointer: path,
                    target: Target::Value,
                    keyword: keyword.clone(),
                    message: format!(
                        "{shown}: {} [schema keyword: {keyword}]",
                        shorten(&e.to_string())
                    ),
                    help: None,
                    bad_date,
                });
            }
        }
    }
    out
}

/// A message cut to a readable length (a 20 MB string must not be echoed back).
fn shorten(message: &str) -> String {
    const MAX: usize = 300;
    if message.len() <= MAX {
        return message.to_owned();
    }
    let cut = (0..=MAX)
        .rev()
        .find(|i| message.is_char_boundary(*i))
        .unwrap_or(0);
    format!("{}…", &message[..cut])
}

/// The property names the schema allows on the object at `pointer` (for did-you-mean).
fn known_properties(kind: RecordKind, pointer: &str) -> Vec<String> {
    let schema = SCHEMAS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Null);
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    // Walk the schema along the pointer: `items` for arrays, `properties` for objects.
    let resolve = |mut node: Value| {
        for _ in 0..8 {
            let Some(r) = node.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let name = r.trim_start_matches("#/$defs/");
            node = defs.get(name).cloned().unwrap_or(Value::Null);
        }
        node
    };
    let mut node = resolve(schema);
    for seg in faultline_dataset::tree::pointer_segments(pointer) {
        if let Some(items) = node.get("items") {
            node = resolve(items.clone());
        } else if let Some(p) = node.get("properties").and_then(|p| p.get(&seg)) {
            node = resolve(p.clone());
        } else {
            return Vec::new();
        }
    }
    // Untagged enums: take the object branch.
    if node.get("properties").is_none()
        && let Some(branches) = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
    {
        for b in branches {
            let b = resolve(b.clone());
            if b.get("properties").is_some() {
                node = b;
                break;
            }
        }
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_schema_compiles() {
        assert!(schemas_compile());
    }

    #[test]
    fn maps_unknown_missing_and_wrong_values() {
        let event = json!({
            "id": "2021-11-16-x", "title": "t", "kind": "armed-clash", "summary": "s",
            "sorces": [], "date": {"start": "2021-02-30", "precision": "day"},
            "casualties": [{"party": "a", "category": "dead", "count": 1}]
        });
        let errors = validate(RecordKind::Event, &event);
        let by_kw = |k: &str| errors.iter().find(|e| e.keyword == k).unwrap();
        let unknown = by_kw("additionalProperties");
        assert_eq!(unknown.pointer, "/sorces");
        assert_eq!(unknown.target, Target::Key);
        assert_eq!(unknown.help.as_deref(), Some("did you mean `sources`?"));
        let date = by_kw("format");
        assert_eq!(date.pointer, "/date/start");
        assert!(date.bad_date);
        let cat = by_kw("enum");
        assert!(
            cat.message.contains("\"dead\" is not one of"),
            "{}",
            cat.message
        );
        assert_eq!(cat.pointer, "/casualties/0/category");
        let missing = validate(RecordKind::Event, &json!({"id": "x"}));
        assert!(
            missing
                .iter()
                .any(|e| e.keyword == "required" && e.target == Target::Table)
        );
    }
}
