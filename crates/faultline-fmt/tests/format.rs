//! `format_record` on messy fixtures (snapshots), on the bundled dataset, and on generated
//! records with comments scattered through them (proptest): formatting keeps values and
//! comments, and formatting twice changes nothing.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use faultline_fmt::{FormatError, RecordFile, format_record};
use faultline_model::{Actor, ActorsFile, Event, Place, PlacesFile, Source};
use faultline_testkit::strategy;
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// Formats, checks that formatting again changes nothing, and returns the text.
fn format_twice(text: &str, kind: RecordFile) -> String {
    let once = format_record(text, kind).unwrap();
    let twice = format_record(&once, kind).unwrap();
    assert_eq!(once, twice, "formatting twice changed the text");
    once
}

#[test]
fn messy_event() {
    let text = fixture("messy-event.toml");
    let formatted = format_twice(&text, RecordFile::Event);
    // The quoted date is now a date; everything else is the same data (checked inside).
    let doc: toml_edit::DocumentMut = formatted.parse().unwrap();
    assert!(doc["date"]["start"].is_datetime());
    insta::assert_snapshot!(formatted);
}

#[test]
fn messy_places() {
    let formatted = format_twice(&fixture("messy-places.toml"), RecordFile::Places);
    let file: PlacesFile = toml::from_str(&formatted).unwrap();
    assert_eq!(file.place.len(), 2);
    insta::assert_snapshot!(formatted);
}

#[test]
fn messy_source() {
    let formatted = format_twice(&fixture("messy-source.toml"), RecordFile::Source);
    insta::assert_snapshot!(formatted);
}

#[test]
fn messy_actors() {
    let formatted = format_twice(&fixture("messy-actors.toml"), RecordFile::Actors);
    let file: ActorsFile = toml::from_str(&formatted).unwrap();
    assert_eq!(file.actor.len(), 2);
    insta::assert_snapshot!(formatted);
}

#[test]
fn a_suppression_stays_above_its_table_when_tables_move() {
    let text = "\
id = \"2021-11-16-x\"

# faultline: allow(unattributed-casualty) no claimant: \"There are reports\"
[[casualties]]
party = \"armenia\"
category = \"killed\"
count = 6

[date]
start = 2021-11-16
precision = \"day\"
";
    let out = format_twice(text, RecordFile::Event);
    assert!(out.find("[date]").unwrap() < out.find("[[casualties]]").unwrap());
    assert!(out.contains("# faultline: allow(unattributed-casualty) no claimant: \"There are reports\"\n[[casualties]]\n"), "{out}");
}

#[test]
fn a_comment_on_a_value_line_moves_with_the_value() {
    let text = "title = \"T\"  # faultline: allow(some-rule) reason\nid = \"2021-11-16-x\"\n";
    let out = format_twice(text, RecordFile::Event);
    assert_eq!(
        out,
        "id = \"2021-11-16-x\"\ntitle = \"T\"  # faultline: allow(some-rule) reason\n"
    );
}

#[test]
fn edge_cases() {
    // Empty and comment-only files, no final newline, CRLF line ends.
    assert_eq!(format_twice("", RecordFile::Event), "");
    assert_eq!(
        format_twice("# only a comment", RecordFile::Event),
        "# only a comment\n"
    );
    assert_eq!(
        format_twice("id = \"x\"", RecordFile::Event),
        "id = \"x\"\n"
    );
    assert_eq!(
        format_twice("title = \"t\"\r\nid = \"x\"\r\n", RecordFile::Event),
        "id = \"x\"\ntitle = \"t\"\n"
    );
    // Literal strings become basic strings; invisible characters are escaped.
    assert_eq!(
        format_twice(
            "note = 'a \"b\" \\c'\nid = \"x\\u00a0y\"\n",
            RecordFile::Source
        ),
        "id = \"x\\u00A0y\"\nnote = \"a \\\"b\\\" \\\\c\"\n"
    );
    // A date field holding something that is not a date keeps its quotes.
    assert_eq!(
        format_twice("[date]\nstart = \"2021-02-30\"\n", RecordFile::Event),
        "[date]\nstart = \"2021-02-30\"\n"
    );
    // Dotted keys become tables or inline tables.
    assert_eq!(
        format_twice("date.start = 2021-01-01\nid = \"x\"\n", RecordFile::Event),
        "id = \"x\"\n\n[date]\nstart = 2021-01-01\n"
    );
}

