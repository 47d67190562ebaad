//! # faultline-server
//!
//! The [faultline](https://github.com/faultline-data/faultline) linter in the contributor's
//! editor: a Language Server (LSP over stdio, `faultline server`). It finds the dataset a
//! file belongs to (`faultline_dataset::find_root`), loads it once, and keeps it current from
//! the editor's changes and file-watch events; every change is linted with every rule —
//! those that need the whole dataset too — through faultline-validate's incremental engine,
//! so the findings are exactly those of `faultline lint` on the same texts.
//!
//! Besides diagnostics: completion of ids (places, actors, sources, events), enum values,
//! keys and rule names; hover; go to definition; find references; code actions (safe fixes,
//! did-you-mean, acknowledging with a suppression comment); formatting (`faultline fmt`).
//!
//! Nothing outside a dataset's root is read (its walk is confined; `faultline.toml` is read
//! from the workspace folder only when it stays inside it), and a panic in a request is
//! caught and answered with an error.

#![cfg_attr(test, allow(clippy::unwrap_used))]

mod cursor;
pub mod diagnostics;
mod error;
mod handlers;
mod schema;
mod server;
mod session;
pub mod text;
pub mod uri;

pub use error::ServerError;
pub use server::{capabilities, run, run_stdio};
pub use session::Settings;
