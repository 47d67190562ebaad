//! Keeping only some rows of a CSV import: by country (`--country`) and by date (`--since`,
//! `--until`). A row left out is counted in the report under the first filter that leaves it
//! out, and is otherwise not looked at: it is neither mapped nor checked.

use std::fmt;

use faultline_formats::country::{self, Country};
use faultline_model::Date;
use serde::Serialize;

use crate::acled::dates;
use crate::table::{Columns, Row};

/// A country to keep, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountryFilter {
    /// A country of ISO 3166 named by its name or alpha-3 code: matches rows whose country
    /// (ACLED `iso3`, `iso` or `country`; UCDP `country`) is that country.
    Country(Country),
    /// A number: matches rows whose numeric country code is that number — ACLED's `iso` (an
    /// ISO 3166 numeric code, `51` for Armenia) or UCDP's `country_id` (a Gleditsch–Ward
    /// code, `371` for Armenia).
    Code(u16),
}

impl std::str::FromStr for CountryFilter {
    type Err = String;

    /// `Armenia`, `ARM`, `Russia (Soviet Union)`, or a number (`51`, `371`).
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            return s
                .parse()
                .map(Self::Code)
                .map_err(|_| format!("`{s}` is not a country code"));
        }
        let found = if s.len() == 3 {
            country::by_alpha3(s).or_else(|| country::by_name(s))
        } else {
            country::by_name(s)
        };
        found.map(Self::Country).ok_or_else(|| {
            format!(
                "unknown country `{s}`: give its English name as ACLED or UCDP write it, its ISO 3166 alpha-3 code (ARM), or the numeric code of the file (ACLED `iso`, UCDP `country_id`)"
            )
        })
    }
}

impl fmt::Display for CountryFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Country(c) => write!(f, "{} ({})", c.name, c.alpha3),
            Self::Code(n) => write!(f, "code {n}"),
        }
    }
}

/// Which rows of a CSV import to keep. The default keeps every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep rows of any of these countries (every row when empty).
    pub countries: Vec<CountryFilter>,
    /// Keep rows whose event date is on or after this day.
    pub since: Option<Date>,
    /// Keep rows whose event date is on or before this day.
    pub until: Option<Date>,
}

/// How many rows each filter left out; a row counts under the first filter that leaves it
/// out, in the order country, since, until.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Rows of another country (`--country`).
    pub country: u64,
    /// Rows dated before `--since`.
    pub since: u64,
    /// Rows dated after `--until`.
    pub until: u64,
}

impl LeftOut {
    /// Rows left out by any filter.
    pub fn total(&self) -> u64 {
        self.country + self.since + self.until
    }

    /// Whether no row was left out (for serde's `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// Counts a row left out for `reason`.
    pub(crate) fn count(&mut self, reason: Reason) {
        match reason {
            Reason::Country => self.country += 1,
            Reason::Since => self.since += 1,
            Reason::Until => self.until += 1,
        }
    }
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "left out {} rows: {} by --country, {} by --since, {} by --until",
            self.total(),
            self.country,
            self.since,
            self.until
        )
    }
}

/// Which filter leaves a row out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    Country,
    Since,
    Until,
}

/// A [`Filter`] bound to one file's header: where its country and date columns are.
pub(crate) struct RowFilter<'f> {
    filter: &'f Filter,
    /// ACLED `iso3`.
    alpha3: Option<usize>,
    /// ACLED `iso` (an ISO 3166 numeric code).
    iso: Option<usize>,
    /// ACLED `iso`, UCDP `country_id` (a Gleditsch–Ward code): what a number matches.
    code: Option<usize>,
    /// ACLED and UCDP `country`.
    name: Option<usize>,
    /// ACLED `event_date`, UCDP `date_start`.
    date: Option<usize>,
}

impl<'f> RowFilter<'f> {
    /// Binds `filter` to a header; `None` when it keeps every row.
    pub(crate) fn new(filter: &'f Filter, columns: &Columns) -> Option<Self> {
        if filter.countries.is_empty() && filter.since.is_none() && filter.until.is_none() {
            return None;
        }
        let first = |names: &[&str]| names.iter().find_map(|n| columns.get(n));
        Some(Self {
            filter,
            alpha3: columns.get("iso3"),
            iso: columns.get("iso"),
            code: first(&["iso", "country_id"]),
            name: columns.get("country"),
            date: first(&["event_date", "date_start"]),
        })
    }

    /// The first filter that leaves `row` out (in the order country, since, until), if any.
    pub(crate) fn reason(&self, row: &Row) -> Option<Reason> {
        let cell = |i: Option<usize>| {
            i.and_then(|i| row.cell(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty() && *c != "NA")
        };
        if !self.filter.countries.is_empty() {
            let code = cell(self.code);
            let number = code.and_then(|c| c.strip_suffix(".0").unwrap_or(c).parse::<u16>().ok());
            let alpha3 = cell(self.alpha3)
                .and_then(country::by_alpha3)
                .or_else(|| cell(self.iso).and_then(country::by_numeric))
                .or_else(|| cell(self.name).and_then(country::by_name))
                .map(|c| c.alpha3);
            let kept = self.filter.countries.iter().any(|f| match f {
                CountryFilter::Country(c) => alpha3 == Some(c.alpha3),
                CountryFilter::Code(n) => number == Some(*n),
            });
            if !kept {
                return Some(Reason::Country);
            }
        }
        if self.filter.since.is_some() || self.filter.until.is_some() {
            // A date that cannot be read is not left out: the row is mapped, and rejected
            // with the reason.
            let date = cell(self.date).and_then(|d| dates::parse(d).ok());
            if let Some(date) = date {
                if self.filter.since.is_some_and(|since| date < since) {
                    return Some(Reason::Since);
                }
                if self.filter.until.is_some_and(|until| date > until) {
                    return Some(Reason::Until);
                }
            }
        }
        None
    }
}
