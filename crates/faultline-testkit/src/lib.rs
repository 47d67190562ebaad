//! Test support for the faultline crates: proptest strategies for every record type.
//!
//! ```
//! use faultline_testkit::strategy;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let event = strategy::event().new_tree(&mut runner).unwrap().current();
//! assert!(event.id.as_str().starts_with(&event.date.start.to_string()));
//! ```

pub mod strategy;
