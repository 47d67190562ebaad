//! What the reports say about each change, as lines of marked-up segments; the text and
//! Markdown renderers differ only in how they mark the segments up.

use serde_json::{Map, Value};

use super::words::{self, Piece};
use crate::change::{
    ChangeSet, ClaimChange, FieldChange, FigureChange, ItemStatus, Range, RecordCounts, Status,
};

/// A piece of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// Plain text.
    Text(String),
    /// An id or a field path.
    Code(String),
    /// A word that says what happened ("revised", "withdrawn").
    Label(String),
    /// A value before the change.
    Old(String),
    /// A value after the change.
    New(String),
    /// Words of a text that were removed.
    Gone(String),
    /// Words of a text that were added.
    Came(String),
    /// Unchanged text left out.
    Cut,
}

/// A line of segments, indented by `depth` levels under its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) depth: usize,
    pub(crate) segs: Vec<Seg>,
}

fn text(s: impl Into<String>) -> Seg {
    Seg::Text(s.into())
}

/// The longest value shown whole, in characters.
const MAX_VALUE: usize = 100;

/// A text longer than this (or with a line break) is shown as a word diff.
const LONG_TEXT: usize = 60;

/// How much of a rewritten text is shown, before and after.
const REWRITTEN: usize = 300;

/// The line under an added or removed record whose id another record on its side also has:
/// it is not new (or gone), it is the copy that could not pair by id.
pub(crate) fn duplicate_id(change: Status, duplicate: bool, out: &mut Vec<Line>) {
    if !duplicate {
        return;
    }
    let side = if change == Status::Removed {
        "old"
    } else {
        "new"
    };
    out.push(Line {
        depth: 0,
        segs: vec![
            Seg::Label("duplicate id".into()),
            text(format!(
                ": another record in the {side} dataset has this id; this copy is listed on its own"
            )),
        ],
    });
}

/// The summary line: `events +1 −0 ~5, renamed 1 · figures revised 1 (+0 −1) · claims +2 −1`.
pub(crate) fn summary(set: &ChangeSet) -> Vec<Seg> {
    let s = &set.summary;
    if !set.has_differences() {
        return vec![text("no differences")];
    }
    let mut out = vec![Seg::Label("events".into())];
    out.push(text(format!(
        " +{} −{} ~{}",
        s.events.added, s.events.removed, s.events.changed
    )));
    if s.events.renamed > 0 {
        out.push(text(format!(", renamed {}", s.events.renamed)));
    }
    out.push(text(" · "));
    out.push(Seg::Label("figures".into()));
    out.push(text(format!(" revised {}", s.figures.revised)));
    let f = &s.figures;
    if f.added + f.withdrawn + f.changed > 0 {
        let mut parts = vec![format!("+{} −{}", f.added, f.withdrawn)];
        if f.changed > 0 {
            parts.push(format!("~{}", f.changed));
        }
        out.push(text(format!(" ({})", parts.join(" "))));
    }
    out.push(text(" · "));
    out.push(Seg::Label("claims".into()));
    out.push(text(format!(
        " +{} −{}",
        s.claims.added, s.claims.withdrawn
    )));
    if s.claims.changed > 0 {
        out.push(text(format!(" ~{}", s.claims.changed)));
    }
    for (name, counts) in [
        ("sources", &s.sources),
        ("places", &s.places),
        ("actors", &s.actors),
    ] {
        if let Some(c) = record_counts(counts) {
            out.push(text(" · "));
            out.push(Seg::Label(name.into()));
            out.push(text(format!(" {c}")));
        }
    }
    let (old, new) = (s.invalid.old, s.invalid.new);
    if old + new > 0 {
        out.push(text(" · "));
        out.push(Seg::Label("not loaded".into()));
        let sides: Vec<String> = [(old, "old"), (new, "new")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, side)| format!("{n} {side}"))
            .collect();
        out.push(text(format!(" {}", sides.join(", "))));
    }
    out
}

