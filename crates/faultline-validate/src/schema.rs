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

/// Validates a record; an empty result means it conforms. Every message is said in the
/// record's terms, from the schema (generated from the model): what the field takes, what
/// was found, and how to get from one to the other.
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
                            (!known.is_empty()).then(|| {
                                format!("the fields here are {}", list(&known, "`", "and"))
                            })
                        });
                    out.push(SchemaError {
                        pointer,
                        target: Target::Key,
                        keyword: keyword.clone(),
                        message: format!("unknown field `{key}` in {shown}"),
                        help,
                        bad_date: false,
                    });
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned);
                let mut field = path.clone();
                faultline_dataset::tree::push_segment(&mut field, &name);
                let takes = node_at(kind, &field).map(|n| {
                    let form = Expected::of(n).phrase();
                    match n.get("description").and_then(Value::as_str) {
                        Some(d) if !form.is_empty() => format!("{form} ({})", sentence(d)),
                        _ => form,
                    }
                });
                out.push(SchemaError {
                    pointer: path,
                    target: Target::Table,
                    keyword,
                    message: format!("missing required field `{name}` in {shown}"),
                    help: takes
                        .filter(|t| !t.is_empty())
                        .map(|t| format!("add `{name}`: {t}")),
                    bad_date: false,
                });
            }
            kind_ => {
                let bad_date =
                    matches!(kind_, ValidationErrorKind::Format { format } if format == "date");
                let found = e.instance();
                let (message, help) = match (kind_, node_at(kind, &path)) {
                    (
                        ValidationErrorKind::Type { .. }
                        | ValidationErrorKind::AnyOf { .. }
                        | ValidationErrorKind::OneOfNotValid { .. }
                        | ValidationErrorKind::Enum { .. }
                        | ValidationErrorKind::Constant { .. }
                        | ValidationErrorKind::Pattern { .. },
                        Some(node),
                    ) => {
                        let expected = Expected::of(node);
                        let hint = expected.hint(found);
                        let message = format!(
                            "{shown}: expected {}; found {}{}",
                            expected.phrase(),
                            describe_found(found),
                            hint.map(|h| format!(": {h}")).unwrap_or_default()
                        );
                        (message, expected.did_you_mean(found))
                    }
                    _ => (format!("{shown}: {}", shorten(&e.to_string())), None),
                };
                out.push(SchemaError {
                    pointer: path,
                    target: Target::Value,
                    keyword: keyword.clone(),
                    message,
                    help,
                    bad_date,
                });
            }
        }
    }
    out
}

/// What a field takes, read from its schema: the forms it accepts, the JSON types among
/// them, and the values of an enumeration.
#[derive(Debug, Default)]
struct Expected {
    /// Each accepted form, in words ("an integer", "a table { low, high }").
    forms: Vec<String>,
    /// The JSON types accepted (`null` left out: an absent optional field).
    types: Vec<&'static str>,
    /// The values of an enumeration, when the field takes one.
    values: Vec<String>,
}

impl Expected {
    fn of(node: &Value) -> Self {
        let mut e = Expected::default();
        e.add(node, 0);
        e
    }

    fn add(&mut self, node: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        let node = resolve(node);
        if let Some(branches) = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
        {
            for b in branches {
                self.add(b, depth + 1);
            }
            return;
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            self.push(format!("one of {}", list(&values, "\"", "or")), "string");
            self.values.extend(values);
            return;
        }
        if let Some(c) = node.get("const").and_then(Value::as_str) {
            self.push(format!("\"{c}\""), "string");
            self.values.push(c.to_owned());
            return;
        }
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for t in types {
            let (form, ty) = match t {
                "integer" => ("an integer".to_owned(), "integer"),
                "number" => ("a number".to_owned(), "number"),
                "boolean" => ("true or false".to_owned(), "boolean"),
                "string" if node.get("format").and_then(Value::as_str) == Some("date") => {
                    ("a date, YYYY-MM-DD".to_owned(), "string")
                }
                "string" if node.get("pattern").is_some() => (
                    node.get("description")
                        .and_then(Value::as_str)
                        .map_or_else(|| "a string of a set form".to_owned(), sentence),
                    "string",
                ),
                "string" => ("a string".to_owned(), "string"),
                "array" => ("a list in brackets, [...]".to_owned(), "array"),
                "object" => {
                    let required: Vec<String> = node
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(|k| k.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    let form = if required.is_empty() {
                        "a table".to_owned()
                    } else {
                        format!("a table {{ {} }}", required.join(", "))
                    };
                    (form, "object")
                }
                _ => continue,
            };
            self.push(form, ty);
        }
    }

    fn push(&mut self, form: String, ty: &'static str) {
        if !self.forms.contains(&form) {
            self.forms.push(form);
        }
        if !self.types.contains(&ty) {
            self.types.push(ty);
        }
    }

    /// The forms, in words: "an integer, or a table { low, high }".
    fn phrase(&self) -> String {
        match self.forms.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}, or {last}", init.join(", ")),
        }
    }

    /// How to turn what was found into what the field takes, when it is plain.
    fn hint(&self, found: &Value) -> Option<String> {
        let takes = |t: &str| self.types.contains(&t);
        match found {
            Value::String(s) => {
                let s = s.trim();
                if (takes("integer") && s.parse::<i64>().is_ok())
                    || (takes("number") && s.parse::<f64>().is_ok_and(f64::is_finite))
                    || (takes("boolean") && matches!(s, "true" | "false"))
                {
                    Some("remove the quotes".to_owned())
                } else if takes("array") && !takes("string") {
                    Some(format!(
                        "put it in brackets: [{}]",
                        shorten(&Value::String(s.to_owned()).to_string())
                    ))
                } else {
                    None
                }
            }
            Value::Number(_) | Value::Bool(_) if takes("string") && !takes("integer") => {
                Some("put it in quotes".to_owned())
            }
            Value::Array(items) if items.len() == 1 && !takes("array") => {
                Some("write the value alone, without the brackets".to_owned())
            }
            _ => None,
        }
    }

    /// For a value of an enumeration misspelt: the value probably meant.
    fn did_you_mean(&self, found: &Value) -> Option<String> {
        let s = found.as_str()?;
        let lower = s.trim().to_lowercase().replace([' ', '_'], "-");
        if let Some(v) = self.values.iter().find(|v| **v == lower && **v != s) {
            return Some(format!("did you mean \"{v}\"?"));
        }
        did_you_mean(s, self.values.iter().map(String::as_str))
            .map(|v| format!("did you mean \"{v}\"?"))
    }
}

