//! Small pieces of markup the sections share. Every piece of record text goes through
//! [`esc`]; markup is only ever written by this crate.

use faultline_export::svg::palette;
use faultline_export::svg::text::{event_date, thousands};
use faultline_model::{Event, EventKind};

pub(crate) use faultline_export::svg::escape as esc;

/// A kind's swatch: a small box styled by [`swatch_css`].
pub(crate) fn swatch(kind: EventKind) -> String {
    format!(r#"<span class="sw k-{}"></span>"#, kind.as_str())
}

/// The style of every kind's swatch box, from the chart palette.
pub(crate) fn swatch_css() -> String {
    let mut out = String::new();
    for kind in EventKind::ALL {
        out.push_str(&format!(
            ".k-{} {{ background: {}; }}\n",
            kind.as_str(),
            palette::kind(kind).css_background()
        ));
    }
    out
}

/// A link to an event's section, with its date and title.
pub(crate) fn dated_event_link(e: &Event) -> String {
    format!(
        r##"<a href="#{}">{}</a> <span class="muted">({})</span>"##,
        esc(e.id.as_str()),
        esc(&e.title),
        esc(&event_date(&e.date))
    )
}

/// Links to up to `max` events, then how many more there are.
pub(crate) fn event_links(events: &[&Event], max: usize) -> String {
    let mut out: Vec<String> = events
        .iter()
        .take(max)
        .map(|e| dated_event_link(e))
        .collect();
    if events.len() > max {
        out.push(more(events.len() - max, "event"));
    }
    out.join("; ")
}

/// `… and 3 more events` (`many`: the plural, when it is not `one` and an `s`).
pub(crate) fn more(n: usize, one: &str) -> String {
    more_of(n, one, &format!("{one}s"))
}

/// `… and 3 more parties`.
pub(crate) fn more_of(n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!(
        r#"<span class="muted">… and {} more {noun}</span>"#,
        thousands(n as u64)
    )
}

/// A horizontal bar for a count out of `max`, as a CSS width.
pub(crate) fn meter(n: usize, max: usize) -> String {
    let pct = if max == 0 {
        0.0
    } else {
        n as f64 / max as f64 * 100.0
    };
    format!(r#"<span class="meter"><span style="width:{pct:.1}%"></span></span>"#)
}

/// The id of a place's entry in the places table.
pub(crate) fn place_anchor(id: &str) -> String {
    anchor("place", id)
}

/// An element id made of `prefix` and any text: letters, digits, `-` and `_` are kept,
/// every other character is written as `.` and its code point in hex, so two texts never
/// share an id.
pub(crate) fn anchor(prefix: &str, text: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 1 + text.len());
    out.push_str(prefix);
    out.push('-');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!(".{:x}.", c as u32));
        }
    }
    out
}

/// Whether the people a figure counts are military or civilian, as a reader says it.
pub(crate) fn status_words(status: &str) -> String {
    if status == "unknown" {
        "military or civilian not stated".to_owned()
    } else {
        status.to_owned()
    }
}

/// A value of one of the model's plain enums as written in records (`armed-clash`,
/// `accuses`, `near`): read from its serde name, so a variant added to the model needs no
/// change here.
pub(crate) fn tag<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
