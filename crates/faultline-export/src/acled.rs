//! `acled`: ACLED's CSV, in the columns of its current export (31, in ACLED's order) or of an
//! older generation (`--generation pre2023 | hdx | 2016`).
//!
//! **Imported events keep their values.** An event imported from ACLED carries every original
//! column in `external.acled`; each column is written from there, verbatim, whenever the
//! record has it — so an imported file exported in its own generation gives back every value
//! it had. Only what the record's generation lacks is derived, and from ACLED's own values
//! first ([`faultline_formats::acled::convert`]): a renamed column (`assoc_actor_1` ←
//! `ally_actor_1`), today's `event_type` / `sub_event_type` for a 2016-era type ("Battle-Government
//! regains territory" → Battles / Government regains territory; in a 2016 export, the reverse)
//! and `disorder_type` from the type and sub-type — never from faultline's kind, which is a
//! coarser category. Columns no generation knows (the unnamed row index of 2016-era files)
//! are written too, except in the current format, whose 31 columns are a fixed contract.
//!
//! **Other events** derive each column:
//!
//! - `event_type` / `sub_event_type` from the kind ([`faultline_formats::acled::kinds`]),
//!   `disorder_type` from those;
//! - `actor1` / `actor2`: the first two actors that take a side (participant, perpetrator,
//!   target, victim, detainer — not claimants, mediators or observers), by `acled_name`, else
//!   name; further parties go to `assoc_actor_1` / `_2` by shared country;
//!   `assoc_actor_*` are `;`-separated; `inter*` come from the actor kinds;
//! - the place columns from the event's main place (`geo_precision` from its precision);
//! - `source`: the names of the sources, `;`-separated;
//! - `fatalities`: the conservative killed figure (the lowest figure any claimant gave, per
//!   party, summed);
//! - `notes`: the summary, then every claim and every casualty figure with its claimant, so
//!   that disagreeing figures stay visible.
//!
//! Values are written exactly, without the spreadsheet formula guard of the `csv` export:
//! ACLED files are read by programs, which would keep the guard's `'`.

use std::collections::{BTreeMap, HashMap};

use faultline_formats::acled::codes::{geo_precision, time_precision};
use faultline_formats::acled::convert::{current_types, disorder_type, legacy_type, renamed};
use faultline_formats::acled::kinds::{acled_types, inter_code};
use faultline_formats::acled::{CURRENT_COLUMNS, Generation};
use faultline_formats::country;
use faultline_model::{ActorKind, ActorRole, Category, Event, figures};

use crate::cells::{CsvOut, dataset_columns, num};
use crate::error::ExportError;
use crate::records::{Index, Records};

/// Renders the ACLED CSV in the current generation's 31 columns.
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    render_generation(records, Generation::Current)
}

/// Renders the ACLED CSV in the columns of `generation` (with the HXL hashtag row under the
/// header for [`Generation::Hdx`]).
pub fn render_generation(
    records: &Records,
    generation: Generation,
) -> Result<Vec<u8>, ExportError> {
    let index = records.index();
    let events: Vec<&Event> = records.incidents().collect();
    let columns = if generation == Generation::Current {
        generation.columns().to_vec()
    } else {
        dataset_columns(generation.columns(), &events, "acled", |c| {
            Generation::is_known_column(c) || renamed(c).is_some()
        })
    };
    let mut out = CsvOut::exact(&columns)?;
    if let Some(tags) = generation.hxl_row() {
        let row: Vec<&str> = columns
            .iter()
            .map(|c| {
                generation
                    .columns()
                    .iter()
                    .position(|g| g == c)
                    .map_or("", |i| tags[i])
            })
            .collect();
        out.row(&row)?;
    }
    for event in events {
        let row = Row::new(event, &index, generation);
        let cells: Vec<String> = columns.iter().map(|c| row.value(c)).collect();
        out.row(&cells)?;
    }
    out.finish()
}

/// One event's values: kept from an ACLED import where it has them, else derived.
struct Row<'a, 'i> {
    event: &'a Event,
    index: &'i Index<'a>,
    kept: Option<&'a BTreeMap<String, String>>,
    generation: Generation,
    derived: std::cell::OnceCell<HashMap<&'static str, String>>,
}

impl<'a, 'i> Row<'a, 'i> {
    fn new(event: &'a Event, index: &'i Index<'a>, generation: Generation) -> Self {
        Self {
            event,
            index,
            kept: event.external.get("acled"),
            generation,
            derived: std::cell::OnceCell::new(),
        }
    }

