//! Events: what happened, when, where, who took part, who claims what, and the figures.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::{Date, LocalTime, Precision};
use crate::id::{ActorRef, EventId, EventRef, PlaceRef, SourceRef};

/// One incident or development, transcribed from one or more sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline event",
    description = "One incident or development on the Armenia–Azerbaijan border, with its sources, claims and attributed casualty figures."
)]
pub struct Event {
    /// A slug starting with the start date; equals the file stem.
    pub id: EventId,
    /// A short neutral title: no party's framing stated as fact.
    pub title: String,
    /// What kind of event this is.
    pub kind: EventKind,
    /// A neutral summary of what the sources report.
    pub summary: String,
    /// The ids of every source that reports the event.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Free labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of events this one follows from or answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<EventRef>,
    /// Free text; importers keep values that have no field of ours here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// When it happened, as precisely as the sources allow.
    pub date: EventDate,
    /// Where it happened (references into the gazetteer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<EventPlace>,
    /// Who took part, with their role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<EventActor>,
    /// Statements about the event: accusations, denials, announcements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Casualty figures, each tied to who stated it and where it was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub casualties: Vec<Casualty>,
    /// Values from other datasets (ACLED, UCDP), kept verbatim by column name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external: BTreeMap<String, BTreeMap<String, String>>,
}

/// The taxonomy of events; each kind maps onto an ACLED event type for export.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum EventKind {
    /// Armed clash between forces (ACLED: Battles / Armed clash).
    ArmedClash,
    /// Shots fired across the line in breach of a ceasefire (ACLED: Battles / Armed clash).
    CeasefireViolation,
    /// Forces advance into or take positions in contested territory (ACLED: Strategic developments / Non-violent transfer of territory).
    TerritorialAdvance,
    /// Artillery, mortar or missile fire (ACLED: Explosions/Remote violence / Shelling/artillery/missile attack).
    Shelling,
    /// A strike by a drone (ACLED: Explosions/Remote violence / Air/drone strike).
    DroneStrike,
    /// A grenade thrown (ACLED: Explosions/Remote violence / Grenade).
    GrenadeAttack,
    /// Servicemen or civilians captured or detained (ACLED: Strategic developments / Arrests).
    Capture,
    /// Captives released or handed over (ACLED: Strategic developments / Other).
    Release,
    /// A ceasefire agreed (ACLED: Strategic developments / Agreement).
    Ceasefire,
    /// Troops deployed or moved (ACLED: Strategic developments / Change to group/activity).
    Deployment,
    /// Military exercises or training (ACLED: Strategic developments / Change to group/activity).
    Exercise,
    /// Appeals to allies, calls and meetings (ACLED: Strategic developments / Other).
    Diplomatic,
    /// Talks between the parties, held or skipped (ACLED: Strategic developments / Other).
    Negotiation,
    /// An official statement that is itself the development: a threat, warning or demand (ACLED: Strategic developments / Other).
    Statement,
}

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 14] = [
        Self::ArmedClash,
        Self::CeasefireViolation,
        Self::TerritorialAdvance,
        Self::Shelling,
        Self::DroneStrike,
        Self::GrenadeAttack,
        Self::Capture,
        Self::Release,
        Self::Ceasefire,
        Self::Deployment,
        Self::Exercise,
        Self::Diplomatic,
        Self::Negotiation,
        Self::Statement,
    ];

    /// The kind as written in records.
    pub fn as_str(self) -> &'static str {
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

    /// Whether events of this kind involve the use of force (used by exports and rules).
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            Self::ArmedClash
                | Self::CeasefireViolation
                | Self::Shelling
                | Self::DroneStrike
                | Self::GrenadeAttack
        )
    }
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDate {
    /// The first day.
    pub start: Date,
    /// The last day, inclusive; absent for a single day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// How precisely the sources fix the date.
    pub precision: Precision,
    /// The local time of day the event started, when the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<LocalTime>,
    /// The local time of day it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_end: Option<LocalTime>,
    /// The phrase the source uses ("the following day", "Thursday").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_reported: Option<String>,
    /// How a relative date was resolved against the source's own date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EventDate {
    /// The last day: `end`, or `start` when there is none.
    pub fn last(&self) -> Date {
        self.end.unwrap_or(self.start)
    }

    /// Whether this date range and `other` share at least one day.
    pub fn overlaps(&self, other: &EventDate) -> bool {
        self.start <= other.last() && other.start <= self.last()
    }
}

