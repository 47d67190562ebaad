//! JSON Lines of faultline events: one event per line, as `faultline export jsonl` writes them.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use faultline_model::Event;

use crate::build::{Build, EventSink};
use crate::error::{ImportError, RowError, RowErrorKind};
use crate::{ImportOptions, Imported};

/// Imports JSON Lines: each non-blank line must be one faultline event.
pub(crate) fn import(
    input: impl Read,
    file: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(u64),
    sink: Option<EventSink<'_>>,
) -> Result<Imported, ImportError> {
    let mut reader = BufReader::new(input);
    let mut build = Build::new(file, "jsonl", options, sink);
    let mut first_lines: HashMap<String, u64> = HashMap::new();
    let mut line_no = 0u64;
    let mut bytes = 0u64;
    let mut buf = Vec::new();
    let mut any = false;
    loop {
        if build.sink_failed() {
            break;
        }
        buf.clear();
        // Read at most one byte past the limit, so that a huge line cannot exhaust memory.
        let limit = options.max_cell_bytes as u64 + 1;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut buf)
            .map_err(|source| ImportError::Io {
                path: file.to_owned(),
                source,
            })?;
        if n == 0 {
            break;
        }
        any = true;
        line_no += 1;
        bytes += n as u64;
        let error = |column: Option<String>, kind| RowError {
            file: file.to_owned(),
            line: line_no,
            column,
            kind,
        };
        if !buf.ends_with(b"\n") && n as u64 == limit {
            // Skip the rest of the over-long line.
            let mut rest = Vec::new();
            let skipped =
                reader
                    .read_until(b'\n', &mut rest)
                    .map_err(|source| ImportError::Io {
                        path: file.to_owned(),
                        source,
                    })?;
            bytes += skipped as u64;
            build.report.rows_read += 1;
            let e = error(
                None,
                RowErrorKind::TooLarge {
                    size: n + skipped,
                    limit: options.max_cell_bytes,
                },
            );
            if build.reject(e) {
                break;
            }
            continue;
        }
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t,
            Err(e) => {
                build.report.rows_read += 1;
                let kind = RowErrorKind::NotUtf8 {
                    offset: e.valid_up_to(),
                };
                if build.reject(error(None, kind)) {
                    break;
                }
                continue;
            }
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        build.report.rows_read += 1;
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed: Result<Event, _> = serde_path_to_error::deserialize(&mut de);
        if parsed.is_ok()
            && let Err(e) = de.end()
        {
            let message = strip_position(&e.to_string());
            let column = Some(format!("character {}", e.column()));
            if build.reject(error(column, RowErrorKind::Json { message })) {
                break;
            }
            continue;
        }
        match parsed {
            Ok(event) => {
                let id = event.id.as_str().to_owned();
                if let Some(&first_line) = first_lines.get(&id) {
                    let kind = RowErrorKind::DuplicateId { id, first_line };
                    if build.reject(error(Some("/id".to_owned()), kind)) {
                        break;
                    }
                    continue;
                }
                first_lines.insert(id.clone(), line_no);
                build.registry.events.claim(&id);
                build.push(event);
            }
            Err(e) => {
                let pointer = e.path().iter().map(|s| format!("/{s}")).collect::<String>();
                let inner = e.into_inner();
                let message = strip_position(&inner.to_string());
                let column = if pointer.is_empty() {
                    Some(format!("character {}", inner.column()))
                } else {
                    Some(pointer)
                };
                if build.reject(error(column, RowErrorKind::Json { message })) {
                    break;
                }
            }
        }
        if line_no.is_multiple_of(256) {
            progress(bytes);
        }
    }
    progress(bytes);
    if !any {
        return Err(ImportError::Empty {
            path: file.to_owned(),
        });
    }
    build.report.variant = Some("faultline events".to_owned());
    build.finish()
}

/// serde_json's message without its trailing " at line L column C".
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
