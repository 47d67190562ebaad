//! The lenient second pass: a record that parsed but does not fit the model is loaded again
//! with the values that broke it dropped, so that the linter can check the parts that did
//! load (one run reports all of a file's problems, not the schema violation alone).
//!
//! A value the model rejects is dropped at the nearest place where dropping it leaves a valid
//! record: the key itself when the field is optional (or unknown), else the table that holds
//! it when that table is an element of an array (a casualty figure with `count = "13"` is
//! dropped whole). A record whose own required field is broken (`kind`, `date`, `id`) is not
//! loaded: there is no record left to check. An element removed from an array would shift
//! the positions of the elements after it, so a [`Lenient`] maps every pointer into the
//! repaired record back to the original ([`Lenient::original`]): findings point at the text
//! as written, and suppressions above them work as usual.
//!
//! The record keeps what it lost ([`Lenient::holds_back`]) so that the linter does not report
//! the consequences of a drop: nothing is reported at or under a dropped value, inside a
//! table that held one (only its `schema-violation` is), or at a field missing from a table
//! that held an unknown key (the key may be that field misspelled: `sorces`).

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::tree::{pointer_segments, push_segment};

/// The most values dropped from one record before it is given up (each drop removes a value,
/// so the repair always ends; this only bounds its cost on hostile input).
const MAX_DROPS: usize = 256;

/// What a leniently loaded record lost, with pointers into the record as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Lenient {
    /// Arrays that lost elements: the array's pointer and the original indices of the
    /// elements kept, in order.
    kept: Vec<(String, Vec<usize>)>,
    /// The values dropped.
    dropped: Vec<String>,
    /// Tables (below the record itself) that held a dropped value.
    tainted: Vec<String>,
    /// Tables that held an unknown key, with the keys left in them.
    unknown_in: Vec<(String, Vec<String>)>,
}

impl Lenient {
    /// The pointer into the record as written of `pointer`, a pointer into the repaired
    /// record (they differ after an element of an array was dropped).
    pub fn original<'p>(&self, pointer: &'p str) -> Cow<'p, str> {
        if self.kept.is_empty() {
            return Cow::Borrowed(pointer);
        }
        let mut out = String::new();
        for seg in pointer_segments(pointer) {
            let mapped = self
                .kept
                .iter()
                .find(|(array, _)| *array == out)
                .and_then(|(_, kept)| seg.parse::<usize>().ok().and_then(|i| kept.get(i)));
            match mapped {
                Some(j) => push_segment(&mut out, &j.to_string()),
                None => push_segment(&mut out, &seg),
            }
        }
        Cow::Owned(out)
    }

    /// Whether a finding at `pointer` (into the record as written) may be a consequence of a
    /// drop, and is held back.
    pub fn holds_back(&self, pointer: &str) -> bool {
        let within = |p: &str, outer: &str| {
            p == outer || (p.starts_with(outer) && p[outer.len()..].starts_with('/'))
        };
        if self
            .dropped
            .iter()
            .chain(&self.tainted)
            .any(|d| within(pointer, d))
        {
            return true;
        }
        self.unknown_in.iter().any(|(table, keys)| {
            pointer
                .strip_prefix(table.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|key| !key.contains('/') && !keys.iter().any(|k| k == key))
        })
    }

    /// The pointers of the values dropped (into the record as written).
    pub fn dropped(&self) -> &[String] {
        &self.dropped
    }
}

/// Loads `value` as a `T`, dropping what the model rejects; `None` when the record itself
/// cannot be loaded (one of its own required fields is broken). Meant for a value that
/// failed to load: a valid one comes back with nothing dropped.
pub fn repair<T: DeserializeOwned>(value: &Value) -> Option<(T, Lenient)> {
    let mut value = value.clone();
    let mut lenient = Lenient::default();
    for _ in 0..MAX_DROPS {
        let (pointer, message) = match decode::<T>(&value) {
            Ok(record) => return Some((record, lenient)),
            Err(e) => e,
        };
        // A missing field: the table that lacks it is what cannot load.
        if pointer.is_empty() {
            return None;
        }
        let original = lenient.original(&pointer).into_owned();
        let (parent, _) = split_last(&pointer);
        let parent_original = lenient.original(parent).into_owned();
        if !remove(&mut value, &pointer, &mut lenient) {
            return None;
        }
        if message.starts_with("unknown field") {
            let keys = match lookup(&value, parent) {
                Some(Value::Object(map)) => map.keys().cloned().collect(),
                _ => Vec::new(),
            };
            lenient.unknown_in.push((parent_original, keys));
        } else if !parent_original.is_empty()
            && matches!(lookup(&value, parent), Some(Value::Object(_)))
        {
            lenient.tainted.push(parent_original);
        }
        lenient.dropped.push(original);
    }
    None
}

/// Deserializes a record, returning the JSON pointer and message of the first problem: for
/// an unknown field the pointer names the key, for a missing field the table that lacks it.
pub(crate) fn decode<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = String::new();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    push_segment(&mut pointer, &index.to_string());
                }
                serde_path_to_error::Segment::Map { key } => push_segment(&mut pointer, key),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        let message = e.into_inner().to_string();
        // Point at an unknown key itself, not at the table that holds it (the path names
        // the key already when the error arose on reading it).
        if let Some(name) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            let mut named = String::new();
            push_segment(&mut named, name);
            if !pointer.ends_with(&named) {
                pointer.push_str(&named);
            }
        }
        (pointer, message)
    })
}

