//! Rules about sources and sourcing.

pub(crate) mod incomplete_source;
pub(crate) mod missing_source;
pub(crate) mod single_party_sourcing;
pub(crate) mod uncited_claim_source;
