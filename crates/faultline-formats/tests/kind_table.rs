//! The kind mapping tables of docs/import-export.md, checked row by row against the code's
//! tables (`acled::kinds::KINDS`, `ucdp::codes::VIOLENCE_KINDS`), which own them.

use faultline_formats::acled::kinds::{self, KINDS};
use faultline_formats::ucdp::codes::VIOLENCE_KINDS;
use faultline_model::EventKind;

fn doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/import-export.md");
    std::fs::read_to_string(path).expect("docs/import-export.md is readable")
}

/// The data rows of the table between `<!-- kind-table:NAME -->` and its end marker, as cells
/// ("—" read as empty, backticks removed).
fn table(doc: &str, name: &str) -> Vec<Vec<String>> {
    let start = format!("<!-- kind-table:{name} -->");
    let end = format!("<!-- /kind-table:{name} -->");
    let from = doc.find(&start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = from + doc[from..].find(&end).unwrap_or_else(|| panic!("no {end}"));
    doc[from..to]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| {
                    let c = c.trim().trim_matches('`');
                    if c == "—" {
                        String::new()
                    } else {
                        c.to_owned()
                    }
                })
                .collect()
        })
        .collect()
}

fn kind(name: &str) -> EventKind {
    EventKind::ALL
        .into_iter()
        .find(|k| k.as_str() == name)
        .unwrap_or_else(|| panic!("`{name}` is not a kind"))
}

#[test]
fn the_acled_import_table_is_the_codes() {
    let rows = table(&doc(), "acled");
    let code = kinds::import_rows();
    assert_eq!(rows.len(), code.len(), "rows in the doc vs in KINDS");
    for (doc_row, r) in rows.iter().zip(code) {
        assert_eq!(
            doc_row,
            &vec![
                r.disorder_type.to_owned(),
                r.event_type.to_owned(),
                r.sub_event_type.to_owned(),
                r.kind.as_str().to_owned()
            ],
        );
        // And import reads the row as the doc says.
        let sub = (!r.sub_event_type.is_empty()).then_some(r.sub_event_type);
        assert_eq!(
            kinds::kind_from_acled(Some(&doc_row[1]), sub),
            (kind(&doc_row[3]), false)
        );
    }
}

#[test]
fn the_acled_export_table_is_the_codes() {
    let rows = table(&doc(), "acled-export");
    let code = &KINDS[kinds::import_rows().len()..];
    assert_eq!(rows.len(), code.len());
    for (doc_row, r) in rows.iter().zip(code) {
        let k = kind(&doc_row[0]);
        assert_eq!(k, r.kind);
        assert_eq!(kinds::export_row(k), *r, "{doc_row:?}");
        assert_eq!(
            doc_row[1..],
            [
                r.disorder_type.to_owned(),
                r.event_type.to_owned(),
                r.sub_event_type.to_owned()
            ]
        );
    }
    // Every kind is in one of the two tables.
    for k in EventKind::ALL {
        assert!(KINDS.iter().any(|r| r.kind == k), "{k:?}");
    }
}

#[test]
fn the_ucdp_table_is_the_codes() {
    let rows = table(&doc(), "ucdp");
    assert_eq!(rows.len(), VIOLENCE_KINDS.len());
    for (doc_row, (code, label, k)) in rows.iter().zip(VIOLENCE_KINDS) {
        assert_eq!(doc_row[0], format!("{code} {label}"));
        assert_eq!(kind(&doc_row[1]), k);
    }
}
