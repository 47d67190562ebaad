//! Events: event `i` is a pure function of the seed and `i`, so a dataset of 10k events is the
//! first 10k of a dataset of 1M, and datasets can be generated in parallel.
//!
//! Each event gets its own (place, two-day block) slot from a permutation of all slots, so
//! clean events never look like duplicates of each other: the possible duplicates the linter
//! reports are the ones planted. Exactly one event in [`DEFECT_EVERY`] (at a pseudo-random
//! position in each block of that many) carries one defect, the kinds of defect in rotation.

use faultline_model::Date;

use super::doc::{Table, Val, strs};
use super::rng::{Rng, mix, stream};
use super::world::{PLACES, PlaceInfo, World};

/// One event in this many carries a defect (2%).
pub(crate) const DEFECT_EVERY: usize = 50;

/// Slot permutation step: coprime with the number of slots (checked by a test).
const STRIDE: u64 = 6_700_417;
/// Slot permutation offset.
const OFFSET: u64 = 1_234_567;

/// A defect planted in a record, and the rule that must report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Defect {
    /// The event starts after `--today` (2027).
    FutureDate,
    /// `end` is the day before `start`.
    DateRangeReversed,
    /// A reference to an actor, place or event that does not exist.
    DanglingReference,
    /// A place written as the other side's name variant instead of its id.
    PlaceAlias,
    /// A casualty figure without a claimant.
    UnattributedCasualty,
    /// A negative casualty count.
    NegativeCount,
    /// A casualty range with `low > high`.
    CountRangeReversed,
    /// A key the format does not have.
    UnknownKey,
    /// A start date that is not a day of the calendar.
    ImpossibleDate,
    /// A second copy of an earlier event (same id).
    DuplicateId,
    /// A second report of an earlier event: same kind, place and dates, another id.
    PossibleDuplicate,
}

impl Defect {
    /// Every defect, in rotation order.
    pub(crate) const ALL: [Defect; 11] = [
        Self::FutureDate,
        Self::DateRangeReversed,
        Self::DanglingReference,
        Self::PlaceAlias,
        Self::UnattributedCasualty,
        Self::NegativeCount,
        Self::CountRangeReversed,
        Self::UnknownKey,
        Self::ImpossibleDate,
        Self::DuplicateId,
        Self::PossibleDuplicate,
    ];

    /// The rule that reports this defect.
    pub(crate) fn rule(self) -> &'static str {
        match self {
            Self::FutureDate => "future-date",
            Self::DateRangeReversed => "date-range-reversed",
            Self::DanglingReference => "dangling-reference",
            Self::PlaceAlias => "place-alias",
            Self::UnattributedCasualty => "unattributed-casualty",
            Self::NegativeCount | Self::CountRangeReversed => "invalid-casualty-range",
            Self::UnknownKey => "schema-violation",
            Self::ImpossibleDate => "parse-error",
            Self::DuplicateId => "duplicate-id",
            Self::PossibleDuplicate => "possible-duplicate-event",
        }
    }
}

/// The defect of event `i`, if it has one.
pub(crate) fn defect_of(i: usize) -> Option<Defect> {
    let block = i / DEFECT_EVERY;
    let at = usize::try_from(mix(super::SEED ^ block as u64) % DEFECT_EVERY as u64).unwrap_or(0);
    (i % DEFECT_EVERY == at).then(|| Defect::ALL[block % Defect::ALL.len()])
}

/// A generated event, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Generated {
    /// The record.
    pub(crate) record: Table,
    /// The folder under `events/` (the start year).
    pub(crate) year: String,
    /// The file stem (the id, except for a copied file).
    pub(crate) stem: String,
    /// The planted defect.
    pub(crate) defect: Option<Defect>,
    /// For a copy or a second report: the event it repeats.
    pub(crate) copy_of: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ArmedClash,
    CeasefireViolation,
    TerritorialAdvance,
    Shelling,
    DroneStrike,
    GrenadeAttack,
    Capture,
    Release,
    Ceasefire,
    Deployment,
    Exercise,
    Diplomatic,
    Negotiation,
    Statement,
}

