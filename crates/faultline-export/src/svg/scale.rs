//! Scales: counts onto lengths (linear, or logarithmic when small figures stand beside large
//! ones) and dates onto a time axis with month ticks.

use std::fmt::Write;

use faultline_model::Date;

use crate::svg::text::{month_abbr, thousands};

/// A "nice" axis step for values up to `max`, giving at most about five ticks.
pub fn nice_step(max: u64) -> u64 {
    let mut step: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= step.saturating_mul(m * 5) {
                return step * m;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The largest value over the smallest non-zero one beyond which a linear scale would
/// flatten the small figures to slivers, and a logarithmic one is used instead.
pub const LOG_RATIO: u64 = 20;

/// Counts onto a length `0..=len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueScale {
    /// Proportional, up to `top` (a multiple of the tick step).
    Linear {
        /// The value at the end of the axis.
        top: u64,
    },
    /// `log10(1 + v)`, up to `top` (a power of ten): 0 stays at the origin, and 7 stays
    /// visible beside 6,000.
    Log {
        /// The value at the end of the axis.
        top: u64,
    },
}

impl ValueScale {
    /// The scale for these values: linear, unless the largest is more than [`LOG_RATIO`]
    /// times the smallest non-zero one.
    pub fn for_values(values: impl IntoIterator<Item = u64>) -> Self {
        let (mut min, mut max) = (u64::MAX, 0);
        for v in values {
            max = max.max(v);
            if v > 0 {
                min = min.min(v);
            }
        }
        let max = max.max(1);
        if min != u64::MAX && max / min > LOG_RATIO {
            let mut top = 10;
            while top < max {
                top = top.saturating_mul(10);
            }
            Self::Log { top }
        } else {
            let step = nice_step(max);
            Self::Linear {
                top: max.div_ceil(step) * step,
            }
        }
    }

    /// Whether the scale is logarithmic.
    pub fn is_log(self) -> bool {
        matches!(self, Self::Log { .. })
    }

    /// The value at the end of the axis.
    pub fn top(self) -> u64 {
        match self {
            Self::Linear { top } | Self::Log { top } => top,
        }
    }

    /// Where `value` falls on an axis of length `len` (values past the top are clamped).
    pub fn position(self, value: u64, len: f64) -> f64 {
        let v = value.min(self.top()) as f64;
        let fraction = match self {
            Self::Linear { top } => v / top.max(1) as f64,
            Self::Log { top } => (1.0 + v).log10() / (1.0 + top as f64).log10(),
        };
        fraction * len
    }

    /// The values to mark on the axis.
    pub fn ticks(self) -> Vec<u64> {
        match self {
            Self::Linear { top } => {
                let step = nice_step(top);
                (0..=top / step).map(|i| i * step).collect()
            }
            Self::Log { top } => {
                let mut ticks = vec![0, 1];
                let mut t: u64 = 10;
                while t <= top {
                    ticks.push(t);
                    t = t.saturating_mul(10);
                }
                ticks
            }
        }
    }

    /// `linear scale` or `logarithmic scale`.
    pub fn describe(self) -> &'static str {
        if self.is_log() {
            "logarithmic scale"
        } else {
            "linear scale"
        }
    }

    /// A horizontal axis from `x` to `x + len` at `y`: a baseline, ticks and their labels.
    pub fn axis(self, x: f64, y: f64, len: f64) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#888"/>"##,
            x + len
        );
        for t in self.ticks() {
            let tx = x + self.position(t, len);
            let _ = write!(
                out,
                r##"<line x1="{tx:.1}" y1="{y:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#888"/><text x="{tx:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#444">{}</text>"##,
                y + 4.0,
                y + 14.0,
                thousands(t)
            );
        }
        out
    }
}

/// The width of a timeline's bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bin {
    /// One bar a day.
    Day,
    /// One bar a week (Monday to Sunday).
    Week,
    /// One bar a calendar month.
    Month,
}

impl Bin {
    /// The bin for a timeline from `first` to `last`: days up to three months, weeks up to
    /// a year and a half, months beyond.
    pub fn for_span(first: Date, last: Date) -> Self {
        match first.days_until(last) {
            ..=92 => Self::Day,
            93..=550 => Self::Week,
            _ => Self::Month,
        }
    }

    /// The first day of the bin `date` falls in.
    pub fn start_of(self, date: Date) -> Date {
        match self {
            Self::Day => date,
            Self::Week => date.add_days(-i64::from(date.weekday())).unwrap_or(date),
            Self::Month => Date::new(date.year(), date.month(), 1).unwrap_or(date),
        }
    }

