//! One UCDP GED row → one event, its sources, place, sides and per-side figures.

use faultline_model::{
    Actor, ActorId, ActorKind, ActorRole, Casualty, Category, Count, CountRange, Date, DateBasis,
    Event, EventActor, EventDate, EventId, EventPlace, GeoPrecision, NameVariant, PersonStatus,
    Place, PlaceKind, PlaceRole, Precision, Source, SourceId,
};

use crate::acled::dates::{self, DateProblem};
use crate::build::{Build, sole_party, split_list};
use crate::error::{RowError, RowErrorKind};
use crate::report::SourceDataFinding;
use crate::rows::Context;
use crate::table::{Cells, Row};
use faultline_formats::country;
use faultline_formats::ucdp::codes;

/// Columns whose value has a field of ours; the other non-empty values are listed in `notes`
/// too (all are kept verbatim in `external.ucdp`).
pub(crate) const MAPPED: [&str; 25] = [
    "id",
    "relid",
    "year",
    "date_start",
    "date_end",
    "date_prec",
    "side_a",
    "side_b",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "low",
    "high",
    "source_office",
    "source_date",
    "source_headline",
];

const DATE_FORMS: &str = "accepted: 2013-01-03, or 2013-01-03 00:00:00.000 as GED's CSV writes it";

struct Checked {
    start: Date,
    end: Option<Date>,
    date_prec: Option<u8>,
    where_prec: Option<u8>,
    type_of_violence: Option<u8>,
    coordinates: Option<(f64, f64)>,
    deaths: [Option<i64>; 4],
    best: Option<i64>,
    low: Option<i64>,
    high: Option<i64>,
}

fn date(cells: &Cells<'_>, column: &str, required: bool) -> Result<Option<Date>, RowError> {
    let text = if required {
        cells.required(column)?
    } else {
        match cells.get(column) {
            Some(t) => t,
            None => return Ok(None),
        }
    };
    dates::parse(text).map(Some).map_err(|p| {
        let kind = match p {
            DateProblem::Format => RowErrorKind::DateFormat {
                value: text.to_owned(),
                expected: DATE_FORMS,
            },
            DateProblem::Impossible(d) => RowErrorKind::ImpossibleDate {
                value: text.to_owned(),
                reason: format!("{d} is not a day of the calendar"),
            },
        };
        cells.error(column, kind)
    })
}

fn check(cells: &Cells<'_>) -> Result<Checked, RowError> {
    let Some(start) = date(cells, "date_start", true)? else {
        return Err(cells.error("date_start", RowErrorKind::Missing));
    };
    let end = date(cells, "date_end", false)?;
    if let Some(e) = end.filter(|e| *e < start) {
        return Err(cells.error(
            "date_end",
            RowErrorKind::ImpossibleDate {
                value: cells.get("date_end").unwrap_or_default().to_owned(),
                reason: format!("{e} is before date_start {start}"),
            },
        ));
    }
    let date_prec = cells.code("date_prec", &codes::DATE_PRECISIONS, "1 to 5")?;
    let where_prec = cells.code("where_prec", &codes::WHERE_PRECISIONS, "1 to 7")?;
    let type_of_violence = cells.code("type_of_violence", &codes::TYPES_OF_VIOLENCE, "1, 2, 3")?;
    let coordinates = cells.coordinates()?;
    Ok(Checked {
        start,
        end,
        date_prec,
        where_prec,
        type_of_violence,
        coordinates,
        deaths: [
            cells.count("deaths_a")?,
            cells.count("deaths_b")?,
            cells.count("deaths_civilians")?,
            cells.count("deaths_unknown")?,
        ],
        best: cells.count("best")?,
        low: cells.count("low")?,
        high: cells.count("high")?,
    })
}

fn side_actor(build: &mut Build, name: &str) -> ActorId {
    build.registry.actor(name, |id| Actor {
        id,
        name: name.to_owned(),
        kind: if name.starts_with("Government of") {
            ActorKind::Government
        } else if name.eq_ignore_ascii_case("civilians") {
            ActorKind::Civilians
        } else {
            ActorKind::ArmedGroup
        },
        country: None,
        parent: None,
        names: Vec::new(),
        acled_name: None,
        ucdp_side: Some(name.to_owned()),
        note: None,
    })
}

