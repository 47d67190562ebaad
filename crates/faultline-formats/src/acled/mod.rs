//! ACLED (the Armed Conflict Location & Event Data Project): the columns of each generation of
//! its CSV exports, its event types and actor codes, and its precision codes — each with the
//! faultline value it stands for, both ways.

pub mod codes;
pub mod columns;
pub mod convert;
pub mod kinds;

pub use columns::{
    CURRENT_COLUMNS, Generation, HDX_COLUMNS, HDX_HXL_TAGS, LEGACY_2016_COLUMNS, PRE2023_COLUMNS,
    REQUIRED, is_hxl_row, missing_required,
};
