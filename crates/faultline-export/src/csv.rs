//! `csv`: one row per event (flattened), and one row per casualty figure.

use faultline_model::{Casualty, Category, Count, Event, figures};

use crate::OutputFile;
use crate::cells::{CsvOut, num, opt};
use crate::error::ExportError;
use crate::records::{Index, Records};

/// The columns of `events.csv`.
pub const EVENT_COLUMNS: [&str; 33] = [
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "time",
    "time_end",
    "date_as_reported",
    "kind",
    "title",
    "summary",
    "place_ids",
    "place_names",
    "latitude",
    "longitude",
    "country",
    "actor_ids",
    "actor_names",
    "source_ids",
    "source_names",
    "claims",
    "figures",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
    "tags",
    "related",
    "part_of",
    "notes",
    "external",
];

/// The columns of `figures.csv`.
pub const FIGURE_COLUMNS: [&str; 20] = [
    "event_id",
    "event_date",
    "position",
    "party",
    "party_name",
    "category",
    "count",
    "low",
    "best",
    "high",
    "qualifier",
    "claimant",
    "claimant_name",
    "source",
    "source_name",
    "status",
    "quote",
    "quote_prefix",
    "quote_suffix",
    "note",
];

/// Renders `events.csv` and `figures.csv`.
pub fn render(records: &Records) -> Result<Vec<OutputFile>, ExportError> {
    let index = records.index();
    let mut events = CsvOut::new(&EVENT_COLUMNS)?;
    let mut figures = CsvOut::new(&FIGURE_COLUMNS)?;
    for event in &records.events {
        events.row(&event_row(event, &index))?;
        for (i, c) in event.casualties.iter().enumerate() {
            figures.row(&figure_row(records, event, i, c, &index))?;
        }
    }
    Ok(vec![
        OutputFile {
            name: "events.csv".into(),
            bytes: events.finish()?,
        },
        OutputFile {
            name: "figures.csv".into(),
            bytes: figures.finish()?,
        },
    ])
}

/// The (low, best, high) totals of one category over every party of an event, combining each
/// party's figures as [`figures::summarize`] does; `None` when no party has a figure.
pub fn category_totals(event: &Event, category: Category) -> Option<(u64, u64, u64)> {
    let parties: Vec<_> = figures::summarize(event)
        .into_iter()
        .filter(|p| p.category == category)
        .collect();
    if parties.is_empty() {
        return None;
    }
    Some(parties.iter().fold((0, 0, 0), |(l, b, h), p| {
        (l + p.low, b + p.best, h + p.high)
    }))
}

fn event_row(event: &Event, index: &Index<'_>) -> Vec<String> {
    let place = index.main_place(event);
    let join = |items: Vec<String>| items.join("; ");
    let totals = |c| category_totals(event, c);
    let (kl, kb, kh) = split3(totals(Category::Killed));
    let (wl, wb, wh) = split3(totals(Category::Wounded));
    let external = if event.external.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&event.external).unwrap_or_default()
    };
    vec![
        event.id.to_string(),
        event.date.start.to_string(),
        opt(event.date.end),
        event.date.precision.as_str().to_owned(),
        opt((!event.date.is_occurrence()).then(|| event.date.basis.as_str())),
        opt(event.date.time),
        opt(event.date.time_end),
        opt(event.date.as_reported.as_deref()),
        event.kind.as_str().to_owned(),
        event.title.clone(),
        event.summary.clone(),
        join(event.places.iter().map(|p| p.place.to_string()).collect()),
        join(
            event
                .places
                .iter()
                .map(|p| {
                    index
                        .place(p.place.as_str())
                        .map_or_else(|| p.place.to_string(), |pl| pl.name.clone())
                })
                .collect(),
        ),
        place.map(|p| num(p.lat)).unwrap_or_default(),
        place.map(|p| num(p.lon)).unwrap_or_default(),
        place.map(|p| p.country.to_string()).unwrap_or_default(),
        join(event.actors.iter().map(|a| a.actor.to_string()).collect()),
        join(
            event
                .actors
                .iter()
                .map(|a| index.actor_name(a.actor.as_str()))
                .collect(),
        ),
        join(event.sources.iter().map(ToString::to_string).collect()),
        join(
            event
                .sources
                .iter()
                .map(|s| index.source_name(s.as_str()))
                .collect(),
        ),
        event.claims.len().to_string(),
        event.casualties.len().to_string(),
        kl,
        kb,
        kh,
        wl,
        wb,
        wh,
        join(event.tags.clone()),
        join(event.related.iter().map(ToString::to_string).collect()),
        join(
            event
                .related
                .iter()
                .filter(|r| r.is_part_of())
                .map(ToString::to_string)
                .collect(),
        ),
        opt(event.notes.as_deref()),
        external,
    ]
}

fn split3(v: Option<(u64, u64, u64)>) -> (String, String, String) {
    match v {
        Some((l, b, h)) => (l.to_string(), b.to_string(), h.to_string()),
        None => Default::default(),
    }
}

/// The exact count of a figure written as one number, else empty.
pub(crate) fn exact_count(c: &Casualty) -> String {
    match c.count {
        Some(Count::Exact(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn figure_row(
    records: &Records,
    event: &Event,
    position: usize,
    c: &Casualty,
    index: &Index<'_>,
) -> Vec<String> {
    let (prefix, suffix) = crate::annotations::context_cells(
        records,
        index,
        c.source.as_ref().map(|s| s.as_str()),
        c.quote.as_deref(),
    );
    let figure = c.figure();
    let (low, best, high) = match &figure {
        Ok(f) => (f.low.to_string(), f.best.to_string(), f.high.to_string()),
        Err(_) => Default::default(),
    };
    let mut note = c.note.clone().unwrap_or_default();
    if let Err(e) = figure {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(&format!("unreadable figure: {e}"));
    }
    vec![
        event.id.to_string(),
        event.date.start.to_string(),
        position.to_string(),
        c.party.to_string(),
        index.actor_name(c.party.as_str()),
        c.category.as_str().to_owned(),
        exact_count(c),
        low,
        best,
        high,
        c.qualifier.map(|q| word(&q)).unwrap_or_default(),
        opt(c.claimant.as_ref()),
        c.claimant
            .as_ref()
            .map(|a| index.actor_name(a.as_str()))
            .unwrap_or_default(),
        opt(c.source.as_ref()),
        c.source
            .as_ref()
            .map(|s| index.source_name(s.as_str()))
            .unwrap_or_default(),
        c.status.map(|s| word(&s)).unwrap_or_default(),
        opt(c.quote.as_deref()),
        prefix,
        suffix,
        note,
    ]
}

/// A unit enum value as the word the records use (`at-least`, `civilian`).
pub(crate) fn word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
