//! # faultline-model
//!
//! The typed records of the [faultline](https://github.com/faultline-data/faultline) dataset of
//! Armenia–Azerbaijan border incidents: [`Event`]s with their dates, places, actors, **claims**
//! and **casualty figures** — each figure tied to who stated it and where we read it —, the
//! [`Source`]s they cite, the [`Place`] gazetteer with every name variant, and the [`Actor`]s.
//!
//! Every type derives `serde` and `schemars`: the JSON Schemas in the repository's `schema/`
//! folder are generated from these definitions ([`schemas`]), so records, schemas and code never
//! disagree. Derived values ([`figures::summarize`]) are computed, never stored.
//!
//! This crate has no I/O. To read a whole dataset directory with positions for diagnostics,
//! use `faultline-dataset`.
//!
//! ## Example
//!
//! ```
//! use faultline_model::{Category, Event, figures};
//!
//! let event: Event = toml::from_str(r#"
//! id = "2021-11-16-border-fighting"
//! title = "Fighting along the border"
//! kind = "armed-clash"
//! summary = "Both sides report fighting; each blames the other."
//! sources = ["nee-2021-12-13-november-escalation"]
//!
//! [date]
//! start = 2021-11-16
//! precision = "day"
//!
//! [[casualties]]
//! party = "azerbaijan-armed-forces"
//! category = "wounded"
//! count = 10
//! claimant = "azerbaijan"
//! source = "nee-2021-12-13-november-escalation"
//! quote = "Azerbaijan confirmed seven casualties and ten wounded"
//! "#)?;
//!
//! assert_eq!(event.date.start.to_string(), "2021-11-16");
//! let summary = figures::summarize(&event);
//! assert_eq!(summary[0].category, Category::Wounded);
//! assert_eq!(summary[0].conservative(), 10);
//! # Ok::<(), toml::de::Error>(())
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod actor;
pub mod codes;
pub mod date;
pub mod event;
pub mod figures;
pub mod id;
pub mod place;
pub mod schema;
pub mod source;

pub use actor::{Actor, ActorKind, ActorsFile};
pub use codes::{CodeError, CountryCode, HttpUrl, Sha256};
pub use date::{Date, DateBasis, DateError, LocalTime, Precision};
pub use event::{
    ActorRole, Casualty, Category, Claim, ClaimKind, Count, CountRange, Event, EventActor,
    EventDate, EventKind, EventLink, EventPlace, Figure, FigureError, PersonStatus, PlaceRole,
    Qualifier, RelatedEvent, Relation, Voice,
};
pub use id::{
    ActorId, ActorRef, EventId, EventRef, IdError, PlaceId, PlaceRef, SourceId, SourceRef,
};
pub use place::{Control, GeoPrecision, NameDetail, NameVariant, Place, PlaceKind, PlacesFile};
pub use schema::{RecordKind, schemas};
pub use source::{Citation, Source, SourceArchive, SourceKind};
