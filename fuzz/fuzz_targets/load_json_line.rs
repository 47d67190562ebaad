//! Load JSON Lines text of events (as `faultline lint events.jsonl` does) and resolve a few
//! positions in every event. Any panic is a bug.
#![no_main]

use faultline_dataset::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut dataset = Dataset::default();
    dataset.add_json_lines("fuzz.jsonl", text);
    for e in &dataset.events {
        for pointer in [
            "/id",
            "/date/start",
            "/casualties/0/count",
            "/claims/0/quote",
        ] {
            let loc = dataset.locate(&e.origin, pointer);
            assert!(loc.span.end <= dataset.file(loc.file).text.len());
        }
    }
    for e in &dataset.errors {
        assert!(e.line >= 1 && e.column >= 1);
    }
});
