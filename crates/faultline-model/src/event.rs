//! Events: what happened, when, where, who took part, who claims what, and the figures.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::{Date, DateBasis, LocalTime, Precision};
use crate::id::{ActorRef, EventId, EventRef, PlaceRef, SourceRef};

/// One incident or development, transcribed from one or more sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline event",
    description = "One incident or development on the Armenia–Azerbaijan border, with its sources, claims and attributed casualty figures."
)]
pub struct Event {
    /// A slug starting with as much of the start date as the text gives
    /// ([`EventDate::id_prefix`]); equals the file stem.
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
    /// Events this one follows from, answers, or is part of: an id, or a table that says how
    /// the two relate (`{ event = "...", relation = "part-of" }`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedEvent>,
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

/// The taxonomy of events. Each kind says what the sources report, in faultline's terms; an
/// event imported from ACLED or UCDP also keeps the source dataset's own categories verbatim
/// in `external` (ACLED's `disorder_type`, `event_type` and `sub_event_type`, UCDP's
/// `type_of_violence`). The doc comment of each kind names the ACLED and UCDP categories it
/// stands for; the table that maps them, both ways, is `faultline_formats::acled::kinds`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum EventKind {
    /// Armed clash between forces (ACLED: Battles / Armed clash; UCDP: state-based and non-state violence).
    ArmedClash,
    /// Shots fired across the line in breach of a ceasefire (ACLED: Battles / Armed clash).
    CeasefireViolation,
    /// Forces advance into or take positions in contested territory, with or without a battle (ACLED: Strategic developments / Non-violent transfer of territory; Battles / Government regains territory, Non-state actor overtakes territory).
    TerritorialAdvance,
    /// Artillery, mortar or missile fire (ACLED: Explosions/Remote violence / Shelling/artillery/missile attack).
    Shelling,
    /// A strike by a drone, as the source says (ACLED: Explosions/Remote violence / Air/drone strike).
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
    /// Demonstrations and rallies, peaceful or met with force (ACLED: Protests / Peaceful protest, Protest with intervention, Excessive force against protesters).
    Protest,
    /// A domestic political development: a minister dismissed or appointed (ACLED: Strategic developments / Other).
    Political,
    /// Violent demonstrations and mob violence (ACLED: Riots / Violent demonstration, Mob violence).
    Riot,
    /// An armed or organised group's violence against civilians: attacks, sexual violence, abductions and forced disappearances (ACLED: Violence against civilians / Attack, Sexual violence, Abduction/forced disappearance; UCDP: one-sided violence).
    ViolenceAgainstCivilians,
    /// An explosive device: a landmine, an improvised explosive device or a suicide bomb (ACLED: Explosions/Remote violence / Remote explosive/landmine/IED, Suicide bomb).
    ExplosiveDevice,
    /// A strike from the air by aircraft or drone, when the source does not say a drone (ACLED: Explosions/Remote violence / Air/drone strike).
    AirStrike,
    /// Explosions or violence from a distance that the source does not break down further (ACLED: Remote violence, 2016 files; Explosions/Remote violence with no sub-event type).
    RemoteViolence,
    /// An agreement between parties that is not a ceasefire, or not said to be one: a peace deal, an exchange of prisoners or bodies (ACLED: Strategic developments / Agreement).
    Agreement,
    /// A development the source records without a closer kind of ours: a change to a group or its activity, a base established, weapons seized or defused, looting or destruction of property (ACLED: Strategic developments / Change to group/activity, Headquarters or base established, Disrupted weapons use, Looting/property destruction, Other).
    StrategicDevelopment,
    /// Protests or riots that the source does not tell apart (ACLED: Riots/Protests, 2016 files).
    Demonstration,
    /// An attack with a chemical weapon (ACLED: Explosions/Remote violence / Chemical weapon).
    ChemicalAttack,
}

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 25] = [
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
        Self::Protest,
        Self::Political,
        Self::Riot,
        Self::ViolenceAgainstCivilians,
        Self::ExplosiveDevice,
        Self::AirStrike,
        Self::RemoteViolence,
        Self::Agreement,
        Self::StrategicDevelopment,
        Self::Demonstration,
        Self::ChemicalAttack,
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
            Self::Protest => "protest",
            Self::Political => "political",
            Self::Riot => "riot",
            Self::ViolenceAgainstCivilians => "violence-against-civilians",
            Self::ExplosiveDevice => "explosive-device",
            Self::AirStrike => "air-strike",
            Self::RemoteViolence => "remote-violence",
            Self::Agreement => "agreement",
            Self::StrategicDevelopment => "strategic-development",
            Self::Demonstration => "demonstration",
            Self::ChemicalAttack => "chemical-attack",
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
                | Self::Riot
                | Self::ViolenceAgainstCivilians
                | Self::ExplosiveDevice
                | Self::AirStrike
                | Self::RemoteViolence
                | Self::ChemicalAttack
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
    /// How precisely the sources fix the event's own date: never a day the text does not give.
    pub precision: Precision,
    /// What `start`..`end` dates: the event itself (the default), or a report or citation of
    /// it, when the event happened on or before `end`.
    #[serde(default, skip_serializing_if = "DateBasis::is_occurred")]
    pub basis: DateBasis,
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

    /// Whether the days recorded are the event's own; otherwise they date a report, a
    /// citation or a later event, and the event happened on or before [`EventDate::last`].
    pub fn is_occurrence(&self) -> bool {
        self.basis.is_occurred()
    }

    /// The date an event id starts with: as much of `start` as the text gives for the event.
    /// A day (`2021-11-16`) when the event's own day or a range of at most a week is known;
    /// the month with `xx` for the day (`2021-11-xx`) at month precision, or whenever the
    /// recorded days are a report's, a citation's or a later event's; the year alone
    /// (`2021-xx-xx`) at precision `year` or `years`. An id then never looks like a known day
    /// the text does not give.
    pub fn id_prefix(&self) -> String {
        let (y, m, d) = (self.start.year(), self.start.month(), self.start.day());
        match self.precision {
            Precision::Year | Precision::Years => format!("{y:04}-xx-xx"),
            Precision::Month => format!("{y:04}-{m:02}-xx"),
            _ if !self.is_occurrence() => format!("{y:04}-{m:02}-xx"),
            Precision::Day | Precision::Days | Precision::Week => {
                format!("{y:04}-{m:02}-{d:02}")
            }
        }
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
    /// Whose words the quote is: the claimant's own, the source's report of them, or the
    /// source's own analysis.
    #[serde(default, skip_serializing_if = "Voice::is_reported")]
    pub voice: Voice,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whose words a claim's quote is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum Voice {
    /// The claimant's own words: the quote holds a quotation of the claimant, marks included,
    /// or comes from the claimant's own release (a source whose `party` is the claimant).
    Direct,
    /// The source reports what the claimant said, in its own words (the default).
    #[default]
    Reported,
    /// The source's own analysis; the claimant is the source's author or publisher, never a
    /// party the analysis is about.
    Author,
}

impl Voice {
    /// The voice as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Reported => "reported",
            Self::Author => "author",
        }
    }

    /// Whether this is the default voice, `reported`.
    pub fn is_reported(&self) -> bool {
        *self == Self::Reported
    }
}

