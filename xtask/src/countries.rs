//! The country table of `faultline-formats` (`crates/faultline-formats/src/country/table.rs`):
//! ISO 3166-1 from Debian's `iso-codes` (`/usr/share/iso-codes/json/iso_3166-1.json`, the data
//! pycountry ships; `ISO_CODES_DIR` names another folder holding `iso_3166-1.json`), and the
//! other names and the non-ISO countries of `country/names.toml` beside the table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The generated file, relative to the repository root.
pub(crate) const TABLE: &str = "crates/faultline-formats/src/country/table.rs";
/// The hand-kept input, relative to the repository root.
const NAMES: &str = "crates/faultline-formats/src/country/names.toml";
/// Where Debian's iso-codes keeps its JSON files.
const ISO_CODES_DIR: &str = "/usr/share/iso-codes/json";

/// One row of the table.
struct Row {
    alpha3: String,
    numeric: u16,
    name: String,
    others: Vec<String>,
}

/// The ISO list's file: `$ISO_CODES_DIR/iso_3166-1.json`, else Debian's.
fn iso_file() -> PathBuf {
    let dir = std::env::var_os("ISO_CODES_DIR")
        .map_or_else(|| PathBuf::from(ISO_CODES_DIR), PathBuf::from);
    dir.join("iso_3166-1.json")
}

/// The table, or why it cannot be generated on this machine.
pub(crate) enum Table {
    /// The file's text.
    Text(String),
    /// The ISO list is not installed.
    Unavailable(String),
}

/// Generates the table.
pub(crate) fn generate(root: &Path) -> Result<Table, String> {
    let iso = iso_file();
    let Ok(iso_text) = std::fs::read_to_string(&iso) else {
        return Ok(Table::Unavailable(format!(
            "{} not found (install Debian's iso-codes, or set ISO_CODES_DIR to a folder holding it)",
            iso.display()
        )));
    };
    let names_text =
        std::fs::read_to_string(root.join(NAMES)).map_err(|e| format!("{NAMES}: {e}"))?;
    let rows = rows(&iso_text, &names_text)?;
    Ok(Table::Text(render(&rows)))
}

fn rows(iso_text: &str, names_text: &str) -> Result<Vec<Row>, String> {
    let iso: Value = serde_json::from_str(iso_text).map_err(|e| format!("iso_3166-1.json: {e}"))?;
    let names: toml::Table = names_text.parse().map_err(|e| format!("{NAMES}: {e}"))?;
    let str_list = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(toml::Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let extra: BTreeMap<String, Vec<String>> = names
        .get("names")
        .and_then(toml::Value::as_table)
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), str_list(Some(v))))
                .collect()
        })
        .unwrap_or_default();
    let field = |c: &Value, key: &str| c.get(key).and_then(Value::as_str).map(str::to_owned);

    let mut rows = Vec::new();
    for c in iso
        .get("3166-1")
        .and_then(Value::as_array)
        .ok_or("iso_3166-1.json: no `3166-1` list")?
    {
        let (Some(alpha3), Some(numeric), Some(iso_name)) =
            (field(c, "alpha_3"), field(c, "numeric"), field(c, "name"))
        else {
            return Err(format!(
                "iso_3166-1.json: an entry lacks alpha_3, numeric or name: {c}"
            ));
        };
        let numeric: u16 = numeric
            .parse()
            .map_err(|_| format!("iso_3166-1.json: {alpha3}: numeric `{numeric}`"))?;
        // The common name when ISO gives one ("Bolivia"), else the ISO name.
        let name = field(c, "common_name").unwrap_or_else(|| iso_name.clone());
        let mut others = Vec::new();
        for other in [Some(iso_name), field(c, "official_name")]
            .into_iter()
            .flatten()
        {
            if other != name && !others.contains(&other) {
                others.push(other);
            }
        }
        others.extend(extra.get(&alpha3).cloned().unwrap_or_default());
        rows.push(Row {
            alpha3,
            numeric,
            name,
            others,
        });
    }
    rows.sort_by(|a, b| a.alpha3.cmp(&b.alpha3));
    if let Some(unknown) = extra.keys().find(|k| !rows.iter().any(|r| &&r.alpha3 == k)) {
        return Err(format!(
            "{NAMES}: `{unknown}` is not an ISO 3166-1 alpha-3 code"
        ));
    }
    for c in names
        .get("outside_iso")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |key: &str| c.get(key).and_then(toml::Value::as_str).map(str::to_owned);
        let (Some(alpha3), Some(name)) = (text("alpha3"), text("name")) else {
            return Err(format!(
                "{NAMES}: an [[outside_iso]] entry lacks alpha3 or name"
            ));
        };
        let numeric = c
            .get("numeric")
            .and_then(toml::Value::as_integer)
            .and_then(|n| u16::try_from(n).ok())
            .unwrap_or(0);
        rows.push(Row {
            alpha3,
            numeric,
            name,
            others: str_list(c.get("names")),
        });
    }
    Ok(rows)
}

fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "//! ISO 3166-1 countries with the other names ACLED and UCDP use. Generated by `cargo xtask\n\
         //! codegen` from Debian's iso-codes (the data pycountry ships) and `names.toml`: do not edit.\n\n\
         /// (alpha-3, numeric, English name, other names).\n\
         #[rustfmt::skip]\n\
         pub(crate) const COUNTRIES: &[(&str, u16, &str, &[&str])] = &[\n",
    );
    for r in rows {
        let others: Vec<String> = r.others.iter().map(|n| format!("{n:?}")).collect();
        let _ = writeln!(
            out,
            "    ({:?}, {}, {:?}, &[{}]),",
            r.alpha3,
            r.numeric,
            r.name,
            others.join(", ")
        );
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_from_iso_and_the_names_file() {
        let iso = r#"{"3166-1": [
            {"alpha_3": "BOL", "numeric": "068", "name": "Bolivia, Plurinational State of",
             "common_name": "Bolivia", "official_name": "Plurinational State of Bolivia"},
            {"alpha_3": "ARM", "numeric": "051", "name": "Armenia", "official_name": "Republic of Armenia"}
        ]}"#;
        let names = "[names]\nARM = [\"Hayastan\"]\n\n[[outside_iso]]\nalpha3 = \"XKX\"\nname = \"Kosovo\"\n";
        let text = render(&rows(iso, names).expect("valid input"));
        assert!(text.contains(
            "    (\"ARM\", 51, \"Armenia\", &[\"Republic of Armenia\", \"Hayastan\"]),\n    (\"BOL\", 68, \"Bolivia\", &[\"Bolivia, Plurinational State of\", \"Plurinational State of Bolivia\"]),\n    (\"XKX\", 0, \"Kosovo\", &[]),\n"
        ), "{text}");
        assert!(rows(iso, "[names]\nZZZ = [\"x\"]\n").is_err());
    }
}
