//! `faultline new event|source`: write a new record file from a template, at the right path,
//! with the right id and every field to fill in.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use faultline_dataset::{Overwrite, check_relative_path, write_atomic_in};
use faultline_fmt::basic_string as quote;
use faultline_model::id::{MAX_ID_LEN, slugify};
use faultline_model::{Date, EventId, EventKind, HttpUrl, SourceId};
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
    #[arg(long, default_value = "news", value_parser = ["news", "analysis", "official", "social-media", "dataset"])]
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
            let rel = PathBuf::from(format!("events/{:04}/{id}.toml", a.date.year()));
            (&a.data, rel, event_template(&id, a))
        }
        NewRecord::Source(a) => {
            let id = SourceId::new(a.id.clone()).map_err(|e| {
                miette!(
                    help = "an id is a slug, e.g. nee-2021-12-13-november-escalation",
                    "cannot use `{}` as a source id: {e}",
                    a.id
                )
            })?;
            let rel = PathBuf::from(format!("sources/{}.toml", id.as_str()));
            (&a.data, rel, source_template(id.as_str(), a))
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

fn event_template(id: &str, a: &NewEventArgs) -> String {
    let kinds = EventKind::ALL.map(EventKind::as_str).join(" | ");
    let mut t = String::new();
    let _ = writeln!(t, "#:schema ../../../schema/event.schema.json");
    let _ = writeln!(t, "id = {}  # equals the file name", quote(id));
    let _ = writeln!(
        t,
        "title = {}  # short and neutral: no party's framing stated as fact",
        quote(&a.title)
    );
    let _ = writeln!(t, "kind = {}  # {kinds}", quote(&a.kind));
    t.push_str(
        r#"summary = ""  # what the sources report, neutrally; each side's accusations go in [[claims]]
sources = []  # the ids of the sources that report it (data/sources/<id>.toml; `faultline new source`)
tags = []  # optional free labels, e.g. ["border"]
related = []  # optional: the ids of events this one follows from or answers
# notes = ""  # optional free text

[date]
"#,
    );
    let _ = writeln!(t, "start = {}  # the first day", a.date);
    let _ = writeln!(
        t,
        "# end = {}  # optional, inclusive: the last day of a range",
        a.date
    );
    t.push_str(
        r#"precision = "day"  # day | days | week | month | year
as_reported = ""  # the phrase in the source ("On Thursday", "the following day")
# note = ""  # optional: how a relative date was resolved against the article's date
# time = "07:00"  # optional local time HH:MM (and time_end)

# Where it happened: one [[places]] table per place, by its id in data/places.toml.
# [[places]]
# place = ""  # a place id (not a name variant: `faultline lint --fix` replaces those)
# role = "location"  # location | near | origin | target | mentioned

# Who took part: one [[actors]] table per actor, by its id in data/actors.toml.
# [[actors]]
# actor = ""  # an actor id
# role = "participant"  # participant | target | perpetrator | victim | mediator | detainer | claimant | subject | host | observer

# What each side says: one [[claims]] table per statement; no party's framing is stated as fact.
# [[claims]]
# claimant = ""  # the actor id of who said it
# kind = "accuses"  # accuses | denies | reports | announces | confirms | demands | threatens | appeals | warns | states | proposes | agrees | rejects
# against = ""  # optional: the actor id it is directed against
# source = ""  # the id of the source where you read it (one of `sources` above)
# quote = ""  # the short excerpt that supports it

# Casualty figures: one [[casualties]] table per figure, each tied to who stated it.
# [[casualties]]
# party = ""  # the actor id the figure concerns
# category = "killed"  # killed | wounded | captured | missing | unspecified (the bare word "casualties")
# count = 1  # or a range: { low = 1, high = 3 }
# qualifier = "at-least"  # optional: over | at-least | about | up-to | under
# claimant = ""  # the actor id of who stated it; leave it out when the text names no one, and acknowledge the finding with a suppression that quotes the text
# source = ""  # the id of the source where you read it
# quote = ""  # the words that give and qualify the number
# status = "military"  # optional: military | civilian | unknown
"#,
    );
    t
}

fn source_template(id: &str, a: &NewSourceArgs) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "#:schema ../../schema/source.schema.json");
    let _ = writeln!(t, "id = {}  # equals the file name", quote(id));
    let _ = writeln!(
        t,
        "kind = {}  # news | analysis | official | social-media | dataset",
        quote(&a.kind)
    );
    let publisher = a.publisher.as_deref().unwrap_or("unknown");
    let _ = writeln!(
        t,
        "publisher = {}  # who published it; \"unknown\" when the text does not reveal it",
        quote(publisher)
    );
    let title = a.title.as_deref().unwrap_or("");
    let _ = writeln!(t, "title = {}  # its title, as published", quote(title));
    t.push_str(
        "authors = []  # its authors, as named, e.g. [\"Murad Muradov\", \"Simona Scotti\"]\n",
    );
    match &a.url {
        Some(url) => {
            let _ = writeln!(t, "url = {}  # http or https only", quote(url.as_str()));
        }
        None => t.push_str("# url = \"https://\"  # where it can be read (http or https only)\n"),
    }
    match a.published {
        Some(d) => {
            let _ = writeln!(t, "published = {d}  # when it was published");
        }
        None => t.push_str("# published = 2021-12-13  # when it was published\n"),
    }
    t.push_str(
        r#"# updated = 2021-12-14  # optional: when it was last updated
# accessed = 2026-11-01  # optional: when you read it
language = "en"  # a BCP 47 tag: en, hy, az, ru
# party = ""  # optional: the actor id of the conflict party it speaks for (a ministry's statement)
# note = ""  # optional: e.g. how far the text lets us tell the publisher

# Your archived copy of the text, which quotes are checked against: save it below the archive
# root, then `faultline archive add <id> FILE` writes this table.
# [archive]
# file = ""  # its path below the archive root
# sha256 = ""  # the SHA-256 of the file
# retrieved = 2021-12-14  # when it was captured

# The secondary sources the document itself names: one [[cites]] table each.
# [[cites]]
# name = ""  # as the document gives it, e.g. "Mod.gov.az"
# date = 2021-07-15  # optional: the date the document gives for it
# as_reported = ""  # optional: the phrase it uses for that date
# url = ""  # optional: its address (http or https only)
"#,
    );
    t
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
}
