//! Every record type survives model → TOML → model and model → JSON → model unchanged.

use faultline_model::{Actor, ActorsFile, Event, Place, PlacesFile, Source};
use faultline_testkit::strategy;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn via_toml<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let text = toml::to_string(value).expect("serializes to TOML");
    toml::from_str(&text).unwrap_or_else(|e| panic!("reads back its TOML: {e}\n{text}"))
}

fn via_json<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let text = serde_json::to_string(value).expect("serializes to JSON");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("reads back its JSON: {e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn events_round_trip(e in strategy::event()) {
        prop_assert_eq!(&via_toml::<Event>(&e), &e);
        prop_assert_eq!(&via_json::<Event>(&e), &e);
    }

    #[test]
    fn sources_round_trip(s in strategy::source()) {
        prop_assert_eq!(&via_toml::<Source>(&s), &s);
        prop_assert_eq!(&via_json::<Source>(&s), &s);
    }

    #[test]
    fn places_round_trip(p in strategy::place()) {
        let file = PlacesFile { place: vec![p.clone()] };
        prop_assert_eq!(&via_toml::<PlacesFile>(&file), &file);
        prop_assert_eq!(&via_json::<Place>(&p), &p);
    }

    #[test]
    fn actors_round_trip(a in strategy::actor()) {
        let file = ActorsFile { actor: vec![a.clone()] };
        prop_assert_eq!(&via_toml::<ActorsFile>(&file), &file);
        prop_assert_eq!(&via_json::<Actor>(&a), &a);
    }
}
