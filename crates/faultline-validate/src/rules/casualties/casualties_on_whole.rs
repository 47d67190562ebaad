use rustc_hash::FxHashMap as HashMap;

use crate::engine::{At, FinishCx};
use crate::rule::{Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A casualty figure on an event that other events are `part-of`: the whole of a wave or
    /// series (`related = [{ event = "<whole>", relation = "part-of" }]` in each part).
    ///
    /// ## Why it matters
    /// Incident-level exports (ACLED, UCDP, GeoJSON, the timeline) leave a whole out so that
    /// no incident is counted twice: its parts are the incidents. A figure on the whole is
    /// then counted nowhere, and the dead or wounded it records vanish from every table a
    /// researcher builds from those exports. A figure belongs to the incident it was stated
    /// for; when the text gives it for the wave only, the link is not `part-of` (a plain
    /// `related` id), so that the event stays an incident of its own.
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
    /// place = "example-place"
    ///
    /// [[actors]]
    /// actor = "example-actor"
    ///
    /// [[actors]]
    /// actor = "example-other"
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-part.toml
    /// id = "2021-11-17-part"
    /// title = "Part"
    /// kind = "armed-clash"
    /// summary = "One clash of the fighting."
    /// sources = ["example-source"]
    /// related = [{ event = "2021-11-16-example", relation = "part-of" }]
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
    ///
    /// [[casualties]]
    /// party = "example-party"
    /// category = "killed"
    /// count = 2
    /// claimant = "example-actor"
    /// source = "example-source"
    /// quote = "two were killed"
    /// ```
    ///
    /// ```toml events/2021/2021-11-17-part.toml
    /// id = "2021-11-17-part"
    /// title = "Part"
    /// kind = "armed-clash"
    /// summary = "A clash that followed."
    /// sources = ["example-source"]
    /// related = ["2021-11-16-example"]
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
    /// ```
    pub(crate) struct CasualtiesOnWhole {
        name: "casualties-on-whole",
        area: Casualties,
        severity: Warning,
        phase: Finish,
        fixable: false,
        summary: "a casualty figure is on an event that others are `part-of`, which incident-level exports leave out",
    }
}

impl Rule for CasualtiesOnWhole {
    fn finish(&self, cx: &mut FinishCx<'_>) {
        let events = &cx.summary.events;
        // Each whole's first part: (the part's index, the link's position in `related`).
        let mut wholes: HashMap<&str, (usize, u32)> = HashMap::default();
        for (p, e) in events.iter().enumerate() {
            for &l in &e.part_of {
                if let Some(whole) = e.related.get(l as usize) {
                    wholes.entry(whole).or_insert((p, l));
                }
            }
        }
        for (w, e) in events.iter().enumerate() {
            let Some(&(p, l)) = wholes.get(&*e.id) else {
                continue;
            };
            for i in 0..e.figures {
                cx.report(
                    At::Event(w),
                    &format!("/casualties/{i}"),
                    format!(
                        "a casualty figure on `{}`, which `{}` is part of: incident-level exports (ACLED, UCDP, GeoJSON, timeline) leave this event out, and the figure with it",
                        e.id, events[p].id
                    ),
                )
                .help("put the figure on the incident it was stated for; if the text gives it for this event as a whole, link the other events to it with a plain id in `related`, not `part-of`")
                .related(At::Event(p), &format!("/related/{l}"), "the `part-of` link")
                .emit();
            }
        }
    }
}
