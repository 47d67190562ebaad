//! One ACLED row → one event, its sources, places and actors.

use std::collections::BTreeMap;

use faultline_model::{
    Actor, ActorId, ActorKind, ActorRole, Casualty, Category, Count, Date, DateBasis, Event,
    EventActor, EventDate, EventId, EventKind, EventPlace, GeoPrecision, NameVariant, Place,
    PlaceId, PlaceKind, PlaceRole, Precision, SourceId,
};

use crate::acled::dates::{self, DateProblem};
use crate::build::{Build, sole_party, split_list};
use crate::error::{RowError, RowErrorKind};
use crate::rows::Context;
use crate::table::{Cells, Row};
use faultline_formats::acled::codes;
use faultline_formats::acled::kinds::{actor_kind, kind_from_acled};
use faultline_formats::country;

/// Columns whose value has a field of ours; every other non-empty value is also listed in the
/// event's `notes` (all of them are kept verbatim in `external.acled`).
pub(crate) const MAPPED: [&str; 21] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "actor1",
    "assoc_actor_1",
    "ally_actor_1",
    "actor2",
    "assoc_actor_2",
    "ally_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
];

/// The values of a row that must parse; checked before anything is built, so that a rejected
/// row leaves no trace.
struct Checked<'a> {
    date: Date,
    date_text: &'a str,
    time_precision: Option<u8>,
    coordinates: Option<(f64, f64)>,
    geo_precision: Option<u8>,
    fatalities: Option<i64>,
}

fn check<'a>(cells: &Cells<'a>) -> Result<Checked<'a>, RowError> {
    let date_text = cells.required("event_date")?;
    let date = dates::parse(date_text).map_err(|p| {
        let kind = match p {
            DateProblem::Format => RowErrorKind::DateFormat {
                value: date_text.to_owned(),
                expected: dates::FORMS,
            },
            DateProblem::Impossible(d) => RowErrorKind::ImpossibleDate {
                value: date_text.to_owned(),
                reason: format!("{d} is not a day of the calendar"),
            },
        };
        cells.error("event_date", kind)
    })?;
    let time_precision = cells.code("time_precision", &codes::TIME_PRECISIONS, "1, 2, 3")?;
    let coordinates = cells.coordinates()?;
    let geo_precision = cells.code("geo_precision", &codes::GEO_PRECISIONS, "1, 2, 3")?;
    let fatalities = cells.count("fatalities")?;
    Ok(Checked {
        date,
        date_text,
        time_precision,
        coordinates,
        geo_precision,
        fatalities,
    })
}

/// The day ACLED last updated a row (its `timestamp`, Unix seconds), when it says.
pub(crate) fn updated(cx: &Context<'_>, row: &Row) -> Option<Date> {
    let cells = Cells {
        row,
        columns: cx.columns,
        file: cx.file,
    };
    cells
        .get("timestamp")
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(|t| Date::from_days(t.div_euclid(86_400)))
}

/// An actor a row names, before it has an id.
struct ActorDraft {
    name: String,
    kind: ActorKind,
    role: ActorRole,
    /// The column that names it.
    column: &'static str,
}

/// A row mapped as far as it can be alone (what depends on no other row); [`resolve`] gives
/// it its ids and records, in input order.
pub(crate) struct Prepared {
    row_id: String,
    /// Each name of the `source` column.
    named: Vec<String>,
    actors: Vec<ActorDraft>,
    /// Where the event took place, when the row gives coordinates.
    place: Option<PlaceAt>,
    /// The row itself, to make its place's record from when the place is new.
    row: Row,
    fatalities: Option<i64>,
    approximated: bool,
    kind: EventKind,
    title: String,
    summary: String,
    tags: Vec<String>,
    notes: Option<String>,
    date: EventDate,
    external: BTreeMap<String, BTreeMap<String, String>>,
}

