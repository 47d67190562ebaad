//! # faultline-formats
//!
//! The vocabulary of the conflict-data formats that
//! [faultline](https://github.com/faultline-data/faultline) reads (`faultline-import`) and
//! writes (`faultline-export`), kept in one place so that reading and writing never disagree:
//!
//! - [`acled`]: the columns of every generation of ACLED's CSV exports and how to tell them
//!   apart, ACLED's event types and actor codes against faultline's kinds, its precision codes;
//! - [`ucdp`]: the 49 columns of UCDP GED and its codes (type of violence, date and location
//!   precision);
//! - [`country`]: ISO 3166-1 countries by alpha-3 code, numeric code or any name ACLED and UCDP
//!   write;
//! - [`parties`]: the source names that are a party's own voice (a ministry, a government,
//!   a president's office, a press service), by a documented list of patterns;
//! - [`formula`]: the guard that keeps a CSV cell from being run as a spreadsheet formula, and
//!   its exact inverse.
//!
//! Every table maps both ways where both ways exist, next to each other. The crate depends on
//! `faultline-model` only and does no I/O.
//!
//! ## Example
//!
//! ```
//! use faultline_formats::{acled, country, formula};
//! use faultline_model::EventKind;
//!
//! assert_eq!(acled::kinds::acled_types(EventKind::Shelling),
//!     ("Explosions/Remote violence", "Shelling/artillery/missile attack"));
//! assert_eq!(country::by_name("Russia (Soviet Union)").map(|c| c.alpha3), Some("RUS"));
//! assert_eq!(formula::guard("=1+1"), "'=1+1");
//! assert_eq!(formula::unguard("'=1+1"), "=1+1");
//! ```

pub mod acled;
pub mod country;
pub mod formula;
pub mod parties;
pub mod ucdp;
