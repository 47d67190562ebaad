//! Rules about casualty figures.

pub(crate) mod ambiguous_casualty_category;
pub(crate) mod casualties_on_whole;
pub(crate) mod conflicting_casualty_figures;
pub(crate) mod figure_not_in_quote;
pub(crate) mod invalid_casualty_range;
mod numbers;
pub(crate) mod unattributed_casualty;

/// The figure as a few words: "2", "1 to 3", "a figure".
pub(crate) fn figure_words(c: &faultline_model::Casualty) -> String {
    match c.figure() {
        Ok(f) if f.low == f.high => f.low.to_string(),
        Ok(f) => format!("{} to {}", f.low, f.high),
        Err(_) => "a figure".to_owned(),
    }
}
