//! The synthetic world the events refer to: two parties with their ministries, forces and
//! units, third parties, a gazetteer of border villages with name variants either side uses,
//! and the sources (news round-ups, each party's yearly bulletins, dataset releases).
//!
//! Everything is a pure function of [`super::SEED`]; the registries are written once per
//! dataset directory ([`World::registry_files`]).

use std::collections::HashSet;

use faultline_model::Date;

use super::doc::{Table, Val, strs, toml_document};
use super::rng::{Rng, stream};

/// Number of places in the gazetteer.
pub(crate) const PLACES: usize = 2000;
/// Days covered by one news round-up (one source per window).
pub(crate) const WINDOW_DAYS: i64 = 32;
/// The first year of events.
pub(crate) const FIRST_YEAR: u16 = 2000;
/// The last year of events.
pub(crate) const LAST_YEAR: u16 = 2025;
/// Number of dataset-release sources.
const DATASETS: usize = 10;
/// Military units per side.
const UNITS: usize = 60;

/// One party to the conflict and the bodies that speak and act for it.
#[derive(Debug, Clone)]
pub(crate) struct Side {
    /// The state's actor id (`armenia`).
    pub(crate) state: &'static str,
    /// "Armenia".
    pub(crate) country: &'static str,
    /// "Armenian".
    pub(crate) adjective: &'static str,
    /// ISO 3166 alpha-3.
    pub(crate) iso: &'static str,
    /// ISO 3166 numeric, as ACLED writes it.
    pub(crate) iso_num: &'static str,
    /// The government's actor id.
    pub(crate) government: &'static str,
    /// The defence ministry's actor id and name.
    pub(crate) ministry: (&'static str, &'static str),
    /// The foreign ministry's actor id.
    pub(crate) foreign_ministry: &'static str,
    /// The defence ministry's spokesperson's actor id.
    pub(crate) spokesperson: &'static str,
    /// The armed forces' actor id, name and ACLED name.
    pub(crate) forces: (&'static str, &'static str, &'static str),
    /// The border guard's actor id.
    pub(crate) border_guard: &'static str,
    /// The civilians' actor id.
    pub(crate) civilians: &'static str,
    /// Provinces / districts on this side of the border.
    pub(crate) admin1: &'static [&'static str],
    /// Military units: actor ids.
    pub(crate) units: Vec<String>,
}

/// A place of the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct PlaceInfo {
    /// The id (the lower-cased name).
    pub(crate) id: String,
    /// The canonical name.
    pub(crate) name: String,
    /// The Azerbaijani spelling (always differs from `name`).
    pub(crate) variant: String,
    /// Which side it lies on (index into [`World::sides`]).
    pub(crate) side: usize,
    /// Province or district.
    pub(crate) admin1: &'static str,
    /// Latitude.
    pub(crate) lat: f64,
    /// Longitude.
    pub(crate) lon: f64,
}

/// A news round-up covering one window of days.
#[derive(Debug, Clone)]
pub(crate) struct NewsSource {
    /// The source id.
    pub(crate) id: String,
    /// The publisher.
    pub(crate) publisher: &'static str,
    /// Its publication date.
    pub(crate) published: Date,
}

/// The world: parties, third parties, places and sources.
#[derive(Debug, Clone)]
pub(crate) struct World {
    /// Armenia and Azerbaijan.
    pub(crate) sides: [Side; 2],
    /// States and organisations that mediate, observe or are appealed to: (id, name).
    pub(crate) third_parties: Vec<(&'static str, &'static str)>,
    /// The gazetteer.
    pub(crate) places: Vec<PlaceInfo>,
    /// One news round-up per window of [`WINDOW_DAYS`] days, in date order.
    pub(crate) news: Vec<NewsSource>,
    /// Each side's yearly bulletins: `party_sources[side][year - FIRST_YEAR]`.
    pub(crate) party_sources: [Vec<String>; 2],
    /// Dataset releases (no publication date).
    pub(crate) datasets: Vec<String>,
    /// The day number of 2000-01-01 ([`Date::to_days`]).
    pub(crate) first_day: i64,
    /// Number of days from 2000-01-01 to 2025-12-31.
    pub(crate) days: i64,
}

