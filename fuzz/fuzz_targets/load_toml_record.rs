//! Load one TOML record file (an event, a source, places.toml or actors.toml, picked by the
//! first byte) through the dataset loader, as `faultline lint FILE` does, and resolve a few
//! positions in it. Any panic is a bug.
#![no_main]

mod common;

use faultline_dataset::{Dataset, LoadOptions};
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 4] = [
    "events/2021/2021-11-16-x.toml",
    "sources/x.toml",
    "places.toml",
    "actors.toml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let path = common::put(FILES[usize::from(pick) % FILES.len()], body);
    let mut dataset = Dataset::default();
    dataset.add_file(&path, LoadOptions::default());
    for e in &dataset.events {
        for pointer in [
            "/id",
            "/date/start",
            "/casualties/0/count",
            "/places/1/place",
        ] {
            let loc = dataset.locate(&e.origin, pointer);
            assert!(loc.span.end <= dataset.file(loc.file).text.len());
        }
    }
    for e in &dataset.errors {
        assert!(e.line >= 1 && e.column >= 1);
    }
});
