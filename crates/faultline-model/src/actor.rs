//! Actors: parties, ministries, forces, organisations and people that act or make claims.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::CountryCode;
use crate::id::{ActorId, ActorRef};

/// A party, body or person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline actor",
    description = "A party, body or person that acts in events or makes claims."
)]
pub struct Actor {
    /// A slug.
    pub id: ActorId,
    /// The name in English.
    pub name: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// The country it belongs to (ISO 3166 alpha-3); absent for international bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The body it belongs to (a ministry's government).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ActorRef>,
    /// Other names the sources use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Its name in ACLED's actor list, for export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acled_name: Option<String>,
    /// Its side name in UCDP GED, for export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ucdp_side: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kinds of actors.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum ActorKind {
    /// A state as a party.
    State,
    /// A government or head of government's office.
    Government,
    /// A ministry.
    Ministry,
    /// Armed forces.
    StateForces,
    /// A border service.
    BorderGuard,
    /// A parliament.
    Legislature,
    /// A peacekeeping contingent.
    Peacekeepers,
    /// An international organisation or alliance.
    Organisation,
    /// A named person.
    Person,
    /// Civilians.
    Civilians,
    /// A news outlet.
    Media,
    /// A non-state armed group.
    ArmedGroup,
}

/// The layout of `actors.toml`: an array of `[[actor]]` tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// The actors.
    #[serde(default)]
    pub actor: Vec<Actor>,
}
