//! Rules about sources and sourcing.

pub(crate) mod archive_mismatch;
pub(crate) mod claimant_not_in_context;
pub(crate) mod incomplete_source;
pub(crate) mod misattributed_author_claim;
pub(crate) mod missing_source;
pub(crate) mod quote_not_in_source;
pub(crate) mod single_party_sourcing;
pub(crate) mod unarchived_source;
pub(crate) mod uncited_claim_source;
pub(crate) mod unquoted_direct_claim;
