use faultline_dataset::{FileFormat, LoadErrorKind};

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::schema;

declare_rule! {
    /// ## What it checks
    /// Files that cannot be read as records: TOML or JSON syntax errors, impossible dates
    /// (2021-02-30), files that are not UTF-8 (or are UTF-16), empty files, files over the
    /// size limit, and paths that are not regular files (named pipes, sockets) or cannot be
    /// opened (symlink loops, permissions).
    ///
    /// ## Why it matters
    /// Nothing else can be checked in a file that does not parse, and a record that silently
    /// fails to load is a record lost from every export.
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
        summary: "a file is not valid TOML/JSON, not UTF-8, empty, or a date is impossible",
    }
}

impl Rule for ParseError {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().errors {
            let Some(file) = e.file else {
                // A path that could not even be listed (a symlink loop): no text to point into.
                cx.report_path(&e.path, e.kind.to_string())
                    .help("remove the link or fix its target")
                    .emit();
                continue;
            };
            let help = match &e.kind {
                LoadErrorKind::Invalid { .. } => continue,
                LoadErrorKind::NotUtf8 | LoadErrorKind::Utf16 => {
                    "re-save the file as UTF-8 (without a byte-order mark)"
                }
                LoadErrorKind::Empty => "write the record, or delete the file",
                LoadErrorKind::TooLarge { .. } => "split the file; a record file holds one record",
                LoadErrorKind::NotAFile(_) => {
                    "replace it with a regular file, or move it out of the dataset"
                }
                LoadErrorKind::Io(_) => "check that the file exists and can be read",
                LoadErrorKind::Syntax(m) if m.contains("date") => {
                    "write a real calendar date as YYYY-MM-DD (in TOML unquoted: `start = 2021-11-16`)"
                }
                LoadErrorKind::Syntax(_) if cx.dataset().file(file).format != FileFormat::Toml => {
                    "check the JSON syntax (quotes, commas, brackets) at https://www.json.org"
                }
                LoadErrorKind::Syntax(_) => "see the TOML syntax at https://toml.io",
            };
            cx.report_span(file, e.span, e.kind.to_string())
                .help(help)
                .emit();
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
