//! Loading: valid records load; every kind of malformed input becomes a typed error with its
//! file, line and column; nothing panics, hangs or blocks.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::{Dataset, LoadError, LoadErrorKind, LoadOptions};

const EVENT: &str = r#"#:schema ../../../schema/event.schema.json
id = "2021-11-16-clash"
title = "Clash"
kind = "armed-clash"
summary = "Fighting was reported."
sources = ["s"]

[date]
start = 2021-11-16
precision = "day"

[[casualties]]
party = "p"
category = "killed"
count = { low = 1, high = 3 }
source = "s"
"#;

struct Tmp(tempfile::TempDir);

impl Tmp {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.0.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn load(&self) -> Dataset {
        let options = LoadOptions {
            names_relative_to: Some(self.path().to_path_buf()),
            ..LoadOptions::default()
        };
        Dataset::open_with(self.path(), options).unwrap()
    }
}

fn only_error(d: &Dataset) -> &LoadError {
    assert_eq!(d.errors.len(), 1, "{:#?}", d.errors);
    &d.errors[0]
}

#[test]
fn valid_records_of_every_kind_load() {
    let t = Tmp::new();
    t.write("events/2021/2021-11-16-clash.toml", EVENT)
        .write("sources/s.toml", "id = \"s\"\npublisher = \"P\"\ntitle = \"T\"\npublished = 2021-12-13\n")
        .write(
            "places.toml",
            "[[place]]\nid = \"sev-lake\"\nname = \"Sev Lake\"\nnames = [\"Garagol\", { name = \"Սև լիճ\", lang = \"hy\" }]\nkind = \"lake\"\ncountry = \"ARM\"\nlat = 39.5981\nlon = 46.2317\nprecision = \"exact\"\ncoordinate_source = \"x\"\n",
        )
        .write("actors.toml", "[[actor]]\nid = \"p\"\nname = \"P\"\nkind = \"state\"\ncountry = \"ARM\"\n")
        .write(
            "events/bulk.jsonl",
            "{\"id\":\"2021-11-17-a\",\"title\":\"A\",\"kind\":\"shelling\",\"summary\":\"s\",\"sources\":[\"s\"],\"date\":{\"start\":\"2021-11-17\",\"precision\":\"day\"}}\n\n",
        )
        .write("README.md", "not a record")
        .write("faultline.toml", "[rules]\n");
    let d = t.load();
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
    assert_eq!(d.counts(), (2, 1, 1, 1));
    let place = &d.places[0];
    assert_eq!(place.origin.pointer, "/place/0");
    assert_eq!(
        place.record.all_names().collect::<Vec<_>>(),
        ["Sev Lake", "Garagol", "Սև լիճ"]
    );
    // Every value can be located.
    let e = d
        .events
        .iter()
        .find(|e| e.record.id.as_str() == "2021-11-16-clash")
        .unwrap();
    let loc = d.locate(&e.origin, "/casualties/0/count/high");
    let file = d.file(loc.file);
    assert_eq!(&file.text[loc.span.range()], "3");
    assert_eq!(file.position(loc.span.start).line, 15);
    let j = d.events.iter().find(|e| e.origin.line.is_some()).unwrap();
    let loc = d.locate(&j.origin, "/kind");
    assert_eq!(&d.file(loc.file).text[loc.span.range()], "\"shelling\"");
}

#[test]
fn toml_syntax_error_has_its_position() {
    let t = Tmp::new();
    t.write(
        "events/2021/x.toml",
        "id = \"x\"\ntitle = \"unterminated\nkind = 1\n",
    );
    let d = t.load();
    let e = only_error(&d);
    assert!(matches!(e.kind, LoadErrorKind::Syntax(_)));
    assert_eq!((e.path.as_str(), e.line), ("events/2021/x.toml", 2));
}

#[test]
fn impossible_date_is_a_syntax_error_at_the_date() {
    let t = Tmp::new();
    t.write(
        "events/2021/x.toml",
        EVENT.replace("2021-11-16\nprecision", "2021-02-30\nprecision"),
    );
    let e = only_error(&t.load()).clone();
    assert!(
        matches!(e.kind, LoadErrorKind::Syntax(ref m) if m.contains("invalid date")),
        "{e}"
    );
    assert_eq!((e.line, e.column), (9, 9));
}

#[test]
fn impossible_date_in_json_is_invalid_at_the_value() {
    let t = Tmp::new();
    t.write(
        "events/x.jsonl",
        "{\"id\":\"2021-02-30-a\",\"title\":\"A\",\"kind\":\"shelling\",\"summary\":\"s\",\"date\":{\"start\":\"2021-02-30\",\"precision\":\"day\"}}\n",
    );
    let e = only_error(&t.load()).clone();
    let LoadErrorKind::Invalid {
        pointer, message, ..
    } = &e.kind
    else {
        panic!("{e}")
    };
    assert_eq!(pointer, "/date/start");
    assert!(message.contains("not a day of the calendar"), "{message}");
    assert_eq!((e.line, e.column), (1, 82));
}

