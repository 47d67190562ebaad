//! `faultline schema`: print or write the JSON Schemas.

use std::io::Write;

use faultline_dataset::{Overwrite, write_atomic};
use faultline_model::{RecordKind, schema::render};
use miette::{IntoDiagnostic, WrapErr, miette};

use crate::cli::SchemaArgs;
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
        for kind in kinds {
            let path = dir.join(kind.schema_file());
            let text = render(kind);
            if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
                continue;
            }
            let overwrite = if args.force {
                Overwrite::Allowed
            } else {
                Overwrite::Never
            };
            write_atomic(&path, text.as_bytes(), overwrite)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot write {}", path.display()))
                .map_err(|e| {
                    if path.exists() && !args.force {
                        miette!(help = "pass --force to replace it", "{e:?}")
                    } else {
                        e
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