/// Maps what one row says on its own: everything but ids and the records rows share.
pub(crate) fn prepare(cx: &Context<'_>, row: Row) -> Result<Prepared, RowError> {
    let cells = Cells {
        row: &row,
        columns: cx.columns,
        file: cx.file,
    };
    let checked = check(&cells)?;
    let get = |name: &str| cells.get(name);

    let row_id = get("event_id_cnty")
        .or_else(|| get("data_id"))
        .map_or_else(|| format!("line-{}", row.line), str::to_owned);
    let event_type = get("event_type");
    let sub_event_type = get("sub_event_type");
    let (kind, approximated) = kind_from_acled(event_type, sub_event_type);

    // The sources the row names (made, with the party each speaks for when it is one, in
    // `resolve`: once per name).
    let named = split_list(get("source"))
        .into_iter()
        .map(str::to_owned)
        .collect();

    // Actors.
    let (role1, role2) = roles(event_type);
    let mut actors: Vec<ActorDraft> = Vec::new();
    let slots: [(&str, Option<&str>, ActorRole, bool); 6] = [
        ("actor1", Some("inter1"), role1, false),
        ("assoc_actor_1", None, role1, true),
        ("ally_actor_1", None, role1, true),
        ("actor2", Some("inter2"), role2, false),
        ("assoc_actor_2", None, role2, true),
        ("ally_actor_2", None, role2, true),
    ];
    for (column, inter, role, is_list) in slots {
        let names = if is_list {
            split_list(get(column))
        } else {
            get(column).into_iter().collect()
        };
        for name in names {
            let inter = inter.and_then(get);
            actors.push(ActorDraft {
                name: name.to_owned(),
                kind: actor_kind(name, inter),
                role,
                column,
            });
        }
    }

    // The place: what tells it apart here, the record itself in `resolve`, only for a place
    // not seen before.
    let place = checked.coordinates.map(|(lat, lon)| {
        let (name, country) = place_name_and_country(&get);
        PlaceAt {
            name: name.to_owned(),
            lat,
            lon,
            country: country.map_or_else(country::unknown_code, |c| c.code()),
            geo_precision: checked.geo_precision,
        }
    });

    // What has no field of ours, in words (every value is also kept verbatim below).
    let mut unmapped: Vec<String> = Vec::new();
    if approximated {
        unmapped.push(format!(
            "kind `{}` is the nearest faultline kind to ACLED's {} / {}",
            kind.as_str(),
            event_type.unwrap_or("(no event_type)"),
            sub_event_type.unwrap_or("(no sub_event_type)")
        ));
    }
    if let Some(extra) = cells.unmapped_text("ACLED", cx.header, cx.mapped) {
        unmapped.push(extra);
    }

    let precision = checked
        .time_precision
        .map_or(Precision::Day, codes::precision);
    let date_note = match checked.time_precision {
        Some(2) => {
            Some("ACLED time_precision 2: within the week of this date (ACLED codes one day)")
        }
        Some(3) => {
            Some("ACLED time_precision 3: within the month of this date (ACLED codes one day)")
        }
        Some(_) => None,
        None => Some("ACLED gives no time_precision; day assumed"),
    };
    let date = EventDate {
        start: checked.date,
        end: None,
        precision,
        basis: DateBasis::Occurred,
        time: None,
        time_end: None,
        as_reported: (checked.date_text != checked.date.to_string())
            .then(|| checked.date_text.to_owned()),
        note: date_note.map(str::to_owned),
    };

    let what = sub_event_type.or(event_type).unwrap_or("Event");
    let title = match (get("location"), get("country")) {
        (Some(l), Some(c)) if l != c => format!("{what} in {l}, {c}"),
        (Some(l), _) => format!("{what} in {l}"),
        (None, Some(c)) => format!("{what} in {c}"),
        (None, None) => what.to_owned(),
    };
    let summary =
        get("notes").map_or_else(|| format!("ACLED event {row_id}: {what}."), str::to_owned);
    let mut external = BTreeMap::new();
    external.insert("acled".to_owned(), cells.verbatim());
    let tags = split_list(get("tags"))
        .into_iter()
        .map(str::to_owned)
        .collect();
    let fatalities = checked.fatalities;
    Ok(Prepared {
        row_id,
        named,
        actors,
        place,
        row,
        fatalities,
        approximated,
        kind,
        title,
        summary,
        tags,
        notes: (!unmapped.is_empty()).then(|| unmapped.join(". ")),
        date,
        external,
    })
}