/// A link to another event: its id, or a table that says how the two relate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RelatedEvent {
    /// The id of an event this one follows from or answers.
    Id(EventRef),
    /// The id with the relation and a note.
    Link(EventLink),
}

impl RelatedEvent {
    /// The event linked to.
    pub fn event(&self) -> &EventRef {
        match self {
            Self::Id(id) => id,
            Self::Link(link) => &link.event,
        }
    }

    /// The event linked to, to rewrite it (a renamed event).
    pub fn event_mut(&mut self) -> &mut EventRef {
        match self {
            Self::Id(id) => id,
            Self::Link(link) => &mut link.event,
        }
    }

    /// The linked event's id as written.
    pub fn as_str(&self) -> &str {
        self.event().as_str()
    }

    /// How the two events relate, when the link says.
    pub fn relation(&self) -> Option<Relation> {
        match self {
            Self::Id(_) => None,
            Self::Link(link) => link.relation,
        }
    }

    /// Whether this event is one part of the linked one (a wave of clashes, a series).
    pub fn is_part_of(&self) -> bool {
        self.relation() == Some(Relation::PartOf)
    }
}

impl From<EventRef> for RelatedEvent {
    fn from(id: EventRef) -> Self {
        Self::Id(id)
    }
}

impl std::fmt::Display for RelatedEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A link to another event with the relation between the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventLink {
    /// The id of the linked event.
    pub event: EventRef,
    /// How this event relates to it; absent: it follows from or answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// Free text: why the two are linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How one event relates to another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum Relation {
    /// This event is one incident of the linked one, a wave or series that a source describes
    /// as a whole; a statement about the whole (a claim, a figure) belongs to the whole, once.
    PartOf,
}

impl Relation {
    /// The relation as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PartOf => "part-of",
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(start: &str, precision: Precision, basis: DateBasis) -> EventDate {
        EventDate {
            start: start.parse().unwrap(),
            end: None,
            precision,
            basis,
            time: None,
            time_end: None,
            as_reported: None,
            note: None,
        }
    }

    #[test]
    fn id_prefix_shows_no_more_of_the_date_than_the_precision() {
        let occurred = DateBasis::Occurred;
        assert_eq!(
            date("2021-11-16", Precision::Day, occurred).id_prefix(),
            "2021-11-16"
        );
        assert_eq!(
            date("2021-11-16", Precision::Week, occurred).id_prefix(),
            "2021-11-16"
        );
        assert_eq!(
            date("2021-11-16", Precision::Month, occurred).id_prefix(),
            "2021-11-xx"
        );
        assert_eq!(
            date("2021-11-16", Precision::Year, occurred).id_prefix(),
            "2021-xx-xx"
        );
        assert_eq!(
            date("2020-11-10", Precision::Years, occurred).id_prefix(),
            "2020-xx-xx"
        );
        let reported = DateBasis::Reported;
        assert_eq!(
            date("2021-07-15", Precision::Week, reported).id_prefix(),
            "2021-07-xx"
        );
        assert_eq!(
            date("2021-07-15", Precision::Day, reported).id_prefix(),
            "2021-07-xx"
        );
        assert!(
            EventId::new(format!(
                "{}-x",
                date("2021-07-15", Precision::Year, reported).id_prefix()
            ))
            .is_ok()
        );
    }

    #[test]
    fn related_links_read_as_ids_or_tables() {
        #[derive(Deserialize)]
        struct T {
            related: Vec<RelatedEvent>,
        }
        let t: T = toml::from_str(
            r#"related = ["2021-07-06-a", { event = "2021-07-xx-wave", relation = "part-of" }]"#,
        )
        .unwrap();
        assert_eq!(t.related[0].as_str(), "2021-07-06-a");
        assert!(!t.related[0].is_part_of());
        assert!(t.related[1].is_part_of());
        assert_eq!(t.related[1].to_string(), "2021-07-xx-wave");
        assert!(
            toml::from_str::<T>(r#"related = [{ event = "x", relation = "sibling-of" }]"#).is_err()
        );
    }
}