const PUBLISHERS: [(&str, &str); 8] = [
    ("Caucasus Wire", "caucasus-wire"),
    ("South Caucasus Monitor", "sc-monitor"),
    ("Regional Dispatch", "regional-dispatch"),
    ("Border Watch Weekly", "border-watch"),
    ("Eurasia Desk", "eurasia-desk"),
    ("Kura-Araz Review", "kura-araz-review"),
    ("Highlands Herald", "highlands-herald"),
    ("Transcaucasian Notes", "transcaucasian-notes"),
];

const AUTHORS: [&str; 12] = [
    "Anna Petrosyan",
    "Elvin Mammadov",
    "Laura Keller",
    "Tigran Sargsyan",
    "Aysel Huseynova",
    "Martin Dubois",
    "Narine Hakobyan",
    "Rashad Aliyev",
    "Sofia Rossi",
    "David Miller",
    "Gohar Avetisyan",
    "Leyla Guliyeva",
];

const ONSETS: [&str; 14] = [
    "b", "d", "g", "k", "m", "n", "p", "r", "s", "t", "v", "z", "ar", "ag",
];
const VOWELS: [&str; 5] = ["a", "e", "i", "o", "u"];
/// Every name ends in one of these, so that its transliteration differs from it.
const ENDINGS: [&str; 8] = [
    "shen", "ghaz", "khach", "chur", "shat", "ghbyur", "shin", "kher",
];

