//! The gazetteer: places with every name variant either side uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::CountryCode;
use crate::date::Date;
use crate::id::{ActorRef, PlaceId};

/// A place: village, town, district, lake, height, road, border sector...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline place",
    description = "A place in the gazetteer, with every name variant either side uses."
)]
pub struct Place {
    /// A slug.
    pub id: PlaceId,
    /// The canonical English name.
    pub name: String,
    /// Every name variant (the canonical name included), with its language where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NameVariant>,
    /// What kind of place.
    pub kind: PlaceKind,
    /// The country it belongs to de jure (ISO 3166 alpha-3).
    pub country: CountryCode,
    /// First-level administrative unit (province, district as the country defines it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Second-level administrative unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    /// Latitude, WGS84 decimal degrees.
    #[schemars(range(min = -90.0, max = 90.0))]
    #[serde(deserialize_with = "latitude")]
    pub lat: f64,
    /// Longitude, WGS84 decimal degrees.
    #[schemars(range(min = -180.0, max = 180.0))]
    #[serde(deserialize_with = "longitude")]
    pub lon: f64,
    /// How precisely the coordinate locates the place.
    pub precision: GeoPrecision,
    /// Where the coordinate comes from (a citation, or how it was approximated).
    pub coordinate_source: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// De facto control, where it differed from `country`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub de_facto: Vec<Control>,
}

fn degrees<'de, D: serde::Deserializer<'de>>(
    d: D,
    limit: f64,
    what: &str,
) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if (-limit..=limit).contains(&v) {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format!(
            "{what} {v} is outside -{limit}..={limit} degrees"
        )))
    }
}

fn latitude<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    degrees(d, 90.0, "latitude")
}

fn longitude<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    degrees(d, 180.0, "longitude")
}

impl Place {
    /// Every name of the place: `name` first, then each variant.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.names.iter().map(NameVariant::name))
    }
}

/// A name variant: a bare string, or a table with its language and a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum NameVariant {
    /// Just the name.
    Plain(String),
    /// The name with details.
    Detailed(NameDetail),
}

impl NameVariant {
    /// The name itself.
    pub fn name(&self) -> &str {
        match self {
            Self::Plain(n) => n,
            Self::Detailed(d) => &d.name,
        }
    }
}

/// A name variant with its language and usage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameDetail {
    /// The name.
    pub name: String,
    /// Its language as a BCP 47 tag (`hy`, `az`, `ru`, `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Who uses it, since when, or why (e.g. "Azerbaijani usage", "to 1969").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kinds of places.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum PlaceKind {
    /// A village.
    Village,
    /// A town.
    Town,
    /// A city.
    City,
    /// A district (rayon, municipality).
    District,
    /// A province (marz) or autonomous republic.
    Province,
    /// A wider region.
    Region,
    /// A country.
    Country,
    /// A lake.
    Lake,
    /// A mountain.
    Mountain,
    /// A height or hill position.
    Height,
    /// A road.
    Road,
    /// A corridor.
    Corridor,
    /// A sector of the border.
    BorderSector,
    /// A checkpoint.
    Checkpoint,
    /// A military base.
    MilitaryBase,
    /// An airfield.
    Airfield,
    /// A river.
    River,
    /// A border crossing.
    Crossing,
    /// Any other site (a training centre, a position).
    Site,
}

/// How precisely a coordinate locates a place; maps onto ACLED and UCDP precision codes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum GeoPrecision {
    /// The place itself.
    Exact,
    /// Within about 25 km.
    Near,
    /// Only the district is known.
    District,
    /// Only the province is known.
    Province,
    /// Only the country is known.
    Country,
}

/// De facto control of a place by an actor over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// The actor in control.
    pub by: ActorRef,
    /// Since when, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Until when, if it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The layout of `places.toml`: an array of `[[place]]` tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    /// The places.
    #[serde(default)]
    pub place: Vec<Place>,
}