#[test]
fn files_that_do_not_parse_are_refused_with_a_position() {
    let err = format_record("id = \"x\"\n[date\nstart = 1\n", RecordFile::Event).unwrap_err();
    assert!(
        matches!(err, FormatError::Syntax { line: 2, .. }),
        "{err:?}"
    );
    let err = format_record("id = 1\nid = 2\n", RecordFile::Event).unwrap_err();
    assert!(
        matches!(err, FormatError::Syntax { line: 2, .. }),
        "{err:?}"
    );
}

fn data_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            data_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[test]
fn the_bundled_dataset_formats_and_stays_formatted() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut files = Vec::new();
    data_files(&data, &mut files);
    assert!(files.len() > 50);
    for path in files {
        let kind = match path.file_name().and_then(|n| n.to_str()) {
            Some("places.toml") => RecordFile::Places,
            Some("actors.toml") => RecordFile::Actors,
            _ if path.parent().is_some_and(|p| p.ends_with("sources")) => RecordFile::Source,
            _ => RecordFile::Event,
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let once = format_record(&text, kind).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let twice = format_record(&once, kind).unwrap();
        assert_eq!(once, twice, "{}", path.display());
    }
}

/// Puts a comment line before some of the lines of `text` (chosen by `picks`), and a comment at
/// the end of others; keeps the result only when it is still valid TOML.
fn sprinkle(text: &str, picks: &[(usize, bool)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for (n, (i, same_line)) in picks.iter().enumerate() {
        if lines.is_empty() {
            break;
        }
        let i = i % lines.len();
        if *same_line {
            lines[i].push_str(&format!("  # c{n}"));
        } else {
            lines.insert(i, format!("# c{n}"));
        }
    }
    lines.join("\n") + "\n"
}

fn check(text: &str, kind: RecordFile, picks: &[(usize, bool)]) -> Result<(), TestCaseError> {
    let once =
        format_record(text, kind).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let twice = format_record(&once, kind).unwrap();
    prop_assert_eq!(&once, &twice);
    let sprinkled = sprinkle(text, picks);
    if sprinkled.parse::<toml_edit::DocumentMut>().is_ok() {
        let once = format_record(&sprinkled, kind)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{sprinkled}")))?;
        let twice = format_record(&once, kind).unwrap();
        prop_assert_eq!(&once, &twice, "with comments:\n{}", sprinkled);
    }
    Ok(())
}

fn picks() -> impl Strategy<Value = Vec<(usize, bool)>> {
    proptest::collection::vec((0usize..200, any::<bool>()), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_events_format_to_a_fixed_point(event in strategy::event(), picks in picks()) {
        let text = toml::to_string(&event).unwrap();
        check(&text, RecordFile::Event, &picks)?;
        let back: Event = toml::from_str(&format_record(&text, RecordFile::Event).unwrap()).unwrap();
        prop_assert_eq!(back, event);
    }

    #[test]
    fn generated_sources_format_to_a_fixed_point(source in strategy::source(), picks in picks()) {
        let text = toml::to_string(&source).unwrap();
        check(&text, RecordFile::Source, &picks)?;
        let back: Source = toml::from_str(&format_record(&text, RecordFile::Source).unwrap()).unwrap();
        prop_assert_eq!(back, source);
    }

    #[test]
    fn generated_places_format_to_a_fixed_point(places in proptest::collection::vec(strategy::place(), 0..3), picks in picks()) {
        let text = toml::to_string(&PlacesFile { place: places.clone() }).unwrap();
        check(&text, RecordFile::Places, &picks)?;
        let back: PlacesFile = toml::from_str(&format_record(&text, RecordFile::Places).unwrap()).unwrap();
        let back: Vec<Place> = back.place;
        prop_assert_eq!(back, places);
    }

    #[test]
    fn generated_actors_format_to_a_fixed_point(actors in proptest::collection::vec(strategy::actor(), 0..3), picks in picks()) {
        let text = toml::to_string(&ActorsFile { actor: actors.clone() }).unwrap();
        check(&text, RecordFile::Actors, &picks)?;
        let back: ActorsFile = toml::from_str(&format_record(&text, RecordFile::Actors).unwrap()).unwrap();
        let back: Vec<Actor> = back.actor;
        prop_assert_eq!(back, actors);
    }
}
