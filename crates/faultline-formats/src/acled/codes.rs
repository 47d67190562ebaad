//! ACLED's numeric codes for how precise a date and a location are, both ways.

use faultline_model::{GeoPrecision, Precision};

/// The codes of `time_precision`: 1 the day, 2 the week, 3 the month.
pub const TIME_PRECISIONS: [u8; 3] = [1, 2, 3];

/// The codes of `geo_precision`: 1 the place itself, 2 near it or part of a region, 3 a
/// provincial capital standing for the province.
pub const GEO_PRECISIONS: [u8; 3] = [1, 2, 3];

/// ACLED's `time_precision` for a date precision.
pub fn time_precision(precision: Precision) -> u8 {
    match precision {
        Precision::Day => 1,
        Precision::Days | Precision::Week => 2,
        Precision::Month | Precision::Year | Precision::Years => 3,
    }
}

/// The date precision of a `time_precision` code (a code other than 2 or 3 is the day).
pub fn precision(time_precision: u8) -> Precision {
    match time_precision {
        2 => Precision::Week,
        3 => Precision::Month,
        _ => Precision::Day,
    }
}

/// ACLED's `geo_precision` for a coordinate precision.
pub fn geo_precision(precision: GeoPrecision) -> u8 {
    match precision {
        GeoPrecision::Exact => 1,
        GeoPrecision::Near | GeoPrecision::District => 2,
        GeoPrecision::Province | GeoPrecision::Country => 3,
    }
}

/// The coordinate precision of a `geo_precision` code (a code other than 1 or 2 is the
/// province).
pub fn coordinate_precision(geo_precision: u8) -> GeoPrecision {
    match geo_precision {
        1 => GeoPrecision::Exact,
        2 => GeoPrecision::Near,
        _ => GeoPrecision::Province,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_written() {
        for code in TIME_PRECISIONS {
            assert_eq!(time_precision(precision(code)), code);
        }
        for code in GEO_PRECISIONS {
            assert_eq!(geo_precision(coordinate_precision(code)), code);
        }
    }
}
