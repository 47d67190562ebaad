//! The schemas of the registry files (`schema/places.schema.json`, `actors.schema.json`),
//! which the `#:schema` lines of `places.toml` and `actors.toml` name for editors, accept the
//! bundled dataset's files and reject what the linter rejects.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::convert::table_to_json;
use faultline_model::RecordKind;
use serde_json::json;
use toml::de::DeTable;

fn validator(kind: RecordKind) -> jsonschema::Validator {
    let schema = kind.registry_schema().unwrap().to_value();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn the_bundled_registry_files_fit_their_schemas() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    for (file, kind) in [
        ("places.toml", RecordKind::Place),
        ("actors.toml", RecordKind::Actor),
    ] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        let schema_file = kind.registry_schema_file().unwrap();
        assert!(
            text.starts_with(&format!("#:schema ../schema/{schema_file}\n")),
            "{file} starts with its #:schema line"
        );
        let doc = DeTable::parse(&text).unwrap();
        let value = table_to_json(doc.get_ref());
        let v = validator(kind);
        let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        assert!(!v.is_valid(&json!({"place": [{"id": "x"}], "actor": [{"id": "y"}]})));
        assert!(!v.is_valid(&json!({"places": []})));
    }
}
