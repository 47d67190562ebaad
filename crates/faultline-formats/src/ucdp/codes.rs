//! UCDP GED's codes: the type of violence, and how precise a date (`date_prec`) and a location
//! (`where_prec`) are, both ways.

use faultline_model::{EventKind, GeoPrecision, PlaceKind, Precision};

/// The codes of `type_of_violence`: 1 state-based, 2 non-state, 3 one-sided violence.
pub const TYPES_OF_VIOLENCE: [u8; 3] = [1, 2, 3];

/// UCDP's types of violence against faultline's kinds: the code, UCDP's words, the kind.
/// The code is also kept verbatim in each imported event's `external.ucdp`.
pub const VIOLENCE_KINDS: [(u8, &str, EventKind); 3] = [
    (1, "State-based violence", EventKind::ArmedClash),
    (2, "Non-state violence", EventKind::ArmedClash),
    (3, "One-sided violence", EventKind::ViolenceAgainstCivilians),
];

/// The faultline kind of a `type_of_violence` code, from [`VIOLENCE_KINDS`], and whether it
/// is only the nearest kind (no code: `armed-clash`, UCDP's organised violence).
pub fn kind(type_of_violence: Option<u8>) -> (EventKind, bool) {
    VIOLENCE_KINDS
        .iter()
        .find(|(code, _, _)| Some(*code) == type_of_violence)
        .map_or((EventKind::ArmedClash, true), |(_, _, kind)| (*kind, false))
}

/// The codes of `date_prec`: 1 the day ... 5 the year.
pub const DATE_PRECISIONS: [u8; 5] = [1, 2, 3, 4, 5];

/// The codes of `where_prec`: 1 the place itself ... 6 the country, 7 international waters
/// or airspace.
pub const WHERE_PRECISIONS: [u8; 7] = [1, 2, 3, 4, 5, 6, 7];

/// UCDP's words for a `type_of_violence` code (`Organised violence` when there is none).
pub fn violence_label(type_of_violence: Option<u8>) -> &'static str {
    VIOLENCE_KINDS
        .iter()
        .find(|(code, _, _)| Some(*code) == type_of_violence)
        .map_or("Organised violence", |(_, label, _)| label)
}

/// UCDP's `date_prec` for a date precision.
pub fn date_prec(precision: Precision) -> u8 {
    match precision {
        Precision::Day => 1,
        Precision::Days => 2,
        Precision::Week => 3,
        Precision::Month => 4,
        Precision::Year | Precision::Years => 5,
    }
}

/// The date precision of a `date_prec` code (a code outside 2 to 5 is the day).
pub fn precision(date_prec: u8) -> Precision {
    match date_prec {
        2 => Precision::Days,
        3 => Precision::Week,
        4 => Precision::Month,
        5 => Precision::Year,
        _ => Precision::Day,
    }
}

/// UCDP's `where_prec` for a coordinate precision.
pub fn where_prec(precision: GeoPrecision) -> u8 {
    match precision {
        GeoPrecision::Exact => 1,
        GeoPrecision::Near => 2,
        GeoPrecision::District => 3,
        GeoPrecision::Province => 4,
        GeoPrecision::Country => 6,
    }
}

/// The kind of place a `where_prec` code locates, and how precisely: 1 and 2 a town (exact,
/// near), 3 a district, 4 a province, 5 a region known only to its country, 6 and 7 a country.
pub fn place_precision(where_prec: u8) -> (PlaceKind, GeoPrecision) {
    match where_prec {
        1 => (PlaceKind::Town, GeoPrecision::Exact),
        2 => (PlaceKind::Town, GeoPrecision::Near),
        3 => (PlaceKind::District, GeoPrecision::District),
        4 => (PlaceKind::Province, GeoPrecision::Province),
        5 => (PlaceKind::Region, GeoPrecision::Country),
        _ => (PlaceKind::Country, GeoPrecision::Country),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_violence() {
        assert_eq!(kind(Some(1)), (EventKind::ArmedClash, false));
        assert_eq!(kind(Some(3)), (EventKind::ViolenceAgainstCivilians, false));
        assert_eq!(kind(None), (EventKind::ArmedClash, true));
        assert_eq!(violence_label(Some(2)), "Non-state violence");
        let codes: Vec<u8> = VIOLENCE_KINDS.iter().map(|v| v.0).collect();
        assert_eq!(codes, TYPES_OF_VIOLENCE);
    }

    #[test]
    fn codes_read_back_as_written() {
        for code in DATE_PRECISIONS {
            assert_eq!(date_prec(precision(code)), code);
        }
        for precision in [
            GeoPrecision::Exact,
            GeoPrecision::Near,
            GeoPrecision::District,
            GeoPrecision::Province,
            GeoPrecision::Country,
        ] {
            assert_eq!(place_precision(where_prec(precision)).1, precision);
        }
    }
}
