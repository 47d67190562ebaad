//! A record as a small tree of values, written either as TOML (the dataset's own format) or as
//! one line of JSON. Writing text directly, rather than serialising the model types, lets the
//! generator produce the defects the model cannot hold (unknown keys, impossible dates).

use std::fmt::Write as _;

/// A value of a record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// A string.
    Str(String),
    /// A calendar date `YYYY-MM-DD` (bare in TOML, a string in JSON); may be impossible.
    Date(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// An array.
    List(Vec<Val>),
    /// A table, keys in writing order.
    Table(Table),
}

/// A table: keys in writing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table(pub(crate) Vec<(&'static str, Val)>);

impl Table {
    /// Appends `key = value`.
    pub(crate) fn put(&mut self, key: &'static str, value: Val) -> &mut Self {
        self.0.push((key, value));
        self
    }

    /// Appends a string.
    pub(crate) fn s(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.put(key, Val::Str(value.into()))
    }

    /// The value of `key`, mutable.
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Val> {
        self.0.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Removes `key`.
    pub(crate) fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| *k != key);
    }
}

/// A list of strings.
pub(crate) fn strs<S: AsRef<str>>(items: &[S]) -> Val {
    Val::List(
        items
            .iter()
            .map(|s| Val::Str(s.as_ref().to_owned()))
            .collect(),
    )
}

/// Appends `s` as a quoted string; the escapes are valid in both JSON and TOML basic strings.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends the table as one line of JSON (no newline).
pub(crate) fn json_line(table: &Table, out: &mut String) {
    json_table(table, out);
}

fn json_table(table: &Table, out: &mut String) {
    out.push('{');
    for (i, (k, v)) in table.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote(out, k);
        out.push(':');
        json_value(v, out);
    }
    out.push('}');
}

fn json_value(v: &Val, out: &mut String) {
    match v {
        Val::Str(s) | Val::Date(s) => quote(out, s),
        Val::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Val::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_value(item, out);
            }
            out.push(']');
        }
        Val::Table(t) => json_table(t, out),
    }
}

/// Appends the table as a TOML document: plain keys first, then `[table]` sections (a table
/// of tables becomes `[table.sub]`), then `[[array]]` tables; inside sections every value is
/// written inline.
pub(crate) fn toml_document(table: &Table, out: &mut String) {
    let is_section = |v: &Val| match v {
        Val::Table(_) => true,
        Val::List(items) => !items.is_empty() && items.iter().all(|i| matches!(i, Val::Table(_))),
        _ => false,
    };
    for (k, v) in &table.0 {
        if !is_section(v) {
            toml_entry(k, v, out);
        }
    }
    for (k, v) in &table.0 {
        match v {
            Val::Table(t) if t.0.iter().all(|(_, sub)| matches!(sub, Val::Table(_))) => {
                for (sub, body) in &t.0 {
                    if let Val::Table(body) = body {
                        let _ = writeln!(out, "\n[{k}.{sub}]");
                        toml_body(body, out);
                    }
                }
            }
            Val::Table(t) => {
                let _ = writeln!(out, "\n[{k}]");
                toml_body(t, out);
            }
            Val::List(items) if is_section(v) => {
                for item in items {
                    if let Val::Table(t) = item {
                        let _ = writeln!(out, "\n[[{k}]]");
                        toml_body(t, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn toml_body(table: &Table, out: &mut String) {
    for (k, v) in &table.0 {
        toml_entry(k, v, out);
    }
}

fn toml_entry(key: &str, v: &Val, out: &mut String) {
    out.push_str(key);
    out.push_str(" = ");
    toml_inline(v, out);
    out.push('\n');
}

fn toml_inline(v: &Val, out: &mut String) {
    match v {
        Val::Str(s) => quote(out, s),
        Val::Date(d) => out.push_str(d),
        Val::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Val::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                toml_inline(item, out);
            }
            out.push(']');
        }
        Val::Table(t) => {
            out.push_str("{ ");
            for (i, (k, v)) in t.0.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(" = ");
                toml_inline(v, out);
            }
            out.push_str(" }");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut date = Table::default();
        date.put("start", Val::Date("2021-11-16".into()))
            .s("precision", "day");
        let mut count = Table::default();
        count.put("low", Val::Int(1)).put("high", Val::Int(3));
        let mut fig = Table::default();
        fig.s("party", "a").put("count", Val::Table(count));
        let mut acled = Table::default();
        acled.s("event_id_cnty", "ARM1");
        let mut ext = Table::default();
        ext.put("acled", Val::Table(acled));
        let mut t = Table::default();
        t.s("id", "2021-11-16-x")
            .s("summary", "say \"hi\"\nnow")
            .put("sources", strs(&["s"]))
            .put("date", Val::Table(date))
            .put("casualties", Val::List(vec![Val::Table(fig)]))
            .put("external", Val::Table(ext));
        t
    }

    #[test]
    fn both_forms_parse_to_the_same_value() {
        let mut json = String::new();
        json_line(&sample(), &mut json);
        let mut toml_text = String::new();
        toml_document(&sample(), &mut toml_text);
        let from_json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let from_toml: toml::Table = toml::from_str(&toml_text).unwrap();
        assert_eq!(from_json["summary"], "say \"hi\"\nnow");
        assert_eq!(from_toml["summary"].as_str(), Some("say \"hi\"\nnow"));
        assert_eq!(
            from_toml["date"]["start"]
                .as_datetime()
                .map(ToString::to_string),
            Some("2021-11-16".to_owned())
        );
        assert_eq!(
            from_toml["casualties"][0]["count"]["high"].as_integer(),
            Some(3)
        );
        assert_eq!(
            from_toml["external"]["acled"]["event_id_cnty"].as_str(),
            Some("ARM1")
        );
        assert_eq!(from_json["external"]["acled"]["event_id_cnty"], "ARM1");
    }
}
