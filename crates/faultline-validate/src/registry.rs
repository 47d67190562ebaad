//! The list of every rule. Adding a rule: write `rules/<area>/<rule>.rs`, then add it here.

use crate::rule::{Rule, RuleMeta};
use crate::rules::{casualties, dates, records, sources, suppressions};

/// Every rule, grouped by area.
pub(crate) static RULES: &[&dyn Rule] = &[
    &records::parse_error::ParseError,
    &records::schema_violation::SchemaViolation,
    &dates::future_date::FutureDate,
    &suppressions::invalid_suppression::InvalidSuppression,
    &suppressions::unused_suppression::UnusedSuppression,
];

/// The metadata of every rule, in registry order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// The metadata of the rule called `name`.
pub fn meta(name: &str) -> Option<&'static RuleMeta> {
    metas().find(|m| m.name == name)
}
