//! Rules about files, records and references between them.

pub(crate) mod parse_error;
pub(crate) mod schema_violation;
