use faultline_dataset::Origin;

use crate::context::Context;
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Text fields left empty (or only white space): an event's `title`, `summary`, `notes`,
    /// `as_reported` and `note` of its date, the `quote` and `note` of claims and figures, the
    /// notes of its places and actors, its tags; a source's `publisher`, `title`, `note`,
    /// authors and citation names; a place's or actor's `name`, `note`, and a place's
    /// `coordinate_source` and admin units.
    ///
    /// ## Why it matters
    /// An empty string is a field someone meant to fill (a template from `faultline new`, a
    /// half-finished edit) that the schema cannot tell from a real value. Remove the field,
    /// or write what the source says.
    ///
    /// ## Example
    /// ```toml events/2021/2021-11-16-example.toml
    /// id = "2021-11-16-example"
    /// title = "Example"
    /// kind = "armed-clash"
    /// summary = ""
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
    /// summary = "Fighting was reported near the lake; each side blames the other."
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
    pub(crate) struct EmptyField {
        name: "empty-field",
        area: Records,
        severity: Warning,
        fixable: false,
        summary: "a text field is empty or only white space",
    }
}

impl Rule for EmptyField {
    fn check(&self, cx: &mut Context<'_>) {
        let dataset = cx.dataset();
        let mut found: Vec<(&Origin, String)> = Vec::new();
        // The pointer is written only for a field found empty.
        let mut check = |origin, pointer: &dyn Fn() -> String, text: Option<&str>| {
            if text.is_some_and(|t| t.trim().is_empty()) {
                found.push((origin, pointer()));
            }
        };
        for e in &dataset.events {
            let (r, o) = (&e.record, &e.origin);
            check(o, &|| "/title".into(), Some(&r.title));
            check(o, &|| "/summary".into(), Some(&r.summary));
            check(o, &|| "/notes".into(), r.notes.as_deref());
            check(
                o,
                &|| "/date/as_reported".into(),
                r.date.as_reported.as_deref(),
            );
            check(o, &|| "/date/note".into(), r.date.note.as_deref());
            for (i, t) in r.tags.iter().enumerate() {
                check(o, &|| format!("/tags/{i}"), Some(t));
            }
            for (i, p) in r.places.iter().enumerate() {
                check(o, &|| format!("/places/{i}/note"), p.note.as_deref());
            }
            for (i, a) in r.actors.iter().enumerate() {
                check(o, &|| format!("/actors/{i}/note"), a.note.as_deref());
            }
            for (i, c) in r.claims.iter().enumerate() {
                check(o, &|| format!("/claims/{i}/quote"), c.quote.as_deref());
                check(o, &|| format!("/claims/{i}/note"), c.note.as_deref());
            }
            for (i, c) in r.casualties.iter().enumerate() {
                check(o, &|| format!("/casualties/{i}/quote"), c.quote.as_deref());
                check(o, &|| format!("/casualties/{i}/note"), c.note.as_deref());
            }
        }
        for s in &dataset.sources {
            let (r, o) = (&s.record, &s.origin);
            check(o, &|| "/publisher".into(), r.publisher.as_deref());
            check(o, &|| "/title".into(), r.title.as_deref());
            check(o, &|| "/note".into(), r.note.as_deref());
            for (i, a) in r.authors.iter().enumerate() {
                check(o, &|| format!("/authors/{i}"), Some(a));
            }
            for (i, c) in r.cites.iter().enumerate() {
                check(o, &|| format!("/cites/{i}/name"), Some(&c.name));
            }
        }
        for p in &dataset.places {
            let (r, o) = (&p.record, &p.origin);
            check(o, &|| "/name".into(), Some(&r.name));
            check(
                o,
                &|| "/coordinate_source".into(),
                Some(&r.coordinate_source),
            );
            check(o, &|| "/admin1".into(), r.admin1.as_deref());
            check(o, &|| "/admin2".into(), r.admin2.as_deref());
            check(o, &|| "/note".into(), r.note.as_deref());
        }
        for a in &dataset.actors {
            let (r, o) = (&a.record, &a.origin);
            check(o, &|| "/name".into(), Some(&r.name));
            check(o, &|| "/note".into(), r.note.as_deref());
        }
        for (origin, pointer) in found {
            let field = pointer
                .rsplit('/')
                .find(|s| s.parse::<usize>().is_err())
                .unwrap_or("field");
            cx.report(origin, &pointer, format!("`{field}` is empty"))
                .help("write what the source says, or remove the field")
                .emit();
        }
    }
}
