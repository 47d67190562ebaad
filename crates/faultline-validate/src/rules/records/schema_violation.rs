use faultline_dataset::LoadErrorKind;

use crate::context::Context;
use crate::rule::{Rule, RuleMeta, declare_rule};
use crate::schema::{self, Target};

declare_rule! {
    /// ## What it checks
    /// Records that break the JSON Schema of their kind (`schema/*.schema.json`): unknown
    /// fields (a typo such as `sorces`), missing required fields, wrong types, values outside
    /// an enumeration, ids that are not slugs, URLs that are not http(s), latitudes beyond ±90.
    /// The message names the path in the record and the schema keyword that failed.
    ///
    /// ## Why it matters
    /// A record that does not fit the schema cannot be read into the model: it would be
    /// missing from every check, export and count. The schema is also what editors use to
    /// complete and check records as they are typed.
    ///
    /// ## Example
    /// ```toml path=events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sorces = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
    /// ```
    ///
    /// ## Use instead
    /// ```toml path=events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = "An example."
    /// sources = ["example-source"]
    ///
    /// [date]
    /// start = 2021-11-16
    /// precision = "day"
    /// ```
    pub(crate) struct SchemaViolation {
        name: "schema-violation",
        area: Records,
        severity: Error,
        fixable: false,
        summary: "a record breaks the JSON Schema (the message names the keyword and the path)",
    }
}

impl Rule for SchemaViolation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

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
                cx.report(origin, pointer, format!("not a valid {record} record: {message}"))
                    .emit();
                continue;
            }
            for err in errors.into_iter().filter(|e| !e.bad_date) {
                let finding = cx.report(origin, &err.pointer, err.message);
                let finding = if err.target == Target::Key { finding.on_key() } else { finding };
                let finding = match err.help {
                    Some(h) => finding.help(h),
                    None => finding,
                };
                finding.emit();
            }
        }
    }
}
