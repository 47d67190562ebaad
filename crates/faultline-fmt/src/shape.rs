//! The documented layout of each kind of table (docs/record-format.md): which keys it has, in
//! which order, and how each is written. This is the one place the layout of record files is
//! written down: `faultline fmt` formats by it, [`write`](crate::write) writes records by it,
//! and `faultline new` lays its templates out by it. A test checks that every field of the
//! model has its place here.

/// A kind of table in a record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The top of an event file.
    Event,
    /// `[date]`.
    EventDate,
    /// `[[places]]`.
    EventPlace,
    /// `[[actors]]`.
    EventActor,
    /// A link in `related`: `{ event, relation, note }`.
    EventLink,
    /// `[[claims]]`.
    Claim,
    /// `[[casualties]]`.
    Casualty,
    /// `count = { low, high, best }`.
    Count,
    /// `[external]`: one table per dataset.
    External,
    /// The top of a source file.
    Source,
    /// `[archive]`.
    SourceArchive,
    /// `[[cites]]`.
    Citation,
    /// The top of `places.toml`.
    Places,
    /// `[[place]]`.
    Place,
    /// A name variant `{ name, lang, note }`.
    NameVariant,
    /// `[[place.de_facto]]`.
    Control,
    /// The top of `actors.toml`.
    Actors,
    /// `[[actor]]`.
    Actor,
    /// A table we know nothing about: its keys keep their order.
    Unknown,
}

/// How a key's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// A plain value.
    Value,
    /// A date: a quoted date becomes a TOML local date.
    Date,
    /// A value that may be an inline table of this shape (`count = { low = 1, high = 3 }`).
    Inline(Shape),
    /// An array whose inline-table elements have this shape (`names = [{ name, lang }]`).
    InlineArray(Shape),
    /// A standard table `[key]`.
    Table(Shape),
    /// An array of tables `[[key]]`.
    Tables(Shape),
}

use Layout::{Date, Inline, InlineArray, Table, Tables, Value};

/// The known keys of a shape, in the documented order.
pub fn fields(shape: Shape) -> &'static [(&'static str, Layout)] {
    match shape {
        Shape::Event => &[
            ("id", Value),
            ("title", Value),
            ("kind", Value),
            ("summary", Value),
            ("sources", Value),
            ("tags", Value),
            ("related", InlineArray(Shape::EventLink)),
            ("notes", Value),
            ("date", Table(Shape::EventDate)),
            ("places", Tables(Shape::EventPlace)),
            ("actors", Tables(Shape::EventActor)),
            ("claims", Tables(Shape::Claim)),
            ("casualties", Tables(Shape::Casualty)),
            ("external", Table(Shape::External)),
        ],
        Shape::EventDate => &[
            ("start", Date),
            ("end", Date),
            ("precision", Value),
            ("basis", Value),
            ("as_reported", Value),
            ("note", Value),
            ("time", Value),
            ("time_end", Value),
        ],
        Shape::EventPlace => &[("place", Value), ("role", Value), ("note", Value)],
        Shape::EventActor => &[("actor", Value), ("role", Value), ("note", Value)],
        Shape::Claim => &[
            ("claimant", Value),
            ("kind", Value),
            ("against", Value),
            ("source", Value),
            ("quote", Value),
            ("voice", Value),
            ("note", Value),
        ],
        Shape::EventLink => &[("event", Value), ("relation", Value), ("note", Value)],
        Shape::Casualty => &[
            ("party", Value),
            ("category", Value),
            ("count", Inline(Shape::Count)),
            ("low", Value),
            ("high", Value),
            ("qualifier", Value),
            ("claimant", Value),
            ("source", Value),
            ("quote", Value),
            ("status", Value),
            ("note", Value),
        ],
        Shape::Count => &[("low", Value), ("high", Value), ("best", Value)],
        Shape::Source => &[
            ("id", Value),
            ("kind", Value),
            ("publisher", Value),
            ("title", Value),
            ("authors", Value),
            ("url", Value),
            ("published", Date),
            ("updated", Date),
            ("accessed", Date),
            ("language", Value),
            ("party", Value),
            ("note", Value),
            ("archive", Table(Shape::SourceArchive)),
            ("cites", Tables(Shape::Citation)),
        ],
        Shape::SourceArchive => &[
            ("file", Value),
            ("sha256", Value),
            ("retrieved", Date),
            ("url", Value),
        ],
        Shape::Citation => &[
            ("name", Value),
            ("date", Date),
            ("as_reported", Value),
            ("url", Value),
            ("note", Value),
        ],
        Shape::Places => &[("place", Tables(Shape::Place))],
        Shape::Place => &[
            ("id", Value),
            ("name", Value),
            ("names", InlineArray(Shape::NameVariant)),
            ("kind", Value),
            ("country", Value),
            ("admin1", Value),
            ("admin2", Value),
            ("lat", Value),
            ("lon", Value),
            ("precision", Value),
            ("coordinate_source", Value),
            ("note", Value),
            ("de_facto", Tables(Shape::Control)),
        ],
        Shape::NameVariant => &[("name", Value), ("lang", Value), ("note", Value)],
        Shape::Control => &[
            ("by", Value),
            ("from", Date),
            ("until", Date),
            ("note", Value),
        ],
        Shape::Actors => &[("actor", Tables(Shape::Actor))],
        Shape::Actor => &[
            ("id", Value),
            ("name", Value),
            ("kind", Value),
            ("country", Value),
            ("parent", Value),
            ("names", Value),
            ("acled_name", Value),
            ("ucdp_side", Value),
            ("note", Value),
        ],
        Shape::External | Shape::Unknown => &[],
    }
}

impl Shape {
    /// For the top of a registry file (`places.toml`, `actors.toml`), the key of its array of
    /// tables: `place`, `actor`.
    pub fn registry_key(self) -> Option<&'static str> {
        match (self, fields(self)) {
            (Shape::Places | Shape::Actors, [(key, Tables(_))]) => Some(key),
            _ => None,
        }
    }
}

/// The rank of `key` in `shape` (unknown keys after every known one) and its layout, if known.
pub(crate) fn lookup(shape: Shape, key: &str) -> (usize, Option<Layout>) {
    let known = fields(shape);
    match known.iter().position(|(k, _)| *k == key) {
        Some(i) => (i, Some(known[i].1)),
        // Each dataset under `[external]` is a table of verbatim values.
        None if shape == Shape::External => (known.len(), Some(Table(Shape::Unknown))),
        None => (known.len(), None),
    }
}
