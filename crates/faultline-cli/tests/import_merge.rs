//! `faultline import … --into DIR` (merge into an existing dataset) and the row filters
//! (`--country`, `--since`, `--until`), run as a user would.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

/// An ACLED row (current format) of a clash between `actor1` and `actor2` at `location`.
#[allow(clippy::too_many_arguments)]
fn row(
    id: &str,
    date: &str,
    actor1: &str,
    actor2: &str,
    iso: u16,
    country: &str,
    location: &str,
    lat_lon: (f64, f64),
) -> String {
    let year = &date[date.len() - 4..];
    format!(
        "{id},{date},{year},1,Political violence,Battles,Armed clash,{actor1},NA,1,{actor2},NA,1,11,NA,{iso},Caucasus and Central Asia,{country},Syunik,NA,NA,{location},{},{},1,Invented Daily,National,Invented for a test.,0,NA,1620000000\n",
        lat_lon.0, lat_lon.1
    )
}

/// Rows naming records the bundled dataset holds (by `acled_name` and place name), new ones,
/// a Georgian row (left out by `--country`) and a 2020 row (left out by `--since`).
fn fixture_rows() -> String {
    let arm = "Military Forces of Armenia (2018-)";
    let aze = "Military Forces of Azerbaijan (2003-)";
    format!(
        "{HEADER}{}{}{}{}",
        row(
            "ARM9101",
            "12 May 2021",
            arm,
            aze,
            51,
            "Armenia",
            "Sev Lake",
            (39.5981, 46.2317)
        ),
        row(
            "AZE9102",
            "3 June 2022",
            "Invented Militia",
            aze,
            31,
            "Azerbaijan",
            "Inventedkend",
            (40.1, 46.1)
        ),
        row(
            "GEO9103",
            "5 June 2022",
            "Invented Militia",
            "NA",
            268,
            "Georgia",
            "Tbilisi",
            (41.7, 44.8)
        ),
        row(
            "ARM9104",
            "20 December 2020",
            arm,
            aze,
            51,
            "Armenia",
            "goris",
            (39.5111, 46.3389)
        ),
    )
}

