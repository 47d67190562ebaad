//! The `annotations` export: every claim and figure as a W3C Web Annotation anchored in the
//! archived copy of its source, and the prefix and suffix columns of the tables. For every
//! annotation, prefix + exact + suffix occur in the archived text, and the position selector
//! points at `exact`.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use faultline_dataset::Dataset;
use faultline_dataset::archive::{Archive, ArchiveRoot};
use faultline_export::{Format, Records, render};
use faultline_model::{Date, Sha256, SourceArchive};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture dataset, its sources archived in `tests/fixtures/archive` (texts written for
/// the tests); `example-analysis` has no copy.
fn records() -> Records {
    let dataset = Dataset::open(fixtures().join("dataset")).unwrap();
    let mut records = Records::from_dataset(&dataset);
    let root = ArchiveRoot::open_as(fixtures().join("archive"), "archive").unwrap();
    for s in &mut records.sources {
        let file = match s.id.as_str() {
            "armenpress-2022-09-13" => "armenpress.txt",
            "azmod-2022-09-13" => "azmod.txt",
            _ => continue,
        };
        let copy = root.read(file).unwrap();
        s.archive = Some(SourceArchive {
            file: file.to_owned(),
            sha256: Sha256::new(copy.sha256.as_str()).unwrap(),
            retrieved: Date::new(2022, 9, 14).unwrap(),
            url: None,
        });
    }
    records.archive = Some(Arc::new(Archive::read(root, records.sources.iter())));
    records
}

fn annotations(records: &Records) -> Value {
    let files = render(records, Format::Annotations).unwrap();
    serde_json::from_slice(&files[0].bytes).unwrap()
}

/// Checks every anchored annotation against the archived texts; returns how many were
/// anchored and how many were not.
fn check_anchors(doc: &Value, text_of: impl Fn(&str) -> Option<String>) -> (usize, usize) {
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"].as_u64().unwrap() as usize, items.len());
    let (mut anchored, mut not) = (0, 0);
    for a in items {
        assert_eq!(a["type"], "Annotation");
        let target = &a["target"];
        let Some(selectors) = target["selector"].as_array() else {
            not += 1;
            continue;
        };
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let text = text_of(target["source"].as_str().unwrap()).unwrap();
        let (prefix, exact, suffix) = (
            quote["prefix"].as_str().unwrap(),
            quote["exact"].as_str().unwrap(),
            quote["suffix"].as_str().unwrap(),
        );
        assert!(
            text.contains(&format!("{prefix}{exact}{suffix}")),
            "{} not found in its source",
            a["id"]
        );
        assert!(prefix.chars().count() <= 32 && suffix.chars().count() <= 32);
        let start = position["start"].as_u64().unwrap() as usize;
        let end = position["end"].as_u64().unwrap() as usize;
        let at: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(at, exact, "{}", a["id"]);
        anchored += 1;
    }
    (anchored, not)
}

#[test]
fn every_annotation_is_anchored_in_its_archived_text() {
    let records = records();
    let doc = annotations(&records);
    let read = |iri: &str| {
        let file = if iri.contains("armenpress") {
            "armenpress.txt"
        } else if iri.contains("azmod") || iri.contains("mod.gov.az") {
            "azmod.txt"
        } else {
            return None;
        };
        std::fs::read_to_string(fixtures().join("archive").join(file)).ok()
    };
    let (anchored, not) = check_anchors(&doc, read);
    // "=large-scale provocations" (a fixture for spreadsheet safety) is not in the text.
    assert_eq!((anchored, not), (6, 1));
    insta::assert_json_snapshot!(doc);
}

#[test]
fn without_an_archive_the_quote_alone_is_kept() {
    let dataset = Dataset::open(fixtures().join("dataset")).unwrap();
    let doc = annotations(&Records::from_dataset(&dataset));
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    for a in items {
        let selector = &a["target"]["selector"];
        assert_eq!(selector["type"], "TextQuoteSelector");
        assert!(selector.get("prefix").is_none() && selector.get("start").is_none());
    }
}

#[test]
fn the_tables_carry_prefix_and_suffix() {
    let files = render(&records(), Format::Csv).unwrap();
    let figures = String::from_utf8(files[1].bytes.clone()).unwrap();
    let header = figures.lines().next().unwrap();
    assert!(header.contains(",quote,quote_prefix,quote_suffix,note"));
    assert!(
        figures.contains(",49 servicemen killed, Armenian positions overnight — ,\", it said."),
        "{figures}"
    );
    let package = render(&records(), Format::Datapackage).unwrap();
    let claims = package
        .iter()
        .find(|f| f.name == "data/claims.csv" || f.name.ends_with("claims.csv"))
        .unwrap();
    let claims = String::from_utf8(claims.bytes.clone()).unwrap();
    assert!(
        claims
            .lines()
            .next()
            .unwrap()
            .contains("quote,quote_prefix,quote_suffix")
    );
    assert!(
        claims.contains(",large-scale shelling of Armenian positions, of Defence of Armenia reported , overnight — 49 servicemen kille,"),
        "{claims}"
    );
}

/// The bundled dataset, with the archive beside the repository (`../shared/seeds`, as in CI).
#[test]
fn every_bundled_annotation_is_anchored_in_the_archived_articles() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = repo.join("../shared/seeds");
    let seeds = if seeds.is_dir() {
        seeds
    } else if let Some(dir) = std::env::var_os("FAULTLINE_ARCHIVE").map(PathBuf::from) {
        dir
    } else {
        eprintln!("note: skipped: ../shared/seeds (the archive of the bundled dataset) is absent");
        return;
    };
    let dataset = Dataset::open(repo.join("data")).unwrap();
    let mut records = Records::from_dataset(&dataset);
    let root = ArchiveRoot::open(&seeds).unwrap();
    records.archive = Some(Arc::new(Archive::read(root, records.sources.iter())));
    let doc = annotations(&records);
    let by_iri: Vec<(String, String)> = records
        .sources
        .iter()
        .map(|s| {
            let iri = s.url.as_ref().map_or_else(
                || format!("urn:faultline:source:{}", s.id),
                |u| u.to_string(),
            );
            let file = &s.archive.as_ref().unwrap().file;
            (iri, std::fs::read_to_string(seeds.join(file)).unwrap())
        })
        .collect();
    let read = |iri: &str| {
        by_iri
            .iter()
            .find(|(i, _)| i == iri)
            .map(|(_, t)| t.clone())
    };
    let (anchored, not) = check_anchors(&doc, read);
    assert_eq!(not, 0, "every bundled quote is anchored");
    let quotes = records
        .events
        .iter()
        .map(|e| {
            let claims = e
                .claims
                .iter()
                .filter(|c| c.quote.is_some() && c.source.is_some());
            let figures = e
                .casualties
                .iter()
                .filter(|c| c.quote.is_some() && c.source.is_some());
            claims.count() + figures.count()
        })
        .sum::<usize>();
    assert!(quotes >= 90, "the bundled dataset has its quotes: {quotes}");
    assert_eq!(anchored, quotes, "one annotation for each bundled quote");
}

/// A qualified figure ("over 6,000") keeps its qualifier wherever it is put into words: the
/// annotation's description and the ACLED notes say "over 49", never a bare "49".
#[test]
fn a_qualified_figure_keeps_its_qualifier_in_words() {
    let mut records = records();
    let figure = records
        .events
        .iter_mut()
        .flat_map(|e| e.casualties.iter_mut())
        .find(|c| matches!(c.count, Some(faultline_model::Count::Exact(49))))
        .unwrap();
    figure.qualifier = Some(faultline_model::Qualifier::Over);
    let doc = annotations(&records);
    let described: Vec<&str> = doc["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["body"][0]["value"].as_str().unwrap())
        .filter(|v| v.contains("49 killed"))
        .collect();
    assert_eq!(described.len(), 1);
    assert!(
        described[0].starts_with("over 49 killed of "),
        "{}",
        described[0]
    );
    let acled = render(&records, Format::Acled).unwrap();
    let acled = String::from_utf8(acled[0].bytes.clone()).unwrap();
    assert!(acled.contains("killed: over 49 according to"), "{acled}");
    assert!(!acled.contains("killed: 49 according to"), "{acled}");
}