/// The parent pointer and the last segment (unescaped).
fn split_last(pointer: &str) -> (&str, String) {
    match pointer.rfind('/') {
        Some(i) => (
            &pointer[..i],
            pointer[i + 1..].replace("~1", "/").replace("~0", "~"),
        ),
        None => ("", String::new()),
    }
}

fn lookup<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    let mut node = value;
    for seg in pointer_segments(pointer) {
        node = match node {
            Value::Object(map) => map.get(&seg)?,
            Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Removes the value at `pointer` (into the repaired record), noting an array's lost element.
fn remove(value: &mut Value, pointer: &str, lenient: &mut Lenient) -> bool {
    let (parent, last) = split_last(pointer);
    let original_parent = lenient.original(parent).into_owned();
    let mut node = &mut *value;
    for seg in pointer_segments(parent) {
        node = match node {
            Value::Object(map) => match map.get_mut(&seg) {
                Some(v) => v,
                None => return false,
            },
            Value::Array(items) => match seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match node {
        Value::Object(map) => map.shift_remove(&last).is_some(),
        Value::Array(items) => {
            let Some(i) = last.parse::<usize>().ok().filter(|i| *i < items.len()) else {
                return false;
            };
            let len = items.len();
            items.remove(i);
            let entry = match lenient.kept.iter().position(|(a, _)| *a == original_parent) {
                Some(k) => k,
                None => {
                    lenient.kept.push((original_parent, (0..len).collect()));
                    lenient.kept.len() - 1
                }
            };
            lenient.kept[entry].1.remove(i);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use faultline_model::Event;
    use serde_json::json;

    use super::*;

    fn event() -> Value {
        json!({
            "id": "2021-11-16-x", "title": "t", "kind": "armed-clash", "summary": "s",
            "sources": ["a"], "date": {"start": "2021-11-16", "precision": "day"},
            "casualties": [
                {"party": "armenia", "category": "killed", "count": 1, "source": "a"},
                {"party": "armenia", "category": "kiled", "count": 13, "source": "a"},
                {"party": "armenia", "category": "wounded", "count": 2, "source": "a"},
            ]
        })
    }

    #[test]
    fn drops_the_element_that_breaks_and_maps_positions_back() {
        let (e, lenient) = repair::<Event>(&event()).unwrap();
        assert_eq!(e.casualties.len(), 2);
        assert_eq!(
            lenient.original("/casualties/1/count"),
            "/casualties/2/count"
        );
        assert_eq!(
            lenient.dropped(),
            ["/casualties/1/category", "/casualties/1"]
        );
        assert_eq!(lenient.original("/casualties/0"), "/casualties/0");
        assert_eq!(lenient.original("/title"), "/title");
        assert!(lenient.holds_back("/casualties/1/count"));
        assert!(lenient.holds_back("/casualties/1"));
        assert!(!lenient.holds_back("/casualties/2"));
        assert!(!lenient.holds_back("/casualties"));
    }

    #[test]
    fn an_unknown_key_holds_back_the_absent_fields_of_its_table() {
        let mut v = event();
        let map = v.as_object_mut().unwrap();
        let sources = map.shift_remove("sources").unwrap();
        map.insert("sorces".into(), sources);
        let (e, lenient) = repair::<Event>(&v).unwrap();
        assert!(e.sources.is_empty());
        assert!(lenient.holds_back("/sources"));
        assert!(lenient.holds_back("/sorces"));
        assert!(!lenient.holds_back("/title"));
        assert!(!lenient.holds_back("/casualties/0"));
    }

    #[test]
    fn a_broken_optional_value_taints_its_table() {
        let mut v = event();
        v["date"]["note"] = json!(3);
        let (e, lenient) = repair::<Event>(&v).unwrap();
        assert_eq!(e.date.note, None);
        assert!(lenient.holds_back("/date/end"));
        assert!(!lenient.holds_back("/id"));
    }

    #[test]
    fn a_broken_optional_field_of_an_element_keeps_the_element() {
        let mut v = event();
        v["casualties"][2]["count"] = json!("13");
        v["casualties"][1]["category"] = json!("killed");
        let (e, lenient) = repair::<Event>(&v).unwrap();
        assert_eq!(e.casualties.len(), 3);
        assert_eq!(e.casualties[2].count, None);
        assert!(lenient.holds_back("/casualties/2"));
        assert!(!lenient.holds_back("/casualties/1"));
        assert_eq!(lenient.original("/casualties/2"), "/casualties/2");
    }

    #[test]
    fn a_broken_required_field_of_the_record_gives_up() {
        let mut v = event();
        v["kind"] = json!("armed-clsh");
        assert!(repair::<Event>(&v).is_none());
        let mut v = event();
        v["date"]["precision"] = json!("dya");
        assert!(repair::<Event>(&v).is_none());
    }

    #[test]
    fn nested_drops_map_through_every_array() {
        let mut v = event();
        v["casualties"][0]["category"] = json!(3);
        let (e, lenient) = repair::<Event>(&v).unwrap();
        assert_eq!(e.casualties.len(), 1);
        assert_eq!(lenient.original("/casualties/0"), "/casualties/2");
        assert_eq!(
            lenient.dropped(),
            [
                "/casualties/0/category",
                "/casualties/0",
                "/casualties/1/category",
                "/casualties/1"
            ]
        );
    }
}