    /// The first day of the next bin after the one `date` falls in.
    pub fn next(self, date: Date) -> Date {
        let start = self.start_of(date);
        match self {
            Self::Day => start.add_days(1),
            Self::Week => start.add_days(7),
            Self::Month => next_month(start),
        }
        .unwrap_or(start)
    }

    /// `day`, `week` or `month`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    /// How a bin is named in a tooltip: `16 November 2021`, `week of 15 November 2021`,
    /// `November 2021`.
    pub fn label(self, date: Date) -> String {
        let start = self.start_of(date);
        match self {
            Self::Day => crate::svg::text::day(start),
            Self::Week => format!("week of {}", crate::svg::text::day(start)),
            Self::Month => format!(
                "{} {}",
                crate::svg::text::month_name(start.month()),
                start.year()
            ),
        }
    }
}

/// The first day of the month after `date`'s.
fn next_month(date: Date) -> Option<Date> {
    if date.month() == 12 {
        Date::new(date.year().checked_add(1)?, 1, 1).ok()
    } else {
        Date::new(date.year(), date.month() + 1, 1).ok()
    }
}

/// Dates onto `x..x + len`, from the start of the first bin to the end of the last.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    /// The bins.
    pub bin: Bin,
    /// The first day shown.
    pub start: Date,
    /// The day after the last day shown.
    pub end: Date,
    /// Where the axis starts.
    pub x: f64,
    /// Its length.
    pub len: f64,
}

impl TimeScale {
    /// A scale covering `first..=last` in whole bins.
    pub fn new(first: Date, last: Date, x: f64, len: f64) -> Self {
        let bin = Bin::for_span(first, last);
        Self {
            bin,
            start: bin.start_of(first),
            end: bin.next(last.max(first)),
            x,
            len,
        }
    }

    fn days(&self) -> f64 {
        self.start.days_until(self.end).max(1) as f64
    }

    /// Where the start of `date` falls.
    pub fn position(&self, date: Date) -> f64 {
        self.x + self.start.days_until(date) as f64 / self.days() * self.len
    }

    /// Where the end of `date` (the start of the next day) falls.
    pub fn position_after(&self, date: Date) -> f64 {
        self.position(date) + self.len / self.days()
    }

    /// The bins shown, by their first day.
    pub fn bins(&self) -> Vec<Date> {
        let mut out = Vec::new();
        let mut d = self.start;
        while d < self.end {
            out.push(d);
            let next = self.bin.next(d);
            if next <= d {
                break;
            }
            d = next;
        }
        out
    }

