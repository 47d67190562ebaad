//! Rules about suppression comments.

pub(crate) mod invalid_suppression;
pub(crate) mod unused_suppression;
