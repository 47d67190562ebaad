//! The linter never panics: generated events, sources, places and actors (faultline-testkit),
//! with references that partly resolve and partly do not, written as a dataset directory (TOML
//! files, or the events as JSON Lines), sometimes with one file cut short, are linted without a
//! panic, and every finding points inside its file.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use faultline_dataset::Dataset;
use faultline_model::{
    ActorRef, ActorsFile, Event, EventRef, PlaceRef, PlacesFile, Source, SourceRef,
};
use faultline_testkit::strategy;
use faultline_validate::{Config, lint};
use proptest::prelude::*;

/// Points some references of the events at records that exist (by id, or a place by one of
/// its name variants), so that the cross-record rules have something to work on.
fn connect(events: &mut [Event], sources: &[Source], places: &PlacesFile, actors: &ActorsFile) {
    for (i, e) in events.iter_mut().enumerate() {
        if let Some(s) = sources.get(i % sources.len().max(1)) {
            e.sources.push(SourceRef::new(s.id.as_str()));
            for c in &mut e.claims {
                c.source = Some(SourceRef::new(s.id.as_str()));
            }
        }
        if let Some(a) = actors.actor.get(i % actors.actor.len().max(1)) {
            for c in &mut e.casualties {
                c.party = ActorRef::new(a.id.as_str());
            }
        }
        if let Some(p) = places.place.get(i % places.place.len().max(1)) {
            let name = p
                .all_names()
                .nth(i % 2)
                .unwrap_or(p.name.as_str())
                .to_owned();
            for place in &mut e.places {
                place.place = PlaceRef::new(name.clone());
            }
        }
        if i > 0 {
            e.related
                .push(EventRef::new(format!("{}-x", e.date.start)).into());
        }
    }
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Cuts `text` short at about `at` (a fraction of its length), on a character boundary.
fn cut(text: &str, at: f64) -> &str {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    &text[..i]
}

fn dataset() -> impl Strategy<Value = (Vec<Event>, Vec<Source>, PlacesFile, ActorsFile)> {
    (
        proptest::collection::vec(strategy::event(), 0..5),
        proptest::collection::vec(strategy::source(), 0..3),
        proptest::collection::vec(strategy::place(), 0..3),
        proptest::collection::vec(strategy::actor(), 0..3),
    )
        .prop_map(|(mut events, sources, place, actor)| {
            let places = PlacesFile { place };
            let actors = ActorsFile { actor };
            connect(&mut events, &sources, &places, &actors);
            (events, sources, places, actors)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_linter_never_panics_on_generated_records(
        (events, sources, places, actors) in dataset(),
        as_json_lines in any::<bool>(),
        broken in proptest::option::of(0.0f64..1.0),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        if as_json_lines {
            let lines: Vec<String> = events.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
            write(root, "events/bulk.jsonl", &(lines.join("\n") + "\n"));
        } else {
            for (i, e) in events.iter().enumerate() {
                let rel = format!("events/{:04}/{}.toml", e.date.start.year(), e.id.as_str());
                let rel = if root.join(&rel).exists() { rel.replace(".toml", &format!("-{i}.toml")) } else { rel };
                write(root, &rel, &toml::to_string(e).unwrap());
            }
        }
        for s in &sources {
            write(root, &format!("sources/{}.toml", s.id.as_str()), &toml::to_string(s).unwrap());
        }
        write(root, "places.toml", &toml::to_string(&places).unwrap());
        let actors_text = toml::to_string(&actors).unwrap();
        // Sometimes one file is cut short: a syntax error, or a record missing its fields.
        match broken {
            Some(at) => write(root, "actors.toml", cut(&actors_text, at)),
            None => write(root, "actors.toml", &actors_text),
        }

        let dataset = Dataset::open(root).unwrap();
        let config = Config::with_today("2026-11-21".parse().unwrap());
        let result = lint(&dataset, &config);
        for d in &result.diagnostics {
            prop_assert!(d.region.line >= 1 && d.region.column >= 1, "{d:?}");
        }
        // Linting is deterministic.
        prop_assert_eq!(lint(&dataset, &config), result);
    }
}