    /// A value kept from the import, verbatim.
    fn kept(&self, column: &str) -> Option<&'a str> {
        self.kept?.get(column).map(String::as_str)
    }

    /// Today's event type and sub-type of the imported row, when it had an event type.
    fn kept_types(&self) -> Option<(&'a str, Option<&'a str>)> {
        let sub = self
            .kept("sub_event_type")
            .filter(|s| !s.trim().is_empty() && *s != "NA");
        self.kept("event_type").map(|et| current_types(et, sub))
    }

    /// The value of `column` in this generation.
    fn value(&self, column: &str) -> String {
        if let Some(v) = self.kept_value(column) {
            return v;
        }
        self.derived().get(column).cloned().unwrap_or_default()
    }

    /// The value of `column` from what the import kept: the column itself, a renamed one, or
    /// the type columns from the kept event type.
    fn kept_value(&self, column: &str) -> Option<String> {
        self.kept?;
        match column {
            "event_type" => {
                let et = self.kept("event_type")?;
                let sub = self.kept("sub_event_type");
                Some(if self.generation == Generation::Legacy2016 {
                    let (now, now_sub) = current_types(et, sub);
                    legacy_type(now, now_sub).to_owned()
                } else {
                    current_types(et, sub).0.to_owned()
                })
            }
            "sub_event_type" => self.kept(column).map(str::to_owned).or_else(|| {
                self.kept_types()
                    .map(|(_, sub)| sub.unwrap_or("").to_owned())
            }),
            "disorder_type" => self.kept(column).map(str::to_owned).or_else(|| {
                self.kept_types()
                    .map(|(et, sub)| disorder_type(et, sub).unwrap_or("").to_owned())
            }),
            _ => self
                .kept(column)
                .or_else(|| renamed(column).and_then(|old| self.kept(old)))
                .map(str::to_owned),
        }
    }

    fn derived(&self) -> &HashMap<&'static str, String> {
        self.derived
            .get_or_init(|| derive(self.event, self.index, self.generation))
    }
}

/// An actor of an event as ACLED sees it: name, kind, role in the event, country.
type Party = (String, Option<ActorKind>, Option<ActorRole>, Option<String>);

