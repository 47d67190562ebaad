//! `faultline import` and `faultline export`, run as a user would.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

fn row(id: &str, date: &str, lat: &str) -> String {
    format!(
        "{id},{date},2021,1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),NA,1,NA,NA,0,10,NA,51,Caucasus and Central Asia,Armenia,Syunik,Goris,NA,Goris,{lat},46.34,1,Invented Daily,National,Invented.,1,NA,1620000000\n"
    )
}

#[test]
fn import_acled_into_a_dataset_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let input = fixture("faultline-import/tests/fixtures/acled_current.csv");
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("rows read 4, mapped 4, rejected 0"), "{err}");
    assert!(
        out.join("events/2022/2022-09-12-acled-arm9001.toml")
            .is_file()
    );
    // One source for the export (not one per row), and the sources its rows name.
    assert!(out.join("sources/acled-current.toml").is_file());
    assert!(!out.join("sources/acled-arm9001.toml").exists());
    assert_eq!(std::fs::read_dir(out.join("sources")).unwrap().count(), 5);
    assert!(out.join("places.toml").is_file());
    assert!(out.join("actors.toml").is_file());

    // Never overwritten without --force.
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // The imported dataset exports again.
    let geo = dir.path().join("events.geojson");
    let o = faultline(&["export", "geojson", "--data", s(&out), "--out", s(&geo)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&geo).unwrap()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
}

