//! Every date form ACLED has used: `2020-05-09` (the API and the 2016 files), `9-May-20` (the
//! pre-2023 Excel-era export), `28 December 2022` (the current export), and their relatives
//! `9-May-2020`, `9 May 2020`, `May 9, 2020`, `09/05/2020` (day first, as ACLED's spreadsheets
//! wrote it), and ISO with a time of day (`2020-05-09 00:00:00.000`, as UCDP GED writes it).

use faultline_model::{Date, DateError};

/// The forms accepted, for error messages.
pub const FORMS: &str =
    "accepted: 2020-05-09, 9-May-20, 9-May-2020, 28 December 2022, May 9, 2020, 09/05/2020";

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a form ACLED uses.
    Format,
    /// A day that does not exist; the message says which.
    Impossible(String),
}

/// Reads a date in any form ACLED used.
pub fn parse(text: &str) -> Result<Date, DateProblem> {
    let s = text.trim();
    // ISO, possibly followed by a time of day.
    let iso = s.split([' ', 'T']).next().unwrap_or(s);
    if iso.len() == 10 && iso.as_bytes()[4] == b'-' {
        return iso.parse::<Date>().map_err(problem);
    }
    if let Some(d) = day_month_year(s)? {
        return Ok(d);
    }
    Err(DateProblem::Format)
}

fn problem(e: DateError) -> DateProblem {
    match e {
        DateError::Impossible(d) => DateProblem::Impossible(d),
        _ => DateProblem::Format,
    }
}

fn build(year: u32, month: u8, day: u32) -> Result<Date, DateProblem> {
    let (Ok(year), Ok(day)) = (u16::try_from(year), u8::try_from(day)) else {
        return Err(DateProblem::Format);
    };
    Date::new(year, month, day).map_err(problem)
}

/// A two-digit year: 70 to 99 are 1970s to 1990s, the rest 2000s (ACLED starts in 1997).
fn full_year(y: &str) -> Option<u32> {
    let n: u32 = digits(y)?;
    match y.len() {
        2 if n >= 70 => Some(1900 + n),
        2 => Some(2000 + n),
        4 => Some(n),
        _ => None,
    }
}

fn digits(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn month(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let pos = MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(&lower)))?;
    u8::try_from(pos + 1).ok()
}

/// `9-May-20`, `9 May 2020`, `May 9, 2020`, `09/05/2020`.
fn day_month_year(s: &str) -> Result<Option<Date>, DateProblem> {
    let parts: Vec<&str> = s
        .split(['-', ' ', '/', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return Ok(None);
    };
    let Some(year) = full_year(c) else {
        return Ok(None);
    };
    // Day, month name, year.
    if let (Some(day), Some(m)) = (digits(a), month(b)) {
        return build(year, m, day).map(Some);
    }
    // Month name, day, year.
    if let (Some(m), Some(day)) = (month(a), digits(b)) {
        return build(year, m, day).map(Some);
    }
    // Day/month/year, numeric, only with slashes.
    if s.contains('/')
        && let (Some(day), Some(m)) = (digits(a), digits(b))
    {
        let m = u8::try_from(m).map_err(|_| DateProblem::Format)?;
        return build(year, m, day).map(Some);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        parse(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn every_acled_form() {
        assert_eq!(ok("2020-05-09"), "2020-05-09");
        assert_eq!(ok("9-May-20"), "2020-05-09");
        assert_eq!(ok("09-May-2020"), "2020-05-09");
        assert_eq!(ok("28 December 2022"), "2022-12-28");
        assert_eq!(ok("28 Dec 2022"), "2022-12-28");
        assert_eq!(ok("3 Sept 2019"), "2019-09-03");
        assert_eq!(ok("May 9, 2020"), "2020-05-09");
        assert_eq!(ok("09/05/2020"), "2020-05-09");
        assert_eq!(ok("1-Jan-97"), "1997-01-01");
        assert_eq!(ok("2013-01-03 00:00:00.000"), "2013-01-03");
    }

    #[test]
    fn rejects() {
        assert_eq!(ok("30-Feb-21"), "Impossible(\"2021-02-30\")");
        assert_eq!(ok("2021-02-30"), "Impossible(\"2021-02-30\")");
        assert_eq!(ok("31 June 2020"), "Impossible(\"2020-06-31\")");
        for bad in [
            "",
            "yesterday",
            "2020",
            "9-Mai-20",
            "2020/05/09x",
            "1-13-2020",
            "99999-May-20",
        ] {
            assert_eq!(parse(bad), Err(DateProblem::Format), "{bad}");
        }
    }
}
