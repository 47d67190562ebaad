use faultline_dataset::archive::ArchiveError;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A source's `[archive]` copy that does not match the record: its SHA-256 differs from
    /// `sha256` (the copy changed since it was recorded), or it cannot be read at all — it is
    /// missing, lies outside the archive root (by `..` or a symbolic link; it is then never
    /// opened), is not a regular file, or is not UTF-8 text. The finding names the path that
    /// was tried. It runs only when an archive root is given (`--archive DIR`,
    /// `FAULTLINE_ARCHIVE`, or `archive = "..."` in `faultline.toml`); the quotes of such a
    /// source are not checked until its copy matches.
    ///
    /// ## Why it matters
    /// Quotes are checked against the archived copy, and the digest is what ties that copy to
    /// the record (the Berkeley Protocol asks for a hash of every captured item). A copy that
    /// changed — re-captured, edited, truncated — may verify quotes the original never held,
    /// or fail quotes it did.
    ///
    /// ## Example
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said two soldiers were wounded.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement"]
    ///
    /// [date]
    /// start = 2021-11-17
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "wounded"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-statement"
    /// quote = "two soldiers were wounded"
    /// ```
    ///
    /// ## Use instead
    /// ```text archive/example-statement.txt
    /// The Ministry of Defence of the Example Republic said two soldiers were wounded.
    /// ```
    ///
    /// ```toml sources/example-statement.toml
    /// id = "example-statement"
    /// kind = "official"
    /// publisher = "Ministry of Defence of the Example Republic"
    /// title = "Statement on the border situation"
    /// published = 2021-11-18
    ///
    /// [archive]
    /// file = "example-statement.txt"
    /// sha256 = "4c97ccdde1e5febcd62b8e32853d1d845ea2e87e4721c26426bba4fcea468b8f"
    /// retrieved = 2021-11-18
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-example.toml
    /// id = "2021-11-17-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-statement"]
    ///
    /// [date]
    /// start = 2021-11-17
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "wounded"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-statement"
    /// quote = "two soldiers were wounded"
    /// ```
    pub(crate) struct ArchiveMismatch {
        name: "archive-mismatch",
        area: Sources,
        severity: Error,
        needs_archive: true,
        fixable: false,
        summary: "a source's archived copy is missing, unreadable, or differs from its recorded SHA-256",
    }
}

impl Rule for ArchiveMismatch {
    fn check(&self, cx: &mut Context<'_>) {
        let Some(archive) = cx.config().archive() else {
            return;
        };
        for s in &cx.dataset().sources {
            let Some(recorded) = &s.record.archive else {
                continue;
            };
            let Some(copy) = archive.copy(s.record.id.as_str()) else {
                continue; // a later source with the same id: `duplicate-id`
            };
            match copy {
                Ok(copy) if copy.sha256 == recorded.sha256 => {}
                Ok(copy) => {
                    let tried = archive.root().tried(&recorded.file);
                    cx.report(
                        &s.origin,
                        "/archive/sha256",
                        format!(
                            "the archived copy `{tried}` has SHA-256 {}, not the one recorded",
                            copy.sha256
                        ),
                    )
                    .help(format!(
                        "the copy changed since it was recorded, and the source's quotes are not checked against it: restore the copy that was archived, or — if this one is right — record it with `faultline archive add {} {tried}` and check the quotes again",
                        s.record.id
                    ))
                    .emit();
                }
                Err(e) => {
                    let help = match e {
                        ArchiveError::Missing { .. } => {
                            "put the archived copy there, correct `file` (relative to the archive root), or give the right archive root"
                        }
                        ArchiveError::Absolute { .. } | ArchiveError::Outside { .. } => {
                            "archived copies are read only below the archive root: move the copy there and name it relative to the root"
                        }
                        ArchiveError::NotUtf8 { .. } => {
                            "archived copies are text: convert the file to UTF-8, then record its new SHA-256 with `faultline archive add`"
                        }
                        _ => "archived copies are regular text files below the archive root",
                    };
                    cx.report(&s.origin, "/archive/file", e.to_string())
                        .help(format!(
                            "{help}; until then the source's quotes are not checked"
                        ))
                        .emit();
                }
            }
        }
    }
}
