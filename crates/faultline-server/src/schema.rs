//! What the record schemas (generated from the model: the one owner) say about a field: its
//! documentation, the keys of a table, the values of an enum.

use std::sync::OnceLock;

use faultline_model::RecordKind;
use serde_json::Value;

fn schemas() -> &'static [(RecordKind, Value)] {
    static SCHEMAS: OnceLock<Vec<(RecordKind, Value)>> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        faultline_model::schema::schemas()
            .into_iter()
            .map(|(k, s)| (k, s.to_value()))
            .collect()
    })
}

fn root(kind: RecordKind) -> Option<&'static Value> {
    schemas().iter().find(|(k, _)| *k == kind).map(|(_, v)| v)
}

/// Follows `$ref`s (within the document) to the schema they name.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(r) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = r.strip_prefix("#/$defs/") else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(s) => schema = s,
            None => break,
        }
    }
    schema
}

/// The schemas a value may match: itself, or the branches of its `anyOf` / `oneOf`, arrays
/// stepped into (a key names the items of an array of tables).
fn branches<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(root, schema);
    let mut out = Vec::new();
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            for s in list {
                out.extend(branches(root, s));
            }
        }
    }
    if let Some(items) = schema.get("items") {
        out.extend(branches(root, items));
    }
    out.push(schema);
    out
}

/// The schemas of the field at `path` (keys from the record's top) of a record of `kind`,
/// with the description of the property that leads there.
fn field(kind: RecordKind, path: &[&str]) -> (Vec<&'static Value>, Option<&'static str>) {
    let Some(root) = root(kind) else {
        return (Vec::new(), None);
    };
    let mut current = branches(root, root);
    let mut description = None;
    for key in path {
        let mut next = Vec::new();
        for s in &current {
            if let Some(p) = s.get("properties").and_then(|p| p.get(*key)) {
                description = p.get("description").and_then(Value::as_str).or(description);
                next.extend(branches(root, p));
            }
        }
        current = next;
    }
    (current, description)
}

/// The documentation of the field at `path`.
pub(crate) fn doc(kind: RecordKind, path: &[&str]) -> Option<&'static str> {
    let (schemas, description) = field(kind, path);
    description.or_else(|| {
        schemas
            .iter()
            .find_map(|s| s.get("description").and_then(Value::as_str))
    })
}

/// The keys a table at `path` may hold, each with its documentation.
pub(crate) fn keys(kind: RecordKind, path: &[&str]) -> Vec<(&'static str, Option<&'static str>)> {
    let mut out: Vec<(&str, Option<&str>)> = Vec::new();
    for s in field(kind, path).0 {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                if !out.iter().any(|(o, _)| o == k) {
                    out.push((k.as_str(), v.get("description").and_then(Value::as_str)));
                }
            }
        }
    }
    out
}

/// The values the field at `path` may take when it is an enum (or holds one, in an array).
pub(crate) fn enum_values(kind: RecordKind, path: &[&str]) -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for s in field(kind, path).0 {
        for v in s
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(v) = v.as_str()
                && !out.contains(&v)
            {
                out.push(v);
            }
        }
        if let Some(v) = s.get("const").and_then(Value::as_str)
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_gives_keys_docs_and_enum_values() {
        assert!(enum_values(RecordKind::Event, &["kind"]).contains(&"armed-clash"));
        assert!(enum_values(RecordKind::Event, &["date", "precision"]).contains(&"day"));
        assert!(enum_values(RecordKind::Event, &["casualties", "category"]).contains(&"killed"));
        assert!(
            keys(RecordKind::Event, &["claims"])
                .iter()
                .any(|(k, _)| *k == "claimant")
        );
        assert!(
            keys(RecordKind::Event, &[])
                .iter()
                .any(|(k, _)| *k == "summary")
        );
        assert!(
            doc(RecordKind::Event, &["title"])
                .unwrap()
                .contains("title")
        );
        assert!(
            keys(RecordKind::Place, &[])
                .iter()
                .any(|(k, _)| *k == "lat")
        );
    }
}