    /// The time axis at `y`: a tick at the start of every month (longer at each January)
    /// labelled with the month's name where there is room — every month, else every
    /// quarter —, day ticks and numbers when days are wide enough, and the years on a
    /// second line.
    pub fn axis(&self, y: f64) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#888"/>"##,
            self.x,
            self.x + self.len
        );
        let per_day = self.len / self.days();
        let per_month = per_day * 30.4;
        // Days, when a day is wide enough to mark.
        if per_day >= 4.0 {
            let every = [1u8, 2, 5, 10]
                .into_iter()
                .find(|k| per_day * f64::from(*k) >= 20.0)
                .unwrap_or(15);
            let mut d = self.start;
            while d < self.end {
                let tx = self.position(d);
                let _ = write!(
                    out,
                    r##"<line x1="{tx:.1}" y1="{y:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#bbb"/>"##,
                    y + 3.0
                );
                let labelled = (d.day() - 1).is_multiple_of(every) && d.day() <= 31 - every / 2;
                if labelled {
                    let _ = write!(
                        out,
                        r##"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#666">{}</text>"##,
                        tx + per_day / 2.0,
                        y + 12.0,
                        d.day()
                    );
                }
                match d.add_days(1) {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        // Months.
        let month_row = if per_day >= 4.0 { 24.0 } else { 13.0 };
        let every_month = per_month >= 26.0;
        let quarters = per_month >= 8.0;
        let mut m = Bin::Month.start_of(self.start);
        let mut years: Vec<(u16, f64, f64)> = Vec::new();
        while m < self.end {
            let next = next_month(m).unwrap_or(self.end);
            let (a, b) = (
                self.position(m.max(self.start)),
                self.position(next.min(self.end)),
            );
            if m >= self.start {
                let tall = if m.month() == 1 { 10.0 } else { 5.0 };
                let _ = write!(
                    out,
                    r##"<line x1="{a:.1}" y1="{y:.1}" x2="{a:.1}" y2="{:.1}" stroke="#666"/>"##,
                    y + tall
                );
            }
            let labelled = every_month || (quarters && (m.month() - 1).is_multiple_of(3));
            if labelled && b - a >= 14.0 {
                let _ = write!(
                    out,
                    r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#333">{}</text>"##,
                    (a + b) / 2.0,
                    y + month_row,
                    month_abbr(m.month())
                );
            }
            match years.last_mut() {
                Some((year, _, end)) if *year == m.year() => *end = b,
                _ => years.push((m.year(), a, b)),
            }
            if next <= m {
                break;
            }
            m = next;
        }
        let year_row = month_row + if every_month || quarters { 13.0 } else { 0.0 };
        for (year, a, b) in years {
            if b - a >= 24.0 || self.bin == Bin::Day {
                let _ = write!(
                    out,
                    r##"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" text-anchor="middle" fill="#222">{year}</text>"##,
                    (a + b) / 2.0,
                    y + year_row
                );
            }
        }
        out
    }

    /// The height the axis of [`axis`](Self::axis) takes below its line.
    pub fn axis_height(&self) -> f64 {
        let per_day = self.len / self.days();
        let months = per_day * 30.4 >= 8.0;
        let mut h = if per_day >= 4.0 { 24.0 } else { 13.0 };
        if months {
            h += 13.0;
        }
        h + 4.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn steps() {
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(12), 5);
        assert_eq!(nice_step(40), 10);
        assert_eq!(nice_step(4000), 1000);
        assert!(nice_step(u64::MAX) > 0);
    }

    #[test]
    fn small_figures_stay_visible_beside_large_ones() {
        let linear = ValueScale::for_values([7, 10, 13]);
        assert_eq!(linear, ValueScale::Linear { top: 15 });
        assert_eq!(linear.ticks(), [0, 5, 10, 15]);
        let log = ValueScale::for_values([0, 7, 6000]);
        assert_eq!(log, ValueScale::Log { top: 10_000 });
        assert_eq!(log.ticks(), [0, 1, 10, 100, 1000, 10_000]);
        // 7 takes more than a fifth of the axis beside 6,000, not a thousandth.
        assert!(log.position(7, 100.0) > 20.0);
        assert_eq!(log.position(0, 100.0), 0.0);
        assert!((log.position(10_000, 100.0) - 100.0).abs() < 1e-9);
        assert_eq!(ValueScale::for_values([]), ValueScale::Linear { top: 1 });
        assert_eq!(ValueScale::for_values([0]), ValueScale::Linear { top: 1 });
    }

    #[test]
    fn bins() {
        let day = d("2021-11-16"); // a Tuesday
        assert_eq!(Bin::Week.start_of(day), d("2021-11-15"));
        assert_eq!(Bin::Week.next(day), d("2021-11-22"));
        assert_eq!(Bin::Month.next(d("2021-12-31")), d("2022-01-01"));
        assert_eq!(Bin::Month.label(day), "November 2021");
        assert_eq!(Bin::for_span(d("2020-04-27"), d("2020-05-09")), Bin::Day);
        assert_eq!(Bin::for_span(d("2021-01-01"), d("2021-12-31")), Bin::Week);
        assert_eq!(Bin::for_span(d("2020-09-27"), d("2024-04-13")), Bin::Month);
    }

    #[test]
    fn time_axis_has_a_tick_every_month() {
        let scale = TimeScale::new(d("2020-09-27"), d("2024-04-13"), 0.0, 880.0);
        assert_eq!(scale.start, d("2020-09-01"));
        assert_eq!(scale.end, d("2024-05-01"));
        assert_eq!(scale.bins().len(), 44);
        let axis = scale.axis(100.0);
        // 44 month ticks, the first of each labelled quarter named.
        assert_eq!(axis.matches("stroke=\"#666\"").count(), 44);
        assert!(axis.contains(">Jan<") && axis.contains(">Apr<"));
        assert!(axis.contains(">2021<") && axis.contains(">2024<"));
        // A short span: days numbered, the month named.
        let scale = TimeScale::new(d("2020-04-27"), d("2020-05-09"), 0.0, 880.0);
        let axis = scale.axis(0.0);
        assert!(axis.contains(">May<") && axis.contains(">27<"));
    }
}
