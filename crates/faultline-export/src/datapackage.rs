//! `datapackage`: a [Frictionless](https://datapackage.org) Tabular Data Package.
//!
//! `datapackage.json` describes nine CSV tables with Table Schemas: `events`, `sources`,
//! `places`, `actors` (each with primary key `id`), and the link tables `event_sources`,
//! `event_places`, `event_actors`, `claims` and `figures` (primary key `event_id` +
//! `position`, foreign keys into the record tables). `frictionless validate datapackage.json`
//! checks types, keys and references. A dataset whose references do not resolve (which
//! `faultline lint` reports) gives a package that fails those foreign-key checks.

use faultline_model::{Count, Event};
use serde_json::{Value, json};

use crate::OutputFile;
use crate::cells::{CsvOut, num, opt};
use crate::csv::word;
use crate::error::ExportError;
use crate::records::Records;

/// One column of a table: name, Frictionless type, required, description.
type Field = (&'static str, &'static str, bool, &'static str);

/// A foreign key: local fields, referenced table, referenced fields.
type ForeignKey = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

struct TableDef {
    name: &'static str,
    description: &'static str,
    fields: &'static [Field],
    primary_key: &'static [&'static str],
    foreign_keys: &'static [ForeignKey],
}

const EVENT_KEY: ForeignKey = (&["event_id"], "events", &["id"]);

