//! Import ACLED CSV rows: the header of one of the ACLED generations (picked by the first
//! byte; the last choice lets the fuzzer write the header too), then the fuzzed rows. Any panic
//! is a bug; rejected rows are expected.
#![no_main]

use faultline_import::{Format, ImportOptions, import_reader};
use libfuzzer_sys::fuzz_target;

const FIXTURES: [&str; 4] = [
    include_str!("../../crates/faultline-import/tests/fixtures/acled_current.csv"),
    include_str!("../../crates/faultline-import/tests/fixtures/acled_pre2023.csv"),
    include_str!("../../crates/faultline-import/tests/fixtures/acled_2016.csv"),
    include_str!("../../crates/faultline-import/tests/fixtures/acled_hdx.csv"),
];

fn header(pick: u8) -> String {
    match FIXTURES.get(usize::from(pick) % (FIXTURES.len() + 1)) {
        // The HDX export has its HXL hashtag row under the header.
        Some(text) if text.starts_with("data_id,event_id_cnty") => {
            text.lines().take(2).collect::<Vec<_>>().join("\n") + "\n"
        }
        Some(text) => text.lines().next().unwrap_or("").to_owned() + "\n",
        None => String::new(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let mut input = header(pick).into_bytes();
    input.extend_from_slice(body);
    let options = ImportOptions {
        max_cell_bytes: 4096,
        ..ImportOptions::default()
    };
    if let Ok(imported) =
        import_reader(Format::Acled, &input[..], "fuzz.csv", &options, &mut |_| {})
    {
        let r = &imported.report;
        assert_eq!(r.rows_read, r.rows_mapped + r.rows_rejected);
    }
});
