//! `ucdp`: UCDP GED's 49 columns.
//!
//! **Which events.** GED records organised violence, so the export writes every event imported
//! from UCDP and every other event of a violent kind ([`faultline_model::EventKind::is_violent`])
//! but riots (a crowd is not the organised group UCDP counts); statements, deployments,
//! ceasefires, captures and the like have no GED row ([`is_ged_event`]).
//!
//! **Imported events keep their values.** An event imported from UCDP carries every original
//! column in `external.ucdp`; those values are written back verbatim (and a column GED does not
//! have, kept from the import, is written after GED's). Values are written exactly, without
//! the spreadsheet formula guard of the `csv` export (`@TomaszRolbiecki` stays as it is).
//!
//! **Other events**: `side_a` / `side_b` are the first two parties
//! ([`crate::records::parties`]; their `ucdp_side`, else their name); `type_of_violence` is
//! [`type_of_violence`]; `deaths_a`, `deaths_b` are the best killed figures of
//! those parties, `deaths_civilians` those of civilian parties, `deaths_unknown` the rest, and
//! `best` / `low` / `high` the sums over every party of [`figures::summarize`]'s best, low and
//! high — so a disputed figure widens the range instead of being lost. `priogrid_gid` is
//! computed from the coordinates (PRIO-GRID's half-degree cells).

use faultline_formats::acled::kinds::{acled_types, inter_code};
use faultline_formats::country;
use faultline_formats::ucdp::GED_COLUMNS;
use faultline_formats::ucdp::codes::{date_prec, where_prec};
use faultline_model::{ActorKind, Category, Event, PersonStatus, figures};

use crate::cells::{CsvOut, dataset_columns, num};
use crate::error::ExportError;
use crate::records::{Index, Records};

/// Renders the GED CSV.
pub fn render(records: &Records) -> Result<Vec<u8>, ExportError> {
    let index = records.index();
    let events: Vec<&Event> = records.incidents().filter(|e| is_ged_event(e)).collect();
    let columns = dataset_columns(&GED_COLUMNS, &events, "ucdp", |c| GED_COLUMNS.contains(&c));
    let mut out = CsvOut::exact(&columns)?;
    for event in events {
        let kept = event.external.get("ucdp");
        let derived = kept
            .is_none_or(|k| columns.iter().any(|c| !k.contains_key(*c)))
            .then(|| derive(event, &index));
        let row: Vec<String> = columns
            .iter()
            .map(|column| {
                kept.and_then(|k| k.get(*column))
                    .cloned()
                    .unwrap_or_else(|| {
                        GED_COLUMNS
                            .iter()
                            .position(|c| c == column)
                            .and_then(|i| derived.as_ref().and_then(|d| d.get(i)).cloned())
                            .unwrap_or_default()
                    })
            })
            .collect();
        out.row(&row)?;
    }
    out.finish()
}

/// Whether an event has a row in GED: it was imported from UCDP, or its kind is organised
/// violence (violent, and not a riot).
pub fn is_ged_event(event: &Event) -> bool {
    event.external.contains_key("ucdp")
        || (event.kind.is_violent() && event.kind != faultline_model::EventKind::Riot)
}

/// UCDP's `type_of_violence` for an event of ours (one not imported from UCDP): **3**
/// (one-sided violence) when its kind is ACLED's Violence against civilians, or one of its two
/// sides is a civilians actor (civilians killed in a clash between two forces are that clash's
/// `deaths_civilians`, not one-sided violence); otherwise **1** (state-based) when
/// either side is a state actor (state, government, ministry, state forces, border guard,
/// legislature: ACLED's `inter` code 1), **2** (non-state) when it has two sides and neither
/// is; `None` when it names no side at all.
pub fn type_of_violence(event: &Event, index: &Index<'_>) -> Option<u8> {
    let kind_of = |id: &str| index.actor(id).map(|a| a.kind);
    let sides: Vec<_> = crate::records::parties(event).into_iter().take(2).collect();
    let civilian_side = sides
        .iter()
        .any(|a| kind_of(a.actor.as_str()) == Some(ActorKind::Civilians));
    if acled_types(event.kind).0 == "Violence against civilians" || civilian_side {
        return Some(3);
    }
    let state = sides
        .iter()
        .any(|a| kind_of(a.actor.as_str()).is_some_and(|k| inter_code(k) == 1));
    match (state, sides.len()) {
        (true, _) => Some(1),
        (false, 2) => Some(2),
        _ => None,
    }
}

/// PRIO-GRID's cell id for a coordinate: 720 half-degree columns per row, from (-90, -180).
pub fn priogrid_gid(lat: f64, lon: f64) -> u32 {
    let row = (((lat + 90.0) / 0.5).floor() as i64).clamp(0, 359);
    let col = (((lon + 180.0) / 0.5).floor() as i64).clamp(0, 719);
    u32::try_from(row * 720 + col + 1).unwrap_or(0)
}

/// A source's name in flat exports, and the record when the dataset has it.
type NamedSource<'a> = (String, Option<&'a faultline_model::Source>);

