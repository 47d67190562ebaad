//! `acled`: ACLED's current 31 columns, in ACLED's order.
//!
//! An event imported from ACLED carries every original column in `external.acled`; those
//! values are written back verbatim, so that `export acled` → `import acled` keeps every
//! ACLED column's value. Columns of older generations that the current export no longer has
//! (`data_id`, `iso3`, `gwno`, `ally_actor_*`...) are not part of this format; the `json`,
//! `jsonl` and `csv` exports keep them. For other events each column is derived:
//!
//! - `event_type` / `sub_event_type` from the kind (see [`faultline_model::EventKind`]);
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

use faultline_formats::acled::CURRENT_COLUMNS;
use faultline_formats::acled::codes::{geo_precision, time_precision};
use faultline_formats::acled::kinds::{acled_types, disorder_type, inter_code};
use faultline_formats::country;
use faultline_model::{ActorKind, ActorRole, Category, Event, figures};

use crate::cells::{dataset_csv, num};
use crate::error::ExportError;
use crate::records::{Index, Records};

/// Renders the ACLED CSV.
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    dataset_csv(records, &CURRENT_COLUMNS, "acled", derive)
}

/// An actor of an event as ACLED sees it: name, kind, role in the event, country.
type Party = (String, Option<ActorKind>, Option<ActorRole>, Option<String>);

/// The 31 values of an event, in [`CURRENT_COLUMNS`] order.
fn derive(event: &Event, index: &Index<'_>) -> Vec<String> {
    let (event_type, sub_event_type) = acled_types(event.kind);
    // Only the parties take sides: claimants, mediators, observers, hosts and subjects are not
    // ACLED actors of the event (their statements are in `notes`).
    let takes_side = |role: Option<ActorRole>| {
        matches!(
            role,
            None | Some(
                ActorRole::Participant
                    | ActorRole::Perpetrator
                    | ActorRole::Target
                    | ActorRole::Victim
                    | ActorRole::Detainer
            )
        )
    };
    // An event with no party (a deployment, an appeal) names its other actors, claimants aside.
    let any_party = event.actors.iter().any(|a| takes_side(a.role));
    let actor_names: Vec<Party> = event
        .actors
        .iter()
        .filter(|a| {
            if any_party {
                takes_side(a.role)
            } else {
                a.role != Some(ActorRole::Claimant)
            }
        })
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
    vec![
        event.id.to_string(),
        event.date.start.to_string(),
        event.date.start.year().to_string(),
        time_precision(event.date.precision).to_string(),
        disorder_type(event_type).to_owned(),
        event_type.to_owned(),
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
    ]
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
