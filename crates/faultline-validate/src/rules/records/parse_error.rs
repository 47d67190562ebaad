use faultline_dataset::{FileFormat, LinkError, LoadErrorKind};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::schema;

declare_rule! {
    /// ## What it checks
    /// Files that cannot be read as records: TOML or JSON syntax errors, impossible dates
    /// (2021-02-30), files that are not UTF-8 (or are UTF-16), empty files, files over the
    /// size limit, paths that are not regular files (named pipes, sockets) or cannot be
    /// opened (permissions), and symbolic links that are not followed: a link that leads out
    /// of the dataset, points at nothing, or loops. Such a link is reported by its own path;
    /// what it points to is never read, and neither its path nor its content is shown.
    ///
    /// ## Why it matters
    /// Nothing else can be checked in a file that does not parse, and a record that silently
    /// fails to load is a record lost from every export. A dataset is linted in CI on pull
    /// requests from anyone, with public output: a link to a file elsewhere on the machine
    /// (`~/.git-credentials`) must not get that file read and printed.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-02-30
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
    pub(crate) struct ParseError {
        name: "parse-error",
        area: Records,
        severity: Error,
        always_on: true,
        fixable: false,
        summary: "a file is not valid TOML/JSON, not UTF-8, empty, a date is impossible, or a link leads out of the dataset",
    }
}

impl Rule for ParseError {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().errors {
            let help = match &e.kind {
                LoadErrorKind::Invalid { .. } => continue,
                LoadErrorKind::Link(LinkError::Outside) => {
                    "a dataset is read only inside its folder: replace the link with what it \
                     points to, or point it at a file of the dataset"
                }
                LoadErrorKind::Link(LinkError::Missing) => {
                    "point the link at a file of the dataset that exists, or remove it"
                }
                LoadErrorKind::Link(LinkError::Loop) => {
                    "remove the link: it leads back to itself or to a folder above it"
                }
                LoadErrorKind::Link(LinkError::Unresolvable(_)) => {
                    "check the link and the folders it passes through"
                }
                LoadErrorKind::NotUtf8 | LoadErrorKind::Utf16 => {
                    "re-save the file as UTF-8 (without a byte-order mark)"
                }
                LoadErrorKind::Empty => "write the record, or delete the file",
                LoadErrorKind::TooLarge { .. } => "split the file; a record file holds one record",
                LoadErrorKind::NotAFile(_) => {
                    "replace it with a regular file, or move it out of the dataset"
                }
                LoadErrorKind::Io(_) => "check that the file exists and can be read",
                LoadErrorKind::DuplicateKey { .. } => {
                    "keep one of the two: remove the other, or merge what they say"
                }
                LoadErrorKind::Syntax(m) if m.contains("date") => {
                    "write a real calendar date as YYYY-MM-DD (in TOML unquoted: `start = 2021-11-16`)"
                }
                LoadErrorKind::Syntax(_)
                    if e.file
                        .is_some_and(|f| cx.dataset().file(f).format != FileFormat::Toml) =>
                {
                    "check the JSON syntax (quotes, commas, brackets) at https://www.json.org"
                }
                LoadErrorKind::Syntax(_) => "see the TOML syntax at https://toml.io",
            };
            match e.file {
                Some(file) => {
                    let finding = cx.report_span(file, e.span, e.kind.to_string()).help(help);
                    match &e.kind {
                        LoadErrorKind::DuplicateKey {
                            first: Some(first), ..
                        } => finding
                            .related_span(file, *first, "first defined here")
                            .emit(),
                        _ => finding.emit(),
                    }
                }
                // A path that was not read (a link not followed, a folder that cannot be
                // listed): no text to point into.
                None => cx
                    .report_path(&e.path, e.kind.to_string())
                    .help(help)
                    .emit(),
            }
        }
        // Impossible dates in JSON records come through the schema's `format: date` check.
        for e in &cx.dataset().errors {
            if let LoadErrorKind::Invalid {
                record,
                origin,
                value,
                ..
            } = &e.kind
            {
                for err in schema::validate(*record, value) {
                    if err.bad_date {
                        cx.report(
                            origin,
                            &err.pointer,
                            err.message.replace(" [schema keyword: format]", ""),
                        )
                        .help("write a real calendar date as YYYY-MM-DD")
                        .emit();
                    }
                }
            }
        }
    }
}
