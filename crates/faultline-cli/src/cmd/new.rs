//! `faultline new event|source`: write a new record file from a template, at the right path,
//! with the right id and every field to fill in.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use faultline_dataset::{Overwrite, check_relative_path, write_atomic_in};
use faultline_fmt::basic_string as quote;
use faultline_fmt::shape::{Layout, Shape, fields};
use faultline_fmt::{RecordFile, write};
use faultline_model::id::{MAX_ID_LEN, slugify};
use faultline_model::schema::enum_values;
use faultline_model::{
    ActorRole, Category, ClaimKind, Date, DateBasis, EventId, EventKind, HttpUrl, PersonStatus,
    PlaceRole, Precision, Qualifier, SourceId, SourceKind, Voice,
};
use miette::{IntoDiagnostic, miette};

use crate::confine;
use crate::exit::Outcome;

/// Arguments of `faultline new`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// The kind of record to create.
    #[command(subcommand)]
    pub(crate) what: NewRecord,
}

/// The record kinds `faultline new` can create.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum NewRecord {
    /// Create `events/<year>/<date>-<slug of title>.toml`.
    ///
    /// The id is the date followed by the title turned into a slug (lower-case ASCII letters,
    /// digits and hyphens). The file has the `#:schema` directive for editors, the required
    /// fields, and every optional field and table as a commented example with guidance. Until
    /// it cites a source, `faultline lint` reports it (`missing-source`).
    #[command(after_help = NEW_EVENT_EXAMPLES)]
    Event(NewEventArgs),
    /// Create `sources/<id>.toml`.
    ///
    /// The file has the `#:schema` directive, the fields to fill in and every optional field as
    /// a commented example. Until an event cites it and its publisher, title and date are
    /// filled in, `faultline lint` reports it (`unused-record`, `incomplete-source`).
    #[command(after_help = NEW_SOURCE_EXAMPLES)]
    Source(NewSourceArgs),
}

const NEW_EVENT_EXAMPLES: &str = "\
Examples:
  faultline new event --date 2024-04-10 --title \"Shots fired near Sotk\" --kind ceasefire-violation
      writes data/events/2024/2024-04-10-shots-fired-near-sotk.toml and prints its path
  $EDITOR \"$(faultline new event --date 2024-04-10 --title \"Shots fired\")\"
      creates the file and opens it
  faultline new event --data ../other/data --date 2021-11-16 --title \"Border fighting\"

An existing file is never overwritten (exit code 2).";

const NEW_SOURCE_EXAMPLES: &str = "\
Examples:
  faultline new source --id nee-2021-12-13-november-escalation --kind analysis \\
      --publisher \"New Eastern Europe\" --published 2021-12-13 --url https://neweasterneurope.eu/...
      writes data/sources/nee-2021-12-13-november-escalation.toml and prints its path

An existing file is never overwritten (exit code 2).";

/// Arguments of `faultline new event`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewEventArgs {
    /// The day the event started; the id and the folder come from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) date: Date,
    /// A short neutral title; the rest of the id is made from it.
    #[arg(long)]
    pub(crate) title: String,
    /// The event kind (docs/record-format.md describes each); check it, the default is only a
    /// starting point.
    #[arg(long, value_name = "KIND", default_value = "armed-clash", value_parser = event_kinds())]
    pub(crate) kind: String,
    /// The dataset directory to write into.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
}

/// Arguments of `faultline new source`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewSourceArgs {
    /// The source's id: a slug such as `nee-2021-12-13-november-escalation` (publisher, date,
    /// topic).
    #[arg(long)]
    pub(crate) id: String,
    /// What kind of document it is.
    #[arg(long, default_value = "news", value_parser = PossibleValuesParser::new(enum_values::<SourceKind>()))]
    pub(crate) kind: String,
    /// Who published it.
    #[arg(long)]
    pub(crate) publisher: Option<String>,
    /// Its title.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Where it can be read (http or https only).
    #[arg(long, value_parser = parse_url)]
    pub(crate) url: Option<HttpUrl>,
    /// When it was published.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) published: Option<Date>,
    /// The dataset directory to write into.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
}

fn event_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(EventKind::ALL.map(EventKind::as_str))
}

fn parse_url(s: &str) -> Result<HttpUrl, String> {
    HttpUrl::new(s).map_err(|e| e.to_string())
}

