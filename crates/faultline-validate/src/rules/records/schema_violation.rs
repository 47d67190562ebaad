use faultline_dataset::LoadErrorKind;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::absent_field;
use crate::schema::{self, Target};

declare_rule! {
    /// ## What it checks
    /// Records that break the JSON Schema of their kind (`schema/*.schema.json`): unknown
    /// fields (a typo such as `sorces`), missing required fields, wrong types, values outside
    /// an enumeration, ids that are not slugs, URLs that are not http(s), latitudes beyond ±90.
    /// The message names the path in the record, what the field takes (every form it
    /// accepts, every value of an enumeration) and what was found, with the step between
    /// them when it is plain (`remove the quotes`, a did-you-mean for a misspelt value or
    /// key). All of it is read from the schema, which is generated from the model.
    ///
    /// The rest of the record is still checked: the record is loaded again without the
    /// values that broke it, and every other rule runs on what loaded. Nothing is reported
    /// inside a table that held a broken value (a casualty figure with `count = "13"`), nor
    /// where a dropped value would have been; a record whose own required field is broken
    /// (`kind`, `date`, `id`) is reported for that alone.
    ///
    /// ## Why it matters
    /// A record that does not fit the schema cannot be read into the model: it would be
    /// missing from every check, export and count. The schema is also what editors use to
    /// complete and check records as they are typed.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sorces = ["example-source"]
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
    pub(crate) struct SchemaViolation {
        name: "schema-violation",
        area: Records,
        severity: Error,
        always_on: true,
        fixable: false,
        summary: "a record breaks the JSON Schema (the message says what the field takes and what was found)",
    }
}

impl Rule for SchemaViolation {
    fn check(&self, cx: &mut Context<'_>) {
        for e in &cx.dataset().errors {
            let LoadErrorKind::Invalid {
                record,
                origin,
                pointer,
                message,
                value,
            } = &e.kind
            else {
                continue;
            };
            let errors = schema::validate(*record, value);
            if errors.is_empty() {
                // The schema accepts what the model rejects: report the model's words.
                cx.report(
                    origin,
                    pointer,
                    format!("not a valid {record} record: {message}"),
                )
                .help("docs/record-format.md gives the form of every field")
                .emit();
                continue;
            }
            for err in errors.into_iter().filter(|e| !e.bad_date) {
                // A field missing from a whole-file record: its file has no table header to
                // point at, so point at the record's id.
                let pointer = match err.target {
                    Target::Table if err.pointer.is_empty() => absent_field(origin),
                    _ => err.pointer.as_str(),
                };
                let fallback = fallback_help(&err.keyword, &err.pointer);
                let finding = cx.report(origin, pointer, err.message);
                let finding = if err.target == Target::Key {
                    finding.on_key()
                } else {
                    finding
                };
                let finding = match err.help {
                    Some(h) => finding.help(h),
                    None => finding.help(fallback),
                };
                finding.emit();
            }
        }
    }
}

/// How to fix a schema error the schema mapping has no specific help for.
fn fallback_help(keyword: &str, pointer: &str) -> &'static str {
    if pointer.ends_with("/url") {
        return "a url starts with http:// or https://";
    }
    match keyword {
        "required" => "add the missing field; docs/record-format.md lists every field",
        "enum" => "write one of the values listed, exactly as written there",
        "type" => "write a value of the type the field takes (see docs/record-format.md)",
        "pattern" => {
            "write the value in the form the pattern asks for (ids: lower-case letters, digits and single hyphens; times: HH:MM)"
        }
        "anyOf" | "oneOf" => {
            "write the value in one of the forms listed (docs/record-format.md has examples)"
        }
        "minimum" | "maximum" => "write a value within the allowed range",
        _ => "docs/record-format.md gives the form of every field",
    }
}
