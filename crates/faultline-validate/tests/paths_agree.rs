//! The fast path (deserializing a record straight into the model) and the precise path (the
//! JSON Schema generated from the same model) accept and reject exactly the same records.
//! Generated records are mutated the ways contributors get records wrong; both paths must
//! give the same verdict on every one.

#![allow(clippy::unwrap_used)]

use faultline_model::{Actor, Event, Place, RecordKind, Source};
use faultline_testkit::strategy;
use faultline_validate::schema;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Ways to break a record.
#[derive(Debug, Clone)]
enum Mutation {
    Remove(usize),
    WrongType(usize, u8),
    UnknownKey(String),
    BadString(usize, &'static str),
    Nested(usize, Box<Mutation>),
}

const BAD_STRINGS: &[&str] = &[
    "",
    "Not A Slug",
    "2021-02-30",
    "2021-13-01",
    "0000-01-01",
    "21-11-16",
    "ftp://example.org",
    "https://",
    "armed clash",
    "volcano",
    "ARM1",
    "arm",
    "25:00",
    "07:00:00:00",
    "a--b",
    "-a",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let leaf = prop_oneof![
        (0usize..32).prop_map(Mutation::Remove),
        (0usize..32, 0u8..6).prop_map(|(i, t)| Mutation::WrongType(i, t)),
        "[a-z_]{1,10}".prop_map(Mutation::UnknownKey),
        (0usize..32, 0..BAD_STRINGS.len())
            .prop_map(|(i, s)| Mutation::BadString(i, BAD_STRINGS[s])),
    ];
    leaf.prop_recursive(3, 8, 1, |inner| {
        (0usize..32, inner).prop_map(|(i, m)| Mutation::Nested(i, Box::new(m)))
    })
}

fn wrong(t: u8) -> Value {
    match t {
        0 => json!(null),
        1 => json!(true),
        2 => json!(-7),
        3 => json!(123.5),
        4 => json!([1, "x"]),
        _ => json!({"x": 1}),
    }
}

/// Applies a mutation to the `i`-th key (or element) of an object (or array), if any.
fn apply(v: &mut Value, m: &Mutation) {
    match v {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            if keys.is_empty() {
                return;
            }
            match m {
                Mutation::Remove(i) => {
                    map.remove(&keys[i % keys.len()]);
                }
                Mutation::WrongType(i, t) => {
                    map.insert(keys[i % keys.len()].clone(), wrong(*t));
                }
                Mutation::UnknownKey(k) => {
                    map.entry(k.clone()).or_insert(json!("x"));
                }
                Mutation::BadString(i, s) => {
                    map.insert(keys[i % keys.len()].clone(), json!(s));
                }
                Mutation::Nested(i, inner) => {
                    if let Some(child) = map.get_mut(&keys[i % keys.len()]) {
                        apply(child, inner);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            match m {
                Mutation::Remove(i) => {
                    items.remove(i % n);
                }
                Mutation::WrongType(i, t) => items[i % n] = wrong(*t),
                Mutation::BadString(i, s) => items[i % n] = json!(s),
                Mutation::Nested(i, inner) => apply(&mut items[i % n], inner),
                Mutation::UnknownKey(_) => apply(&mut items[0], m),
            }
        }
        _ => {}
    }
}

fn agree(kind: RecordKind, v: &Value) -> Result<(), TestCaseError> {
    let typed = match kind {
        RecordKind::Event => serde_json::from_value::<Event>(v.clone()).is_ok(),
        RecordKind::Source => serde_json::from_value::<Source>(v.clone()).is_ok(),
        RecordKind::Place => serde_json::from_value::<Place>(v.clone()).is_ok(),
        RecordKind::Actor => serde_json::from_value::<Actor>(v.clone()).is_ok(),
    };
    let errors = schema::validate(kind, v);
    prop_assert_eq!(
        typed,
        errors.is_empty(),
        "{} record: typed path says {}, schema says {:?}\n{}",
        kind,
        typed,
        errors.iter().map(|e| &e.message).collect::<Vec<_>>(),
        serde_json::to_string_pretty(v).unwrap()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn events(e in strategy::event(), ms in proptest::collection::vec(mutation(), 0..3)) {
        let mut v = serde_json::to_value(&e).unwrap();
        agree(RecordKind::Event, &v)?;
        for m in &ms {
            apply(&mut v, m);
        }
        agree(RecordKind::Event, &v)?;
    }

    #[test]
    fn sources(s in strategy::source(), ms in proptest::collection::vec(mutation(), 0..3)) {
        let mut v = serde_json::to_value(&s).unwrap();
        agree(RecordKind::Source, &v)?;
        for m in &ms {
            apply(&mut v, m);
        }
        agree(RecordKind::Source, &v)?;
    }

    #[test]
    fn places(p in strategy::place(), ms in proptest::collection::vec(mutation(), 0..3)) {
        let mut v = serde_json::to_value(&p).unwrap();
        agree(RecordKind::Place, &v)?;
        for m in &ms {
            apply(&mut v, m);
        }
        agree(RecordKind::Place, &v)?;
    }

    #[test]
    fn actors(a in strategy::actor(), ms in proptest::collection::vec(mutation(), 0..3)) {
        let mut v = serde_json::to_value(&a).unwrap();
        agree(RecordKind::Actor, &v)?;
        for m in &ms {
            apply(&mut v, m);
        }
        agree(RecordKind::Actor, &v)?;
    }
}

#[test]
fn edge_cases_get_the_same_verdict() {
    let base = json!({
        "id": "2021-11-16-x", "title": "t", "kind": "armed-clash", "summary": "s",
        "sources": ["s"], "date": {"start": "2021-11-16", "precision": "day"}
    });
    let mut rejected = 0;
    let cases: &[(&str, Value)] = &[
        ("/date/start", json!("0000-01-01")),
        ("/date/start", json!("2021-02-29")),
        ("/date/start", json!("2020-02-29")),
        ("/date/time", json!("24:00")),
        ("/date/time", json!("23:59:59")),
        ("/id", json!("a".repeat(121))),
        ("/id", json!("2021-11-16-ok")),
        (
            "/casualties",
            json!([{"party": "p", "category": "killed", "count": 1.5}]),
        ),
        (
            "/casualties",
            json!([{"party": "p", "category": "killed", "count": {"low": 1, "high": 2, "x": 1}}]),
        ),
        (
            "/casualties",
            json!([{"party": "p", "category": "killed", "count": -3}]),
        ),
        ("/casualties", json!([{"party": "", "category": "killed"}])),
        ("/sources", json!(["", "x"])),
    ];
    for (path, value) in cases {
        let mut v = base.clone();
        let key = path.trim_start_matches('/');
        match key.split_once('/') {
            Some((a, b)) => {
                v[a][b] = value.clone();
            }
            None => {
                v[key] = value.clone();
            }
        }
        let typed = serde_json::from_value::<Event>(v.clone()).is_ok();
        let errors = schema::validate(RecordKind::Event, &v);
        assert_eq!(
            typed,
            errors.is_empty(),
            "{path} = {value}: typed {typed}, schema {errors:?}"
        );
        rejected += usize::from(!typed);
    }
    assert!(
        rejected >= 7,
        "the cases must include rejections ({rejected})"
    );
}