pub(crate) fn run(args: &NewArgs) -> miette::Result<Outcome> {
    let (data, rel, text) = match &args.what {
        NewRecord::Event(a) => {
            let id = event_id(a.date, &a.title)?;
            let rel = write::event_file(a.date, &id);
            (
                &a.data,
                rel,
                template(
                    RecordFile::Event,
                    faultline_fmt::find_schema_dir(&a.data),
                    &event_guide(&id, a),
                ),
            )
        }
        NewRecord::Source(a) => {
            let id = SourceId::new(a.id.clone()).map_err(|e| {
                miette!(
                    help = "an id is a slug, e.g. nee-2021-12-13-november-escalation",
                    "cannot use `{}` as a source id: {e}",
                    a.id
                )
            })?;
            let rel = write::source_file(id.as_str());
            (
                &a.data,
                rel,
                template(
                    RecordFile::Source,
                    faultline_fmt::find_schema_dir(&a.data),
                    &source_guide(id.as_str(), a),
                ),
            )
        }
    };
    check_relative_path(&rel)
        .map_err(|why| miette!("refusing to write {}: {why}", rel.display()))?;
    if !data.is_dir() {
        return Err(miette!(
            help = "run it from the repository root, or pass --data DIR",
            "there is no dataset directory at {}",
            data.display()
        ));
    }
    confine::named(data)?;
    let path = data.join(&rel);
    write_new(data, &path, &text)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", path.display()).into_diagnostic()?;
    if faultline_fmt::find_schema_dir(data).is_none() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("{}", no_schema_note(data));
        }
    }
    Ok(Outcome::Clean)
}

/// Writes a new file inside the dataset `data` (never through a link out of it).
fn write_new(data: &Path, path: &Path, text: &str) -> miette::Result<()> {
    write_atomic_in(data, path, text.as_bytes(), Overwrite::Never).map_err(|e| {
        if confine::refused(&e).is_some() {
            confine::write_error(path, &e, "the dataset")
        } else if e.kind() == std::io::ErrorKind::AlreadyExists {
            miette!(
                help = "edit the existing file, or choose another title or id",
                "{} already exists; it was not overwritten",
                path.display()
            )
        } else {
            miette!("cannot write {}: {e}", path.display())
        }
    })
}

