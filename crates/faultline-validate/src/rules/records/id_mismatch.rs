use faultline_dataset::tree::NodeKind;
use faultline_dataset::{FileFormat, Loaded, Origin, SourceFile, Span};
use faultline_model::{Event, EventDate};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every record sits where its id says it does:
    /// - an event's or source's `id` equals its file stem (`events/2021/<id>.toml`,
    ///   `sources/<id>.toml`; events in JSON or JSON Lines files have no stem to compare);
    /// - an event file lies in `events/<year of its start>/`;
    /// - an event's id starts with as much of its start date as the text gives for the event:
    ///   the day (`2021-11-16-...`) at precision `day`, `days` or `week`; the month with `xx`
    ///   for the day (`2021-11-xx-...`) at precision `month`, and whenever `basis` says the
    ///   days are a report's, a citation's or a later event's; the year alone
    ///   (`2021-xx-xx-...`) at precision `year` or `years`;
    /// - no record-like file (`.toml`, `.json`, `.jsonl`) lies outside the folders where
    ///   records are read (such a file is not loaded at all).
    ///
    /// ## Why it matters
    /// Ids are how records refer to each other and how reviewers find a record: the file
    /// `events/2021/2021-11-16-border-fighting.toml` must hold that event and no other. A file
    /// in the wrong folder is silently missing from the dataset. And an id is read as a date:
    /// `2023-01-01-ceasefire` tells every reader the ceasefire was on 1 January, when the text
    /// only says "in 2023".
    ///
    /// ## Example
    /// An event of "recent months" whose id looks like a known day:
    ///
    /// ```toml events/2021/2021-05-12-example.toml
    /// id = "2021-05-12-example"
    /// title = "Example"
    /// kind = "statement"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-05-12
    /// end = 2021-11-16
    /// precision = "year"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[actors]]
    /// actor = "example-other"
    /// ```
    ///
    /// ## Use instead
    /// ```toml events/2021/2021-xx-xx-example.toml
    /// id = "2021-xx-xx-example"
    /// title = "Example"
    /// kind = "statement"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-05-12
    /// end = 2021-11-16
    /// precision = "year"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[actors]]
    /// actor = "example-other"
    /// ```
    pub(crate) struct IdMismatch {
        name: "id-mismatch",
        area: Records,
        severity: Error,
        fixable: false,
        summary: "an id differs from its file name or shows more or other of its date than the text gives, or a file sits outside its expected folder",
    }
}

impl Rule for IdMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        for e in &dataset.events {
            check_stem(cx, &e.origin, "event", e.record.id.as_str());
            check_folder(cx, e);
            let date = &e.record.date;
            let prefix = date.id_prefix();
            let id = e.record.id.as_str();
            let rest = match id.get(..11) {
                Some(head) if looks_like_date(head) => &id[11..],
                _ => id,
            };
            if !(id.starts_with(&prefix) && id.as_bytes().get(prefix.len()) == Some(&b'-')) {
                let message = if id.starts_with(&date.start.to_string()) {
                    format!(
                        "the event id `{id}` shows the day {}, but the text gives {}",
                        date.start,
                        what_is_known(date)
                    )
                } else {
                    format!(
                        "the event id `{id}` does not start with `{prefix}`, the start date as far as the text gives it ({})",
                        what_is_known(date)
                    )
                };
                let xx = if prefix.contains('x') {
                    "; `xx` stands for what the text does not give"
                } else {
                    ""
                };
                cx.report(&e.origin, "/id", message)
                    .help(format!(
                        "use `{prefix}-{rest}` (and rename the file to match){xx}"
                    ))
                    .emit();
            }
        }
        for s in &dataset.sources {
            check_stem(cx, &s.origin, "source", s.record.id.as_str());
        }
        for &file in &dataset.stray {
            let f = dataset.file(file);
            let first_line = f
                .text
                .split('\n')
                .next()
                .unwrap_or("")
                .trim_end_matches('\r');
            let span = Span::new(0, first_line.len());
            cx.report_span(
                file,
                span,
                format!(
                    "`{}` lies outside the folders where records are read, so it is not loaded",
                    f.name
                ),
            )
            .help(where_it_goes(f))
            .emit();
        }
    }
}