/// A place where an event happened, by reference to the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventPlace {
    /// The place's id in `places.toml`.
    pub place: PlaceRef,
    /// How the place relates to the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<PlaceRole>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a place relates to an event.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum PlaceRole {
    /// Where it happened.
    Location,
    /// Near where it happened.
    Near,
    /// Where fire or forces came from.
    Origin,
    /// What was aimed at.
    Target,
    /// Named in the report without being the scene.
    Mentioned,
}

/// An actor's part in an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventActor {
    /// The actor's id in `actors.toml`.
    pub actor: ActorRef,
    /// The actor's role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ActorRole>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The role an actor plays in an event.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum ActorRole {
    /// Took part (e.g. one side of a clash).
    Participant,
    /// Was attacked or aimed at.
    Target,
    /// Carried out an attack.
    Perpetrator,
    /// Suffered harm.
    Victim,
    /// Mediated.
    Mediator,
    /// Detained someone.
    Detainer,
    /// Made a statement about the event.
    Claimant,
    /// Was the subject of the development (e.g. the body appealed to).
    Subject,
    /// Hosted a meeting.
    Host,
    /// Observed.
    Observer,
}

/// A statement about the event by one actor, read in one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Who made the statement.
    pub claimant: ActorRef,
    /// What kind of statement.
    pub kind: ClaimKind,
    /// Whom it is directed against, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<ActorRef>,
    /// Where we read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// A short excerpt that supports the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kinds of statements.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum ClaimKind {
    /// Blames another party.
    Accuses,
    /// Denies an accusation or report.
    Denies,
    /// Reports what happened.
    Reports,
    /// Announces a decision or result.
    Announces,
    /// Confirms a report or figure.
    Confirms,
    /// Demands an action.
    Demands,
    /// Threatens an action.
    Threatens,
    /// Appeals to a third party.
    Appeals,
    /// Warns.
    Warns,
    /// States a position.
    States,
    /// Proposes something.
    Proposes,
    /// Agrees to something.
    Agrees,
    /// Rejects something.
    Rejects,
}

/// A casualty figure: how many of one party, in one category, according to whom, read where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Casualty {
    /// The actor the figure concerns.
    pub party: ActorRef,
    /// Killed, wounded, captured, missing, or unspecified ("casualties").
    pub category: Category,
    /// The figure: a count, or `{ low, high }` (optionally with `best`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    /// The low end, UCDP style, when no `count` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<i64>,
    /// The high end, UCDP style, when no `count` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<i64>,
    /// The word that qualifies the number ("over 6,000", "at least two", "about ten").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Who stated the figure; absent when the source names no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<ActorRef>,
    /// Where we read the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// The words that give and qualify the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Whether the people counted are military or civilian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PersonStatus>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Casualty categories.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum Category {
    /// Killed.
    Killed,
    /// Wounded.
    Wounded,
    /// Captured or detained.
    Captured,
    /// Missing, or contact lost.
    Missing,
    /// The bare word "casualties": killed, wounded or both.
    Unspecified,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 5] = [
        Self::Killed,
        Self::Wounded,
        Self::Captured,
        Self::Missing,
        Self::Unspecified,
    ];

    /// The category as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Killed => "killed",
            Self::Wounded => "wounded",
            Self::Captured => "captured",
            Self::Missing => "missing",
            Self::Unspecified => "unspecified",
        }
    }
}

