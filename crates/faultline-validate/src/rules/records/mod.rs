//! Rules about files, records and references between them.

pub(crate) mod byte_order_mark;
pub(crate) mod dangling_reference;
pub(crate) mod duplicate_id;
pub(crate) mod empty_field;
pub(crate) mod id_mismatch;
pub(crate) mod parse_error;
pub(crate) mod place_alias;
pub(crate) mod possible_duplicate_event;
pub(crate) mod schema_violation;
pub(crate) mod unused_record;
