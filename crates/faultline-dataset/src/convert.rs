//! Conversion of a parsed TOML tree into a `serde_json::Value` (what the JSON Schema validator
//! and the typed model read). TOML dates and times become strings in RFC 3339 form.

use serde_json::{Map, Number, Value};
use toml::de::{DeTable, DeValue};

/// Converts a TOML table to a JSON object, keeping key order.
pub fn table_to_json(table: &DeTable<'_>) -> Value {
    let mut map = Map::with_capacity(table.len());
    for (k, v) in table.iter() {
        map.insert(k.get_ref().to_string(), value_to_json(v.get_ref()));
    }
    Value::Object(map)
}

/// Converts one TOML value. Integers that do not fit `i64` and non-finite floats, which JSON
/// cannot hold, become strings, so that the schema reports them as wrong types.
pub fn value_to_json(value: &DeValue<'_>) -> Value {
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(i.as_str().to_owned())),
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.as_str().to_owned())),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(|v| value_to_json(v.get_ref())).collect()),
        DeValue::Table(t) => table_to_json(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_every_toml_type() {
        let src = "s = \"x\"\ni = 0xff\nn = -1_000\nf = 2.5\nnan = nan\nb = true\nd = 2021-11-16\nt = 07:00:00\na = [1, {k = 2}]\n[tab]\nz = 1\n";
        let doc = DeTable::parse(src).unwrap();
        let json = table_to_json(doc.get_ref());
        assert_eq!(
            json.to_string(),
            r#"{"s":"x","i":255,"n":-1000,"f":2.5,"nan":"nan","b":true,"d":"2021-11-16","t":"07:00:00","a":[1,{"k":2}],"tab":{"z":1}}"#
        );
    }
}