/// A copy of the bundled dataset in a temporary folder.
fn bundled_copy(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let to = dir.join("data");
    copy_dir(&from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative to it.
fn files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

/// The rules of the findings of `faultline lint DIR`, with how many of each.
fn lint_rules(dir: &Path) -> std::collections::BTreeMap<String, usize> {
    let o = faultline(&["lint", s(dir), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    let mut rules = std::collections::BTreeMap::new();
    let findings = v["diagnostics"]
        .as_array()
        .or_else(|| v.as_array())
        .cloned()
        .unwrap_or_default();
    for f in findings {
        let rule = f["rule"].as_str().unwrap_or("?").to_owned();
        *rules.entry(rule).or_insert(0) += 1;
    }
    rules
}

fn snapshot_of(text: &str, dir: &Path) -> String {
    text.replace(s(dir), "[DIR]")
}

#[test]
fn merge_into_the_bundled_dataset_keeps_every_byte_and_lints() {
    let tmp = tempfile::tempdir().unwrap();
    let data = bundled_copy(tmp.path());
    let input = tmp.path().join("rows.csv");
    std::fs::write(&input, fixture_rows()).unwrap();
    let actors_before = std::fs::read(data.join("actors.toml")).unwrap();
    let places_before = std::fs::read(data.join("places.toml")).unwrap();
    let files_before = files(&data);
    let rules_before = lint_rules(&data);

    let report = tmp.path().join("report.json");
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--into",
        s(&data),
        "--country",
        "Armenia",
        "--country",
        "AZE",
        "--since",
        "2021-01-01",
        "--report",
        s(&report),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("merge_report", snapshot_of(&stderr(&o), tmp.path()));

    // Existing entries and their comments are kept byte for byte; the new ones follow.
    let actors_after = std::fs::read(data.join("actors.toml")).unwrap();
    let places_after = std::fs::read(data.join("places.toml")).unwrap();
    assert!(actors_after.starts_with(&actors_before));
    assert!(places_after.starts_with(&places_before));
    let added_actors = String::from_utf8(actors_after[actors_before.len()..].to_vec()).unwrap();
    let added_places = String::from_utf8(places_after[places_before.len()..].to_vec()).unwrap();
    insta::assert_snapshot!("merge_appended_actors", added_actors);
    insta::assert_snapshot!("merge_appended_places", added_places);

    // The new events and sources are new files; nothing else changed.
    let new: Vec<PathBuf> = files(&data).difference(&files_before).cloned().collect();
    assert_eq!(
        new,
        [
            "events/2021/2021-05-12-acled-arm9101.toml",
            "events/2022/2022-06-03-acled-aze9102.toml",
            "sources/acled-rows.toml",
            "sources/invented-daily.toml",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // The matched records are referred to by their ids.
    let event =
        std::fs::read_to_string(data.join("events/2021/2021-05-12-acled-arm9101.toml")).unwrap();
    for id in [
        "armenia-armed-forces",
        "azerbaijan-armed-forces",
        "sev-lake",
    ] {
        assert!(event.contains(&format!("\"{id}\"")), "{id} in {event}");
    }

    // The JSON report carries the merge.
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["left_out"]["country"], 1);
    assert_eq!(json["left_out"]["since"], 1);
    assert_eq!(json["merge"]["added"]["events"], 2);
    assert!(
        json["merge"]["matched"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "sev-lake" && m["by"] == "name")
    );

    // The merged dataset lints with no dangling reference, and stays formatted.
    let rules_after = lint_rules(&data);
    assert_eq!(
        rules_after.get("dangling-reference"),
        None,
        "{rules_after:?}"
    );
    assert_eq!(rules_before.get("dangling-reference"), None);
    let o = faultline(&["fmt", "--check", s(&data)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // Importing the same rows again adds nothing.
    let before_again = files(&data);
    let actors_again = std::fs::read(data.join("actors.toml")).unwrap();
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--into",
        s(&data),
        "--country",
        "ARM",
        "--country",
        "31",
        "--since",
        "2021-01-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("added 0 events, 0 sources, 0 places, 0 actors"),
        "{err}"
    );
    assert!(
        err.contains("skipped 2 events whose id the dataset already has"),
        "{err}"
    );
    assert_eq!(files(&data), before_again);
    assert_eq!(
        std::fs::read(data.join("actors.toml")).unwrap(),
        actors_again
    );
}

/// The export is one source per file: a second import of the same file cites the source the
/// first one made (identical: the same name, and `updated` the latest `timestamp` of the
/// whole file, whatever rows were imported), and another file is a source of its own.
#[test]
fn merge_cites_the_export_source_the_dataset_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = bundled_copy(tmp.path());
    let input = tmp.path().join("rows.csv");
    std::fs::write(&input, fixture_rows()).unwrap();
    let arm = "Military Forces of Armenia (2018-)";
    let aze = "Military Forces of Azerbaijan (2003-)";
    // The first two rows alone, then every row (two events new to the dataset).
    let first: String = fixture_rows()
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&input, first).unwrap();
    let o = faultline(&["import", "acled", s(&input), "--into", s(&data)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let source = std::fs::read_to_string(data.join("sources/acled-rows.toml")).unwrap();
    assert!(source.contains("kind = \"dataset\""), "{source}");
    assert!(
        source.contains("title = \"ACLED export rows.csv\""),
        "{source}"
    );
    // 1620000000: 2021-05-03.
    assert!(source.contains("updated = 2021-05-03"), "{source}");

    std::fs::write(&input, fixture_rows()).unwrap();
    let before = files(&data);
    let report = tmp.path().join("report.json");
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--into",
        s(&data),
        "--report",
        s(&report),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("added 2 events, 0 sources"), "{err}");
    // The export and the outlet its rows name.
    assert!(err.contains("2 sources already in the dataset"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(
        json["merge"]["matched"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "source" && m["id"] == "acled-rows" && m["by"] == "identical"),
        "{json}"
    );
    let new: Vec<PathBuf> = files(&data).difference(&before).cloned().collect();
    assert_eq!(new.len(), 2, "two event files, no source: {new:?}");
    for event in &new {
        let text = std::fs::read_to_string(data.join(event)).unwrap();
        assert!(text.contains("\"acled-rows\""), "{text}");
    }

    // Another file: another source, whose id the dataset's does not take.
    let other = tmp.path().join("more").join("rows.csv");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(
        &other,
        format!(
            "{HEADER}{}",
            row(
                "ARM9105",
                "7 July 2022",
                arm,
                aze,
                51,
                "Armenia",
                "Goris",
                (39.5111, 46.3389)
            )
        )
        .replace("1620000000", "1660000000"),
    )
    .unwrap();
    let o = faultline(&["import", "acled", s(&other), "--into", s(&data)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("added 1 events, 1 sources"),
        "{}",
        stderr(&o)
    );
    let second = std::fs::read_to_string(data.join("sources/acled-rows-2.toml")).unwrap();
    assert!(second.contains("updated = 2022-08-08"), "{second}");
    let rules = lint_rules(&data);
    assert_eq!(rules.get("dangling-reference"), None, "{rules:?}");
}

#[test]
fn a_failed_merge_leaves_the_dataset_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let data = bundled_copy(tmp.path());
    let input = tmp.path().join("rows.csv");
    std::fs::write(&input, fixture_rows()).unwrap();
    // `events/2022` is a file: the 2022 event cannot be placed, after the 2021 one was.
    std::fs::write(data.join("events/2022"), "in the way").unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = files(&data)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(data.join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    let o = faultline(&["import", "acled", s(&input), "--into", s(&data)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    let after: Vec<(PathBuf, Vec<u8>)> = files(&data)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(data.join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    assert_eq!(after, before, "every file as it was, nothing added");
    let hidden: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "no staging folder left: {hidden:?}");
}

#[test]
fn a_failed_import_to_a_new_directory_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("rows.csv");
    // Two rows with the same id give the same event file twice: the write fails.
    let text = fixture_rows();
    let first = text.lines().nth(1).unwrap();
    std::fs::write(&input, format!("{text}{first}\n")).unwrap();
    let out = tmp.path().join("new");
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out)]);
    if o.status.code() == Some(0) {
        // The importer gave the repeated row a unique id: nothing to test here.
        assert!(out.is_dir());
        return;
    }
    assert!(!out.exists(), "no half-written dataset");
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("rows.csv")]);
}

#[test]
fn into_needs_a_dataset_and_refuses_force_and_out() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("rows.csv");
    std::fs::write(&input, fixture_rows()).unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = faultline(&["import", "acled", s(&input), "--into", s(&empty)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a dataset directory"),
        "{}",
        stderr(&o)
    );
    let o = faultline(&["import", "acled", s(&input), "--into", s(&empty), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    let o = faultline(&["import", "acled", s(&input)]);
    assert_eq!(o.status.code(), Some(2));
    // A broken actors.toml is not merged into.
    let data = bundled_copy(tmp.path());
    std::fs::write(data.join("actors.toml"), "[[actor]\nid = ").unwrap();
    let o = faultline(&["import", "acled", s(&input), "--into", s(&data)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot merge"), "{}", stderr(&o));
}

#[test]
fn filters_count_what_they_leave_out() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("rows.csv");
    std::fs::write(&input, fixture_rows()).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "acled", s(&input), "--out", "unused", "--dry-run"];
        args.extend_from_slice(extra);
        let o = faultline(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o)
    };
    let err = run(&["--country", "Georgia"]);
    assert!(err.contains("rows read 4, mapped 1, rejected 0"), "{err}");
    assert!(
        err.contains("left out 3 rows: 3 by --country, 0 by --since, 0 by --until"),
        "{err}"
    );
    // A number is the file's numeric code (ACLED `iso`).
    let err = run(&["--country", "268"]);
    assert!(err.contains("mapped 1,"), "{err}");
    let err = run(&["--since", "2021-05-12", "--until", "2022-06-03"]);
    assert!(err.contains("mapped 2,"), "{err}");
    assert!(
        err.contains("left out 2 rows: 0 by --country, 1 by --since, 1 by --until"),
        "{err}"
    );
    // Inclusive at both ends.
    let err = run(&["--since", "2022-06-03", "--until", "2022-06-03"]);
    assert!(err.contains("mapped 1,"), "{err}");
    // Filters are checked before anything is read.
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--out",
        "x",
        "--country",
        "Atlantis",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown country `Atlantis`"),
        "{}",
        stderr(&o)
    );
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--out",
        "x",
        "--since",
        "2022-01-01",
        "--until",
        "2021-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_global_acled_file_has_120_armenia_azerbaijan_rows() {
    let dir = std::env::var_os("FAULTLINE_REALDATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdata"),
        PathBuf::from,
    );
    let file = dir.join("acled_global_2020-05-01_09.csv");
    if !file.is_file() {
        eprintln!(
            "SKIPPED: {} is absent (the real ACLED files are not part of the repository)",
            file.display()
        );
        return;
    }
    let o = faultline(&[
        "import",
        "acled",
        s(&file),
        "--out",
        "unused",
        "--dry-run",
        "--country",
        "Armenia",
        "--country",
        "Azerbaijan",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("rows read 5071, mapped 120, rejected 0"),
        "{err}"
    );
    assert!(
        err.contains("left out 4951 rows: 4951 by --country"),
        "{err}"
    );
}
