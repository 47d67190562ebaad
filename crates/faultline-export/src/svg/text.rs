//! Text in charts and pages: escaping, numbers, dates and figures as a reader says them.

use faultline_model::{Casualty, Count, Date, EventDate, Precision};

/// Escapes text for XML and HTML content and attribute values, dropping characters XML 1.0
/// forbids. Every piece of record text in a chart or a page goes through here.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Shortens a label to `max` characters, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// A count with thousands separators: `6,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun, pluralised with an `s`: `1 event`, `3 events`.
pub fn count(n: usize, noun: &str) -> String {
    let number = thousands(n as u64);
    if n == 1 {
        format!("{number} {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's English name (1 = January).
pub fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12)) - 1]
}

/// The month's three-letter abbreviation (1 = Jan).
pub fn month_abbr(month: u8) -> &'static str {
    &month_name(month)[..3]
}

/// `16 November 2021`.
pub fn day(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// An event's date no more exactly than its precision allows: `16 November 2021`,
/// `13–14 September 2022`, `May 2021`, `2021`; with the time of day when one is given.
pub fn event_date(date: &EventDate) -> String {
    let (start, end) = (date.start, date.last());
    let text = match date.precision {
        Precision::Year if start.year() == end.year() => start.year().to_string(),
        Precision::Month if (start.year(), start.month()) == (end.year(), end.month()) => {
            format!("{} {}", month_name(start.month()), start.year())
        }
        _ => day_range(start, end),
    };
    match (date.time, date.time_end) {
        (Some(t), Some(u)) => format!("{text}, {t}–{u}"),
        (Some(t), None) => format!("{text}, {t}"),
        _ => text,
    }
}

/// `16 November 2021`, `13–14 September 2022`, `30 September – 2 October 2022`.
pub fn day_range(start: Date, end: Date) -> String {
    if start == end || end < start {
        day(start)
    } else if (start.year(), start.month()) == (end.year(), end.month()) {
        format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month_name(start.month()),
            start.year()
        )
    } else if start.year() == end.year() {
        format!(
            "{} {} – {} {} {}",
            start.day(),
            month_name(start.month()),
            end.day(),
            month_name(end.month()),
            end.year()
        )
    } else {
        format!("{} – {}", day(start), day(end))
    }
}

/// How precisely a date is known, as a reader says it.
pub fn precision(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "to the day",
        Precision::Days => "over or within a few days",
        Precision::Week => "within a week",
        Precision::Month => "to the month",
        Precision::Year => "to the year",
        Precision::Years => "within a range of years",
    }
}

/// A casualty figure as a reader says it: `7`, `over 6,000`, `71–80`, `71–80 (best 75)`;
/// `?` when the record gives no readable figure.
pub fn figure(c: &Casualty) -> String {
    let number = match (c.count, c.low, c.high) {
        (Some(Count::Exact(n)), None, None) => signed(n),
        (Some(Count::Range(r)), None, None) => match r.best {
            Some(best) => format!(
                "{}–{} (best {})",
                signed(r.low),
                signed(r.high),
                signed(best)
            ),
            None => format!("{}–{}", signed(r.low), signed(r.high)),
        },
        (None, Some(low), Some(high)) => format!("{}–{}", signed(low), signed(high)),
        _ => "?".to_owned(),
    };
    match c.qualifier {
        Some(q) => format!("{} {number}", q.words()),
        None => number,
    }
}

fn signed(n: i64) -> String {
    match u64::try_from(n) {
        Ok(n) => thousands(n),
        Err(_) => format!("−{}", thousands(n.unsigned_abs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\"\u{1}\u{85}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(6000), "6,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count(1, "event"), "1 event");
        assert_eq!(count(5071, "event"), "5,071 events");
    }

    /// A date from `key = value` lines (a small TOML subset: strings and dates).
    fn date(lines: &str) -> EventDate {
        let fields: Vec<String> = lines
            .lines()
            .map(|l| {
                let (k, v) = l.split_once(" = ").unwrap();
                format!("\"{k}\": \"{}\"", v.trim_matches('"'))
            })
            .collect();
        serde_json::from_str(&format!("{{{}}}", fields.join(","))).unwrap()
    }

    #[test]
    fn dates_say_no_more_than_their_precision() {
        let d = date("start = 2021-11-16\nprecision = \"day\"\ntime = \"07:00\"");
        assert_eq!(event_date(&d), "16 November 2021, 07:00");
        let d = date("start = 2022-09-13\nend = 2022-09-14\nprecision = \"days\"");
        assert_eq!(event_date(&d), "13–14 September 2022");
        let d = date("start = 2022-09-29\nend = 2022-10-02\nprecision = \"days\"");
        assert_eq!(event_date(&d), "29 September – 2 October 2022");
        let d = date("start = 2021-05-01\nend = 2021-05-31\nprecision = \"month\"");
        assert_eq!(event_date(&d), "May 2021");
        let d = date("start = 2021-01-01\nend = 2021-12-31\nprecision = \"year\"");
        assert_eq!(event_date(&d), "2021");
        // A month-precision range that crosses months is shown as the range.
        let d = date("start = 2021-05-20\nend = 2021-06-10\nprecision = \"month\"");
        assert_eq!(event_date(&d), "20 May – 10 June 2021");
        let d = date("start = 2020-12-30\nend = 2021-01-02\nprecision = \"days\"");
        assert_eq!(event_date(&d), "30 December 2020 – 2 January 2021");
    }

    #[test]
    fn figures_as_a_reader_says_them() {
        let c = |t: &str| -> Casualty {
            serde_json::from_str(&format!(r#"{{"party": "a", "category": "killed", {t}}}"#))
                .unwrap()
        };
        assert_eq!(figure(&c(r#""count": 7"#)), "7");
        assert_eq!(
            figure(&c(r#""count": 6000, "qualifier": "over""#)),
            "over 6,000"
        );
        assert_eq!(figure(&c(r#""count": {"low": 71, "high": 80}"#)), "71–80");
        assert_eq!(
            figure(&c(r#""count": {"low": 71, "high": 80, "best": 75}"#)),
            "71–80 (best 75)"
        );
        assert_eq!(figure(&c(r#""low": 1, "high": 2"#)), "1–2");
        assert_eq!(figure(&c(r#""low": 1"#)), "?");
        assert_eq!(figure(&c(r#""count": -3"#)), "−3");
    }
}
