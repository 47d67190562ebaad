use faultline_dataset::tree::NodeKind;
use faultline_dataset::{FileFormat, Loaded, Origin, SourceFile, Span};
use faultline_model::Event;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every record sits where its id says it does:
    /// - an event's or source's `id` equals its file stem (`events/2021/<id>.toml`,
    ///   `sources/<id>.toml`; events in JSON or JSON Lines files have no stem to compare);
    /// - an event file lies in `events/<year of its start>/`;
    /// - an event's id starts with its start date (`2021-11-16-...`);
    /// - no record-like file (`.toml`, `.json`, `.jsonl`) lies outside the folders where
    ///   records are read (such a file is not loaded at all).
    ///
    /// ## Why it matters
    /// Ids are how records refer to each other and how reviewers find a record: the file
    /// `events/2021/2021-11-16-border-fighting.toml` must hold that event and no other. A file
    /// in the wrong folder is silently missing from the dataset.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-other-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
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
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
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
        summary: "an id differs from its file name or date, or a file sits outside its expected folder",
    }
}

impl Rule for IdMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        for e in &dataset.events {
            check_stem(cx, &e.origin, "event", e.record.id.as_str());
            check_folder(cx, e);
            let start = e.record.date.start.to_string();
            let id = e.record.id.as_str();
            if !id.starts_with(&start) {
                let rest = match id.get(..11) {
                    Some(prefix) if looks_like_date(prefix) => &id[11..],
                    _ => id,
                };
                cx.report(&e.origin, "/id", format!("the event id `{id}` does not start with its start date {start}"))
                    .help(format!("an event id starts with the start date: `{start}-{rest}` (and rename the file to match)"))
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

/// `YYYY-MM-DD-`.
fn looks_like_date(prefix: &str) -> bool {
    let b = prefix.as_bytes();
    b.len() == 11
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 | 10 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
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
