//! `datapackage`: a [Frictionless Data Package v2](https://datapackage.org) (2.0, June 2024).
//!
//! `datapackage.json` (`$schema` the v2 package profile) describes nine CSV tables
//! (`type: "table"`) with Table Schemas: `events`, `sources`, `places`, `actors` (each with
//! primary key `id`), and the link tables `event_sources`, `event_places`, `event_actors`,
//! `claims` and `figures` (primary key `event_id` + `position`, foreign keys into the record
//! tables). Every field whose values come from one of the model's enumerations lists them as
//! `categories` (taken from the model's own JSON Schema, so a new kind appears without a change
//! here), and as an `enum` constraint, which validators check. The package carries its `licenses` (the data's CC BY 4.0), `sources` (the documents
//! the records come from), `contributors`, and, when given ([`crate::Options`]), `version` and
//! `created`. `frictionless validate datapackage.json` checks types, categories, keys and
//! references. A dataset whose references do not resolve (which `faultline lint` reports)
//! gives a package that fails those foreign-key checks.
//!
//! The CSVs are written exactly, without the spreadsheet formula guard of the `csv` export:
//! a Data Package is read by programs, which would keep the guard's `'`.

use faultline_model::{Count, Event};
use serde_json::{Value, json};

use crate::cells::{CsvOut, num, opt};
use crate::csv::word;
use crate::error::ExportError;
use crate::records::Records;
use crate::{Options, OutputFile};

/// One column of a table: name, Frictionless type, required, description.
type Field = (&'static str, &'static str, bool, &'static str);

/// A foreign key: local fields, referenced table, referenced fields.
type ForeignKey = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// One table of the package (and of the `sqlite` export).
pub(crate) struct TableDef {
    /// The table's name (the CSV is `<name>.csv`).
    pub(crate) name: &'static str,
    /// What a row is.
    pub(crate) description: &'static str,
    /// Its columns.
    pub(crate) fields: &'static [Field],
    /// Its primary key.
    pub(crate) primary_key: &'static [&'static str],
    /// Its references to other tables.
    pub(crate) foreign_keys: &'static [ForeignKey],
}

const EVENT_KEY: ForeignKey = (&["event_id"], "events", &["id"]);

