//! Bad input never panics: every problem is a typed error with file, line and column.

#![allow(clippy::unwrap_used)]

use faultline_import::{Format, ImportError, ImportOptions, RowErrorKind, import_reader};

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n";

fn row(id: &str, date: &str, lat: &str, notes: &str, fatalities: &str) -> String {
    format!(
        "{id},{date},2021,1,Political violence,Battles,Armed clash,Military Forces of Armenia (2018-),NA,1,NA,NA,0,10,NA,51,Caucasus and Central Asia,Armenia,Syunik,Goris,NA,Goris,{lat},46.34,1,Invented Daily,National,{notes},{fatalities},NA,1620000000\n"
    )
}

fn acled(bytes: &[u8], strict: bool) -> Result<faultline_import::Imported, ImportError> {
    let options = ImportOptions {
        strict,
        ..ImportOptions::default()
    };
    import_reader(Format::Acled, bytes, "bad.csv", &options, &mut |_| {})
}

#[test]
fn bad_rows_are_reported_and_the_import_goes_on() {
    let mut text = HEADER.as_bytes().to_vec();
    text.extend(row("ARM1", "1 May 2021", "39.5", "good", "1").bytes());
    text.extend(b"ARM2,1 May 2021,2021\n");
    text.extend(row("ARM3", "31 June 2021", "39.5", "x", "0").bytes());
    text.extend(row("ARM4", "2 May 2021", "123", "x", "0").bytes());
    text.extend(
        row("ARM5", "2 May 2021", "39.5", "caf\u{e9}", "0")
            .bytes()
            .map(|b| if b == 0xC3 { 0xFF } else { b }),
    );
    text.extend(row("ARM6", "2 May 2021", "39.5", "x", "-3").bytes());
    text.extend(row("ARM7", "yesterday", "39.5", "x", "0").bytes());
    text.extend(row("ARM8", "3 May 2021", "39.5", "good again", "2").bytes());

    let imported = acled(&text, false).expect("the file is readable");
    let r = &imported.report;
    assert_eq!((r.rows_read, r.rows_mapped, r.rows_rejected), (8, 2, 6));
    let shown: Vec<String> = r.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "bad.csv:3: the row has 3 cells, the header 31",
            "bad.csv:4: column `event_date`: `31 June 2021` is an impossible date: 2021-06-31 is not a day of the calendar",
            "bad.csv:5: column `latitude`: 123 is out of range: a latitude lies between -90 and 90",
            "bad.csv:6: column `notes`: the cell is not UTF-8 text (first bad byte at offset 3 of the cell)",
            "bad.csv:7: column `fatalities`: `-3` is not a whole number of 0 or more",
            "bad.csv:8: column `event_date`: `yesterday` is not a date (accepted: 2020-05-09, 9-May-20, 9-May-2020, 28 December 2022, May 9, 2020, 09/05/2020)",
        ]
    );
    assert!(matches!(
        r.rejected[2].kind,
        RowErrorKind::OutOfRange { .. }
    ));
    // The JSON report carries the same, typed.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["rejected"][1]["column"], "event_date");
    assert_eq!(json["rejected"][1]["error"], "impossible-date");
    assert_eq!(json["rejected"][1]["line"], 4);
    assert_eq!(json["rows_rejected"], 6);
}

#[test]
fn strict_stops_at_the_first_bad_row() {
    let mut text = HEADER.to_owned();
    text.push_str(&row("ARM1", "1 May 2021", "39.5", "good", "1"));
    text.push_str(&row("ARM2", "1 May 2021", "-91", "bad", "1"));
    text.push_str(&row("ARM3", "1 May 2021", "39.5", "good", "1"));
    let imported = acled(text.as_bytes(), true).unwrap();
    assert!(imported.report.stopped_early);
    assert_eq!(imported.report.rows_read, 2);
    assert_eq!(imported.report.rows_rejected, 1);
}

#[test]
fn unreadable_files_are_fatal() {
    assert!(matches!(acled(b"", false), Err(ImportError::Empty { .. })));
    assert!(matches!(
        acled(b"\n\n", false),
        Err(ImportError::Empty { .. })
    ));
    assert!(matches!(
        acled(b"\xFF\xFEe\0v\0", false),
        Err(ImportError::HeaderNotUtf8 { .. })
    ));
    let e = acled(b"GLOBALEVENTID,SQLDATE\n1,2\n", false).unwrap_err();
    assert!(matches!(e, ImportError::UnknownHeader { .. }));
    assert!(
        e.to_string().starts_with(
            "bad.csv:1: this is not ACLED data: the header lacks event_date, event_type"
        )
    );
    let e = import_reader(
        Format::Ucdp,
        HEADER.as_bytes(),
        "x.csv",
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("this is not UCDP GED data"));
}

#[test]
fn a_huge_cell_and_a_broken_quote_reject_their_row() {
    let mut text = HEADER.to_owned();
    text.push_str(&row(
        "ARM1",
        "1 May 2021",
        "39.5",
        &"x".repeat(2 << 20),
        "1",
    ));
    text.push_str(&row("ARM2", "1 May 2021", "39.5", "ok", "1"));
    text.push_str(&row("ARM3", "1 May 2021", "39.5", "\"unterminated", "1"));
    let imported = acled(text.as_bytes(), false).unwrap();
    let r = &imported.report;
    assert_eq!(r.rows_mapped, 1);
    assert!(matches!(r.rejected[0].kind, RowErrorKind::TooLarge { .. }));
    assert_eq!(r.rejected[0].column.as_deref(), Some("notes"));
    assert!(matches!(
        r.rejected[1].kind,
        RowErrorKind::ColumnCount { .. }
    ));
    assert_eq!(r.rejected[1].line, 4);
}

#[test]
fn bad_json_lines() {
    let text = b"{\"id\": \"Not A Slug\"}\n\n{oops\n\xFF\n";
    let imported = import_reader(
        Format::Jsonl,
        &text[..],
        "x.jsonl",
        &ImportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let r = &imported.report;
    assert_eq!((r.rows_read, r.rows_rejected), (3, 3));
    assert_eq!(r.rejected[0].column.as_deref(), Some("/id"));
    assert_eq!(r.rejected[1].line, 3);
    assert!(matches!(r.rejected[2].kind, RowErrorKind::NotUtf8 { .. }));
    assert!(matches!(
        import_reader(
            Format::Jsonl,
            &b""[..],
            "x.jsonl",
            &ImportOptions::default(),
            &mut |_| {}
        ),
        Err(ImportError::Empty { .. })
    ));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever the bytes after a valid header, the import never panics and accounts for
        /// every row.
        #[test]
        fn arbitrary_rows_never_panic(body in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut text = HEADER.as_bytes().to_vec();
            text.extend(body);
            let imported = acled(&text, false).unwrap();
            let r = &imported.report;
            prop_assert_eq!(r.rows_read, r.rows_mapped + r.rows_rejected);
        }
    }
}
