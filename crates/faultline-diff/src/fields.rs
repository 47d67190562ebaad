//! Field-by-field comparison of two records' JSON values, whatever fields the model has.
//!
//! Records are compared as the model serializes them, so a field added to the model shows up
//! in the diff with no change here. Tables are compared key by key; arrays as sets, an element
//! of an array of tables being matched to its counterpart by an identifying key.

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use crate::change::FieldChange;

/// The keys that identify an element of an array of tables, in order of preference: a
/// record's `id`, an event's `place` and `actor`, a control period's `by`, a name variant's or
/// citation's `name`.
const IDENTITY_KEYS: [&str; 5] = ["id", "place", "actor", "by", "name"];

/// Appends the changes from `old` to `new` found under `path` ("" for a whole record).
pub(crate) fn compare(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => compare_tables(path, a, b, out),
        (Value::Array(a), Value::Array(b)) => compare_arrays(path, a, b, out),
        _ => out.push(FieldChange {
            field: path.to_owned(),
            old: Some(old.clone()),
            new: Some(new.clone()),
            added: Vec::new(),
            removed: Vec::new(),
        }),
    }
}

/// Appends the changes between two tables, key by key: the new table's keys in order (the
/// model's field order), then the keys only the old one has. An array or table missing on
/// one side is compared with an empty one (the model leaves empty ones out).
pub(crate) fn compare_tables(
    path: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    out: &mut Vec<FieldChange>,
) {
    let empty = |v: &Value| match v {
        Value::Array(_) => Some(Value::Array(Vec::new())),
        Value::Object(_) => Some(Value::Object(Map::new())),
        _ => None,
    };
    for (key, b) in new {
        let field = join(path, key);
        match (old.get(key), empty(b)) {
            (Some(a), _) => compare(&field, a, b, out),
            (None, Some(a)) => compare(&field, &a, b, out),
            (None, None) => out.push(FieldChange {
                field,
                old: None,
                new: Some(b.clone()),
                added: Vec::new(),
                removed: Vec::new(),
            }),
        }
    }
    for (key, a) in old {
        if new.contains_key(key) {
            continue;
        }
        let field = join(path, key);
        match empty(a) {
            Some(b) => compare(&field, a, &b, out),
            None => out.push(FieldChange {
                field,
                old: Some(a.clone()),
                new: None,
                added: Vec::new(),
                removed: Vec::new(),
            }),
        }
    }
}

/// Arrays as sets: equal elements cancel out whatever their order; elements left over that
/// share an identifying key are compared field by field; the rest were added or removed.
fn compare_arrays(path: &str, old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let (old_left, new_left) = unmatched(old, new);
    let mut by_identity: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, v) in old_left.iter().enumerate().rev() {
        if let Some(id) = identity(v) {
            by_identity.entry(id).or_default().push(i);
        }
    }
    let mut old_used = vec![false; old_left.len()];
    let mut added = Vec::new();
    let mut nested = Vec::new();
    for v in &new_left {
        let partner = identity(v).and_then(|id| by_identity.get_mut(id).and_then(Vec::pop));
        match partner {
            Some(i) => {
                old_used[i] = true;
                let id = identity(v).unwrap_or_default();
                compare(&format!("{path}[{id}]"), old_left[i], v, &mut nested);
            }
            None => added.push((*v).clone()),
        }
    }
    let removed: Vec<Value> = old_left
        .iter()
        .zip(&old_used)
        .filter(|(_, used)| !**used)
        .map(|(v, _)| (*v).clone())
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        out.push(FieldChange {
            field: path.to_owned(),
            old: None,
            new: None,
            added,
            removed,
        });
    }
    out.extend(nested);
}

/// The elements of each array that have no equal element in the other (counting
/// duplicates), in their order.
pub(crate) fn unmatched<'a>(
    old: &'a [Value],
    new: &'a [Value],
) -> (Vec<&'a Value>, Vec<&'a Value>) {
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for v in old {
        *counts.entry(v.to_string()).or_default() += 1;
    }
    let mut cancelled: FxHashMap<String, usize> = FxHashMap::default();
    let mut new_left = Vec::new();
    for v in new {
        let key = v.to_string();
        match counts.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                *cancelled.entry(key).or_default() += 1;
            }
            _ => new_left.push(v),
        }
    }
    let mut old_left = Vec::new();
    for v in old {
        match cancelled.get_mut(&v.to_string()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => old_left.push(v),
        }
    }
    (old_left, new_left)
}

/// What identifies an array element: a string itself, or a table's identifying key.
fn identity(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) => IDENTITY_KEYS
            .iter()
            .find_map(|k| m.get(*k).and_then(Value::as_str)),
        _ => None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn changes(old: Value, new: Value) -> Vec<FieldChange> {
        let mut out = Vec::new();
        compare("", &old, &new, &mut out);
        out
    }

    #[test]
    fn reordered_keys_and_arrays_are_no_change() {
        let a = json!({"a": 1, "tags": ["x", "y"], "places": [{"place": "p"}, {"place": "q"}]});
        let b = json!({"places": [{"place": "q"}, {"place": "p"}], "tags": ["y", "x"], "a": 1});
        assert!(changes(a, b).is_empty());
    }

    #[test]
    fn scalars_added_and_removed_fields() {
        let c = changes(json!({"a": 1, "b": "x"}), json!({"a": 2, "c": true}));
        let fields: Vec<_> = c
            .iter()
            .map(|c| (c.field.as_str(), c.old.clone(), c.new.clone()))
            .collect();
        assert_eq!(
            fields,
            [
                ("a", Some(json!(1)), Some(json!(2))),
                ("c", None, Some(json!(true))),
                ("b", Some(json!("x")), None),
            ]
        );
    }

    #[test]
    fn array_elements_matched_by_identity() {
        let old = json!({"names": ["Kafan", {"name": "Kapan", "lang": "en"}], "tags": ["a"]});
        let new = json!({
            "names": [{"name": "Kafan", "note": "Soviet form"}, {"name": "Kapan", "lang": "hy"}, "Qafan"],
            "tags": ["a", "a"],
        });
        let c = changes(old, new);
        let fields: Vec<_> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            ["names", "names[Kafan]", "names[Kapan].lang", "tags"]
        );
        assert_eq!(c[0].added, [json!("Qafan")]);
        assert!(c[0].removed.is_empty());
        assert_eq!(c[3].added, [json!("a")], "a duplicate counts");
    }

    #[test]
    fn elements_without_identity_are_added_and_removed() {
        let c = changes(json!([[1], [2]]), json!([[2], [3]]));
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].added.clone(), c[0].removed.clone()),
            (vec![json!([3])], vec![json!([1])])
        );
    }
}