/// `<date>-<slug of title>`, the slug shortened to keep the id within [`MAX_ID_LEN`].
fn event_id(date: Date, title: &str) -> miette::Result<String> {
    let mut slug = slugify(title);
    let room = MAX_ID_LEN - "yyyy-mm-dd-".len();
    if slug.len() > room {
        slug.truncate(room);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if slug.is_empty() {
        return Err(miette!(
            help = "the id is made of the title's ASCII letters and digits: give a title in Latin script, e.g. --title \"Shots fired near Sotk\"",
            "the title {title:?} has no ASCII letter or digit to make an id from"
        ));
    }
    let id = format!("{date}-{slug}");
    EventId::new(id.clone()).map_err(|e| miette!("cannot make an id from the title: {e}"))?;
    Ok(id)
}

/// How a template shows one key of the layout.
enum Slot {
    /// `key = value`: a value to keep or fill in.
    Filled(String),
    /// `# key = example`: an optional key, shown as an example to uncomment.
    Example(String),
    /// A `[table]` (written out) or a `[[table]]` (an example, commented out), after a blank
    /// line and the comment given (none when empty).
    Section(&'static str),
    /// A `[table]` shown as an example, commented out, after a blank line and the comment given.
    ExampleSection(&'static str),
    /// Not shown.
    Left,
}

/// What a template shows for `key` of a table of `shape`, and the comment after it; `None`
/// for a key the template has no guidance for (a test checks there is none).
type Guide<'a> = dyn Fn(Shape, &str) -> Option<(Slot, String)> + 'a;

/// `a | b | c`: the values of an enum of the model (`enum_values::<T>()`).
fn one_of(values: Vec<String>) -> String {
    values.join(" | ")
}

/// What `new` and `import` say when the dataset has no schema folder beside it: the files
/// were written without a `#:schema` line, and how to get the schemas.
pub(crate) fn no_schema_note(data: &Path) -> String {
    let dir = match data.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.join("schema"),
        None => data.join(faultline_fmt::SCHEMA_DIR),
    };
    format!(
        "note: no JSON Schemas in {}: the records were written without a `#:schema` line; \
         `faultline schema --out {}` writes them, for editors to check records as they are typed",
        dir.display(),
        dir.display()
    )
}

/// A template: the `#:schema` directive (into `schema_dir`, when there is one), then every
/// key of the layout of `file`, in the layout's order, as `guide` shows it.
fn template(file: RecordFile, schema_dir: Option<&str>, guide: &Guide<'_>) -> String {
    let mut t = String::new();
    if let Some(dir) = schema_dir {
        let _ = writeln!(t, "#:schema {}", file.schema_directive(dir));
    }
    lay_out(&mut t, file.shape(), "", false, guide);
    t
}

fn lay_out(t: &mut String, shape: Shape, path: &str, commented: bool, guide: &Guide<'_>) {
    for (key, layout) in fields(shape) {
        let Some((slot, hint)) = guide(shape, key) else {
            continue;
        };
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!("  # {hint}")
        };
        let hash = if commented { "# " } else { "" };
        match (slot, layout) {
            (Slot::Left, _) => {}
            (Slot::Filled(value), _) => {
                let _ = writeln!(t, "{hash}{key} = {value}{hint}");
            }
            (Slot::Example(value), _) => {
                let _ = writeln!(t, "# {key} = {value}{hint}");
            }
            (
                slot @ (Slot::Section(intro) | Slot::ExampleSection(intro)),
                Layout::Table(inner) | Layout::Tables(inner),
            ) => {
                let many = matches!(layout, Layout::Tables(_));
                let commented = commented || matches!(slot, Slot::ExampleSection(_));
                let path = if path.is_empty() {
                    (*key).to_owned()
                } else {
                    format!("{path}.{key}")
                };
                t.push('\n');
                if !intro.is_empty() {
                    let _ = writeln!(t, "# {intro}");
                }
                let (open, close) = if many { ("[[", "]]") } else { ("[", "]") };
                let commented = commented || many;
                let hash = if commented { "# " } else { "" };
                let _ = writeln!(t, "{hash}{open}{path}{close}");
                lay_out(t, *inner, &path, commented, guide);
            }
            (Slot::Section(_) | Slot::ExampleSection(_), _) => {}
        }
    }
}

/// What the event template shows.
fn event_guide<'a>(
    id: &'a str,
    a: &'a NewEventArgs,
) -> impl Fn(Shape, &str) -> Option<(Slot, String)> + 'a {
    use Slot::{Example, Filled, Left, Section};
    let empty = || quote("");
    move |shape, key| {
        Some(match (shape, key) {
            (Shape::Event, "id") => (Filled(quote(id)), "equals the file name".into()),
            (Shape::Event, "title") => (
                Filled(quote(&a.title)),
                "short and neutral: no party's framing stated as fact".into(),
            ),
            (Shape::Event, "kind") => (Filled(quote(&a.kind)), one_of(enum_values::<EventKind>())),
            (Shape::Event, "summary") => (
                Filled(empty()),
                "what the sources report, neutrally; each side's accusations go in [[claims]]"
                    .into(),
            ),
            (Shape::Event, "sources") => (
                Filled("[]".into()),
                "the ids of the sources that report it (data/sources/<id>.toml; `faultline new source`)"
                    .into(),
            ),
            (Shape::Event, "tags") => (
                Filled("[]".into()),
                "optional free labels, e.g. [\"border\"]".into(),
            ),
            (Shape::Event, "related") => (
                Filled("[]".into()),
                "optional: ids of events this one follows from or answers; { event = \"<id>\", relation = \"part-of\" } for one incident of a wave"
                    .into(),
            ),
            (Shape::Event, "notes") => (Example(empty()), "optional free text".into()),
            (Shape::Event, "date") => (Section(""), String::new()),
            (Shape::Event, "places") => (
                Section("Where it happened: one [[places]] table per place, by its id in data/places.toml."),
                String::new(),
            ),
            (Shape::Event, "actors") => (
                Section("Who took part: one [[actors]] table per actor, by its id in data/actors.toml."),
                String::new(),
            ),
            (Shape::Event, "claims") => (
                Section("What each side says: one [[claims]] table per statement; no party's framing is stated as fact."),
                String::new(),
            ),
            (Shape::Event, "casualties") => (
                Section("Casualty figures: one [[casualties]] table per figure, each tied to who stated it."),
                String::new(),
            ),
            // Filled in by importers, not by hand.
            (Shape::Event, "external") => (Left, String::new()),
            (Shape::EventDate, "start") => (Filled(a.date.to_string()), "the first day".into()),
            (Shape::EventDate, "end") => (
                Example(a.date.to_string()),
                "optional, inclusive: the last day of a range".into(),
            ),
            (Shape::EventDate, "precision") => (
                Filled(quote("day")),
                format!(
                    "{}: never a day the text does not give",
                    one_of(enum_values::<Precision>())
                ),
            ),
            (Shape::EventDate, "basis") => (
                Example(quote("reported")),
                format!(
                    "optional: {}; not `occurred` when the text dates a report, a citation or a later event, not the event",
                    one_of(enum_values::<DateBasis>())
                ),
            ),
            (Shape::EventDate, "as_reported") => (
                Filled(empty()),
                "the phrase in the source (\"On Thursday\", \"the following day\")".into(),
            ),
            (Shape::EventDate, "note") => (
                Example(empty()),
                "optional: how a relative date was resolved against the article's date".into(),
            ),
            (Shape::EventDate, "time") => (
                Example(quote("07:00")),
                "optional local time HH:MM (and time_end)".into(),
            ),
            // Said with `time`.
            (Shape::EventDate, "time_end") => (Left, String::new()),
            (Shape::EventPlace, "place") => (
                Filled(empty()),
                "a place id (not a name variant: `faultline lint --fix` replaces those)".into(),
            ),
            (Shape::EventPlace, "role") => (Filled(quote("location")), one_of(enum_values::<PlaceRole>())),
            (Shape::EventActor, "actor") => (Filled(empty()), "an actor id".into()),
            (Shape::EventActor, "role") => (Filled(quote("participant")), one_of(enum_values::<ActorRole>())),
            (Shape::Claim, "claimant") => (Filled(empty()), "the actor id of who said it".into()),
            (Shape::Claim, "kind") => (Filled(quote("accuses")), one_of(enum_values::<ClaimKind>())),
            (Shape::Claim, "against") => (
                Filled(empty()),
                "optional: the actor id it is directed against".into(),
            ),
            (Shape::Claim, "source") => (
                Filled(empty()),
                "the id of the source where you read it (one of `sources` above)".into(),
            ),
            (Shape::Claim, "quote") => (
                Filled(empty()),
                "the short excerpt that supports it, verbatim".into(),
            ),
            (Shape::Claim, "voice") => (
                Filled(quote("reported")),
                format!(
                    "{}: direct (the claimant's own words, the source's quotation marks included), reported (the source's words), author (the source's own analysis)",
                    one_of(enum_values::<Voice>())
                ),
            ),
            (Shape::Casualty, "party") => (Filled(empty()), "the actor id the figure concerns".into()),
            (Shape::Casualty, "category") => (
                Filled(quote("killed")),
                format!("{} (the bare word \"casualties\")", one_of(enum_values::<Category>())),
            ),
            (Shape::Casualty, "count") => (Filled("1".into()), "or a range: { low = 1, high = 3 }".into()),
            (Shape::Casualty, "qualifier") => (
                Filled(quote("at-least")),
                format!("optional: {}", one_of(enum_values::<Qualifier>())),
            ),
            (Shape::Casualty, "claimant") => (
                Filled(empty()),
                "the actor id of who stated it; leave it out when the text names no one, and acknowledge the finding with a suppression that quotes the text"
                    .into(),
            ),
            (Shape::Casualty, "source") => (Filled(empty()), "the id of the source where you read it".into()),
            (Shape::Casualty, "quote") => (Filled(empty()), "the words that give and qualify the number".into()),
            (Shape::Casualty, "status") => (
                Filled(quote("military")),
                format!("optional: {}", one_of(enum_values::<PersonStatus>())),
            ),
            // A link's keys are shown in the comment on `related`.
            (Shape::EventLink, "event" | "relation" | "note") => (Left, String::new()),
            // The UCDP-style flat range and free notes are left out: `count` covers ranges.
            (Shape::Casualty, "low" | "high")
            | (Shape::EventPlace | Shape::EventActor | Shape::Claim | Shape::Casualty, "note") => {
                (Left, String::new())
            }
            _ => return None,
        })
    }
}

