//! Import UCDP GED CSV rows: the GED header (unless the first byte says the fuzzer writes the
//! header too), then the fuzzed rows. Any panic is a bug; rejected rows are expected.
#![no_main]

use faultline_import::{Format, ImportOptions, import_reader};
use libfuzzer_sys::fuzz_target;

const FIXTURE: &str = include_str!("../../crates/faultline-import/tests/fixtures/ucdp_ged.csv");

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let mut input = if pick % 8 == 0 {
        Vec::new()
    } else {
        (FIXTURE.lines().next().unwrap_or("").to_owned() + "\n").into_bytes()
    };
    input.extend_from_slice(body);
    let options = ImportOptions {
        max_cell_bytes: 4096,
        ..ImportOptions::default()
    };
    if let Ok(imported) = import_reader(Format::Ucdp, &input[..], "fuzz.csv", &options, &mut |_| {})
    {
        let r = &imported.report;
        assert_eq!(r.rows_read, r.rows_mapped + r.rows_rejected);
    }
});