#[test]
fn bad_rows_exit_1_and_strict_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.csv");
    let text = format!(
        "{HEADER}{}{}{}",
        row("ARM1", "1 May 2021", "39.5"),
        row("ARM2", "31 June 2021", "39.5"),
        row("ARM3", "2 May 2021", "123")
    );
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("out.jsonl");
    let report = dir.path().join("report.json");
    let o = faultline(&[
        "import",
        "acled",
        s(&input),
        "--out",
        s(&out),
        "--report",
        s(&report),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:3: column `event_date`"), "{err}");
    assert!(
        err.contains("bad.csv:4: column `latitude`: 123 is out of range"),
        "{err}"
    );
    let lines = std::fs::read_to_string(&out).unwrap();
    assert_eq!(lines.lines().count(), 1, "one event per mapped row");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["rows_rejected"], 2);
    assert_eq!(json["rejected"][0]["column"], "event_date");

    // The registries are written beside the JSON Lines file; a second import into the same
    // folder would replace them, and is refused before anything is read.
    assert!(dir.path().join("places.toml").is_file());
    assert!(dir.path().join("actors.toml").is_file());
    let again = dir.path().join("again.jsonl");
    let o = faultline(&["import", "acled", s(&input), "--out", s(&again)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not overwritten"), "{}", stderr(&o));
    assert!(!again.exists());

    let strict_dir = dir.path().join("strict");
    let out2 = strict_dir.join("strict.jsonl");
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out2), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out2.exists(), "--strict writes nothing");
    assert!(
        !strict_dir.join("places.toml").exists(),
        "--strict writes nothing"
    );

    let out3 = dir.path().join("dry");
    let o = faultline(&["import", "acled", s(&input), "--out", s(&out3), "--dry-run"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out3.exists(), "--dry-run writes nothing");
}

#[test]
fn unreadable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.jsonl");
    let o = faultline(&["import", "acled", "/nonexistent/file.csv", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    let gdelt = dir.path().join("gdelt.csv");
    std::fs::write(&gdelt, "\"760359406\",\"20180530\",\"USA\"\n").unwrap();
    let o = faultline(&["import", "acled", s(&gdelt), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("this is not ACLED data"),
        "{}",
        stderr(&o)
    );
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let o = faultline(&["import", "ucdp", s(&empty), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn export_jsonl_then_import_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("faultline-export/tests/fixtures/dataset");
    let jsonl = dir.path().join("events.jsonl");
    let o = faultline(&["export", "jsonl", "--data", s(&data), "--out", s(&jsonl)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = dir.path().join("again.jsonl");
    let o = faultline(&["import", "jsonl", s(&jsonl), "--out", s(&again)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&jsonl).unwrap(),
        std::fs::read_to_string(&again).unwrap()
    );
}

#[test]
fn every_export_format_writes_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("faultline-export/tests/fixtures/dataset");
    for (format, out) in [
        ("json", "x.json"),
        ("jsonl", "x.jsonl"),
        ("csv", "x.csv"),
        ("acled", "acled.csv"),
        ("ucdp", "ged.csv"),
        ("geojson", "x.geojson"),
        ("datapackage", "pkg"),
        ("svg", "x.svg"),
    ] {
        let out = dir.path().join(out);
        let o = faultline(&["export", format, "--data", s(&data), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(out.exists(), "{format}");
        let o = faultline(&["export", format, "--data", s(&data), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{format} must not overwrite");
        let o = faultline(&[
            "export",
            format,
            "--data",
            s(&data),
            "--out",
            s(&out),
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
    assert!(dir.path().join("x-figures.csv").is_file());
    assert!(dir.path().join("pkg/datapackage.json").is_file());
    let o = faultline(&[
        "export",
        "svg",
        "--data",
        "/nonexistent",
        "--out",
        s(&dir.path().join("y.svg")),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn imported_files_are_already_formatted() {
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines of native events, with times, ranges, claims and external values.
    let jsonl = dir.path().join("native.jsonl");
    let data = fixture("faultline-export/tests/fixtures/dataset");
    let o = faultline(&["export", "jsonl", "--data", s(&data), "--out", s(&jsonl)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let inputs = [
        (
            "acled",
            fixture("faultline-import/tests/fixtures/acled_current.csv"),
        ),
        (
            "acled",
            fixture("faultline-import/tests/fixtures/acled_pre2023.csv"),
        ),
        (
            "acled",
            fixture("faultline-import/tests/fixtures/acled_hdx.csv"),
        ),
        (
            "acled",
            fixture("faultline-import/tests/fixtures/acled_2016.csv"),
        ),
        (
            "ucdp",
            fixture("faultline-import/tests/fixtures/ucdp_ged.csv"),
        ),
        ("jsonl", jsonl),
    ];
    for (i, (format, input)) in inputs.iter().enumerate() {
        let out = dir.path().join(format!("imported-{i}"));
        let o = faultline(&["import", format, s(input), "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = faultline(&["fmt", "--check", s(&out)]);
        assert_eq!(
            (o.status.code(), String::from_utf8_lossy(&o.stdout).as_ref()),
            (Some(0), ""),
            "{}: fmt --check would change imported files: {}",
            input.display(),
            stderr(&o)
        );
    }
}

#[test]
fn export_refuses_a_dataset_with_lint_errors_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("faultline-cli/tests/fixtures/broken/data");
    let out = dir.path().join("x.json");
    let o = faultline(&["export", "json", "--data", s(&data), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("schema-violation"),
        "the errors are listed: {err}"
    );
    assert!(
        err.contains("not exported: the dataset has 2 lint errors (and 2 warnings)"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");

    // With --allow-errors it is written; the record that did not load is still reported (1).
    let o = faultline(&[
        "export",
        "json",
        "--data",
        s(&data),
        "--out",
        s(&out),
        "--allow-errors",
    ]);
    assert!(out.is_file(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("exported with 2 lint errors (--allow-errors)"),
        "{}",
        stderr(&o)
    );

    // Warnings alone do not block: the export fixture has warnings and no error.
    let clean = fixture("faultline-export/tests/fixtures/dataset");
    let o = faultline(&[
        "export",
        "json",
        "--data",
        s(&clean),
        "--out",
        s(&dir.path().join("y.json")),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Rows of every kind the importer treats differently, over several of its chunks of rows
/// (4,096): repeated ids, places and actors shared between rows far apart, a party as the
/// only source, rows that cannot be mapped and rows the filter leaves out.
fn many_rows(n: usize) -> String {
    let mut csv = HEADER.to_owned();
    for i in 0..n {
        let id = format!("ARM{}", i % 9_000); // ids repeat past 9,000 rows
        let day = 1 + i % 28;
        let (lat, source) = match i % 5 {
            0 => ("39.5", "Ministry of Defence of Armenia"),
            1 => ("39.6", "Invented Daily; Example Wire"),
            2 => ("40.0", "Example Wire"),
            _ => ("39.5", &*format!("Outlet {}", i % 97)),
        };
        let line = match i % 1_000 {
            7 => format!("{id},not a date,2021\n"), // too few columns
            8 => row(&id, "31 February 2021", lat), // no such day
            9 => row(&id, &format!("{day} March 2019"), lat), // before --since
            _ => row(&id, &format!("{day} March 2021"), lat),
        };
        csv.push_str(&line.replace("Invented Daily,National", &format!("\"{source}\",National")));
    }
    csv
}

#[test]
fn an_import_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.csv");
    std::fs::write(&input, many_rows(10_000)).unwrap();
    let run = |threads: &str| {
        let out = dir.path().join(format!("threads-{threads}"));
        std::fs::create_dir(&out).unwrap();
        let lines = out.join("events.jsonl");
        let o = Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(["import", "acled", s(&input), "--out", s(&lines)])
            .args(["--since", "2020-01-01"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&out)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&out).unwrap();
                (rel.display().to_string(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        // The report names the output folder, which differs.
        (
            stderr(&o).replace(&format!("threads-{threads}"), "threads-N"),
            files,
        )
    };
    let (report, files) = run("1");
    assert!(report.contains("rows read 10000"), "{report}");
    assert!(report.contains("rejected 20"), "{report}");
    assert!(files.len() > 90, "{} files", files.len());
    for threads in ["2", "4"] {
        let (other_report, other_files) = run(threads);
        assert_eq!(other_report, report, "{threads} threads");
        assert_eq!(other_files.len(), files.len(), "{threads} threads");
        for (a, b) in files.iter().zip(&other_files) {
            assert!(a == b, "{}: not the same with 1 and {threads} threads", a.0);
        }
    }
}
