//! The rules, one per file, grouped by area.

pub(crate) mod casualties;
pub(crate) mod dates;
pub(crate) mod records;
pub(crate) mod sources;
pub(crate) mod suppressions;
