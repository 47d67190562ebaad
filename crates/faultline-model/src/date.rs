//! Calendar dates, local times and date precision.
//!
//! [`Date`] reads both a TOML local date (`start = 2021-11-16`) and a JSON string
//! (`"start": "2021-11-16"`), and rejects impossible dates such as 2021-02-30.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The key under which the `toml` crate hands a TOML datetime to a deserializer.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Why a text is not a valid date or time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Format(String),
    /// The month is not 1 to 12 or the day does not exist in that month.
    #[error("{0} is not a day of the calendar")]
    Impossible(String),
    /// The text is not of the form `HH:MM` or `HH:MM:SS`.
    #[error("`{0}` is not a time of day of the form HH:MM or HH:MM:SS")]
    Time(String),
}

/// A day of the proleptic Gregorian calendar, years 0 to 9999 (as RFC 3339 full-dates).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// 1970-01-01, day 0 of [`Date::to_days`].
    pub const EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Builds a date, checking that the day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let text = || format!("{year:04}-{month:02}-{day:02}");
        if year > 9999 || !(1..=12).contains(&month) {
            return Err(DateError::Impossible(text()));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Impossible(text()));
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it lies within years 0 to 9999.
    pub fn from_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// The number of days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }

    /// The date `n` days later (or earlier, for negative `n`).
    pub fn add_days(self, n: i64) -> Option<Self> {
        Self::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        u8::try_from((self.to_days() + 3).rem_euclid(7)).unwrap_or(0)
    }
}

/// Whether `year` is a leap year of the Gregorian calendar.
fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits<T: FromStr>(s: &str) -> Option<T> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let format = || DateError::Format(s.to_owned());
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(format());
        }
        let year = digits(&s[0..4]).ok_or_else(format)?;
        let month = digits(&s[5..7]).ok_or_else(format)?;
        let day = digits(&s[8..10]).ok_or_else(format)?;
        Self::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Accepts a string, or a TOML datetime as the `toml` crate presents it.
struct TextOrTomlDatetime<T>(std::marker::PhantomData<T>);

impl<'de, T> Visitor<'de> for TextOrTomlDatetime<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date (YYYY-MM-DD) or a time of day (HH:MM)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME_KEY => {
                let text: String = map.next_value()?;
                text.parse().map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrTomlDatetime(std::marker::PhantomData))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Date")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD (a TOML local date in record files)."
        })
    }
}

/// A local time of day, as the source gives it (`07:00`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime {
    hour: u8,
    minute: u8,
    second: Option<u8>,
}

impl LocalTime {
    /// Builds a time of day, checking the ranges.
    pub fn new(hour: u8, minute: u8, second: Option<u8>) -> Result<Self, DateError> {
        if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59) {
            return Err(DateError::Time(format!("{hour:02}:{minute:02}")));
        }
        Ok(Self {
            hour,
            minute,
            second,
        })
    }

    /// The hour, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl FromStr for LocalTime {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let err = || DateError::Time(s.to_owned());
        let mut parts = s.split(':');
        let hour = parts.next().filter(|p| p.len() == 2).and_then(digits);
        let minute = parts.next().filter(|p| p.len() == 2).and_then(digits);
        let second = match parts.next() {
            None => None,
            Some(p) if p.len() == 2 => Some(digits(p).ok_or_else(err)?),
            Some(_) => return Err(err()),
        };
        if parts.next().is_some() {
            return Err(err());
        }
        Self::new(hour.ok_or_else(err)?, minute.ok_or_else(err)?, second).map_err(|_| err())
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(s) = self.second {
            write!(f, ":{s:02}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextOrTomlDatetime(std::marker::PhantomData))
    }
}

impl JsonSchema for LocalTime {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("LocalTime")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "description": "A local time of day, HH:MM or HH:MM:SS."
        })
    }
}