/// What tells a row's place apart from others: its name, coordinates and country.
struct PlaceAt {
    name: String,
    lat: f64,
    lon: f64,
    country: faultline_model::CountryCode,
    geo_precision: Option<u8>,
}

/// The name of a row's place and its country, if known (ACLED `iso3`, else `iso`, else
/// `country`).
fn place_name_and_country<'a>(
    get: &impl Fn(&str) -> Option<&'a str>,
) -> (&'a str, Option<country::Country>) {
    let country = get("iso3")
        .and_then(country::by_alpha3)
        .or_else(|| get("iso").and_then(country::by_numeric))
        .or_else(|| get("country").and_then(country::by_name));
    let name = get("location")
        .or_else(|| get("admin2"))
        .or_else(|| get("admin1"))
        .or_else(|| get("country"))
        .unwrap_or("unnamed location");
    (name, country)
}

/// The record of the place of a row (`at`), with its id.
fn place_record(cx: &Context<'_>, row: &Row, at: &PlaceAt, row_id: &str, id: PlaceId) -> Place {
    let cells = Cells {
        row,
        columns: cx.columns,
        file: cx.file,
    };
    let get = |name: &str| cells.get(name);
    let (name, country) = place_name_and_country(&get);
    let (lat, lon) = (at.lat, at.lon);
    let code = at.country.clone();
    let admin1 = get("admin1");
    let admin2 = get("admin2");
    let admin3 = get("admin3");
    let place_kind = if Some(name) == get("country") {
        PlaceKind::Country
    } else if Some(name) == admin1 {
        PlaceKind::Province
    } else if Some(name) == admin2 || Some(name) == admin3 {
        PlaceKind::District
    } else {
        PlaceKind::Town
    };
    let precision = at
        .geo_precision
        .map_or(GeoPrecision::Province, codes::coordinate_precision);
    let mut note = vec!["kind guessed: ACLED gives no kind of place".to_owned()];
    if let Some(a) = admin3 {
        note.push(format!("admin3: {a}"));
    }
    if at.geo_precision.is_none() {
        note.push("ACLED gives no geo_precision; province assumed".to_owned());
    }
    if country.is_none() {
        note.push(format!(
            "country `{}` not identified; coded XXX",
            get("country").unwrap_or("")
        ));
    }
    let coordinate_source = format!(
        "ACLED event {row_id}: latitude {}, longitude {}, geo_precision {}",
        get("latitude").unwrap_or_default(),
        get("longitude").unwrap_or_default(),
        get("geo_precision").unwrap_or("not given"),
    );
    Place {
        id,
        name: name.to_owned(),
        names: vec![NameVariant::Plain(name.to_owned())],
        kind: place_kind,
        country: code,
        de_facto: Vec::new(),
        admin1: admin1.map(str::to_owned),
        admin2: admin2.map(str::to_owned),
        lat,
        lon,
        precision,
        coordinate_source,
        note: Some(note.join("; ")),
    }
}