const TABLES: [TableDef; 9] = [
    TableDef {
        name: "events",
        description: "One row per event.",
        fields: &[
            (
                "id",
                "string",
                true,
                "The event's id: a slug starting with its start date as far as the text gives it (2021-11-16, 2021-11-xx, 2021-xx-xx).",
            ),
            ("date_start", "date", true, "The first day."),
            (
                "date_end",
                "date",
                false,
                "The last day, inclusive; empty for one day.",
            ),
            (
                "date_precision",
                "string",
                true,
                "day, days, week, month, year or years: how precisely the text fixes the event's own date.",
            ),
            (
                "date_basis",
                "string",
                false,
                "What date_start..date_end dates: empty or occurred (the event itself), reported, cited or before (a report, a cited publication, a later event; the event happened on or before date_end).",
            ),
            (
                "time",
                "string",
                false,
                "Local time of day it started (HH:MM).",
            ),
            ("time_end", "string", false, "Local time of day it ended."),
            (
                "date_as_reported",
                "string",
                false,
                "The date phrase of the source.",
            ),
            (
                "date_note",
                "string",
                false,
                "How a relative date was resolved.",
            ),
            ("kind", "string", true, "The kind of event."),
            ("title", "string", true, "A short neutral title."),
            ("summary", "string", true, "A neutral summary."),
            ("tags", "string", false, "Free labels, separated by '; '."),
            (
                "related",
                "string",
                false,
                "Ids of related events, separated by '; '.",
            ),
            (
                "part_of",
                "string",
                false,
                "Ids of the events this one is part of (a wave or series), separated by '; '.",
            ),
            (
                "notes",
                "string",
                false,
                "Free text; values an import could not map.",
            ),
            (
                "external",
                "object",
                false,
                "Values from other datasets (ACLED, UCDP), verbatim, by column.",
            ),
        ],
        primary_key: &["id"],
        foreign_keys: &[],
    },
    TableDef {
        name: "sources",
        description: "The documents events cite.",
        fields: &[
            ("id", "string", true, "The source's id."),
            (
                "kind",
                "string",
                false,
                "news, analysis, official, social-media or dataset.",
            ),
            ("publisher", "string", false, "Who published it."),
            ("title", "string", false, "Its title."),
            (
                "authors",
                "string",
                false,
                "Its authors, separated by '; '.",
            ),
            ("url", "string", false, "Where it can be read."),
            ("published", "date", false, "When it was published."),
            ("updated", "date", false, "When it was last updated."),
            ("accessed", "date", false, "When it was read."),
            ("language", "string", false, "Its language (BCP 47)."),
            (
                "party",
                "string",
                false,
                "The conflict party it speaks for, if any (an actor id).",
            ),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["id"],
        foreign_keys: &[],
    },
    TableDef {
        name: "places",
        description: "The gazetteer.",
        fields: &[
            ("id", "string", true, "The place's id."),
            ("name", "string", true, "The canonical English name."),
            (
                "names",
                "string",
                false,
                "Every name variant, separated by '; '.",
            ),
            ("kind", "string", true, "The kind of place."),
            ("country", "string", true, "ISO 3166-1 alpha-3, de jure."),
            (
                "admin1",
                "string",
                false,
                "First-level administrative unit.",
            ),
            (
                "admin2",
                "string",
                false,
                "Second-level administrative unit.",
            ),
            ("lat", "number", true, "Latitude, WGS84."),
            ("lon", "number", true, "Longitude, WGS84."),
            (
                "precision",
                "string",
                true,
                "exact, near, district, province or country.",
            ),
            (
                "coordinate_source",
                "string",
                true,
                "Where the coordinate comes from.",
            ),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["id"],
        foreign_keys: &[],
    },
    TableDef {
        name: "actors",
        description: "Parties, bodies and people.",
        fields: &[
            ("id", "string", true, "The actor's id."),
            ("name", "string", true, "The name in English."),
            ("kind", "string", true, "The kind of actor."),
            ("country", "string", false, "ISO 3166-1 alpha-3."),
            (
                "parent",
                "string",
                false,
                "The body it belongs to (an actor id).",
            ),
            ("names", "string", false, "Other names, separated by '; '."),
            ("acled_name", "string", false, "Its name in ACLED."),
            ("ucdp_side", "string", false, "Its side name in UCDP GED."),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["id"],
        foreign_keys: &[],
    },
    TableDef {
        name: "event_sources",
        description: "Which sources report each event.",
        fields: &[
            ("event_id", "string", true, "The event."),
            (
                "position",
                "integer",
                true,
                "The source's position in the event's list.",
            ),
            ("source_id", "string", true, "The source."),
        ],
        primary_key: &["event_id", "position"],
        foreign_keys: &[EVENT_KEY, (&["source_id"], "sources", &["id"])],
    },
    TableDef {
        name: "event_places",
        description: "Where each event happened.",
        fields: &[
            ("event_id", "string", true, "The event."),
            (
                "position",
                "integer",
                true,
                "The place's position in the event's list.",
            ),
            ("place_id", "string", true, "The place."),
            (
                "role",
                "string",
                false,
                "location, near, origin, target or mentioned.",
            ),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["event_id", "position"],
        foreign_keys: &[EVENT_KEY, (&["place_id"], "places", &["id"])],
    },
    TableDef {
        name: "event_actors",
        description: "Who took part in each event, and how.",
        fields: &[
            ("event_id", "string", true, "The event."),
            (
                "position",
                "integer",
                true,
                "The actor's position in the event's list.",
            ),
            ("actor_id", "string", true, "The actor."),
            ("role", "string", false, "The actor's role."),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["event_id", "position"],
        foreign_keys: &[EVENT_KEY, (&["actor_id"], "actors", &["id"])],
    },
    TableDef {
        name: "claims",
        description: "Statements about events: who claims what, read where.",
        fields: &[
            ("event_id", "string", true, "The event."),
            (
                "position",
                "integer",
                true,
                "The claim's position in the event's list.",
            ),
            (
                "claimant",
                "string",
                true,
                "Who made the statement (an actor id).",
            ),
            ("kind", "string", true, "accuses, denies, reports..."),
            (
                "against",
                "string",
                false,
                "Whom it is directed against (an actor id).",
            ),
            (
                "source",
                "string",
                false,
                "Where it was read (a source id).",
            ),
            ("quote", "string", false, "A short excerpt."),
            QUOTE_PREFIX,
            QUOTE_SUFFIX,
            (
                "voice",
                "string",
                true,
                "Whose words the quote is: direct (the claimant's own), reported (the source's report of them) or author (the source's own analysis; the claimant is its publisher or author).",
            ),
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["event_id", "position"],
        foreign_keys: &[
            EVENT_KEY,
            (&["claimant"], "actors", &["id"]),
            (&["against"], "actors", &["id"]),
            (&["source"], "sources", &["id"]),
        ],
    },
    TableDef {
        name: "figures",
        description: "Casualty figures, each tied to who stated it and where it was read.",
        fields: &[
            ("event_id", "string", true, "The event."),
            (
                "position",
                "integer",
                true,
                "The figure's position in the event's list.",
            ),
            ("party", "string", true, "The actor the figure concerns."),
            (
                "category",
                "string",
                true,
                "killed, wounded, captured, missing or unspecified.",
            ),
            (
                "count",
                "integer",
                false,
                "The figure, when the source gives one number.",
            ),
            ("low", "integer", false, "The lowest value of the figure."),
            ("best", "integer", false, "The best estimate."),
            ("high", "integer", false, "The highest value."),
            (
                "qualifier",
                "string",
                false,
                "over, at-least, about, up-to or under.",
            ),
            (
                "claimant",
                "string",
                false,
                "Who stated it (an actor id); empty when the source names no one.",
            ),
            (
                "source",
                "string",
                false,
                "Where it was read (a source id).",
            ),
            ("status", "string", false, "military, civilian or unknown."),
            ("quote", "string", false, "The words that give the number."),
            QUOTE_PREFIX,
            QUOTE_SUFFIX,
            ("note", "string", false, "Free text."),
        ],
        primary_key: &["event_id", "position"],
        foreign_keys: &[
            EVENT_KEY,
            (&["party"], "actors", &["id"]),
            (&["claimant"], "actors", &["id"]),
            (&["source"], "sources", &["id"]),
        ],
    },
];

/// The text just before the quote in the source's archived copy (W3C TextQuoteSelector).
const QUOTE_PREFIX: (&str, &str, bool, &str) = (
    "quote_prefix",
    "string",
    false,
    "Up to 32 characters before the quote in the source's archived copy; empty when it is not anchored.",
);
/// The text just after the quote.
const QUOTE_SUFFIX: (&str, &str, bool, &str) = (
    "quote_suffix",
    "string",
    false,
    "Up to 32 characters after the quote in the source's archived copy; empty when it is not anchored.",
);

fn opt_word<T: serde::Serialize>(v: Option<&T>) -> String {
    v.map(word).unwrap_or_default()
}

fn rows(records: &Records, table: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let index = records.index();
    let each_event = |f: &mut dyn FnMut(&Event)| records.events.iter().for_each(f);
    match table {
        "events" => each_event(&mut |e| {
            out.push(vec![
                e.id.to_string(),
                e.date.start.to_string(),
                opt(e.date.end),
                e.date.precision.as_str().to_owned(),
                opt((!e.date.is_occurrence()).then(|| e.date.basis.as_str())),
                opt(e.date.time),
                opt(e.date.time_end),
                opt(e.date.as_reported.as_deref()),
                opt(e.date.note.as_deref()),
                e.kind.as_str().to_owned(),
                e.title.clone(),
                e.summary.clone(),
                e.tags.join("; "),
                e.related
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                e.related
                    .iter()
                    .filter(|r| r.is_part_of())
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                opt(e.notes.as_deref()),
                if e.external.is_empty() {
                    String::new()
                } else {
                    serde_json::to_string(&e.external).unwrap_or_default()
                },
            ]);
        }),
        "sources" => {
            for s in &records.sources {
                out.push(vec![
                    s.id.to_string(),
                    opt_word(s.kind.as_ref()),
                    opt(s.publisher.as_deref()),
                    opt(s.title.as_deref()),
                    s.authors.join("; "),
                    opt(s.url.as_ref()),
                    opt(s.published),
                    opt(s.updated),
                    opt(s.accessed),
                    opt(s.language.as_deref()),
                    opt(s.party.as_ref()),
                    opt(s.note.as_deref()),
                ]);
            }
        }
        "places" => {
            for p in &records.places {
                out.push(vec![
                    p.id.to_string(),
                    p.name.clone(),
                    p.names
                        .iter()
                        .map(|n| n.name())
                        .collect::<Vec<_>>()
                        .join("; "),
                    word(&p.kind),
                    p.country.to_string(),
                    opt(p.admin1.as_deref()),
                    opt(p.admin2.as_deref()),
                    num(p.lat),
                    num(p.lon),
                    word(&p.precision),
                    p.coordinate_source.clone(),
                    opt(p.note.as_deref()),
                ]);
            }
        }
        "actors" => {
            for a in &records.actors {
                out.push(vec![
                    a.id.to_string(),
                    a.name.clone(),
                    word(&a.kind),
                    opt(a.country.as_ref()),
                    opt(a.parent.as_ref()),
                    a.names.join("; "),
                    opt(a.acled_name.as_deref()),
                    opt(a.ucdp_side.as_deref()),
                    opt(a.note.as_deref()),
                ]);
            }
        }
        "event_sources" => each_event(&mut |e| {
            for (i, s) in e.sources.iter().enumerate() {
                out.push(vec![e.id.to_string(), i.to_string(), s.to_string()]);
            }
        }),
        "event_places" => each_event(&mut |e| {
            for (i, p) in e.places.iter().enumerate() {
                out.push(vec![
                    e.id.to_string(),
                    i.to_string(),
                    p.place.to_string(),
                    opt_word(p.role.as_ref()),
                    opt(p.note.as_deref()),
                ]);
            }
        }),
        "event_actors" => each_event(&mut |e| {
            for (i, a) in e.actors.iter().enumerate() {
                out.push(vec![
                    e.id.to_string(),
                    i.to_string(),
                    a.actor.to_string(),
                    opt_word(a.role.as_ref()),
                    opt(a.note.as_deref()),
                ]);
            }
        }),
        "claims" => each_event(&mut |e| {
            for (i, c) in e.claims.iter().enumerate() {
                let (prefix, suffix) = crate::annotations::context_cells(
                    records,
                    &index,
                    c.source.as_ref().map(|s| s.as_str()),
                    c.quote.as_deref(),
                );
                out.push(vec![
                    e.id.to_string(),
                    i.to_string(),
                    c.claimant.to_string(),
                    word(&c.kind),
                    opt(c.against.as_ref()),
                    opt(c.source.as_ref()),
                    opt(c.quote.as_deref()),
                    prefix,
                    suffix,
                    c.voice.as_str().to_owned(),
                    opt(c.note.as_deref()),
                ]);
            }
        }),
        "figures" => each_event(&mut |e| {
            for (i, c) in e.casualties.iter().enumerate() {
                let f = c.figure().ok();
                let (prefix, suffix) = crate::annotations::context_cells(
                    records,
                    &index,
                    c.source.as_ref().map(|s| s.as_str()),
                    c.quote.as_deref(),
                );
                out.push(vec![
                    e.id.to_string(),
                    i.to_string(),
                    c.party.to_string(),
                    c.category.as_str().to_owned(),
                    match c.count {
                        Some(Count::Exact(n)) => n.to_string(),
                        _ => String::new(),
                    },
                    opt(f.map(|f| f.low)),
                    opt(f.map(|f| f.best)),
                    opt(f.map(|f| f.high)),
                    opt_word(c.qualifier.as_ref()),
                    opt(c.claimant.as_ref()),
                    opt(c.source.as_ref()),
                    opt_word(c.status.as_ref()),
                    opt(c.quote.as_deref()),
                    prefix,
                    suffix,
                    opt(c.note.as_deref()),
                ]);
            }
        }),
        _ => {}
    }
    out
}

fn schema(table: &TableDef) -> Value {
    let fields: Vec<Value> = table
        .fields
        .iter()
        .map(|(name, ty, required, description)| {
            let mut f = json!({ "name": name, "type": ty, "description": description });
            if *required {
                f["constraints"] = json!({ "required": true });
            }
            f
        })
        .collect();
    let foreign_keys: Vec<Value> = table
        .foreign_keys
        .iter()
        .map(|(fields, resource, reference)| {
            json!({
                "fields": fields,
                "reference": { "resource": resource, "fields": reference },
            })
        })
        .collect();
    let mut schema = json!({
        "fields": fields,
        "missingValues": [""],
        "primaryKey": table.primary_key,
    });
    if !foreign_keys.is_empty() {
        schema["foreignKeys"] = Value::Array(foreign_keys);
    }
    schema
}

/// Renders `datapackage.json` and its nine CSVs.
pub fn render(records: &Records) -> Result<Vec<OutputFile>, ExportError> {
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in &TABLES {
        let header: Vec<&str> = table.fields.iter().map(|f| f.0).collect();
        let mut csv = CsvOut::new(&header)?;
        for row in rows(records, table.name) {
            csv.row(&row)?;
        }
        let path = format!("{}.csv", table.name);
        resources.push(json!({
            "name": table.name,
            "path": path,
            "profile": "tabular-data-resource",
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            // Said, not left to sniffing: a table whose cells hold `;`-separated lists was
            // read by frictionless as `;`-delimited.
            "dialect": { "delimiter": ",", "quoteChar": "\"", "header": true },
            "schema": schema(table),
        }));
        files.push(OutputFile {
            name: path,
            bytes: csv.finish()?,
        });
    }
    let package = json!({
        "profile": "tabular-data-package",
        "name": "faultline",
        "title": "faultline: Armenia–Azerbaijan border incidents",
        "description": "Events with their sources, places, actors, claims and casualty figures, each figure tied to who stated it and where it was read. Exported by faultline.",
        "resources": resources,
    });
    let mut bytes =
        serde_json::to_vec_pretty(&package).map_err(|e| ExportError::Render(e.to_string()))?;
    bytes.push(b'\n');
    files.insert(
        0,
        OutputFile {
            name: "datapackage.json".into(),
            bytes,
        },
    );
    Ok(files)
}
