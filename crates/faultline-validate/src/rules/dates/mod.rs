//! Rules about dates.

pub(crate) mod future_date;
