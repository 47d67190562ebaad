//! Outside baselines: validators users already have, run on the same records in the same run,
//! so that "faultline takes N× what a schema validator takes" is measured, not guessed.
//!
//! - `check-jsonschema` (pip): the records as one JSON array against an array-of-events
//!   schema, and a TOML dataset directory file by file: its event files as
//!   [`faultline_dataset::walk()`] lists them, given to `xargs` (as many files to a process as
//!   the command line holds).
//! - `ajv` (npm `ajv-cli`, with `ajv-formats` for `format: date` where installed): the JSON
//!   array; ajv reads no TOML.
//!
//! Both only check the JSON Schema, which is one of faultline's checks (the linter adds
//! references, every rule, and positions for each finding). A tool that is not installed is
//! skipped with a note in the report.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

use faultline_dataset::FileRole;

use super::input::{Format, Set};

/// An outside validator found on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    /// `check-jsonschema` or `ajv`.
    pub name: &'static str,
    /// The version it reports.
    pub version: String,
    /// Whether `ajv-formats` is installed beside `ajv` (formats are then checked).
    pub formats: bool,
}

/// One validation of one input: what to run, and the exit codes that mean "validated" (the
/// records may still be reported invalid).
#[derive(Debug, Clone)]
pub struct Run {
    /// The tool's name.
    pub tool: &'static str,
    /// The command, run in the data folder.
    pub argv: Vec<OsString>,
    /// The command as shown in the report.
    pub shown: String,
    /// Exit codes of a completed validation.
    pub ok_codes: &'static [i32],
    /// What a completed validation prints, valid or not.
    pub expect: &'static [&'static str],
}

/// The tools found, and a note for each one missing.
pub fn detect() -> (Vec<Tool>, Vec<String>) {
    let version = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let mut tools = Vec::new();
    let mut notes = Vec::new();
    match version("check-jsonschema", &["--version"]) {
        Some(v) => tools.push(Tool {
            name: "check-jsonschema",
            version: v,
            formats: true,
        }),
        None => notes.push(
            "check-jsonschema is not installed (`pip install check-jsonschema`): skipped".into(),
        ),
    }
    // ajv-cli has no --version; `npm ls -g` names the installed packages.
    let npm = version("npm", &["ls", "-g", "--depth=0"]).unwrap_or_default();
    let installed = |package: &str| {
        npm.lines().find_map(|l| {
            l.split_once(&format!("{package}@"))
                .map(|(_, v)| v.trim().to_owned())
        })
    };
    match installed("ajv-cli") {
        Some(v) => tools.push(Tool {
            name: "ajv",
            version: format!("ajv-cli {v}"),
            formats: installed("ajv-formats").is_some(),
        }),
        None => notes.push(
            "ajv-cli is not installed (`npm install -g ajv-cli ajv-formats`): skipped".into(),
        ),
    }
    (tools, notes)
}

/// The validations of `set` (relative to the data folder `data`) by `tools`, and a note for
/// each tool that cannot read it.
pub fn runs(set: &Set, tools: &[Tool], data: &Path) -> (Vec<Run>, Vec<String>) {
    let mut runs = Vec::new();
    let mut notes = Vec::new();
    let array = set.json_array_path(Path::new("")).display().to_string();
    // The event files of a TOML set, as the loader finds them.
    let list = format!("runs/{}.event-files", set.name());
    if set.format == Format::Toml
        && tools.iter().any(|t| t.name == "check-jsonschema")
        && let Err(e) = write_event_list(&data.join(set.name()), data, &data.join(&list))
    {
        notes.push(format!("check-jsonschema on {}: skipped ({e})", set.name()));
        return (runs, notes);
    }
    for tool in tools {
        let argv: Vec<String> = match (tool.name, set.format) {
            ("check-jsonschema", Format::Jsonl) => vec![
                "check-jsonschema".into(),
                "--schemafile".into(),
                "schemas/event-array.schema.json".into(),
                array.clone(),
            ],
            ("check-jsonschema", Format::Toml) => vec![
                "sh".into(),
                "-c".into(),
                format!(
                    "xargs -0 -a {list} check-jsonschema --schemafile schemas/event.schema.json"
                ),
            ],
            ("ajv", Format::Jsonl) => {
                let mut a: Vec<String> = [
                    "ajv",
                    "validate",
                    "--spec=draft2020",
                    "--strict=false",
                    "--errors=line",
                    "-s",
                    "schemas/event-array.schema.json",
                    "-d",
                    &array,
                ]
                .map(String::from)
                .into();
                if tool.formats {
                    a.extend(["-c".into(), "ajv-formats".into()]);
                } else {
                    a.push("--validate-formats=false".into());
                }
                a
            }
            ("ajv", _) => {
                notes.push(format!(
                    "ajv on {}: skipped (ajv reads JSON, not TOML; the same records are in dirty-jsonl-{})",
                    set.name(),
                    super::input::human(set.events)
                ));
                continue;
            }
            _ => continue,
        };
        let shown = match argv.first().map(String::as_str) {
            Some("sh") => argv.last().cloned().unwrap_or_default(),
            _ => argv.join(" "),
        };
        runs.push(Run {
            tool: tool.name,
            argv: argv.into_iter().map(OsString::from).collect(),
            shown,
            // check-jsonschema and ajv exit 1 when a record is invalid; xargs 123 when one of
            // its commands did.
            ok_codes: &[0, 1, 123],
            expect: match tool.name {
                "ajv" => &[" valid", " invalid"],
                _ => &[
                    "ok -- validation done",
                    "Schema validation errors were encountered",
                ],
            },
        });
    }
    (runs, notes)
}

/// Writes the event files of the dataset at `dir`, as [`faultline_dataset::walk()`] lists them,
/// to `out`: paths relative to `base`, each ended by a NUL (for `xargs -0`).
fn write_event_list(dir: &Path, base: &Path, out: &Path) -> Result<(), String> {
    let mut list = Vec::new();
    for found in faultline_dataset::walk(dir).map_err(|e| e.to_string())? {
        let file = found.map_err(|e| e.to_string())?;
        if file.role == FileRole::Event {
            let rel = file.path.strip_prefix(base).unwrap_or(&file.path);
            list.extend_from_slice(rel.as_os_str().as_encoded_bytes());
            list.push(0);
        }
    }
    std::fs::write(out, list).map_err(|e| format!("{}: {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_list_is_what_the_walker_finds() {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path().join("set");
        for (rel, text) in [
            ("events/2021/2021-11-16-a.toml", ""),
            ("events/2020/2020-01-01-b.toml", ""),
            ("events/2021/notes.md", ""),
            ("events/.hidden/2021-11-16-c.toml", ""),
            ("sources/s.toml", ""),
            ("places.toml", ""),
        ] {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let out = data.path().join("list");
        write_event_list(&dir, data.path(), &out).unwrap();
        let list = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            list.split_terminator('\0').collect::<Vec<_>>(),
            [
                "set/events/2020/2020-01-01-b.toml",
                "set/events/2021/2021-11-16-a.toml"
            ]
        );
    }
}
