use crate::context::Context;
use crate::rule::{Rule, declare_rule};
use crate::rules::refs::{Target, each_reference};

declare_rule! {
    /// ## What it checks
    /// A place referenced by one of its names instead of its id: `place = "Misal Gol"` where
    /// the gazetteer has a place with `id = "example-place"` and the name variant
    /// "Misal Gol". Names are compared without regard to case or surrounding spaces. The fix
    /// replaces the name with the id. When the name belongs to several places, there is no
    /// fix: the help lists them, and a person must choose.
    ///
    /// ## Why it matters
    /// Place names differ by language and by side ("Lake Sev", "Garagol"); the id is the one
    /// spelling every tool agrees on. Exports, maps and the duplicate-event check match places
    /// by id, so a name in its place splits one place into two.
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
    /// start = 2021-11-16
    /// precision = "day"
    ///
    /// [[places]]
    /// place = "Misal Gol"
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
    pub(crate) struct PlaceAlias {
        name: "place-alias",
        area: Records,
        severity: Warning,
        fixable: true,
        summary: "a place is referenced by a name variant instead of its id",
    }
}

impl Rule for PlaceAlias {
    fn check(&self, cx: &mut Context<'_>) {
        let index = cx.index();
        each_reference(cx.dataset(), |r| {
            if r.target != Target::Place || index.has_place(r.id) {
                return;
            }
            let Some(places) = index.place_names.get(&r.id.trim().to_lowercase()) else {
                return;
            };
            let mut ids: Vec<&str> = places.iter().map(|p| p.record.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            match ids.as_slice() {
                [id] => cx
                    .report(
                        r.origin,
                        &r.field.pointer(),
                        format!("`{}` is a name of the place `{id}`, not its id", r.id),
                    )
                    .help(format!("refer to the place by its id: `place = \"{id}\"`"))
                    .fix_replace("replace with the place id", format!("\"{id}\""))
                    .emit(),
                _ => {
                    let list = ids
                        .iter()
                        .map(|id| format!("`{id}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    cx.report(r.origin, &r.field.pointer(), format!("`{}` is a name of several places: {list}", r.id))
                        .help("refer to the place meant by its id; if the source does not say which, choose the wider place or add a note")
                        .emit();
                }
            }
        });
    }
}
