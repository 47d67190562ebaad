//! ACLED rows in the current 31-column export format (since March 2023), the format
//! `faultline import acled` reads: dates as `12 September 2022`, quoted notes with commas,
//! quotes and the odd line break. One row in [`BAD_EVERY`] has a value the importer rejects.

use std::fmt::Write as _;

use faultline_model::Date;

use super::rng::stream;
use super::world::{PLACES, World};

/// One row in this many is malformed (1%): an impossible date, a latitude out of range or a
/// geo-precision code ACLED does not have.
pub(crate) const BAD_EVERY: usize = 100;

/// The header row (the importer's `CURRENT_COLUMNS`).
pub(crate) const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// (disorder type, event type, sub-event type, weight per mille).
const TYPES: [(&str, &str, &str, usize); 10] = [
    ("Political violence", "Battles", "Armed clash", 380),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        220,
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
        60,
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Grenade",
        20,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
        40,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Change to group/activity",
        90,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Agreement",
        20,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Non-violent transfer of territory",
        20,
    ),
    (
        "Strategic developments",
        "Strategic developments",
        "Other",
        50,
    ),
    ("Demonstrations", "Protests", "Peaceful protest", 100),
];

const SCALES: [&str; 4] = ["National", "Other-National", "Subnational", "International"];

/// Appends `s` as a CSV field, quoted when it must be.
fn field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Row `i` (no header), with its final newline.
pub(crate) fn row(world: &World, i: usize, out: &mut String) {
    let mut rng = stream(super::SEED ^ 0xAC1E_D000, i as u64);
    let place = &world.places[rng.below(PLACES)];
    let side = &world.sides[place.side];
    let other = &world.sides[1 - place.side];
    let day = world.first_day
        + i64::try_from(rng.below(usize::try_from(world.days).unwrap_or(1))).unwrap_or(0);
    let date = Date::from_days(day).unwrap_or(Date::EPOCH);
    let weights: Vec<usize> = TYPES.iter().map(|t| t.3).collect();
    let (disorder, event_type, sub_type, _) = TYPES[rng.weighted(&weights)];
    let protest = event_type == "Protests";
    let month = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][usize::from(date.month()) - 1];
    let bad = i % BAD_EVERY == BAD_EVERY / 2;
    let mut event_date = format!("{} {month} {}", date.day(), date.year());
    let (mut lat, mut geo) = (format!("{:.4}", place.lat), (1 + rng.below(3)).to_string());
    if bad {
        match (i / BAD_EVERY) % 3 {
            0 => {
                event_date = format!(
                    "31 {} {}",
                    ["April", "June", "September"][i % 3],
                    date.year()
                )
            }
            1 => lat = format!("{:.4}", 90.0 + place.lat),
            _ => geo = "7".to_owned(),
        }
    }
    let (actor1, inter1, actor2, inter2) = if protest {
        (
            format!("Protesters ({})", side.country),
            "6",
            String::new(),
            "0",
        )
    } else {
        (
            other.forces.2.to_owned(),
            "8",
            side.forces.2.to_owned(),
            "8",
        )
    };
    let assoc = if protest {
        format!("Women ({})", side.country)
    } else {
        String::new()
    };
    let fatalities = if disorder == "Political violence" && rng.chance(200) {
        rng.range(1, 6)
    } else {
        0
    };
    let notes = if protest {
        format!(
            "On {} {month} {}, residents of {} ({}) gathered to demand compensation for homes damaged by shelling. [size=around {}]",
            date.day(),
            date.year(),
            place.name,
            place.admin1,
            10 * rng.range(2, 30)
        )
    } else {
        format!(
            "On {} {month} {}, {} forces fired on {} positions near {} ({}), using \"{}\". The {} said {}; the other side denied it.",
            date.day(),
            date.year(),
            other.adjective,
            side.adjective,
            place.name,
            place.admin1,
            [
                "small arms",
                "mortars",
                "artillery",
                "an unmanned aerial vehicle"
            ][rng.below(4)],
            side.ministry.1,
            match fatalities {
                0 => "there were no casualties".to_owned(),
                1 => "one serviceman was killed".to_owned(),
                n => format!("{n} servicemen were killed"),
            }
        )
    };
    let timestamp = 1_600_000_000 + i64::try_from(i).unwrap_or(0) * 7;
    let cells: [&str; 31] = [
        &format!("{}{}", side.iso, 100_000 + i),
        &event_date,
        &date.year().to_string(),
        &(1 + rng.below(3)).to_string(),
        disorder,
        event_type,
        sub_type,
        &actor1,
        &assoc,
        inter1,
        &actor2,
        "",
        inter2,
        &format!("{inter1}{inter2}"),
        "",
        side.iso_num,
        "Caucasus and Central Asia",
        side.country,
        place.admin1,
        "",
        "",
        &place.name,
        &lat,
        &format!("{:.4}", place.lon),
        &geo,
        &format!(
            "{}; Ministry of Defence of {}",
            ["Armenpress", "APA", "News.am", "Trend"][rng.below(4)],
            side.country
        ),
        SCALES[rng.below(SCALES.len())],
        &notes,
        &fatalities.to_string(),
        if protest { "crowd size=around 100" } else { "" },
        &timestamp.to_string(),
    ];
    for (k, c) in cells.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        field(out, c);
    }
    let _ = writeln!(out);
}