#[test]
fn wrong_type_and_unknown_key_point_at_the_value_and_the_key() {
    let t = Tmp::new();
    t.write(
        "events/2021/x.toml",
        EVENT.replace("title = \"Clash\"", "title = 7"),
    );
    let e = only_error(&t.load()).clone();
    let LoadErrorKind::Invalid { pointer, .. } = &e.kind else {
        panic!("{e}")
    };
    assert_eq!(pointer, "/title");
    assert_eq!((e.line, e.column), (3, 9));

    let t = Tmp::new();
    t.write(
        "events/2021/x.toml",
        EVENT.replace("sources = [", "sorces = ["),
    );
    let e = only_error(&t.load()).clone();
    assert!(e.to_string().contains("unknown field `sorces`"), "{e}");
    assert_eq!((e.line, e.column), (6, 1));
}

#[test]
fn non_utf8_utf16_empty_and_garbage() {
    let t = Tmp::new();
    t.write(
        "events/2021/latin1.toml",
        b"id = \"x\"\ntitle = \"Caf\xe9\"\n",
    )
    .write("events/2021/utf16.toml", [0xFF, 0xFE, b'i', 0, b'd', 0])
    .write("events/2021/empty.toml", "")
    .write("events/2021/comments.toml", "# only a comment\n\n")
    .write(
        "events/2021/garbage.toml",
        [0u8, 159, 146, 150, 1, 2, 3, 255],
    );
    let d = t.load();
    let kinds: Vec<(String, usize, usize, String)> = d
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.line, e.column, e.kind.to_string()))
        .collect();
    insta::assert_debug_snapshot!(kinds);
}

#[test]
fn limits_and_special_files_never_hang_or_panic() {
    let t = Tmp::new();
    let huge = format!("id = \"x\"\ntitle = \"{}\"\n", "a".repeat(20 << 20));
    t.write("events/2021/huge.toml", huge)
        .write(
            "events/2021/deep.toml",
            format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        )
        .write(
            "events/deep.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        )
        .write("events/2021/x.toml/inner.txt", "a directory named x.toml");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(t.path(), t.path().join("events/loop")).unwrap();
        let fifo = t.path().join("events/2021/pipe.toml");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(status.is_ok_and(|s| s.success()), "mkfifo failed");
    }
    let d = t.load();
    let mut kinds: Vec<(String, String)> = d
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.kind.to_string()))
        .collect();
    kinds.sort();
    insta::assert_debug_snapshot!(kinds);
}

#[test]
fn registry_files_report_stray_keys_and_bad_entries() {
    let t = Tmp::new();
    t.write(
        "places.toml",
        "title = \"x\"\n\n[[place]]\nid = \"a\"\nname = \"A\"\nkind = \"lake\"\ncountry = \"ARM\"\nlat = 123.0\nlon = 46.0\nprecision = \"exact\"\ncoordinate_source = \"x\"\n\n[[place]]\nid = \"b\"\nname = \"B\"\nkind = \"volcano\"\ncountry = \"ARM\"\nlat = 1.0\nlon = 1.0\nprecision = \"exact\"\ncoordinate_source = \"x\"\n",
    );
    let d = t.load();
    // Latitude 123 and the kind `volcano` are both rejected, each at its value.
    let mut got: Vec<String> = d.errors.iter().map(ToString::to_string).collect();
    got.sort();
    insta::assert_debug_snapshot!(got);
    assert!(d.places.is_empty());
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let t = Tmp::new();
    for i in 0..40 {
        t.write(
            &format!("events/2021/2021-11-{:02}-e{i}.toml", i % 28 + 1),
            EVENT.replace(
                "2021-11-16-clash",
                &format!("2021-11-{:02}-e{i}", i % 28 + 1),
            ),
        );
    }
    t.write("events/2021/bad.toml", "x = ");
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| t.load());
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(|| t.load());
    let ids = |d: &Dataset| {
        d.events
            .iter()
            .map(|e| e.record.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&one), ids(&many));
    assert_eq!(format!("{:?}", one.errors), format!("{:?}", many.errors));
}

#[test]
fn a_missing_root_is_a_fatal_error() {
    let err = Dataset::open("/nonexistent/faultline-data").unwrap_err();
    assert_eq!(
        err.to_string(),
        "/nonexistent/faultline-data: no such file or directory"
    );
}

/// A record file's span tree, made from the parse that loaded it, is the tree its text gives
/// when parsed again (what `SourceFile::tree` makes for a file read back).
#[test]
fn the_tree_made_while_loading_is_the_tree_of_the_text() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let dataset = Dataset::open(&data).unwrap();
    let mut compared = 0;
    for file in &dataset.files {
        if file.format != faultline_dataset::FileFormat::Toml {
            continue;
        }
        let again = faultline_dataset::SourceFile::new(
            file.path.clone(),
            file.name.clone(),
            file.text.clone(),
            file.format,
        );
        assert_eq!(
            format!("{:?}", file.tree()),
            format!("{:?}", again.tree()),
            "{}",
            file.name
        );
        compared += 1;
    }
    assert!(compared > 20, "{compared} TOML files");
}
