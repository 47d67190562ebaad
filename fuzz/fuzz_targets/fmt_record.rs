//! Format a record file (kind picked by the first byte). Text that does not parse must be
//! refused with a syntax error; anything else must format, keep its values and comments (the
//! formatter checks both and reports a bug otherwise) and format to a fixed point.
#![no_main]

use faultline_fmt::{FormatError, RecordFile, format_record};
use libfuzzer_sys::fuzz_target;

const KINDS: [RecordFile; 4] = [
    RecordFile::Event,
    RecordFile::Source,
    RecordFile::Places,
    RecordFile::Actors,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let kind = KINDS[usize::from(pick) % KINDS.len()];
    match format_record(text, kind) {
        Ok(once) => {
            let twice = format_record(&once, kind).expect("formatted text formats again");
            assert_eq!(once, twice, "formatting twice changed the text");
        }
        Err(FormatError::Syntax { .. }) => {}
        Err(e) => panic!("{e}"),
    }
});
