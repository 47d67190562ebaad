//! Rules about sources and sourcing.
