//! UCDP GED (the Uppsala Conflict Data Program's Georeferenced Event Dataset): its columns and
//! its codes, each with the faultline value it stands for, both ways.

pub mod codes;
pub mod columns;

pub use columns::{GED_COLUMNS, REQUIRED};