/// What the source template shows.
fn source_guide<'a>(
    id: &'a str,
    a: &'a NewSourceArgs,
) -> impl Fn(Shape, &str) -> Option<(Slot, String)> + 'a {
    use Slot::{Example, ExampleSection, Filled, Left, Section};
    let empty = || quote("");
    move |shape, key| {
        Some(match (shape, key) {
            (Shape::Source, "id") => (Filled(quote(id)), "equals the file name".into()),
            (Shape::Source, "kind") => (Filled(quote(&a.kind)), one_of(enum_values::<SourceKind>())),
            (Shape::Source, "publisher") => (
                Filled(quote(a.publisher.as_deref().unwrap_or("unknown"))),
                "who published it; \"unknown\" when the text does not reveal it".into(),
            ),
            (Shape::Source, "title") => (
                Filled(quote(a.title.as_deref().unwrap_or(""))),
                "its title, as published".into(),
            ),
            (Shape::Source, "authors") => (
                Filled("[]".into()),
                "its authors, as named, e.g. [\"Murad Muradov\", \"Simona Scotti\"]".into(),
            ),
            (Shape::Source, "url") => match &a.url {
                Some(url) => (Filled(quote(url.as_str())), "http or https only".into()),
                None => (
                    Example(quote("https://")),
                    "where it can be read (http or https only)".into(),
                ),
            },
            (Shape::Source, "published") => match a.published {
                Some(d) => (Filled(d.to_string()), "when it was published".into()),
                None => (Example("2021-12-13".into()), "when it was published".into()),
            },
            (Shape::Source, "updated") => (
                Example("2021-12-14".into()),
                "optional: when it was last updated".into(),
            ),
            (Shape::Source, "accessed") => (
                Example("2026-11-01".into()),
                "optional: when you read it".into(),
            ),
            (Shape::Source, "language") => (Filled(quote("en")), "a BCP 47 tag: en, hy, az, ru".into()),
            (Shape::Source, "party") => (
                Example(empty()),
                "optional: the actor id of the conflict party it speaks for (a ministry's statement)"
                    .into(),
            ),
            (Shape::Source, "note") => (
                Example(empty()),
                "optional: e.g. how far the text lets us tell the publisher".into(),
            ),
            (Shape::Source, "archive") => (
                ExampleSection("Your archived copy of the text, which quotes are checked against: save it below the archive\n# root, then `faultline archive add <id> FILE` writes this table."),
                String::new(),
            ),
            (Shape::SourceArchive, "file") => (Filled(empty()), "its path below the archive root".into()),
            (Shape::SourceArchive, "sha256") => (Filled(empty()), "the SHA-256 of the file".into()),
            (Shape::SourceArchive, "retrieved") => (
                Filled("2021-12-14".into()),
                "when it was captured".into(),
            ),
            (Shape::SourceArchive, "url") => (
                Example(quote("https://web.archive.org/")),
                "optional: a public web-archive copy".into(),
            ),
            (Shape::Source, "cites") => (
                Section("The secondary sources the document itself names: one [[cites]] table each."),
                String::new(),
            ),
            (Shape::Citation, "name") => (
                Filled(empty()),
                "as the document gives it, e.g. \"Mod.gov.az\"".into(),
            ),
            (Shape::Citation, "date") => (
                Filled("2021-07-15".into()),
                "optional: the date the document gives for it".into(),
            ),
            (Shape::Citation, "as_reported") => (
                Filled(empty()),
                "optional: the phrase it uses for that date".into(),
            ),
            (Shape::Citation, "url") => (
                Filled(empty()),
                "optional: its address (http or https only)".into(),
            ),
            (Shape::Citation, "note") => (Left, String::new()),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        let d: Date = "2024-04-10".parse().unwrap_or(Date::EPOCH);
        assert_eq!(
            event_id(d, "Shots fired near Sotk (Zod)").ok().as_deref(),
            Some("2024-04-10-shots-fired-near-sotk-zod")
        );
        assert!(event_id(d, "Սև լիճ").is_err());
        assert!(event_id(d, " -- ").is_err());
        let long = "word ".repeat(60);
        let id = event_id(d, &long).unwrap_or_default();
        assert!(id.len() <= MAX_ID_LEN && !id.ends_with('-'), "{id}");
    }

    fn every_key_is_guided(shape: Shape, guide: &Guide<'_>) {
        for (key, layout) in fields(shape) {
            let Some((slot, _)) = guide(shape, key) else {
                panic!(
                    "`faultline new` says nothing of {shape:?}.{key}: add it to the template's guide"
                );
            };
            if let (Slot::Section(_), Layout::Table(inner) | Layout::Tables(inner)) = (slot, layout)
            {
                every_key_is_guided(*inner, guide);
            }
        }
    }

    #[test]
    fn the_templates_follow_the_whole_layout() {
        let date: Date = "2024-04-10".parse().unwrap_or(Date::EPOCH);
        let event = NewEventArgs {
            date,
            title: "t".into(),
            kind: "armed-clash".into(),
            data: PathBuf::from("data"),
        };
        every_key_is_guided(Shape::Event, &event_guide("x", &event));
        let source = NewSourceArgs {
            id: "s".into(),
            kind: "news".into(),
            publisher: None,
            title: None,
            url: None,
            published: None,
            data: PathBuf::from("data"),
        };
        every_key_is_guided(Shape::Source, &source_guide("s", &source));
    }
}