/// How precisely the source fixes an event's date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum Precision {
    /// One known day (`end` absent or equal to `start`).
    Day,
    /// One of several days, or several days: `start` to `end` spans 2 to 6 days.
    Days,
    /// Within a week (the range spans at most 7 days).
    Week,
    /// Within a month (the range lies in one calendar month).
    Month,
    /// Within a year (the range lies in one calendar year).
    Year,
    /// No narrower than years: the range runs across calendar years, or, with a `basis` other
    /// than `occurred`, the text gives no earlier bound for the event than `end`.
    Years,
}

impl Precision {
    /// The precision as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Days => "days",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
            Self::Years => "years",
        }
    }

    /// Every precision, finest first.
    pub const ALL: [Precision; 6] = [
        Self::Day,
        Self::Days,
        Self::Week,
        Self::Month,
        Self::Year,
        Self::Years,
    ];
}

/// What an event's `start`..`end` dates: the event itself, or a report or citation of it.
///
/// Texts often date the report, not the incident ("On July 15, the Ministry ... reported that
/// ... had attacked"; "(News.am, July 15)"). The recorded days are then the report's, and the
/// event happened on or before `end`: its start is open, and `precision` says how close to
/// `end` the text places it (never `day` or `days`: the text gives no day for the event).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum DateBasis {
    /// The event happened within `start`..`end` (the default).
    #[default]
    Occurred,
    /// `start`..`end` is when the event was reported ("reached us on Saturday, April 13"); the
    /// event happened on or before `end`.
    Reported,
    /// `start`..`end` is the date of a publication the text cites for the event ("(News.am,
    /// July 15)"); the event happened on or before `end`.
    Cited,
    /// `start`..`end` is the date of a later event the text puts this one before (a statement
    /// about a summit "on April 12"); the event happened on or before `end`.
    Before,
}

impl DateBasis {
    /// The basis as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Occurred => "occurred",
            Self::Reported => "reported",
            Self::Cited => "cited",
            Self::Before => "before",
        }
    }

    /// Whether the days recorded are the event's own (`occurred`, the default).
    pub fn is_occurred(&self) -> bool {
        *self == Self::Occurred
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let d: Date = "2021-11-16".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2021, 11, 16));
        assert_eq!(d.to_string(), "2021-11-16");
        assert!(matches!(
            "2021-02-30".parse::<Date>(),
            Err(DateError::Impossible(_))
        ));
        assert!("2020-02-29".parse::<Date>().is_ok());
        assert!("2100-02-29".parse::<Date>().is_err());
        for bad in [
            "2021-1-16",
            "21-11-16",
            "2021/11/16",
            "2021-11-16T00:00",
            "+021-11-16",
            "",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn day_arithmetic() {
        let d: Date = "2021-05-19".parse().unwrap();
        assert_eq!(d.weekday(), 2, "19 May 2021 was a Wednesday");
        assert_eq!(d.add_days(-6).unwrap().to_string(), "2021-05-13");
        assert_eq!(Date::from_days(0).unwrap().to_string(), "1970-01-01");
        let leap: Date = "2024-02-28".parse().unwrap();
        assert_eq!(leap.add_days(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(leap.days_until("2024-03-01".parse().unwrap()), 2);
    }

    #[test]
    fn reads_toml_dates_and_json_strings() {
        #[derive(Deserialize)]
        struct T {
            d: Date,
            t: LocalTime,
        }
        let t: T = toml::from_str("d = 2021-11-16\nt = 07:00:00").unwrap();
        assert_eq!(t.d.to_string(), "2021-11-16");
        assert_eq!(t.t.to_string(), "07:00:00");
        let t: T = serde_json::from_str(r#"{"d":"2021-11-16","t":"07:00"}"#).unwrap();
        assert_eq!(t.t.hour(), 7);
        assert!(toml::from_str::<T>("d = 2021-11-16T07:00:00\nt = 07:00").is_err());
    }

    #[test]
    fn times() {
        assert!("24:00".parse::<LocalTime>().is_err());
        assert!("7:00".parse::<LocalTime>().is_err());
        assert!("07:00:00:00".parse::<LocalTime>().is_err());
        assert_eq!("23:59".parse::<LocalTime>().unwrap().minute(), 59);
    }
}
