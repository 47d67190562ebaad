//! The list of every rule. Adding a rule: write `rules/<area>/<rule>.rs`, then add it here.

use crate::rule::{Rule, RuleMeta};
use crate::rules::{casualties, dates, records, sources, suppressions};

/// Every rule, grouped by area.
pub(crate) static RULES: &[&dyn Rule] = &[
    &records::parse_error::ParseError,
    &records::schema_violation::SchemaViolation,
    &records::byte_order_mark::ByteOrderMark,
    &records::id_mismatch::IdMismatch,
    &records::duplicate_id::DuplicateId,
    &records::dangling_reference::DanglingReference,
    &records::place_alias::PlaceAlias,
    &records::possible_duplicate_event::PossibleDuplicateEvent,
    &records::unused_record::UnusedRecord,
    &records::empty_field::EmptyField,
    &sources::missing_source::MissingSource,
    &sources::uncited_claim_source::UncitedClaimSource,
    &sources::incomplete_source::IncompleteSource,
    &sources::single_party_sourcing::SinglePartySourcing,
    &sources::quote_not_in_source::QuoteNotInSource,
    &sources::claimant_not_in_context::ClaimantNotInContext,
    &sources::archive_mismatch::ArchiveMismatch,
    &sources::unarchived_source::UnarchivedSource,
    &sources::unquoted_direct_claim::UnquotedDirectClaim,
    &sources::misattributed_author_claim::MisattributedAuthorClaim,
    &dates::date_range_reversed::DateRangeReversed,
    &dates::event_after_report::EventAfterReport,
    &dates::future_date::FutureDate,
    &dates::source_dates_inconsistent::SourceDatesInconsistent,
    &dates::date_precision_mismatch::DatePrecisionMismatch,
    &casualties::unattributed_casualty::UnattributedCasualty,
    &casualties::ambiguous_casualty_category::AmbiguousCasualtyCategory,
    &casualties::invalid_casualty_range::InvalidCasualtyRange,
    &casualties::conflicting_casualty_figures::ConflictingCasualtyFigures,
    &casualties::figure_not_in_quote::FigureNotInQuote,
    &casualties::casualties_on_whole::CasualtiesOnWhole,
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
