//! Lint a dataset of one fuzzed event file beside a small fixed gazetteer, actor list and
//! source, with every rule on. Any panic is a bug; findings are expected.
#![no_main]

mod common;

use std::sync::Once;

use faultline_dataset::Dataset;
use faultline_validate::{Config, lint};
use libfuzzer_sys::fuzz_target;

const PLACES: &str = "[[place]]\nid = \"sev-lake\"\nname = \"Sev Lake\"\nnames = [\"Garagol\", { name = \"Lake Sev\", lang = \"en\" }]\n\
kind = \"lake\"\ncountry = \"ARM\"\nlat = 39.5981\nlon = 46.2317\nprecision = \"exact\"\ncoordinate_source = \"fixture\"\n";
const ACTORS: &str = "[[actor]]\nid = \"armenia\"\nname = \"Armenia\"\nkind = \"state\"\ncountry = \"ARM\"\n\n\
[[actor]]\nid = \"azerbaijan\"\nname = \"Azerbaijan\"\nkind = \"state\"\ncountry = \"AZE\"\n";
const SOURCE: &str =
    "id = \"s\"\nkind = \"news\"\npublisher = \"P\"\ntitle = \"T\"\npublished = 2021-11-20\n";

fuzz_target!(|data: &[u8]| {
    static SETUP: Once = Once::new();
    SETUP.call_once(|| {
        common::put("places.toml", PLACES.as_bytes());
        common::put("actors.toml", ACTORS.as_bytes());
        common::put("sources/s.toml", SOURCE.as_bytes());
    });
    common::put("events/2021/2021-11-16-x.toml", data);
    let Ok(dataset) = Dataset::open(common::scratch()) else {
        return;
    };
    let config = Config::with_today("2026-11-21".parse().expect("a date"));
    let result = lint(&dataset, &config);
    for d in &result.diagnostics {
        assert!(d.region.line >= 1 && d.region.column >= 1);
    }
});