/// An event or source in a TOML file of its own: its id must equal the file stem.
fn check_stem(cx: &mut Context<'_>, origin: &Origin, noun: &str, id: &str) {
    let file = cx.dataset().file(origin.file);
    if file.format != FileFormat::Toml || !origin.pointer.is_empty() {
        return;
    }
    let Some(stem) = file.path.file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    if stem != id {
        cx.report(
            origin,
            "/id",
            format!("the {noun} id `{id}` differs from its file name `{stem}.toml`"),
        )
        .help(format!(
            "rename the file to `{id}.toml`, or set `id = \"{stem}\"`"
        ))
        .emit();
    }
}

/// An event file must lie in `events/<year of its start>/`.
fn check_folder(cx: &mut Context<'_>, e: &Loaded<Event>) {
    let dataset = cx.dataset();
    let file = dataset.file(e.origin.file);
    if file.format != FileFormat::Toml {
        return;
    }
    let Some(rel) = dataset
        .root
        .as_deref()
        .and_then(|root| file.path.strip_prefix(root).ok())
    else {
        return; // a file given on its own: no folder to check
    };
    let year = format!("{:04}", e.record.date.start.year());
    let parts: Vec<_> = rel.iter().filter_map(|p| p.to_str()).collect();
    if matches!(parts.as_slice(), ["events", folder, _] if *folder == year) {
        return;
    }
    let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    cx.report(
        &e.origin,
        "/date/start",
        format!(
            "the event starts in {year} but its file is `{}`, not in `events/{year}/`",
            file.name
        ),
    )
    .help(format!("move the file to `events/{year}/{name}`"))
    .emit();
}

/// What the date says of the event's own day, for messages.
fn what_is_known(date: &EventDate) -> String {
    let precision = date.precision.as_str();
    if date.is_occurrence() {
        format!("precision \"{precision}\"")
    } else {
        format!(
            "precision \"{precision}\" and `basis = \"{}\"`: the event happened on or before {}",
            date.basis.as_str(),
            date.last()
        )
    }
}

/// `YYYY-MM-DD-`, any of it written `xx` but the year.
fn looks_like_date(prefix: &str) -> bool {
    let b = prefix.as_bytes();
    let part = |r: std::ops::Range<usize>| {
        b[r.clone()].iter().all(u8::is_ascii_digit) || b[r].iter().all(|c| *c == b'x')
    };
    b.len() == 11
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'-'
        && part(5..7)
        && part(8..10)
}

/// Where a stray file belongs, guessed from what it holds.
fn where_it_goes(file: &SourceFile) -> String {
    let path = &file.path;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("the file");
    let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or("<id>");
    let keys: Vec<&str> = match file.tree().map(|tree| &tree.kind) {
        Some(NodeKind::Table(entries)) => entries.iter().map(|(k, _, _)| k.as_str()).collect(),
        _ => Vec::new(),
    };
    let has = |k: &str| keys.contains(&k);
    if file.format != FileFormat::Toml || has("date") {
        let year = stem
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("<year>");
        format!(
            "an event belongs in `events/{year}/{name}` (JSON and JSON Lines files of events anywhere under `events/`)"
        )
    } else if has("place") {
        "places belong in `places.toml` at the top of the dataset, as `[[place]]` tables".to_owned()
    } else if has("actor") {
        "actors belong in `actors.toml` at the top of the dataset, as `[[actor]]` tables".to_owned()
    } else if has("publisher") || has("url") || has("published") {
        format!("a source belongs in `sources/{name}`")
    } else {
        format!(
            "move it to `events/<year>/{name}` (an event), `sources/{name}` (a source), or into places.toml / actors.toml; if it is not a record, rename it or move it out of the dataset"
        )
    }
}