/// The values of an event derived from its record, by column, for every column of every
/// generation.
fn derive(
    event: &Event,
    index: &Index<'_>,
    generation: Generation,
) -> HashMap<&'static str, String> {
    let (event_type, sub_event_type) = acled_types(event.kind);
    let actor_names: Vec<Party> = crate::records::parties(event)
        .into_iter()
        .map(|a| {
            let actor = index.actor(a.actor.as_str());
            let name = actor
                .map(|x| x.acled_name.clone().unwrap_or_else(|| x.name.clone()))
                .unwrap_or_else(|| a.actor.to_string());
            let country = actor.and_then(|x| x.country.as_ref().map(ToString::to_string));
            (name, actor.map(|x| x.kind), a.role, country)
        })
        .collect();
    let actor1 = actor_names.first();
    let actor2 = actor_names.get(1);
    // Further parties join the side of the actor they share a country with (else actor1's
    // when they share its role, else actor2's).
    let (assoc1, assoc2): (Vec<_>, Vec<_>) = actor_names.iter().skip(2).partition(|a| {
        let country1 = actor1.and_then(|x| x.3.as_ref());
        let country2 = actor2.and_then(|x| x.3.as_ref());
        match (a.3.as_ref(), country1, country2) {
            (Some(c), Some(c1), _) if c == c1 => true,
            (Some(c), _, Some(c2)) if c == c2 => false,
            _ => a.2 == actor1.and_then(|x| x.2),
        }
    });
    let names = |list: Vec<&Party>| {
        list.iter()
            .map(|a| a.0.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let inter = |a: Option<&Party>| -> u8 { a.map_or(0, |a| a.1.map_or(8, inter_code)) };
    let (i1, i2) = (inter(actor1), inter(actor2));
    let interaction = if i2 == 0 {
        format!("{i1}0")
    } else {
        format!("{}{}", i1.min(i2), i1.max(i2))
    };
    let civilian_targeting = actor_names.iter().any(|a| {
        a.1 == Some(ActorKind::Civilians)
            && matches!(a.2, Some(ActorRole::Victim | ActorRole::Target))
    });
    let place = index.main_place(event);
    let country = place.and_then(|p| country::by_alpha3(p.country.as_str()));
    let fatalities = figures::conservative_total(event, Category::Killed);
    let has_killed = event
        .casualties
        .iter()
        .any(|c| c.category == Category::Killed && c.figure().is_ok());
    let values = [
        event.id.to_string(),
        event.date.start.to_string(),
        event.date.start.year().to_string(),
        time_precision(event.date.precision).to_string(),
        disorder_type(event_type, Some(sub_event_type))
            .unwrap_or("")
            .to_owned(),
        if generation == Generation::Legacy2016 {
            legacy_type(event_type, Some(sub_event_type)).to_owned()
        } else {
            event_type.to_owned()
        },
        sub_event_type.to_owned(),
        actor1.map(|a| a.0.clone()).unwrap_or_default(),
        names(assoc1),
        if actor1.is_some() {
            i1.to_string()
        } else {
            String::new()
        },
        actor2.map(|a| a.0.clone()).unwrap_or_default(),
        names(assoc2),
        if actor2.is_some() {
            i2.to_string()
        } else {
            String::new()
        },
        if actor1.is_some() {
            interaction
        } else {
            String::new()
        },
        if civilian_targeting {
            "Civilian targeting".to_owned()
        } else {
            String::new()
        },
        country
            .filter(|c| c.numeric != 0)
            .map(|c| c.numeric.to_string())
            .unwrap_or_default(),
        String::new(),
        country.map(|c| c.name.to_owned()).unwrap_or_default(),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        place.and_then(|p| p.admin2.clone()).unwrap_or_default(),
        String::new(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.map(|p| num(p.lat)).unwrap_or_default(),
        place.map(|p| num(p.lon)).unwrap_or_default(),
        place
            .map(|p| geo_precision(p.precision).to_string())
            .unwrap_or_default(),
        event
            .sources
            .iter()
            .map(|s| index.source_name(s.as_str()))
            .collect::<Vec<_>>()
            .join("; "),
        String::new(),
        notes(event, index),
        if has_killed {
            fatalities.to_string()
        } else {
            String::new()
        },
        event.tags.join("; "),
        String::new(),
    ];
    let mut map: HashMap<&'static str, String> = CURRENT_COLUMNS.into_iter().zip(values).collect();
    // The older generations' own columns: ISO alpha-3, and the renamed actor columns.
    map.insert(
        "iso3",
        country.map(|c| c.alpha3.to_owned()).unwrap_or_default(),
    );
    for column in ["assoc_actor_1", "assoc_actor_2"] {
        if let Some(old) = renamed(column) {
            let value = map.get(column).cloned().unwrap_or_default();
            map.insert(old, value);
        }
    }
    map
}

/// The summary, then each claim and each casualty figure with who stated it.
pub fn notes(event: &Event, index: &Index<'_>) -> String {
    let mut text = event.summary.clone();
    let claims: Vec<String> = event
        .claims
        .iter()
        .map(|c| {
            let mut s = format!(
                "{} {}",
                index.actor_name(c.claimant.as_str()),
                serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            );
            if let Some(a) = &c.against {
                s.push(' ');
                s.push_str(&index.actor_name(a.as_str()));
            }
            if let Some(q) = &c.quote {
                s.push_str(&format!(": \"{q}\""));
            }
            s
        })
        .collect();
    if !claims.is_empty() {
        text.push_str(&format!(" Claims: {}.", claims.join("; ")));
    }
    let parties: Vec<String> = figures::summarize(event)
        .iter()
        .map(|p| {
            let given: Vec<String> = p
                .figures
                .iter()
                .map(|f| {
                    let number = if f.figure.low == f.figure.high {
                        f.figure.low.to_string()
                    } else {
                        format!("{}-{}", f.figure.low, f.figure.high)
                    };
                    let value = match f.qualifier {
                        Some(q) => format!("{} {number}", q.words()),
                        None => number,
                    };
                    let who = f.claimant.as_ref().map_or_else(
                        || "no claimant named".to_owned(),
                        |c| index.actor_name(c.as_str()),
                    );
                    format!("{value} according to {who}")
                })
                .collect();
            format!(
                "{} {}: {}",
                index.actor_name(p.party.as_str()),
                p.category.as_str(),
                given.join(", ")
            )
        })
        .collect();
    if !parties.is_empty() {
        text.push_str(&format!(" Figures: {}.", parties.join("; ")));
    }
    text
}