/// What was found, in words: `the string "13"`, `the integer 3`, `a table`.
fn describe_found(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) if n.is_i64() || n.is_u64() => format!("the integer {n}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!(
            "the string {}",
            shorten(&Value::String(s.clone()).to_string())
        ),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a table".to_owned(),
    }
}

/// Items in words: `"a", "b" or "c"` (each between `quote`s).
fn list(items: &[String], quote: &str, and: &str) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("{quote}{i}{quote}")).collect();
    match q.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// A schema description as part of a sentence: first letter lower-case, no final period.
fn sentence(description: &str) -> String {
    let d = description
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    let mut chars = d.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
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

/// The `$defs` of the schemas, for resolving references.
static DEFS: LazyLock<serde_json::Map<String, Value>> = LazyLock::new(|| {
    let mut defs = serde_json::Map::new();
    for (_, schema) in SCHEMAS.iter() {
        if let Some(Value::Object(d)) = schema.get("$defs") {
            for (k, v) in d {
                defs.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    defs
});

/// What a reference to no definition resolves to.
static NULL: Value = Value::Null;

/// A schema node with its `$ref`s followed; a description next to a reference is kept.
/// Borrowed: the schemas are built once, and copying a node (the whole record's schema, at
/// the top) for every step of a lookup cost more than the lookup.
fn resolve(mut node: &Value) -> &Value {
    for _ in 0..8 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let name = r.trim_start_matches("#/$defs/");
        node = DEFS.get(name).unwrap_or(&NULL);
    }
    node
}

/// The schema of the value at `pointer` in a record of `kind`, followed through tables,
/// lists and the branches of `anyOf`.
fn node_at(kind: RecordKind, pointer: &str) -> Option<&'static Value> {
    let schema = &SCHEMAS.iter().find(|(k, _)| *k == kind)?.1;
    let mut node = resolve(schema);
    for seg in faultline_dataset::tree::pointer_segments(pointer) {
        let branches: Vec<&Value> = match node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
        {
            Some(bs) => bs.iter().map(resolve).collect(),
            None => vec![node],
        };
        node = branches.iter().find_map(|b| {
            b.get("properties")
                .and_then(|p| p.get(&seg))
                .or_else(|| b.get("items"))
                .or_else(|| b.get("additionalProperties").filter(|a| a.is_object()))
                .map(resolve)
        })?;
    }
    Some(node)
}

/// The property names the schema allows on the object at `pointer` (for did-you-mean).
fn known_properties(kind: RecordKind, pointer: &str) -> Vec<String> {
    let Some(mut node) = node_at(kind, pointer) else {
        return Vec::new();
    };
    // Untagged enums: take the object branch.
    if node.get("properties").is_none()
        && let Some(branches) = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array)
    {
        for b in branches {
            let b = resolve(b);
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
        assert_eq!(
            cat.message,
            "`/casualties/0/category`: expected one of \"killed\", \"wounded\", \"captured\", \"missing\" or \"unspecified\"; found the string \"dead\""
        );
        assert_eq!(cat.pointer, "/casualties/0/category");
        let count = json!({
            "id": "2021-11-16-x", "title": "t", "kind": "armed-clash", "summary": "s",
            "date": {"start": "2021-11-16", "precision": "day"},
            "casualties": [{"party": "a", "category": "kiled", "count": "13"}]
        });
        let errors = validate(RecordKind::Event, &count);
        let messages: Vec<_> = errors
            .iter()
            .map(|e| (e.message.as_str(), e.help.as_deref()))
            .collect();
        assert!(messages.contains(&(
            "`/casualties/0/count`: expected an integer, or a table { low, high }; found the string \"13\": remove the quotes",
            None
        )), "{messages:?}");
        assert!(
            messages
                .iter()
                .any(|(_, h)| *h == Some("did you mean \"killed\"?")),
            "{messages:?}"
        );
        let missing = validate(RecordKind::Event, &json!({"id": "x"}));
        assert!(
            missing
                .iter()
                .any(|e| e.keyword == "required" && e.target == Target::Table)
        );
    }
}