/// Gives a prepared row its records (deduplicated across rows) and ids, in input order, and
/// hands its event to the build; returns whether the event's kind is an exact counterpart of
/// ACLED's type.
pub(crate) fn resolve(cx: &Context<'_>, row: Prepared, build: &mut Build) -> bool {
    let Prepared {
        row_id,
        named,
        actors: drafts,
        place,
        row: source_row,
        fatalities,
        approximated,
        kind,
        title,
        summary,
        tags,
        notes,
        date,
        external,
    } = row;

    // Sources: the ACLED export, and every source the row names.
    let row_source = cx.dataset;
    let mut sources = vec![row_source.to_ref()];
    // Each named source, with the party it speaks for: (source id, party actor id).
    let mut named_sources: Vec<(SourceId, Option<ActorId>)> = Vec::new();
    for name in &named {
        let (id, party) = build.named_source_of(name, NAMED_NOTE);
        if !sources.contains(&id.to_ref()) {
            sources.push(id.to_ref());
        }
        named_sources.push((id, party));
    }

    // Actors.
    let mut actors: Vec<EventActor> = Vec::new();
    for draft in drafts {
        let ActorDraft {
            name,
            kind,
            role,
            column,
        } = draft;
        let id = build.registry.actor(&name, |id| Actor {
            id,
            name: name.clone(),
            kind,
            country: None,
            parent: None,
            names: Vec::new(),
            acled_name: Some(name.clone()),
            ucdp_side: None,
            note: None,
        });
        if !actors.iter().any(|a| a.actor == id) {
            actors.push(EventActor {
                actor: id.to_ref(),
                role: Some(role),
                note: Some(format!("ACLED {column}")),
            });
        }
    }

    // The place.
    let mut places = Vec::new();
    if let Some(at) = place {
        let id = build
            .registry
            .place(&at.name, at.lat, at.lon, at.country.as_str(), |id| {
                place_record(cx, &source_row, &at, &row_id, id)
            });
        places.push(EventPlace {
            place: id.to_ref(),
            role: Some(PlaceRole::Location),
            note: None,
        });
    }

    // The figure: the one party's claim when a party is the row's only source, else ACLED's
    // figure read in the ACLED export, whose claimant the row does not name.
    let mut casualties = Vec::new();
    if let Some(n) = fatalities {
        let party = build.unknown_party();
        let (claimant, source, note) = match sole_party(&named_sources) {
            Some((source, claimant)) => (
                Some(claimant.to_ref()),
                source.to_ref(),
                format!(
                    "ACLED's `fatalities`, coded from {} alone: that party's figure for the whole event, not broken down by side",
                    named.first().map_or("", String::as_str)
                ),
            ),
            None => (
                None,
                row_source.to_ref(),
                "ACLED's `fatalities`: its conservative count for the whole event, not broken down by side; the row does not say whose report the number comes from"
                    .to_owned(),
            ),
        };
        casualties.push(Casualty {
            party: party.to_ref(),
            category: Category::Killed,
            count: Some(Count::Exact(n)),
            low: None,
            high: None,
            qualifier: None,
            claimant,
            source: Some(source),
            quote: None,
            status: None,
            note: Some(note),
        });
    }

    let id_text = build
        .registry
        .events
        .unique(&format!("{}-acled-{row_id}", date.id_prefix()), "event");
    let id = EventId::new(id_text).expect("IdSet::unique returns valid slugs");
    build.push(Event {
        id,
        title,
        kind,
        summary,
        sources,
        tags,
        related: Vec::new(),
        notes,
        date,
        places,
        actors,
        claims: Vec::new(),
        casualties,
        external,
    });
    !approximated
}

/// The note of a source named in ACLED's `source` column.
const NAMED_NOTE: &str = "a source ACLED names in its `source` column; ACLED gives no title, address or date of the report";

/// The roles of actor1 and actor2 for an ACLED event type.
fn roles(event_type: Option<&str>) -> (ActorRole, ActorRole) {
    let et = event_type.unwrap_or("").to_ascii_lowercase();
    if et == "violence against civilians" {
        (ActorRole::Perpetrator, ActorRole::Victim)
    } else if et.contains("remote violence") {
        (ActorRole::Perpetrator, ActorRole::Target)
    } else if et.starts_with("strategic development") {
        (ActorRole::Participant, ActorRole::Subject)
    } else {
        (ActorRole::Participant, ActorRole::Participant)
    }
}