/// The spelling the other side uses: sh → ş, ch → ç, gh → ğ, kh → x. Names never contain
/// these letters, so the mapping is one-to-one.
fn transliterate(name: &str) -> String {
    name.replace("sh", "ş")
        .replace("Sh", "Ş")
        .replace("ch", "ç")
        .replace("Ch", "Ç")
        .replace("gh", "ğ")
        .replace("Gh", "Ğ")
        .replace("kh", "x")
        .replace("Kh", "X")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn side(i: usize) -> Side {
    let prefix = ["armenia", "azerbaijan"][i];
    let units = (0..UNITS)
        .map(|u| format!("{prefix}-armed-forces-unit-{}", 1001 + 37 * u))
        .collect();
    if i == 0 {
        Side {
            state: "armenia",
            country: "Armenia",
            adjective: "Armenian",
            iso: "ARM",
            iso_num: "51",
            government: "armenia-government",
            ministry: ("armenia-mod", "Ministry of Defence of Armenia"),
            foreign_ministry: "armenia-mfa",
            spokesperson: "armenia-mod-spokesperson",
            forces: (
                "armenia-armed-forces",
                "Armed Forces of Armenia",
                "Military Forces of Armenia (2018-)",
            ),
            border_guard: "armenia-border-guard",
            civilians: "armenian-civilians",
            admin1: &["Syunik", "Vayots Dzor", "Gegharkunik", "Tavush", "Ararat"],
            units,
        }
    } else {
        Side {
            state: "azerbaijan",
            country: "Azerbaijan",
            adjective: "Azerbaijani",
            iso: "AZE",
            iso_num: "31",
            government: "azerbaijan-government",
            ministry: ("azerbaijan-mod", "Ministry of Defence of Azerbaijan"),
            foreign_ministry: "azerbaijan-mfa",
            spokesperson: "azerbaijan-mod-spokesperson",
            forces: (
                "azerbaijan-armed-forces",
                "Armed Forces of Azerbaijan",
                "Military Forces of Azerbaijan (1993-)",
            ),
            border_guard: "azerbaijan-state-border-service",
            civilians: "azerbaijani-civilians",
            admin1: &[
                "Kalbajar",
                "Lachin",
                "Zangilan",
                "Gubadli",
                "Tovuz",
                "Gazakh",
                "Gadabay",
                "Nakhchivan",
            ],
            units,
        }
    }
}

impl World {
    /// Builds the world from the generator's seed.
    pub(crate) fn new(seed: u64) -> Self {
        let first = Date::new(FIRST_YEAR, 1, 1).map(Date::to_days).unwrap_or(0);
        let last = Date::new(LAST_YEAR, 12, 31)
            .map(Date::to_days)
            .unwrap_or(first);
        let mut rng = stream(seed, u64::MAX);
        let places = Self::gazetteer(&mut rng, [side(0), side(1)]);
        let days = last - first + 1;
        let windows = (days + WINDOW_DAYS - 1) / WINDOW_DAYS;
        let news = (0..windows)
            .map(|w| {
                let (publisher, slug) = rng.pick(&PUBLISHERS);
                let end = first + (w + 1) * WINDOW_DAYS - 1;
                let published = Date::from_days(end + rng.range(0, 3)).unwrap_or(Date::EPOCH);
                NewsSource {
                    id: format!("{slug}-{published}-border-roundup"),
                    publisher,
                    published,
                }
            })
            .collect();
        let years = FIRST_YEAR..=LAST_YEAR;
        let party_sources = [0, 1].map(|s| {
            years
                .clone()
                .map(|y| format!("{}-bulletins-{y}", side(s).ministry.0))
                .collect()
        });
        let datasets = (1..=DATASETS)
            .map(|k| format!("acled-caucasus-release-{k}"))
            .collect();
        World {
            sides: [side(0), side(1)],
            third_parties: vec![
                ("russia", "Russia"),
                ("turkey", "Turkey"),
                ("france", "France"),
                ("united-states", "the United States"),
                ("iran", "Iran"),
                ("georgia", "Georgia"),
                ("osce", "the OSCE"),
                ("csto", "the CSTO"),
                ("united-nations", "the United Nations"),
                ("eu-monitoring-mission", "the EU monitoring mission"),
                ("russian-peacekeepers", "the Russian peacekeepers"),
                ("russian-border-guards", "the Russian border guards"),
            ],
            places,
            news,
            party_sources,
            datasets,
            first_day: first,
            days,
        }
    }

    /// [`PLACES`] villages with unique names (and unique variants), on both sides.
    fn gazetteer(rng: &mut Rng, sides: [Side; 2]) -> Vec<PlaceInfo> {
        let mut seen = HashSet::new();
        let mut places = Vec::with_capacity(PLACES);
        while places.len() < PLACES {
            let mut name = String::new();
            for _ in 0..rng.range(1, 2) {
                name.push_str(rng.pick(&ONSETS));
                name.push_str(rng.pick(&VOWELS));
            }
            name.push_str(rng.pick(&ENDINGS));
            let name = capitalise(&name);
            let variant = transliterate(&name);
            let (id, key) = (name.to_ascii_lowercase(), variant.to_lowercase());
            if !seen.insert(id.clone()) || !seen.insert(key) {
                continue;
            }
            let s = places.len() % 2;
            places.push(PlaceInfo {
                id,
                name,
                variant,
                side: s,
                admin1: rng.pick(sides[s].admin1),
                lat: rng.coord(38.85, 41.25),
                lon: rng.coord(44.75, 46.65),
            });
        }
        places
    }

    /// The news round-up covering day number `day`.
    pub(crate) fn news_for(&self, day: i64) -> &NewsSource {
        let w = usize::try_from((day - self.first_day) / WINDOW_DAYS).unwrap_or(0);
        &self.news[w.min(self.news.len() - 1)]
    }

    /// The yearly bulletin of `side` for `year`.
    pub(crate) fn bulletin(&self, side: usize, year: u16) -> &str {
        let i = usize::from(year.clamp(FIRST_YEAR, LAST_YEAR) - FIRST_YEAR);
        &self.party_sources[side][i]
    }

    /// The registry files of a dataset directory: (relative path, text).
    pub(crate) fn registry_files(&self) -> Vec<(String, String)> {
        let mut files = vec![
            ("places.toml".to_owned(), self.places_toml()),
            ("actors.toml".to_owned(), self.actors_toml()),
        ];
        for (id, table) in self.sources() {
            let mut text = String::from("#:schema ../../schema/source.schema.json\n");
            toml_document(&table, &mut text);
            files.push((format!("sources/{id}.toml"), text));
        }
        files
    }

    fn places_toml(&self) -> String {
        let mut rng = stream(super::SEED, u64::MAX - 1);
        let mut list = Vec::with_capacity(self.places.len());
        for p in &self.places {
            let side = &self.sides[p.side];
            let mut names = vec![
                Val::Table(name_detail(&p.name, "en", None)),
                Val::Table(name_detail(&p.variant, "az", Some("Azerbaijani spelling"))),
            ];
            if rng.chance(300) {
                names.push(Val::Str(format!("{}i", p.name)));
            }
            let mut t = Table::default();
            t.s("id", &p.id)
                .s("name", &p.name)
                .put("names", Val::List(names))
                .s(
                    "kind",
                    rng.pick(&["village", "village", "village", "town", "height"]),
                )
                .s("country", side.iso)
                .s("admin1", p.admin1)
                .put("lat", Val::Float(p.lat))
                .put("lon", Val::Float(p.lon))
                .s("precision", rng.pick(&["exact", "exact", "near"]))
                .s(
                    "coordinate_source",
                    "synthetic: generated by cargo xtask bench (not a real place)",
                );
            if p.side == 1 && rng.chance(100) {
                let mut control = Table::default();
                control
                    .s("by", "artsakh-authorities")
                    .put("from", Val::Date("1994-05-12".into()))
                    .put("until", Val::Date("2020-11-25".into()))
                    .s("note", "held until the handover after the 2020 war");
                t.put("de_facto", Val::List(vec![Val::Table(control)]));
            }
            list.push(Val::Table(t));
        }
        let mut doc = Table::default();
        doc.put("place", Val::List(list));
        let mut text = String::from("# Synthetic gazetteer generated by `cargo xtask bench`.\n");
        toml_document(&doc, &mut text);
        text
    }

    fn actors_toml(&self) -> String {
        let mut list = Vec::new();
        let add =
            |id: &str, name: &str, kind: &str, country: Option<&str>, parent: Option<&str>| {
                let mut t = Table::default();
                t.s("id", id).s("name", name).s("kind", kind);
                if let Some(c) = country {
                    t.s("country", c);
                }
                if let Some(p) = parent {
                    t.s("parent", p);
                }
                t
            };
        for s in &self.sides {
            let c = Some(s.iso);
            list.push(add(s.state, s.country, "state", c, None));
            list.push(add(
                s.government,
                &format!("Government of {}", s.country),
                "government",
                c,
                Some(s.state),
            ));
            let mut m = add(
                s.ministry.0,
                s.ministry.1,
                "ministry",
                c,
                Some(s.government),
            );
            m.put(
                "names",
                strs(&[format!("{}'s defence ministry", s.country)]),
            );
            list.push(m);
            list.push(add(
                s.foreign_ministry,
                &format!("Ministry of Foreign Affairs of {}", s.country),
                "ministry",
                c,
                Some(s.government),
            ));
            list.push(add(
                s.spokesperson,
                &format!("Spokesperson of the {}", s.ministry.1),
                "person",
                c,
                Some(s.ministry.0),
            ));
            let mut f = add(
                s.forces.0,
                s.forces.1,
                "state-forces",
                c,
                Some(s.ministry.0),
            );
            f.s("acled_name", s.forces.2);
            if s.iso == "AZE" {
                f.s("ucdp_side", "Government of Azerbaijan");
            } else {
                f.s("ucdp_side", "Government of Armenia");
            }
            list.push(f);
            list.push(add(
                s.border_guard,
                &format!("{} border guard", s.adjective),
                "border-guard",
                c,
                Some(s.state),
            ));
            list.push(add(
                s.civilians,
                &format!("{} civilians", s.adjective),
                "civilians",
                c,
                None,
            ));
            for (u, id) in s.units.iter().enumerate() {
                list.push(add(
                    id,
                    &format!("Military unit N{} of the {}", 1001 + 37 * u, s.forces.1),
                    "state-forces",
                    c,
                    Some(s.forces.0),
                ));
            }
        }
        let third_kind = |id: &str| match id {
            "osce" | "csto" | "united-nations" | "eu-monitoring-mission" => ("organisation", None),
            "russian-peacekeepers" => ("peacekeepers", Some("RUS")),
            "russian-border-guards" => ("border-guard", Some("RUS")),
            "russia" => ("state", Some("RUS")),
            "turkey" => ("state", Some("TUR")),
            "france" => ("state", Some("FRA")),
            "united-states" => ("state", Some("USA")),
            "iran" => ("state", Some("IRN")),
            _ => ("state", Some("GEO")),
        };
        for (id, name) in &self.third_parties {
            let (kind, country) = third_kind(id);
            let name = name.strip_prefix("the ").unwrap_or(name);
            let parent = id.starts_with("russian-").then_some("russia");
            list.push(add(id, &capitalise(name), kind, country, parent));
        }
        list.push(add(
            "artsakh-authorities",
            "De facto authorities of Nagorno-Karabakh",
            "armed-group",
            None,
            None,
        ));
        let mut doc = Table::default();
        doc.put(
            "actor",
            Val::List(list.into_iter().map(Val::Table).collect()),
        );
        let mut text = String::from("# Synthetic actors generated by `cargo xtask bench`.\n");
        toml_document(&doc, &mut text);
        text
    }

    /// Every source: (id, record).
    fn sources(&self) -> Vec<(String, Table)> {
        let mut rng = stream(super::SEED, u64::MAX - 2);
        let mut out = Vec::new();
        for n in &self.news {
            let (_, slug) = PUBLISHERS
                .iter()
                .find(|(p, _)| *p == n.publisher)
                .copied()
                .unwrap_or(PUBLISHERS[0]);
            let from = n.published.add_days(-WINDOW_DAYS).unwrap_or(n.published);
            let mut t = Table::default();
            t.s("id", &n.id)
                .s("kind", rng.pick(&["news", "news", "analysis"]))
                .s("publisher", n.publisher)
                .s(
                    "title",
                    format!("Border round-up: incidents from {from} to {}", n.published),
                )
                .put("authors", strs(&[rng.pick(&AUTHORS)]))
                .s(
                    "url",
                    format!(
                        "https://{slug}.example/{}/{:02}/border-roundup",
                        n.published.year(),
                        n.published.month()
                    ),
                )
                .put("published", Val::Date(n.published.to_string()))
                .put("accessed", Val::Date("2026-11-01".into()))
                .s("language", "en");
            let mut cites = Vec::new();
            for (side, site) in [(0, "Mil.am"), (1, "Mod.gov.az")] {
                let d = from.add_days(rng.range(0, WINDOW_DAYS - 1)).unwrap_or(from);
                let mut c = Table::default();
                c.s("name", site)
                    .put("date", Val::Date(d.to_string()))
                    .s("as_reported", format!("({site}, {})", d));
                if rng.chance(500) {
                    c.s(
                        "note",
                        format!("the {} ministry's daily report", self.sides[side].adjective),
                    );
                }
                cites.push(Val::Table(c));
            }
            t.put("cites", Val::List(cites));
            out.push((n.id.clone(), t));
        }
        for (s, list) in self.party_sources.iter().enumerate() {
            let side = &self.sides[s];
            for (k, id) in list.iter().enumerate() {
                let year = usize::from(FIRST_YEAR) + k;
                let mut t = Table::default();
                t.s("id", id)
                    .s("kind", "official")
                    .s("publisher", side.ministry.1)
                    .s("title", format!("Operational bulletins, {year}"))
                    .s(
                        "url",
                        format!("https://{}.example/bulletins/{year}", side.ministry.0),
                    )
                    .put("published", Val::Date(format!("{year}-12-31")))
                    .put("accessed", Val::Date("2026-11-01".into()))
                    .s("language", if s == 0 { "hy" } else { "az" })
                    .s("party", side.state)
                    .s(
                        "note",
                        "the year's daily statements of the ministry, read as one collection",
                    );
                out.push((id.clone(), t));
            }
        }
        for (k, id) in self.datasets.iter().enumerate() {
            let mut t = Table::default();
            t.s("id", id)
                .s("kind", "dataset")
                .s("publisher", "ACLED")
                .s(
                    "title",
                    format!("ACLED export, Caucasus and Central Asia, release {}", k + 1),
                )
                .s(
                    "url",
                    format!("https://acled.example/exports/caucasus-release-{}", k + 1),
                )
                .put("accessed", Val::Date("2026-10-01".into()))
                .s("language", "en");
            out.push((id.clone(), t));
        }
        out
    }
}

fn name_detail(name: &str, lang: &str, note: Option<&str>) -> Table {
    let mut t = Table::default();
    t.s("name", name).s("lang", lang);
    if let Some(n) = note {
        t.s("note", n);
    }
    t
}