/// A word that qualifies a figure: the count is then a bound or an approximation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum Qualifier {
    /// "over", "more than": the true figure is above the count.
    Over,
    /// "at least": the count or more.
    AtLeast,
    /// "about", "around", "some": an approximation.
    About,
    /// "up to", "at most": the count or fewer.
    UpTo,
    /// "under", "fewer than": below the count.
    Under,
}

impl Qualifier {
    /// The word as a reader says it before the number ("over", "at least").
    pub fn words(self) -> &'static str {
        match self {
            Self::Over => "over",
            Self::AtLeast => "at least",
            Self::About => "about",
            Self::UpTo => "up to",
            Self::Under => "under",
        }
    }

    /// Whether the true figure may lie above the count ("over", "at least"): a chart draws
    /// such a figure open-ended.
    pub fn open_above(self) -> bool {
        matches!(self, Self::Over | Self::AtLeast)
    }
}

/// Whether counted people are military or civilian.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum PersonStatus {
    /// Servicemen.
    Military,
    /// Civilians.
    Civilian,
    /// Not stated.
    Unknown,
}

/// A figure as written: an exact count, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Count {
    /// An exact number.
    Exact(i64),
    /// A range, optionally with a best estimate inside it.
    Range(CountRange),
}

/// A range of figures, `{ low, high }`, with an optional best estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountRange {
    /// The lowest figure.
    pub low: i64,
    /// The highest figure.
    pub high: i64,
    /// The best estimate, if the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<i64>,
}

/// A checked figure: `0 <= low <= best <= high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure {
    /// The lowest value.
    pub low: u64,
    /// The best estimate: the exact count, the given best, or the lower middle of the range.
    pub best: u64,
    /// The highest value.
    pub high: u64,
}

/// Why a casualty's figure cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FigureError {
    /// Neither `count` nor `low`/`high` is given.
    #[error("the figure has no `count` and no `low`/`high`")]
    Missing,
    /// Both `count` and flat `low`/`high` are given.
    #[error("the figure gives both `count` and `low`/`high`; keep one form")]
    Both,
    /// Only one of flat `low` and `high` is given.
    #[error("the figure gives only one of `low` and `high`")]
    HalfRange,
    /// A value is below zero.
    #[error("a casualty figure cannot be negative ({0})")]
    Negative(i64),
    /// `low` is greater than `high`.
    #[error("the range is reversed: low {low} is greater than high {high}")]
    Reversed {
        /// The low end.
        low: i64,
        /// The high end.
        high: i64,
    },
    /// `best` lies outside `low..=high`.
    #[error("the best estimate {best} lies outside {low}..={high}")]
    BestOutside {
        /// The low end.
        low: i64,
        /// The best estimate.
        best: i64,
        /// The high end.
        high: i64,
    },
}

impl Casualty {
    /// The figure in checked form, whichever way the record wrote it.
    pub fn figure(&self) -> Result<Figure, FigureError> {
        let (low, high, best) = match (self.count, self.low, self.high) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => return Err(FigureError::Both),
            (Some(Count::Exact(n)), None, None) => (n, n, Some(n)),
            (Some(Count::Range(r)), None, None) => (r.low, r.high, r.best),
            (None, Some(low), Some(high)) => (low, high, None),
            (None, Some(_), None) | (None, None, Some(_)) => return Err(FigureError::HalfRange),
            (None, None, None) => return Err(FigureError::Missing),
        };
        for v in [Some(low), Some(high), best].into_iter().flatten() {
            if v < 0 {
                return Err(FigureError::Negative(v));
            }
        }
        if low > high {
            return Err(FigureError::Reversed { low, high });
        }
        if let Some(b) = best.filter(|b| !(low..=high).contains(b)) {
            return Err(FigureError::BestOutside { low, best: b, high });
        }
        let best = best.unwrap_or(low + (high - low) / 2);
        // All three are non-negative here.
        let u = |v: i64| u64::try_from(v).unwrap_or(0);
        Ok(Figure {
            low: u(low),
            best: u(best),
            high: u(high),
        })
    }
}