/// Kinds with their weight per mille.
const KINDS: [(Kind, usize); 14] = [
    (Kind::ArmedClash, 140),
    (Kind::CeasefireViolation, 330),
    (Kind::TerritorialAdvance, 30),
    (Kind::Shelling, 140),
    (Kind::DroneStrike, 50),
    (Kind::GrenadeAttack, 20),
    (Kind::Capture, 40),
    (Kind::Release, 20),
    (Kind::Ceasefire, 20),
    (Kind::Deployment, 40),
    (Kind::Exercise, 30),
    (Kind::Diplomatic, 80),
    (Kind::Negotiation, 20),
    (Kind::Statement, 40),
];

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::ArmedClash => "armed-clash",
            Self::CeasefireViolation => "ceasefire-violation",
            Self::TerritorialAdvance => "territorial-advance",
            Self::Shelling => "shelling",
            Self::DroneStrike => "drone-strike",
            Self::GrenadeAttack => "grenade-attack",
            Self::Capture => "capture",
            Self::Release => "release",
            Self::Ceasefire => "ceasefire",
            Self::Deployment => "deployment",
            Self::Exercise => "exercise",
            Self::Diplomatic => "diplomatic",
            Self::Negotiation => "negotiation",
            Self::Statement => "statement",
        }
    }

    /// Whether the event happens at its place (role `location`); otherwise the place is only
    /// `mentioned` (talks, statements), which duplicate detection ignores.
    fn located(self) -> bool {
        !matches!(self, Self::Diplomatic | Self::Negotiation | Self::Statement)
    }

    fn violent(self) -> bool {
        matches!(
            self,
            Self::ArmedClash
                | Self::CeasefireViolation
                | Self::Shelling
                | Self::DroneStrike
                | Self::GrenadeAttack
        )
    }

    fn title(self, place: &str, third: &str) -> String {
        match self {
            Self::ArmedClash => format!("Exchange of fire near {place}"),
            Self::CeasefireViolation => format!("Ceasefire violation reported near {place}"),
            Self::TerritorialAdvance => format!("Troops take new positions near {place}"),
            Self::Shelling => format!("Shelling of positions near {place}"),
            Self::DroneStrike => format!("Drone strike near {place}"),
            Self::GrenadeAttack => format!("Grenade thrown at a post near {place}"),
            Self::Capture => format!("Serviceman detained near {place}"),
            Self::Release => format!("Detained servicemen handed over near {place}"),
            Self::Ceasefire => format!("Local ceasefire agreed for the section near {place}"),
            Self::Deployment => format!("Additional troops deployed near {place}"),
            Self::Exercise => format!("Military exercises near {place}"),
            Self::Diplomatic => {
                format!("{} discusses the situation near {place}", capital(third))
            }
            Self::Negotiation => format!("Border commissions meet on the section near {place}"),
            Self::Statement => format!("Defence ministry warns over positions near {place}"),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::ArmedClash => "an exchange of fire between units of both armies",
            Self::CeasefireViolation => "small-arms fire across the line of contact",
            Self::TerritorialAdvance => "troops moving forward to new positions",
            Self::Shelling => "mortar and artillery fire on forward positions",
            Self::DroneStrike => "a strike by an unmanned aerial vehicle on a military vehicle",
            Self::GrenadeAttack => "a grenade thrown at an observation post",
            Self::Capture => "the detention of a serviceman who had crossed the border",
            Self::Release => "the handover of detained servicemen at a checkpoint",
            Self::Ceasefire => "an agreement to stop firing on the section",
            Self::Deployment => "the arrival of additional troops and armoured vehicles",
            Self::Exercise => "tactical exercises with live firing",
            Self::Diplomatic => "talks about the situation on the border",
            Self::Negotiation => "a meeting of the delimitation commissions",
            Self::Statement => "a warning about the positions on the border",
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
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
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEAPONS: [&str; 6] = [
    "small arms",
    "large-calibre machine guns",
    "sniper rifles",
    "mortars",
    "grenade launchers",
    "artillery",
];
const TAGS: [&str; 6] = [
    "border",
    "ceasefire",
    "civilians",
    "infrastructure",
    "prisoners",
    "delimitation",
];

/// When and where event `i` happens.
#[derive(Debug, Clone, Copy)]
struct Plan {
    kind: Kind,
    place: usize,
    start: i64,
    end: Option<i64>,
}

impl Plan {
    fn start_date(&self) -> Date {
        Date::from_days(self.start).unwrap_or(Date::EPOCH)
    }

    fn id(&self, world: &World) -> String {
        format!(
            "{}-{}-{}",
            self.start_date(),
            self.kind.as_str(),
            world.places[self.place].id
        )
    }
}

/// The number of (place, two-day block) slots.
pub(crate) fn slots(world: &World) -> u64 {
    (PLACES as u64) * u64::try_from(world.days / 2).unwrap_or(1)
}

fn plan(world: &World, i: usize) -> Plan {
    let mut rng = stream(super::SEED, i as u64);
    let slot = ((i as u64).wrapping_mul(STRIDE).wrapping_add(OFFSET)) % slots(world);
    let place = usize::try_from(slot % PLACES as u64).unwrap_or(0);
    let block = i64::try_from(slot / PLACES as u64).unwrap_or(0);
    let day0 = world.first_day + 2 * block;
    let weights: Vec<usize> = KINDS.iter().map(|k| k.1).collect();
    let kind = KINDS[rng.weighted(&weights)].0;
    let (start, end) = if kind.located() && rng.chance(150) {
        (day0, Some(day0 + 1))
    } else {
        (day0 + rng.range(0, 1), None)
    };
    Plan {
        kind,
        place,
        start,
        end,
    }
}

/// The nearest clean event before `i` (and, with `located`, one that has a location).
fn earlier_clean(world: &World, i: usize, rng: &mut Rng, located: bool) -> usize {
    let mut j = i.saturating_sub(1 + rng.below(i.clamp(1, 200)));
    loop {
        if defect_of(j).is_none() && (!located || plan(world, j).kind.located()) {
            return j;
        }
        if j == 0 {
            return 0;
        }
        j -= 1;
    }
}

/// Event `i`.
pub(crate) fn event(world: &World, i: usize) -> Generated {
    let defect = defect_of(i);
    let mut rng = stream(super::SEED ^ 0xE7E7, i as u64);
    let (mut plan, copied_from) = match defect {
        Some(Defect::DuplicateId) => {
            let j = earlier_clean(world, i, &mut rng, false);
            let mut g = event(world, j);
            g.stem = format!("{}-copy", g.stem);
            g.defect = defect;
            g.copy_of = Some(j);
            return g;
        }
        Some(Defect::PossibleDuplicate) => {
            let j = earlier_clean(world, i, &mut rng, true);
            (plan(world, j), Some(j))
        }
        _ => (plan(world, i), None),
    };
    if defect == Some(Defect::FutureDate) {
        plan.start = Date::new(2027, 3, 1).map_or(0, Date::to_days) + rng.range(0, 200);
        plan.end = None;
    }
    let mut id = plan.id(world);
    if copied_from.is_some() {
        id.push_str("-second-report");
    }
    let mut record = build(world, i, &plan, &id, &mut rng, defect);
    if let Some(d) = defect {
        plant(world, d, &plan, &mut record, &mut rng);
    }
    let start = plan.start_date().to_string();
    let (year, stem) = match defect {
        Some(Defect::ImpossibleDate) => {
            // The id keeps the date it was written with: `2019-02-30-...`.
            let bad = impossible(&plan);
            id = id.replacen(&start, &bad, 1);
            if let Some(v) = record.get_mut("id") {
                *v = Val::Str(id.clone());
            }
            (bad[..4].to_owned(), id)
        }
        _ => (start[..4].to_owned(), id),
    };
    Generated {
        record,
        year,
        stem,
        defect,
        copy_of: copied_from,
    }
}

/// A date that does not exist, near the plan's start: the 30th of February or the 31st of a
/// 30-day month of the same year.
fn impossible(plan: &Plan) -> String {
    let d = plan.start_date();
    match d.month() {
        1..=3 => format!("{}-02-30", d.year()),
        4 | 5 => format!("{}-04-31", d.year()),
        6 | 7 => format!("{}-06-31", d.year()),
        8..=10 => format!("{}-09-31", d.year()),
        _ => format!("{}-11-31", d.year()),
    }
}

/// The clean record.
fn build(
    world: &World,
    i: usize,
    plan: &Plan,
    id: &str,
    rng: &mut Rng,
    defect: Option<Defect>,
) -> Table {
    let a = rng.below(2);
    let (sa, sb) = (&world.sides[a], &world.sides[1 - a]);
    let place = &world.places[plan.place];
    let start = plan.start_date();
    let year = start.year();
    let third = world.third_parties[i % world.third_parties.len()];
    let news = world.news_for(plan.start);

    // Sources: the round-up of the window, often a party's bulletin, sometimes a dataset.
    // A future-dated event cites only a dataset release (no publication date to contradict).
    let future = defect == Some(Defect::FutureDate);
    let mut sources: Vec<String> = Vec::new();
    let (mut src_a, mut src_b) = (news.id.clone(), news.id.clone());
    if future {
        let ds = world.datasets[i % world.datasets.len()].clone();
        sources.push(ds.clone());
        src_a.clone_from(&ds);
        src_b = ds;
    } else {
        sources.push(news.id.clone());
        if rng.chance(550) {
            src_a = world.bulletin(a, year).to_owned();
            sources.push(src_a.clone());
        }
        if rng.chance(300) {
            src_b = world.bulletin(1 - a, year).to_owned();
            sources.push(src_b.clone());
        }
        if rng.chance(150) {
            sources.push(world.datasets[i % world.datasets.len()].clone());
        }
    }

    let mut t = Table::default();
    t.s("id", id)
        .s("title", plan.kind.title(&place.name, third.1))
        .s("kind", plan.kind.as_str())
        .s(
            "summary",
            summary(world, plan, sa, sb, place, news.publisher, third.1, rng),
        )
        .put("sources", strs(&sources));
    let mut tags = vec![TAGS[0]];
    if rng.chance(400) {
        tags.push(rng.pick(&TAGS[1..]));
    }
    t.put("tags", strs(&tags));
    if i > 0 && rng.chance(50) {
        let j = earlier_clean(world, i, rng, false);
        if j != i {
            t.put("related", strs(&[plan_id(world, j)]));
        }
    }
    if rng.chance(100) {
        t.s(
            "notes",
            format!(
                "{} gives the time as local time; the two ministries' accounts of who fired first differ and neither is adopted here.",
                news.publisher
            ),
        );
    }
    t.put("date", Val::Table(date(plan, rng)));

    // Places: where it happened (or the place talked about), sometimes another mentioned.
    let mut places = vec![Val::Table(place_ref(
        &place.id,
        if plan.kind.located() {
            "location"
        } else {
            "mentioned"
        },
        None,
    ))];
    if rng.chance(350) {
        let other = &world.places[rng.below(PLACES)];
        if other.id != place.id {
            places.push(Val::Table(place_ref(
                &other.id,
                "mentioned",
                Some(&format!(
                    "{} named it as the direction of fire",
                    sa.ministry.1
                )),
            )));
        }
    }
    t.put("places", Val::List(places));

    // Who speaks for side A: the foreign ministry about talks, else the defence ministry or its
    // spokesperson.
    let speaker_a = if matches!(plan.kind, Kind::Diplomatic | Kind::Negotiation) {
        sa.foreign_ministry
    } else if rng.chance(300) {
        sa.spokesperson
    } else {
        sa.ministry.0
    };

    // Actors.
    let unit_a = &sa.units[(i / 2) % sa.units.len()];
    let unit_b = &sb.units[(i / 3) % sb.units.len()];
    let mut actors: Vec<(&str, &str)> = Vec::new();
    match plan.kind {
        Kind::Diplomatic | Kind::Negotiation => {
            actors.push((third.0, "mediator"));
            actors.push((sa.government, "participant"));
            actors.push((sb.government, "participant"));
        }
        Kind::Statement => {
            actors.push((sa.ministry.0, "claimant"));
            actors.push((sb.state, "subject"));
        }
        Kind::Capture | Kind::Release => {
            actors.push((sb.border_guard, "detainer"));
            actors.push((sa.forces.0, "victim"));
            if i.is_multiple_of(7) {
                actors.push((third.0, "mediator"));
            }
        }
        _ => {
            actors.push((sa.forces.0, "participant"));
            actors.push((sb.forces.0, "participant"));
            actors.push((unit_a.as_str(), "participant"));
            if rng.chance(500) {
                actors.push((unit_b.as_str(), "participant"));
            }
        }
    }
    if !actors.iter().any(|(a, _)| *a == speaker_a) {
        actors.push((speaker_a, "claimant"));
    }
    let mut list = Vec::new();
    for (actor, role) in actors {
        let mut x = Table::default();
        x.s("actor", actor).s("role", role);
        list.push(Val::Table(x));
    }
    t.put("actors", Val::List(list));

    // Claims: each side's account, each with its claimant, source and quote.
    let weapon = rng.pick(&WEAPONS);
    let mut claims = Vec::new();
    let mut c = Table::default();
    c.s("claimant", speaker_a).s(
        "kind",
        if plan.kind.violent() {
            "accuses"
        } else {
            "reports"
        },
    );
    if plan.kind.violent() {
        c.s("against", sb.forces.0);
    }
    c.s("source", &src_a).s(
        "quote",
        format!(
            "“Units of the {} subjected our positions near {} to fire from {weapon}”",
            sb.forces.1, place.name
        ),
    );
    claims.push(Val::Table(c));
    if rng.chance(600) {
        let mut c = Table::default();
        c.s("claimant", sb.ministry.0)
            .s("kind", "denies")
            .s("source", &src_b)
            .s(
                "quote",
                format!(
                    "“The information spread by the {} about fire near {} is untrue; our units strictly observe the ceasefire”",
                    sa.ministry.1, place.name
                ),
            );
        claims.push(Val::Table(c));
    }
    t.put("claims", Val::List(claims));

    // Casualty figures.
    let wants = defect.is_some_and(|d| {
        matches!(
            d,
            Defect::UnattributedCasualty | Defect::NegativeCount | Defect::CountRangeReversed
        )
    });
    let figures = if wants {
        1
    } else if plan.kind.violent() && rng.chance(450) {
        rng.range(1, 3)
    } else if plan.kind == Kind::Capture {
        1
    } else {
        0
    };
    let mut casualties = Vec::new();
    let categories = if plan.kind == Kind::Capture {
        vec!["captured"]
    } else {
        vec!["killed", "wounded", "missing"]
    };
    for k in 0..usize::try_from(figures).unwrap_or(0) {
        let category = categories[k % categories.len()];
        let civilian = category == "wounded" && rng.chance(150);
        let party = if civilian { sa.civilians } else { sa.forces.0 };
        let mut f = Table::default();
        f.s("party", party).s("category", category);
        let n = rng.range(1, 6);
        let words = match rng.below(10) {
            0 | 1 => {
                let high = n + rng.range(1, 4);
                let mut r = Table::default();
                r.put("low", Val::Int(n)).put("high", Val::Int(high));
                f.put("count", Val::Table(r));
                format!("between {n} and {high}")
            }
            2 => {
                f.put("count", Val::Int(n)).s("qualifier", "at-least");
                format!("at least {n}")
            }
            _ => {
                f.put("count", Val::Int(n));
                n.to_string()
            }
        };
        let who = if civilian { "civilians" } else { "servicemen" };
        let verb = match category {
            "captured" => "were detained",
            "missing" => "are missing",
            "killed" => "were killed",
            _ => "were wounded",
        };
        f.s("claimant", sa.ministry.0)
            .s("source", &src_a)
            .s(
                "quote",
                format!("“{words} {who} {verb}” near {}", place.name),
            )
            .s("status", if civilian { "civilian" } else { "military" });
        casualties.push(Val::Table(f));
    }
    if !casualties.is_empty() {
        t.put("casualties", Val::List(casualties));
    }
    if rng.chance(250) {
        let mut acled = Table::default();
        acled
            .s("event_id_cnty", format!("{}{}", sa.iso, 100_000 + i))
            .s("source_scale", "National")
            .s("inter1", "1");
        let mut ext = Table::default();
        ext.put("acled", Val::Table(acled));
        t.put("external", Val::Table(ext));
    }
    t
}

fn plan_id(world: &World, j: usize) -> String {
    plan(world, j).id(world)
}

fn place_ref(id: &str, role: &str, note: Option<&str>) -> Table {
    let mut p = Table::default();
    p.s("place", id).s("role", role);
    if let Some(n) = note {
        p.s("note", n);
    }
    p
}

fn date(plan: &Plan, rng: &mut Rng) -> Table {
    let start = plan.start_date();
    let mut d = Table::default();
    d.put("start", Val::Date(start.to_string()));
    let month = MONTHS[usize::from(start.month()) - 1];
    match plan.end.and_then(Date::from_days) {
        Some(end) => {
            d.put("end", Val::Date(end.to_string()))
                .s("precision", "days")
                .s(
                    "as_reported",
                    format!("overnight from {} to {} {month}", start.day(), end.day()),
                );
        }
        None => {
            d.s("precision", "day");
            let weekday = WEEKDAYS[usize::from(start.weekday())];
            if rng.chance(200) {
                let hour = rng.range(0, 20);
                d.s("time", format!("{hour:02}:{:02}", rng.range(0, 5) * 10))
                    .s("time_end", format!("{:02}:30", hour + rng.range(1, 3)))
                    .s(
                        "as_reported",
                        format!("on {weekday} from about {hour:02}:00"),
                    );
            } else {
                d.s(
                    "as_reported",
                    format!("on {weekday}, {} {month}", start.day()),
                );
            }
        }
    }
    d
}

#[allow(clippy::too_many_arguments)]
fn summary(
    world: &World,
    plan: &Plan,
    sa: &super::world::Side,
    sb: &super::world::Side,
    place: &PlaceInfo,
    publisher: &str,
    third: &str,
    rng: &mut Rng,
) -> String {
    let start = plan.start_date();
    let when = format!(
        "on {} {} {}",
        start.day(),
        MONTHS[usize::from(start.month()) - 1],
        start.year()
    );
    let other = &world.places[(plan.place + 7) % PLACES];
    let mut s = format!(
        "The {} reported {} near {} ({}) {when}, saying that the fire came from the direction of {}. ",
        sa.ministry.1,
        plan.kind.what(),
        place.name,
        place.admin1,
        other.name,
    );
    s.push_str(match rng.below(3) {
        0 => "The other side's defence ministry denied the report and said its units had only returned fire. ",
        1 => "The other side's defence ministry gave no comment on the day. ",
        _ => "The other side's defence ministry accused the first of a provocation aimed at the ongoing talks. ",
    });
    if !plan.kind.located() {
        s.push_str(&format!(
            "{} was named as a participant in the discussion of the section. ",
            capital(third)
        ));
    }
    s.push_str(&format!(
        "{publisher} quoted both ministries, including the {} statement, and could not verify either account independently.",
        sb.adjective
    ));
    s
}

/// Plants defect `d` in a clean record.
fn plant(world: &World, d: Defect, plan: &Plan, t: &mut Table, rng: &mut Rng) {
    match d {
        Defect::FutureDate | Defect::PossibleDuplicate | Defect::DuplicateId => {}
        Defect::DateRangeReversed => {
            if let Some(Val::Table(date)) = t.get_mut("date") {
                let start = plan.start_date();
                let before = start.add_days(-1).unwrap_or(start);
                date.remove("end");
                date.remove("time");
                date.remove("time_end");
                date.put("end", Val::Date(before.to_string()));
                if let Some(p) = date.get_mut("precision") {
                    *p = Val::Str("days".into());
                }
            }
        }
        Defect::DanglingReference => match rng.below(3) {
            0 => {
                // A unit number that does not exist.
                if let Some(Val::List(actors)) = t.get_mut("actors")
                    && let Some(Val::Table(first)) = actors.first_mut()
                    && let Some(Val::Str(actor)) = first.get_mut("actor")
                {
                    actor.push_str("-unit-9999");
                }
            }
            1 => {
                // A typo in a place id.
                if let Some(Val::List(places)) = t.get_mut("places")
                    && let Some(Val::Table(first)) = places.first_mut()
                    && let Some(Val::Str(place)) = first.get_mut("place")
                {
                    place.push_str("zz");
                }
            }
            _ => {
                // A related event that was never recorded.
                t.remove("related");
                let missing = format!("{}-unrecorded-incident", plan.start_date());
                t.put("related", strs(&[missing]));
            }
        },
        Defect::PlaceAlias => {
            if let Some(Val::List(places)) = t.get_mut("places")
                && let Some(Val::Table(first)) = places.first_mut()
                && let Some(Val::Str(place)) = first.get_mut("place")
            {
                place.clone_from(&world.places[plan.place].variant);
            }
        }
        Defect::UnattributedCasualty | Defect::NegativeCount | Defect::CountRangeReversed => {
            if let Some(Val::List(figures)) = t.get_mut("casualties")
                && let Some(Val::Table(f)) = figures.first_mut()
            {
                match d {
                    Defect::UnattributedCasualty => f.remove("claimant"),
                    Defect::NegativeCount => {
                        if let Some(c) = f.get_mut("count") {
                            *c = Val::Int(-rng.range(1, 9));
                        }
                    }
                    _ => {
                        let mut r = Table::default();
                        let low = rng.range(5, 12);
                        r.put("low", Val::Int(low))
                            .put("high", Val::Int(low - rng.range(1, 4)));
                        if let Some(c) = f.get_mut("count") {
                            *c = Val::Table(r);
                        }
                    }
                }
            }
        }
        Defect::UnknownKey => {
            if rng.chance(500) {
                t.put("verified", Val::Bool(true));
            } else if let Some(Val::Table(date)) = t.get_mut("date") {
                date.put("approximate", Val::Bool(true));
            }
        }
        Defect::ImpossibleDate => {
            if let Some(Val::Table(date)) = t.get_mut("date")
                && let Some(start) = date.get_mut("start")
            {
                *start = Val::Date(impossible(plan));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }

    #[test]
    fn slots_are_a_permutation_with_room_for_a_million() {
        let world = World::new(super::super::SEED);
        assert_eq!(gcd(STRIDE, slots(&world)), 1);
        assert_eq!(gcd(STRIDE, PLACES as u64), 1);
        assert!(slots(&world) > 5_000_000);
    }

    #[test]
    fn one_defect_per_block_in_rotation() {
        for block in 0..40 {
            let found: Vec<Defect> = (block * DEFECT_EVERY..(block + 1) * DEFECT_EVERY)
                .filter_map(defect_of)
                .collect();
            assert_eq!(found, vec![Defect::ALL[block % Defect::ALL.len()]]);
        }
    }
}
