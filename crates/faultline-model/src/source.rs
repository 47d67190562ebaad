//! Sources: the documents where we read what an event record says.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{HttpUrl, Sha256};
use crate::date::Date;
use crate::id::{ActorRef, SourceId};

/// The publisher value for a source whose text does not reveal its publisher.
pub const UNKNOWN_PUBLISHER: &str = "unknown";

/// A document that reports events: an article, an official statement, a dataset's export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "faultline source",
    description = "A document (article, statement, post, dataset) that events cite."
)]
pub struct Source {
    /// A slug; equals the file stem.
    pub id: SourceId,
    /// What kind of document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// Who published it; `"unknown"` when the text does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its authors, as named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Where it can be read (http or https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<HttpUrl>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// When it was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// When we read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    /// Its language, as a BCP 47 tag (`en`, `hy`, `az`, `ru`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The conflict party this source speaks for, when it is one (a ministry's statement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<ActorRef>,
    /// Free text, e.g. how far the text lets us tell who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The secondary sources the document itself names, with the dates it gives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Citation>,
    /// Our archived copy of the text, against which quotes are checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<SourceArchive>,
}

impl Source {
    /// Whether the publisher is given and is not `"unknown"`.
    pub fn publisher_known(&self) -> bool {
        self.publisher
            .as_deref()
            .is_some_and(|p| !p.trim().is_empty() && !p.eq_ignore_ascii_case(UNKNOWN_PUBLISHER))
    }
}

/// Kinds of sources.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(transform = crate::schema::plain_enum)]
pub enum SourceKind {
    /// A news report.
    News,
    /// Analysis or commentary.
    Analysis,
    /// An official statement or release.
    Official,
    /// A social-media post.
    SocialMedia,
    /// A dataset's export or release (ACLED, UCDP), or one of its rows: found again by its
    /// dataset (`publisher`) and its name (`title`: the file, or a row's id); it has no
    /// address or date of its own. `faultline import` makes one for each file it imports,
    /// and each event keeps its row's own values in `external`.
    Dataset,
    /// An outlet or body that a dataset names as its source, without the report itself:
    /// ACLED's `source` column, UCDP's `source_office` when it gives no date and headline. It
    /// has a name (`publisher`) and no title, address or date, which the dataset never
    /// carries.
    Outlet,
}

/// Where the archived copy of a source's text is, and how to tell it has not changed.
///
/// Archived texts are not part of the dataset (they are others' copyrighted works): they live
/// under an *archive root* given to the tools (`--archive DIR`, `FAULTLINE_ARCHIVE`, or
/// `archive = "..."` in `faultline.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceArchive {
    /// The copy's path relative to the archive root, with `/` between folders.
    pub file: String,
    /// The SHA-256 of the file's bytes (64 lower-case hexadecimal digits).
    pub sha256: Sha256,
    /// When the copy was captured.
    pub retrieved: Date,
    /// A public web-archive copy (e.g. a Wayback Machine address), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<HttpUrl>,
}

/// A secondary source that a document names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The name as the document gives it (`Mod.gov.az`, `Armenpress`).
    pub name: String,
    /// The date the document gives for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The phrase the document uses for that date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_reported: Option<String>,
    /// Its address, when given (http or https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<HttpUrl>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