fn derive(event: &Event, index: &Index<'_>) -> Vec<String> {
    let parties = crate::records::parties(event);
    let side = |i: usize| {
        parties.get(i).map(|a| {
            let name = index.actor(a.actor.as_str()).map_or_else(
                || a.actor.to_string(),
                |x| x.ucdp_side.clone().unwrap_or_else(|| x.name.clone()),
            );
            (a.actor.as_str(), name)
        })
    };
    let (side_a, side_b) = (side(0), side(1));
    let place = index.main_place(event);
    let country = place.and_then(|p| country::by_alpha3(p.country.as_str()));
    let type_of_violence = type_of_violence(event, index)
        .map(|t| t.to_string())
        .unwrap_or_default();

    // Deaths per side from the summarised killed figures.
    let killed: Vec<_> = figures::summarize(event)
        .into_iter()
        .filter(|p| p.category == Category::Killed)
        .collect();
    let (mut a, mut b, mut civ, mut unknown) = (0u64, 0u64, 0u64, 0u64);
    let (mut low, mut best, mut high) = (0u64, 0u64, 0u64);
    for p in &killed {
        low += p.low;
        best += p.best;
        high += p.high;
        let party = p.party.as_str();
        let civilian = index
            .actor(party)
            .is_some_and(|x| x.kind == ActorKind::Civilians)
            || event
                .casualties
                .iter()
                .filter(|c| c.party.as_str() == party && c.category == Category::Killed)
                .all(|c| c.status == Some(PersonStatus::Civilian));
        if side_a.as_ref().is_some_and(|s| s.0 == party) {
            a += p.best;
        } else if side_b.as_ref().is_some_and(|s| s.0 == party) {
            b += p.best;
        } else if civilian {
            civ += p.best;
        } else {
            unknown += p.best;
        }
    }
    let deaths = |n: u64| {
        if killed.is_empty() {
            String::new()
        } else {
            n.to_string()
        }
    };
    let sources: Vec<_> = event
        .sources
        .iter()
        .map(|s| (index.source_name(s.as_str()), index.source(s.as_str())))
        .collect();
    let list = |f: &dyn Fn(&NamedSource<'_>) -> String| {
        sources.iter().map(f).collect::<Vec<_>>().join(";")
    };
    let mut originals: Vec<String> = Vec::new();
    let claimants = event
        .claims
        .iter()
        .map(|c| Some(&c.claimant))
        .chain(event.casualties.iter().map(|c| c.claimant.as_ref()))
        .flatten();
    for c in claimants {
        let name = index.actor_name(c.as_str());
        if !originals.contains(&name) {
            originals.push(name);
        }
    }
    let s_a = side_a.as_ref().map(|s| s.1.clone()).unwrap_or_default();
    let s_b = side_b.as_ref().map(|s| s.1.clone()).unwrap_or_default();
    let dyad = if s_b.is_empty() {
        s_a.clone()
    } else {
        format!("{s_a} - {s_b}")
    };
    vec![
        event.id.to_string(),
        event.id.to_string(),
        event.date.start.year().to_string(),
        String::new(),
        String::new(),
        type_of_violence,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        dyad,
        String::new(),
        String::new(),
        s_a,
        String::new(),
        String::new(),
        s_b,
        event.sources.len().to_string(),
        list(&|(name, s)| {
            let date = s
                .and_then(|s| s.published)
                .map(|d| d.to_string())
                .unwrap_or_default();
            let title = s.and_then(|s| s.title.clone()).unwrap_or_default();
            format!("\"{name},{date},{title}\"")
        }),
        list(&|(name, _)| name.clone()),
        list(&|(_, s)| {
            s.and_then(|s| s.published)
                .map(|d| d.to_string())
                .unwrap_or_default()
        }),
        list(&|(_, s)| s.and_then(|s| s.title.clone()).unwrap_or_default()),
        originals.join("; "),
        place
            .map(|p| where_prec(p.precision).to_string())
            .unwrap_or_default(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        place.and_then(|p| p.admin2.clone()).unwrap_or_default(),
        place.map(|p| num(p.lat)).unwrap_or_default(),
        place.map(|p| num(p.lon)).unwrap_or_default(),
        place
            .map(|p| format!("POINT ({} {})", num(p.lon), num(p.lat)))
            .unwrap_or_default(),
        place
            .map(|p| priogrid_gid(p.lat, p.lon).to_string())
            .unwrap_or_default(),
        country.map(|c| c.name.to_owned()).unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        date_prec(event.date.precision).to_string(),
        event.date.start.to_string(),
        event.date.last().to_string(),
        deaths(a),
        deaths(b),
        deaths(civ),
        deaths(unknown),
        deaths(best),
        deaths(high),
        deaths(low),
        String::new(),
        String::new(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priogrid() {
        // Rami village, Syria: GED gives 181154 for 35.763369, 36.558974.
        assert_eq!(priogrid_gid(35.763369, 36.558974), 181_154);
        assert_eq!(priogrid_gid(-90.0, -180.0), 1);
        assert_eq!(priogrid_gid(90.0, 180.0), 259_200);
    }
}