fn record_counts(c: &RecordCounts) -> Option<String> {
    let mut parts = Vec::new();
    for (sign, n) in [("+", c.added), ("−", c.removed), ("~", c.changed)] {
        if n > 0 {
            parts.push(format!("{sign}{n}"));
        }
    }
    if c.renamed > 0 {
        parts.push(format!("renamed {}", c.renamed));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The lines of field changes, at `depth`.
pub(crate) fn fields(changes: &[FieldChange], depth: usize, out: &mut Vec<Line>) {
    for f in changes {
        for (i, segs) in field(f).into_iter().enumerate() {
            out.push(Line {
                depth: depth + usize::from(i > 0),
                segs,
            });
        }
    }
}

/// A field change: its line, and for a rewritten text two more (was, now).
fn field(f: &FieldChange) -> Vec<Vec<Seg>> {
    let mut segs = vec![Seg::Code(f.field.clone()), text(": ")];
    match (&f.old, &f.new) {
        (Some(a), Some(b)) if f.field == "date" => {
            segs.extend([Seg::Old(date(a)), text(" → "), Seg::New(date(b))]);
        }
        (Some(Value::String(a)), Some(Value::String(b)))
            if a.chars().count().max(b.chars().count()) > LONG_TEXT
                || a.contains('\n')
                || b.contains('\n') =>
        {
            match words::diff(a, b) {
                Some(pieces) => segs.extend(pieces.into_iter().map(|p| match p {
                    Piece::Same(s) => Seg::Text(s),
                    Piece::Gone(s) => Seg::Gone(s),
                    Piece::Came(s) => Seg::Came(s),
                    Piece::Cut => Seg::Cut,
                })),
                None => {
                    segs.push(Seg::Label("rewritten".into()));
                    return vec![
                        segs,
                        vec![
                            text("was: "),
                            Seg::Old(format!("\"{}\"", clip(a, REWRITTEN))),
                        ],
                        vec![
                            text("now: "),
                            Seg::New(format!("\"{}\"", clip(b, REWRITTEN))),
                        ],
                    ];
                }
            }
        }
        (Some(a), Some(b)) => segs.extend([Seg::Old(show(a)), text(" → "), Seg::New(show(b))]),
        (None, Some(b)) => segs.extend([Seg::Label("added".into()), text(" "), Seg::New(show(b))]),
        (Some(a), None) => {
            segs.extend([Seg::Label("removed".into()), text(" "), Seg::Old(show(a))]);
        }
        (None, None) => {
            let mut first = true;
            for (sign, values, new) in [("+", &f.added, true), ("−", &f.removed, false)] {
                for v in values {
                    if !first {
                        segs.push(text(", "));
                    }
                    first = false;
                    let shown = format!("{sign}{}", show(v));
                    segs.push(if new {
                        Seg::New(shown)
                    } else {
                        Seg::Old(shown)
                    });
                }
            }
        }
    }
    vec![segs]
}

/// A value for the reader: a short word bare, a text quoted, a table as its identifying
/// name followed by its other fields; cut at [`MAX_VALUE`] characters.
pub(crate) fn show(v: &Value) -> String {
    match v {
        Value::String(s)
            if !s.is_empty() && s.chars().count() <= 80 && !s.contains(char::is_whitespace) =>
        {
            s.clone()
        }
        Value::String(s) => format!("\"{}\"", clip(s, MAX_VALUE)),
        Value::Object(m) => table(m),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(show).collect();
            clip(&format!("[{}]", inner.join(", ")), MAX_VALUE * 2)
        }
        other => other.to_string(),
    }
}

fn table(m: &Map<String, Value>) -> String {
    const NAMES: [&str; 5] = ["id", "place", "actor", "by", "name"];
    let name = NAMES
        .iter()
        .find_map(|k| m.get(*k).and_then(Value::as_str).map(|v| (*k, v)));
    let rest: Vec<String> = m
        .iter()
        .filter(|(k, _)| name.is_none_or(|(n, _)| n != k.as_str()))
        .map(|(k, v)| format!("{k} {}", show(v)))
        .collect();
    match (name, rest.is_empty()) {
        (Some((_, n)), true) => n.to_owned(),
        (Some((_, n)), false) => format!("{n} ({})", rest.join(", ")),
        (None, _) => format!("{{{}}}", rest.join(", ")),
    }
}

/// Cuts a text to `max` characters, ending with `…` when cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An event date's core (`start`, `end`, `precision`, `time`, `time_end`) as one phrase:
/// `2021-07-13 20:27–20:53 (day)`, `2020-11-10..2021-05-14 (year)`.
pub(crate) fn date(v: &Value) -> String {
    let get = |k: &str| {
        v.get(k)
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
    };
    let mut out = get("start").unwrap_or_else(|| "?".into());
    if let Some(end) = get("end") {
        out.push_str("..");
        out.push_str(&end);
    }
    if let Some(time) = get("time") {
        out.push(' ');
        out.push_str(&time);
        if let Some(t) = get("time_end") {
            out.push('–');
            out.push_str(&t);
        }
    }
    if let Some(p) = get("precision") {
        out.push_str(&format!(" ({p})"));
    }
    out
}

/// The lines of claim changes, at `depth`.
pub(crate) fn claims(changes: &[ClaimChange], depth: usize, out: &mut Vec<Line>) {
    for c in changes {
        let value = match c.change {
            ItemStatus::Withdrawn => c.old.as_ref(),
            _ => c.new.as_ref(),
        };
        let mut segs = vec![
            Seg::Label(format!("claim {}", c.change.as_str())),
            text(": "),
        ];
        segs.extend(claim(value));
        out.push(Line { depth, segs });
        if c.change == ItemStatus::Changed {
            fields(&c.fields, depth + 1, out);
        }
    }
}

/// A claim in a phrase: `azerbaijan-mod accuses (against armenia): "large-scale provocations"`.
pub(crate) fn claim(value: Option<&Value>) -> Vec<Seg> {
    let Some(v) = value else { return Vec::new() };
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let mut segs = vec![
        Seg::Code(s("claimant").unwrap_or("?").to_owned()),
        text(format!(" {}", s("kind").unwrap_or("?"))),
    ];
    if let Some(a) = s("against") {
        segs.extend([text(" (against "), Seg::Code(a.to_owned()), text(")")]);
    }
    if let Some(q) = s("quote") {
        segs.push(text(format!(": \"{}\"", clip(q, MAX_VALUE))));
    }
    segs
}

/// The casualty fields a figure line already states.
const FIGURE_STATED: [&str; 8] = [
    "party",
    "category",
    "count",
    "low",
    "high",
    "qualifier",
    "claimant",
    "source",
];

/// The lines of figure changes, at `depth`.
pub(crate) fn figures(changes: &[FigureChange], depth: usize, out: &mut Vec<Line>) {
    for f in changes {
        let mut segs = vec![
            Seg::Label(format!("figure {}", f.change.as_str())),
            text(": "),
            Seg::Code(f.party.clone()),
            text(format!(" {}: ", f.category)),
        ];
        let claimant = |v: Option<&crate::change::FigureValue>| {
            v.and_then(|v| v.claimant.clone())
                .unwrap_or_else(|| "none".into())
        };
        let source = |v: Option<&crate::change::FigureValue>| {
            v.and_then(|v| v.source.clone())
                .unwrap_or_else(|| "no source".into())
        };
        let (from, to) = (f.from.as_ref(), f.to.as_ref());
        match f.change {
            ItemStatus::Added => segs.extend([
                Seg::New(to.map(|v| v.text.clone()).unwrap_or_default()),
                text(format!(
                    ", {}",
                    according(to.and_then(|v| v.claimant.as_deref()))
                )),
            ]),
            ItemStatus::Withdrawn => segs.extend([
                Seg::Old(from.map(|v| v.text.clone()).unwrap_or_default()),
                text(format!(
                    ", {}",
                    according(from.and_then(|v| v.claimant.as_deref()))
                )),
            ]),
            ItemStatus::Revised | ItemStatus::Changed => {
                if f.change == ItemStatus::Revised {
                    segs.extend([
                        Seg::Old(from.map(|v| v.text.clone()).unwrap_or_default()),
                        text(" → "),
                        Seg::New(to.map(|v| v.text.clone()).unwrap_or_default()),
                    ]);
                } else {
                    segs.push(text(to.map(|v| v.text.clone()).unwrap_or_default()));
                }
                if f.claimant_changed {
                    segs.extend([
                        text(", claimant: "),
                        Seg::Old(claimant(from)),
                        text(" → "),
                        Seg::New(claimant(to)),
                    ]);
                } else {
                    segs.push(text(format!(
                        ", {}",
                        according(to.and_then(|v| v.claimant.as_deref()))
                    )));
                }
                if f.source_changed {
                    segs.extend([
                        text(", source: "),
                        Seg::Old(source(from)),
                        text(" → "),
                        Seg::New(source(to)),
                    ]);
                }
            }
        }
        out.push(Line { depth, segs });
        let rest: Vec<FieldChange> = f
            .fields
            .iter()
            .filter(|c| !FIGURE_STATED.contains(&c.field.split(['.', '[']).next().unwrap_or("")))
            .cloned()
            .collect();
        fields(&rest, depth + 1, out);
    }
}

/// `according to armenia-mod`, or `no claimant named`.
fn according(claimant: Option<&str>) -> String {
    match claimant {
        Some(c) => format!("according to {c}"),
        None => "no claimant named".to_owned(),
    }
}

/// A figure total: `6`, or `6–10 (best 7)`.
pub(crate) fn range(r: Option<&Range>) -> String {
    match r {
        None => "none".into(),
        Some(r) if r.low == r.high => r.low.to_string(),
        Some(r) => format!("{}–{} (best {})", r.low, r.high, r.best),
    }
}

/// One phrase for an added or removed event: `armed-clash · 2021-11-16 (day) · shusha ·
/// 2 claims · figures: armenia-armed-forces killed 6`.
pub(crate) fn event_outline(record: &Value) -> Vec<Seg> {
    let mut parts = Vec::new();
    if let Some(kind) = record.get("kind").and_then(Value::as_str) {
        parts.push(kind.to_owned());
    }
    parts.push(date(&record["date"]));
    let places: Vec<&str> = record["places"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["place"].as_str())
        .collect();
    if !places.is_empty() {
        parts.push(clip(&places.join(", "), MAX_VALUE));
    }
    let claims = record["claims"].as_array().map_or(0, Vec::len);
    if claims > 0 {
        parts.push(format!(
            "{claims} claim{}",
            if claims == 1 { "" } else { "s" }
        ));
    }
    let figures = record["casualties"].as_array().map_or(0, Vec::len);
    if figures > 0 {
        parts.push(format!(
            "{figures} figure{}",
            if figures == 1 { "" } else { "s" }
        ));
    }
    vec![text(parts.join(" · "))]
}

/// The claims and figures of an added or removed event, one line each.
pub(crate) fn event_items(record: &Value, depth: usize, out: &mut Vec<Line>) {
    for c in record["claims"].as_array().into_iter().flatten() {
        let mut segs = vec![Seg::Label("claim".into()), text(": ")];
        segs.extend(claim(Some(c)));
        out.push(Line { depth, segs });
    }
    for c in record["casualties"].as_array().into_iter().flatten() {
        let Ok(casualty) = serde_json::from_value::<faultline_model::Casualty>(c.clone()) else {
            continue;
        };
        let v = crate::items::figure_value(&casualty);
        out.push(Line {
            depth,
            segs: vec![
                Seg::Label("figure".into()),
                text(": "),
                Seg::Code(casualty.party.as_str().to_owned()),
                text(format!(
                    " {}: {}, {}",
                    crate::items::tag(&casualty.category),
                    v.text,
                    according(v.claimant.as_deref())
                )),
            ],
        });
    }
}

/// One phrase for an added or removed source, place or actor: its plain fields
/// (`kind official · publisher "Ministry of Defence of Armenia" · published 2021-11-17`).
pub(crate) fn record_outline(record: &Value) -> Vec<Seg> {
    let parts: Vec<String> = record
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| {
            !matches!(k.as_str(), "id" | "name" | "title") && !v.is_array() && !v.is_object()
        })
        .map(|(k, v)| format!("{k} {}", show(v)))
        .collect();
    vec![text(clip(&parts.join(" · "), MAX_VALUE * 3))]
}