/// The tables, in the order they are written.
pub(crate) const TABLES: [TableDef; 9] = [
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

/// The rows of a table, as cell text (empty for a missing value).
pub(crate) fn rows(records: &Records, table: &str) -> Vec<Vec<String>> {
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

/// The values of a model enumeration, from its JSON Schema (`enum`, or `oneOf` / `anyOf` of
/// `const`s and `enum`s as schemars writes documented variants).
fn enum_values<T: schemars::JsonSchema>() -> Vec<String> {
    fn collect(schema: &Value, out: &mut Vec<String>) {
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        if let Some(value) = schema.get("const").and_then(Value::as_str) {
            out.push(value.to_owned());
        }
        for key in ["oneOf", "anyOf"] {
            for sub in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(sub, out);
            }
        }
    }
    let schema = schemars::schema_for!(T);
    let mut out = Vec::new();
    collect(schema.as_value(), &mut out);
    out
}

/// The categories of a field whose values come from a model enumeration.
fn categories(table: &str, field: &str) -> Option<Vec<String>> {
    use faultline_model as m;
    Some(match (table, field) {
        ("events", "kind") => m::EventKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        ("events", "date_precision") => m::Precision::ALL
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
        ("events", "date_basis") => enum_values::<m::DateBasis>(),
        ("sources", "kind") => enum_values::<m::SourceKind>(),
        ("places", "kind") => enum_values::<m::PlaceKind>(),
        ("places", "precision") => enum_values::<m::GeoPrecision>(),
        ("actors", "kind") => enum_values::<m::ActorKind>(),
        ("event_places", "role") => enum_values::<m::PlaceRole>(),
        ("event_actors", "role") => enum_values::<m::ActorRole>(),
        ("claims", "kind") => enum_values::<m::ClaimKind>(),
        ("claims", "voice") => enum_values::<m::Voice>(),
        ("figures", "category") => m::Category::ALL
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        ("figures", "qualifier") => enum_values::<m::Qualifier>(),
        ("figures", "status") => enum_values::<m::PersonStatus>(),
        _ => return None,
    })
}

fn schema(table: &TableDef) -> Value {
    let fields: Vec<Value> = table
        .fields
        .iter()
        .map(|(name, ty, required, description)| {
            let mut f = json!({ "name": name, "type": ty, "description": description });
            let mut constraints = serde_json::Map::new();
            if *required {
                constraints.insert("required".into(), json!(true));
            }
            if let Some(values) = categories(table.name, name) {
                // `categories` says what the values mean to v2 readers; the `enum` constraint
                // is what validators (frictionless 5) check each cell against.
                constraints.insert("enum".into(), json!(values));
                f["categories"] = json!(values);
            }
            if !constraints.is_empty() {
                f["constraints"] = Value::Object(constraints);
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

/// The v2 profile of a Data Package.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

/// The licence of the data (data/LICENSE.md).
fn licenses() -> Value {
    json!([{
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 International",
    }])
}

/// The documents the records come from: each source record (its publisher and title, its
/// address), except other datasets (`kind = "dataset"`: an imported ACLED or UCDP export, or
/// one source per row in datasets imported before issue 10), named once per publisher.
fn sources(records: &Records) -> Value {
    let mut out = Vec::new();
    let mut datasets: Vec<String> = Vec::new();
    for s in &records.sources {
        if s.kind == Some(faultline_model::SourceKind::Dataset) {
            let name = s.publisher.clone().unwrap_or_else(|| s.id.to_string());
            if !datasets.contains(&name) {
                datasets.push(name);
            }
            continue;
        }
        let title = match (s.publisher.as_deref(), s.title.as_deref()) {
            (Some(p), Some(t)) => format!("{p}: {t}"),
            (Some(x), None) | (None, Some(x)) => x.to_owned(),
            (None, None) => s.id.to_string(),
        };
        let mut source = json!({ "title": title });
        if let Some(url) = &s.url {
            source["path"] = json!(url.to_string());
        }
        out.push(source);
    }
    datasets.sort();
    out.extend(
        datasets
            .into_iter()
            .map(|name| json!({ "title": format!("{name} (dataset rows)") })),
    );
    Value::Array(out)
}

/// An instant as RFC 3339 UTC text (`2026-05-01T12:00:00Z`).
fn rfc3339(seconds: i64) -> Option<String> {
    let day = faultline_model::Date::from_days(seconds.div_euclid(86_400))?;
    let s = seconds.rem_euclid(86_400);
    Some(format!(
        "{day}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    ))
}

/// Renders `datapackage.json` and its nine CSVs.
pub fn render(records: &Records, options: &Options) -> Result<Vec<OutputFile>, ExportError> {
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for table in &TABLES {
        let header: Vec<&str> = table.fields.iter().map(|f| f.0).collect();
        let mut csv = CsvOut::exact(&header)?;
        for row in rows(records, table.name) {
            csv.row(&row)?;
        }
        let path = format!("{}.csv", table.name);
        resources.push(json!({
            "name": table.name,
            "type": "table",
            "path": path,
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
    let mut package = json!({
        "$schema": PROFILE,
        "name": "faultline",
        "title": "faultline: Armenia–Azerbaijan border incidents",
        "description": "Events with their sources, places, actors, claims and casualty figures, each figure tied to who stated it and where it was read. Exported by faultline.",
        "homepage": "https://github.com/faultline-data/faultline",
    });
    if let Some(version) = &options.version {
        package["version"] = json!(version);
    }
    if let Some(created) = options.created.and_then(rfc3339) {
        package["created"] = json!(created);
    }
    package["licenses"] = licenses();
    package["sources"] = sources(records);
    package["contributors"] = json!([{ "title": "faultline contributors", "roles": ["creator"] }]);
    package["resources"] = Value::Array(resources);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_is_rfc3339_utc() {
        assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_777_636_800 + 3_723).as_deref(),
            Some("2026-05-01T13:02:03Z")
        );
    }

    #[test]
    fn enumerations_give_their_values() {
        let kinds = categories("sources", "kind").unwrap();
        assert!(kinds.contains(&"news".to_owned()), "{kinds:?}");
        assert!(kinds.contains(&"dataset".to_owned()), "{kinds:?}");
        for (table, field) in [
            ("events", "date_basis"),
            ("places", "kind"),
            ("places", "precision"),
            ("actors", "kind"),
            ("event_places", "role"),
            ("event_actors", "role"),
            ("claims", "kind"),
            ("claims", "voice"),
            ("figures", "qualifier"),
            ("figures", "status"),
        ] {
            let values = categories(table, field).unwrap();
            assert!(values.len() >= 2, "{table}.{field}: {values:?}");
            assert!(
                TABLES
                    .iter()
                    .any(|t| t.name == table && t.fields.iter().any(|f| f.0 == field)),
                "{table}.{field}"
            );
        }
    }
}