/// The note of an outlet UCDP names without the date and headline of its report.
const OUTLET_NOTE: &str =
    "an outlet UCDP names in `source_office` without the date and headline of its report";

/// Maps one row.
pub(crate) fn map(cx: &Context<'_>, row: &Row, build: &mut Build) -> Result<(), RowError> {
    let cells = Cells {
        row,
        columns: cx.columns,
        file: cx.file,
    };
    let c = check(&cells)?;
    let get = |name: &str| cells.get(name);
    let ged_id = get("id").map_or_else(|| format!("line-{}", row.line), str::to_owned);
    let row_id = get("relid").map_or_else(|| ged_id.clone(), str::to_owned);

    // Sources: the GED export, and the articles the row lists.
    let offices = split_list(get("source_office"));
    let dates_list = split_list(get("source_date"));
    let headlines = split_list(get("source_headline"));
    let aligned = !offices.is_empty()
        && offices.len() == dates_list.len()
        && offices.len() == headlines.len();
    let mut articles: Vec<(&str, Option<Date>, Option<&str>)> = Vec::new();
    for (i, office) in offices.iter().enumerate() {
        if aligned {
            let published = dates::parse(dates_list[i]).ok();
            articles.push((office, published, Some(headlines[i])));
        } else {
            articles.push((office, None, None));
        }
    }
    let row_source = cx.dataset;
    let mut sources = vec![row_source.to_ref()];
    // Each article (or outlet), with the party it speaks for when it is one.
    let mut article_sources: Vec<(SourceId, Option<ActorId>)> = Vec::new();
    for (office, published, headline) in &articles {
        let party = build.party_of_source(office);
        let (id, party) = if published.is_none() && headline.is_none() {
            build.named_source(office, party, OUTLET_NOTE)
        } else {
            let key = format!(
                "ucdp-article\u{0}{office}\u{0}{}\u{0}{}",
                published.map(|d| d.to_string()).unwrap_or_default(),
                headline.unwrap_or_default()
            );
            let slug = match published {
                Some(d) => format!("{office}-{d}"),
                None => (*office).to_owned(),
            };
            let id = build.registry.source(&key, &slug, |id| Source {
                id,
                kind: None,
                publisher: Some((*office).to_owned()),
                title: headline.map(str::to_owned),
                authors: Vec::new(),
                url: None,
                published: *published,
                updated: None,
                accessed: None,
                language: None,
                party: party.as_ref().map(ActorId::to_ref),
                note: Some("a report UCDP names for its GED rows".to_owned()),
                cites: Vec::new(),
                archive: None,
            });
            (id, party)
        };
        // A report dated before the event it is cited for: a defect of the row itself,
        // listed once in the import report (the linter's `event-after-report` finds it too).
        if let Some(d) = published.filter(|d| *d < c.start) {
            build.report.source_data.push(SourceDataFinding {
                line: row.line,
                row: row_id.clone(),
                rule: "event-after-report",
                message: format!(
                    "UCDP cites {office}, dated {d}, for an event that starts on {}",
                    c.start
                ),
            });
        }
        if !sources.contains(&id.to_ref()) {
            sources.push(id.to_ref());
        }
        article_sources.push((id, party));
    }
    // Who the figures are: a party, when every article cited is that party's own voice, or
    // when `source_original` names one party alone; else the row does not say.
    let originals: Vec<&str> = get("source_original")
        .map(|t| {
            t.split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let original_parties: Vec<Option<String>> = originals
        .iter()
        .map(|o| faultline_formats::parties::party_of_source(o).map(|p| p.name))
        .collect();
    let (claimant, figure_source) = match sole_party(&article_sources) {
        Some((source, party)) => (Some(party.clone()), source.clone()),
        None => match original_parties.first() {
            Some(Some(p)) if original_parties.iter().all(|o| o.as_ref() == Some(p)) => {
                (build.party_of_source(p), row_source.clone())
            }
            _ => (None, row_source.clone()),
        },
    };

    // Sides.
    let (role_a, role_b) = if c.type_of_violence == Some(3) {
        (ActorRole::Perpetrator, ActorRole::Victim)
    } else {
        (ActorRole::Participant, ActorRole::Participant)
    };
    let side_a = get("side_a").map(|n| side_actor(build, n));
    let side_b = get("side_b").map(|n| side_actor(build, n));
    let mut actors = Vec::new();
    for (side, role, column) in [(&side_a, role_a, "side_a"), (&side_b, role_b, "side_b")] {
        if let Some(id) = side
            && !actors.iter().any(|a: &EventActor| &a.actor == id)
        {
            actors.push(EventActor {
                actor: id.to_ref(),
                role: Some(role),
                note: Some(format!("UCDP {column}")),
            });
        }
    }

    // Figures, one per party (deaths_b and deaths_civilians add up when side b is civilians).
    let side_b_civilians = get("side_b").is_some_and(|b| b.eq_ignore_ascii_case("civilians"));
    let mut parties: Vec<(ActorId, i64, Vec<&str>, Option<PersonStatus>)> = Vec::new();
    let columns = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"];
    for (i, deaths) in c.deaths.iter().enumerate() {
        let Some(n) = *deaths else { continue };
        let (party, status) = match (i, &side_a, &side_b) {
            (0, Some(a), _) => (a.clone(), None),
            (1, _, Some(b)) if side_b_civilians => (b.clone(), Some(PersonStatus::Civilian)),
            (1, _, Some(b)) => (b.clone(), None),
            (2, _, _) => (side_actor(build, "Civilians"), Some(PersonStatus::Civilian)),
            _ => (build.unknown_party(), Some(PersonStatus::Unknown)),
        };
        match parties.iter_mut().find(|p| p.0 == party) {
            Some(p) => {
                p.1 += n;
                p.2.push(columns[i]);
            }
            None => parties.push((party, n, vec![columns[i]], status)),
        }
    }
    let mut remarks = Vec::new();
    let sum: i64 = parties.iter().map(|p| p.1).sum();
    let consistent = match (c.low, c.best, c.high) {
        (Some(l), Some(b), Some(h)) => l <= b && b <= h,
        _ => true,
    };
    if let (Some(l), Some(b), Some(h)) = (c.low, c.best, c.high) {
        remarks.push(format!("UCDP totals: best {b}, low {l}, high {h}"));
        if !consistent {
            remarks.push(format!(
                "UCDP's low, best and high are inconsistent (low {l}, best {b}, high {h}); the per-side figures are UCDP's best estimates"
            ));
        }
    }
    if let Some(b) = c.best
        && !parties.is_empty()
        && b != sum
    {
        remarks.push(format!(
            "the per-side deaths add up to {sum}, UCDP's best estimate is {b}"
        ));
    }
    // The event's range belongs to the one side with deaths, when there is only one.
    let nonzero: Vec<usize> = (0..parties.len()).filter(|&i| parties[i].1 > 0).collect();
    let range_for = match (c.low, c.best, c.high, nonzero.as_slice()) {
        (Some(l), Some(b), Some(h), [i])
            if consistent && parties[*i].1 == b && (l != b || h != b) =>
        {
            Some((
                *i,
                CountRange {
                    low: l,
                    high: h,
                    best: Some(b),
                },
            ))
        }
        _ => None,
    };
    let casualties = parties
        .iter()
        .enumerate()
        .map(|(i, (party, n, cols, status))| {
            let count = match range_for {
                Some((j, range)) if j == i => Count::Range(range),
                _ => Count::Exact(*n),
            };
            let note = if matches!(count, Count::Range(_)) {
                format!("UCDP {} with the event's low and high", cols.join(" + "))
            } else {
                format!("UCDP {}", cols.join(" + "))
            };
            Casualty {
                party: party.to_ref(),
                category: Category::Killed,
                count: Some(count),
                low: None,
                high: None,
                qualifier: None,
                claimant: claimant.as_ref().map(ActorId::to_ref),
                source: Some(figure_source.to_ref()),
                quote: None,
                status: *status,
                note: Some(note),
            }
        })
        .collect();

    // The place.
    let mut places = Vec::new();
    if let Some((lat, lon)) = c.coordinates {
        let country = get("country").and_then(country::by_name);
        let code = country.map_or_else(country::unknown_code, |k| k.code());
        let name = get("where_coordinates")
            .or_else(|| get("adm_2"))
            .or_else(|| get("adm_1"))
            .or_else(|| get("country"))
            .unwrap_or("unnamed location");
        let (kind, precision) = c.where_prec.map_or(
            (PlaceKind::Site, GeoPrecision::Country),
            codes::place_precision,
        );
        let mut note = Vec::new();
        if c.where_prec.is_some_and(|p| p <= 2) {
            note.push("kind guessed: UCDP gives no kind of place".to_owned());
        }
        if let Some(d) = get("where_description").filter(|d| *d != name) {
            note.push(format!("UCDP where_description: {d}"));
        }
        if country.is_none() {
            note.push(format!(
                "country `{}` not identified; coded XXX",
                get("country").unwrap_or("")
            ));
        }
        let coordinate_source = format!(
            "UCDP GED event {row_id} (id {ged_id}): latitude {}, longitude {}, where_prec {}",
            get("latitude").unwrap_or_default(),
            get("longitude").unwrap_or_default(),
            get("where_prec").unwrap_or("not given"),
        );
        let id = build
            .registry
            .place(name, lat, lon, code.as_str(), |id| Place {
                id,
                name: name.to_owned(),
                names: vec![NameVariant::Plain(name.to_owned())],
                kind,
                country: code.clone(),
                de_facto: Vec::new(),
                admin1: get("adm_1").map(str::to_owned),
                admin2: get("adm_2").map(str::to_owned),
                lat,
                lon,
                precision,
                coordinate_source,
                note: (!note.is_empty()).then(|| note.join("; ")),
            });
        places.push(EventPlace {
            place: id.to_ref(),
            role: Some(PlaceRole::Location),
            note: None,
        });
    }

    // The date.
    let end = c.end.filter(|e| *e != c.start);
    let mut precision = c.date_prec.map_or(Precision::Day, codes::precision);
    if precision == Precision::Day && end.is_some() {
        precision = Precision::Days;
    }
    let date = EventDate {
        start: c.start,
        end,
        precision,
        basis: DateBasis::Occurred,
        time: None,
        time_end: None,
        as_reported: None,
        note: c.date_prec.map(|p| format!("UCDP date_prec {p}")),
    };

    let label = codes::violence_label(c.type_of_violence);
    let (kind, nearest) = codes::kind(c.type_of_violence);
    if nearest {
        remarks.insert(
            0,
            format!(
                "kind `{}` is the nearest faultline kind: UCDP gives no type_of_violence",
                kind.as_str()
            ),
        );
    }
    if claimant.is_none() && !parties.is_empty() {
        remarks.push(
            "The deaths are UCDP's estimates from the reports it cites; the row does not say whose figures they are"
                .to_owned(),
        );
    }
    if let Some(extra) = cells.unmapped_text("UCDP", cx.header, cx.mapped) {
        remarks.push(extra);
    }

    let where_text = get("where_coordinates").or_else(|| get("country"));
    let title = match (where_text, get("country")) {
        (Some(w), Some(k)) if w != k => format!("{label} in {w}, {k}"),
        (Some(w), _) => format!("{label} in {w}"),
        (None, _) => label.to_owned(),
    };
    let a = get("side_a").unwrap_or("an unnamed side");
    let b = get("side_b").unwrap_or("an unnamed side");
    let between = if c.type_of_violence == Some(3) {
        format!("by {a} against {b}")
    } else {
        format!("between {a} and {b}")
    };
    let place_text = get("where_description")
        .or(where_text)
        .map(|w| format!(" ({w})"))
        .unwrap_or_default();
    let deaths_text = match (c.best, c.low, c.high) {
        (Some(b), Some(l), Some(h)) => {
            format!(" UCDP's best estimate is {b} deaths (low {l}, high {h}).")
        }
        (Some(b), _, _) => format!(" UCDP's best estimate is {b} deaths."),
        _ => String::new(),
    };
    let summary = format!(
        "UCDP GED event {row_id}: {} {between}{place_text}.{deaths_text}",
        label.to_lowercase()
    );
    let id_text = build
        .registry
        .events
        .unique(&format!("{}-ucdp-{row_id}", date.id_prefix()), "event");
    let id = EventId::new(id_text).expect("IdSet::unique returns valid slugs");
    let mut external = std::collections::BTreeMap::new();
    external.insert("ucdp".to_owned(), cells.verbatim());
    build.push(Event {
        id,
        title,
        kind,
        summary,
        sources,
        tags: Vec::new(),
        related: Vec::new(),
        notes: (!remarks.is_empty()).then(|| remarks.join(". ")),
        date,
        places,
        actors,
        claims: Vec::new(),
        casualties,
        external,
    });
    Ok(())
}
