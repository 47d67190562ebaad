//! Country codes: ISO 3166-1 alpha-3 from an alpha-3 code, a numeric code (ACLED's `iso`) or a
//! name as ACLED and UCDP write it ("DR Congo (Zaire)", "Russia (Soviet Union)").

use faultline_model::CountryCode;

#[path = "country_table.rs"]
mod table;

/// The code used when a row names no country we can identify (ISO 3166 leaves `XXX`
/// unassigned; passports use it for "unspecified").
pub const UNKNOWN_COUNTRY: &str = "XXX";

/// A country of ISO 3166-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// The alpha-3 code.
    pub alpha3: &'static str,
    /// The numeric code (0 for codes outside ISO 3166, such as `XKX` for Kosovo).
    pub numeric: u16,
    /// The common English name.
    pub name: &'static str,
}

impl Country {
    /// The alpha-3 code as a model value.
    pub fn code(&self) -> CountryCode {
        CountryCode::new(self.alpha3).unwrap_or_else(|_| unknown_code())
    }
}

fn entry(row: &(&'static str, u16, &'static str, &'static [&'static str])) -> Country {
    Country {
        alpha3: row.0,
        numeric: row.1,
        name: row.2,
    }
}

/// The country with this alpha-3 code (`ARM`).
pub fn by_alpha3(code: &str) -> Option<Country> {
    let code = code.trim();
    table::COUNTRIES
        .iter()
        .find(|r| r.0.eq_ignore_ascii_case(code))
        .map(entry)
}

/// The country with this ISO 3166 numeric code (`51`, `051`).
pub fn by_numeric(code: &str) -> Option<Country> {
    let n: u16 = code.trim().parse().ok().filter(|n| *n != 0)?;
    table::COUNTRIES.iter().find(|r| r.1 == n).map(entry)
}

/// The country with this name; a trailing parenthesised former name is ignored.
pub fn by_name(name: &str) -> Option<Country> {
    let name = name.trim();
    let short = match name.find(" (") {
        Some(i) if name.ends_with(')') => &name[..i],
        _ => name,
    };
    let matches = |n: &str| n.eq_ignore_ascii_case(name) || n.eq_ignore_ascii_case(short);
    table::COUNTRIES
        .iter()
        .find(|r| matches(r.2) || r.3.iter().any(|n| matches(n)))
        .map(entry)
}

/// The unknown-country code [`UNKNOWN_COUNTRY`].
pub fn unknown_code() -> CountryCode {
    CountryCode::new(UNKNOWN_COUNTRY).expect("XXX is three upper-case letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(by_alpha3("arm").map(|c| c.numeric), Some(51));
        assert_eq!(by_numeric("031").map(|c| c.alpha3), Some("AZE"));
        assert_eq!(by_numeric("0"), None);
        assert_eq!(by_name("DR Congo (Zaire)").map(|c| c.alpha3), Some("COD"));
        assert_eq!(
            by_name("Russia (Soviet Union)").map(|c| c.alpha3),
            Some("RUS")
        );
        assert_eq!(by_name("Bosnia-Herzegovina").map(|c| c.alpha3), Some("BIH"));
        assert_eq!(by_name("Kosovo").map(|c| c.alpha3), Some("XKX"));
        assert_eq!(by_name("Atlantis"), None);
    }
}
