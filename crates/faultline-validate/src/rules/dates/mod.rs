//! Rules about dates.

pub(crate) mod date_precision_mismatch;
pub(crate) mod date_range_reversed;
pub(crate) mod event_after_report;
pub(crate) mod future_date;
pub(crate) mod source_dates_inconsistent;
