//! Rules about casualty figures.
