//! `faultline schema`: print or write the JSON Schemas.

use std::io::Write;

use faultline_dataset::{Overwrite, resolve_under, write_atomic_in};
use faultline_model::{
    RecordKind,
    schema::{documents, render},
};
use miette::{IntoDiagnostic, miette};

use crate::cli::SchemaArgs;
use crate::confine;
use crate::exit::Outcome;

pub(crate) fn run(args: &SchemaArgs) -> miette::Result<Outcome> {
    let kinds: Vec<RecordKind> = match &args.kind {
        Some(k) => RecordKind::ALL
            .into_iter()
            .filter(|r| r.as_str() == k)
            .collect(),
        None => RecordKind::ALL.to_vec(),
    };
    if let Some(dir) = &args.out {
        confine::named(dir)?;
        // A kind's own schema, and that of the file its records share (places.toml).
        let wanted: Vec<String> = kinds
            .iter()
            .flat_map(|k| std::iter::once(k.schema_file()).chain(k.registry_schema_file()))
            .collect();
        for (file, text) in documents().into_iter().filter(|(f, _)| wanted.contains(f)) {
            let path = dir.join(file);
            // An up-to-date file is left alone; a file is compared only inside the folder.
            let current = resolve_under(dir, &path).is_ok()
                && std::fs::read_to_string(&path).is_ok_and(|old| old == text);
            if current {
                continue;
            }
            let overwrite = if args.force {
                Overwrite::Allowed
            } else {
                Overwrite::Never
            };
            write_atomic_in(dir, &path, text.as_bytes(), overwrite).map_err(|e| {
                let report = confine::write_error(&path, &e, "the folder");
                if confine::refused(&e).is_some() {
                    return report;
                }
                if path.exists() && !args.force {
                    miette!(help = "pass --force to replace it", "{report:?}")
                } else {
                    report
                }
            })?;
        }
        return Ok(Outcome::Clean);
    }
    let text = match kinds.as_slice() {
        [one] => render(*one),
        all => {
            let map: serde_json::Map<String, serde_json::Value> = all
                .iter()
                .map(|k| (k.schema_file(), k.schema().to_value()))
                .collect();
            let mut t = serde_json::to_string_pretty(&map).into_diagnostic()?;
            t.push('\n');
            t
        }
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .into_diagnostic()?;
    Ok(Outcome::Clean)
}
