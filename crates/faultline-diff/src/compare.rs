//! The comparison: registries first (so that references follow renamed records), then events,
//! then the totals.

use faultline_dataset::{Dataset, Loaded};
use faultline_model::Event;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Map, Value};

use crate::change::{
    ChangeSet, EventChange, FORMAT_VERSION, FieldChange, ItemStatus, RecordChange, SideInfo,
    Status, Summary,
};
use crate::fields;
use crate::invalid::{self, Broken, Ids};
use crate::items::{compare_claims, compare_figures, to_value};
use crate::pairing::{Pass, pair};
use crate::records::{Record, Renames};
use crate::totals;

/// One side of a comparison: a loaded dataset and what to call it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// What the user called it (a directory, or a git revision as given).
    pub label: &'a str,
    /// The commit it was read from, for a git revision.
    pub commit: Option<&'a str>,
    /// The dataset.
    pub dataset: &'a Dataset,
}

impl<'a> Side<'a> {
    /// A side read from a directory or file.
    pub fn new(label: &'a str, dataset: &'a Dataset) -> Self {
        Self {
            label,
            commit: None,
            dataset,
        }
    }
}

/// Compares two versions of a dataset.
///
/// Records are matched by id; a record whose id changed but whose content is the same — or,
/// for an event, nearly: the same kind, sources and places, and the same date, title or
/// id after its date — is reported as renamed, and references to it that follow the rename
/// are not changes. Records that do not load on one side are reported in
/// [`ChangeSet::invalid`], never as added or removed.
pub fn compare(old: &Side<'_>, new: &Side<'_>) -> ChangeSet {
    let (a, b) = (old.dataset, new.dataset);
    let (old_broken, new_broken) = (Broken::of(a), Broken::of(b));
    let mut renames = Renames::default();
    let mut summary = Summary::default();

    // Actors first: places, sources and other actors refer to them.
    let old_actors = records(&a.actors);
    let new_actors = records(&b.actors);
    let m = match_records(
        &old_actors,
        &new_actors,
        &old_broken.actors,
        &new_broken.actors,
        false,
    );
    renames.actors = m.renames(&old_actors, &new_actors);
    let old_actors = normalized(old_actors, |r| renames.refs_of_actor(r));
    let actors = registry_changes(&old_actors, &new_actors, &m, &mut summary.actors);

    let old_places = normalized(records(&a.places), |r| renames.refs_of_place(r));
    let new_places = records(&b.places);
    let m = match_records(
        &old_places,
        &new_places,
        &old_broken.places,
        &new_broken.places,
        false,
    );
    renames.places = m.renames(&old_places, &new_places);
    let places = registry_changes(&old_places, &new_places, &m, &mut summary.places);

    let old_sources = normalized(records(&a.sources), |r| renames.refs_of_source(r));
    let new_sources = records(&b.sources);
    let m = match_records(
        &old_sources,
        &new_sources,
        &old_broken.sources,
        &new_broken.sources,
        false,
    );
    renames.sources = m.renames(&old_sources, &new_sources);
    let sources = registry_changes(&old_sources, &new_sources, &m, &mut summary.sources);

    let old_events = normalized(records(&a.events), |e| renames.registry_refs_of_event(e));
    let new_events = records(&b.events);
    let m = match_records(
        &old_events,
        &new_events,
        &old_broken.events,
        &new_broken.events,
        true,
    );
    renames.events = m.renames(&old_events, &new_events);
    let old_events = normalized(old_events, |e| renames.event_refs_of_event(e));
    let events = event_changes(&old_events, &new_events, &m, &mut summary);

    let mut status: FxHashMap<String, &'static str> = events
        .iter()
        .map(|e| {
            let change = if e.duplicate_id {
                "duplicate-id"
            } else {
                e.change.as_str()
            };
            (e.id.clone(), change)
        })
        .collect();
    for id in old_broken.events.ids().chain(new_broken.events.ids()) {
        status.entry(id.to_owned()).or_insert("invalid");
    }
    let old_ids: Vec<&str> = old_events
        .iter()
        .map(|e| renames.events.get(e.id()).map_or(e.id(), String::as_str))
        .collect();
    let totals = totals::compare(
        old_ids.iter().copied().zip(old_events.iter()),
        new_events.iter().map(|e| (e.id(), e)),
        &status,
    );

    let invalid = invalid::merge(&old_broken, &new_broken);
    summary.invalid.old = old_broken.len();
    summary.invalid.new = new_broken.len();
    ChangeSet {
        version: FORMAT_VERSION,
        old: side_info(old, &old_broken),
        new: side_info(new, &new_broken),
        summary,
        events,
        sources,
        places,
        actors,
        totals,
        invalid,
    }
}

fn side_info(side: &Side<'_>, broken: &Broken) -> SideInfo {
    let (events, sources, places, actors) = side.dataset.counts();
    SideInfo {
        label: side.label.to_owned(),
        commit: side.commit.map(str::to_owned),
        events,
        sources,
        places,
        actors,
        invalid: broken.len(),
    }
}

fn records<T: Clone>(loaded: &[Loaded<T>]) -> Vec<T> {
    loaded.iter().map(|l| l.record.clone()).collect()
}

fn normalized<T>(mut records: Vec<T>, f: impl Fn(&mut T)) -> Vec<T> {
    records.iter_mut().for_each(f);
    records
}

/// How the records of two sides correspond.
struct Matching {
    /// Same id.
    same: Vec<(usize, usize)>,
    /// Different ids, same (or nearly the same) content.
    renamed: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

impl Matching {
    fn renames<T: Record>(&self, old: &[T], new: &[T]) -> FxHashMap<String, String> {
        self.renamed
            .iter()
            .map(|&(i, j)| (old[i].id().to_owned(), new[j].id().to_owned()))
            .collect()
    }
}

/// Matches records by id, then the rest by content. Records whose id is among those that did
/// not load on the other side are left out: they are reported as invalid.
fn match_records<T: Record>(
    old: &[T],
    new: &[T],
    old_broken: &Ids,
    new_broken: &Ids,
    events: bool,
) -> Matching {
    let by_id = |r: &T| Some(r.id().to_owned());
    let by_id = [Pass {
        key: &by_id,
        unique: false,
    }];
    let same = pair(
        old,
        new,
        (0..old.len()).collect(),
        (0..new.len()).collect(),
        &by_id,
    );
    let old_free: Vec<usize> = same
        .old_only
        .into_iter()
        .filter(|&i| !new_broken.covers(old[i].id()))
        .collect();
    let new_free: Vec<usize> = same
        .new_only
        .into_iter()
        .filter(|&j| !old_broken.covers(new[j].id()))
        .collect();
    let content = |r: &T| Some(without_id(r).to_string());
    let name = |r: &T| r.name().map(str::to_owned);
    let registry = [
        Pass {
            key: &content,
            unique: false,
        },
        Pass {
            key: &name,
            unique: true,
        },
    ];
    let renamed = if events {
        // Events are nearly the same when they keep their kind, sources and places, and
        // their date, title or slug (the id after the date).
        let near = |r: &T, what: &str| -> Option<String> {
            let v = to_value(r);
            let mut sources: Vec<String> = strings(&v["sources"]);
            sources.sort();
            let mut places: Vec<String> = v["places"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p["place"].to_string())
                .collect();
            places.sort();
            let extra = match what {
                "date" => date_core(&v["date"]).to_string(),
                "title" => v["title"].to_string(),
                _ => slug(r.id()).to_owned(),
            };
            Some(format!(
                "{}|{sources:?}|{places:?}|{what}={extra}",
                v["kind"]
            ))
        };
        let same_date = |r: &T| near(r, "date");
        let same_title = |r: &T| near(r, "title");
        let same_slug = |r: &T| near(r, "slug");
        let passes = [
            Pass {
                key: &content,
                unique: false,
            },
            Pass {
                key: &same_date,
                unique: true,
            },
            Pass {
                key: &same_title,
                unique: true,
            },
            Pass {
                key: &same_slug,
                unique: true,
            },
        ];
        pair(old, new, old_free, new_free, &passes)
    } else {
        pair(old, new, old_free, new_free, &registry)
    };
    Matching {
        same: same.matched,
        renamed: renamed.matched,
        removed: renamed.old_only,
        added: renamed.new_only,
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_owned))
        .collect()
}

/// An event id after its leading `YYYY-MM-DD-` date (month and day may be `xx`: the date as
/// far as the text gives it).
fn slug(id: &str) -> &str {
    let b = id.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            0..=3 => c.is_ascii_digit(),
            _ => c.is_ascii_digit() || *c == b'x',
        })
        && b[10] == b'-';
    if dated { &id[11..] } else { id }
}

/// The keys of an event's date that say when it happened; the others (`as_reported`,
/// `note`, any new one) are compared as fields of their own.
const DATE_CORE: [&str; 5] = ["start", "end", "precision", "time", "time_end"];

fn date_core(date: &Value) -> Value {
    let mut core = Map::new();
    if let Value::Object(m) = date {
        for k in DATE_CORE {
            if let Some(v) = m.get(k) {
                core.insert(k.to_owned(), v.clone());
            }
        }
    }
    Value::Object(core)
}

fn without_id<T: Record>(r: &T) -> Value {
    let mut v = to_value(r);
    if let Value::Object(m) = &mut v {
        m.shift_remove("id");
    }
    v
}

/// The ids held by more than one record of `records`.
fn duplicated_ids<T: Record>(records: &[T]) -> FxHashSet<&str> {
    let mut seen = FxHashSet::default();
    records
        .iter()
        .map(Record::id)
        .filter(|id| !seen.insert(*id))
        .collect()
}

fn registry_changes<T: Record>(
    old: &[T],
    new: &[T],
    m: &Matching,
    counts: &mut crate::change::RecordCounts,
) -> Vec<RecordChange> {
    let mut out = Vec::new();
    for (&(i, j), renamed) in m
        .same
        .iter()
        .map(|p| (p, false))
        .chain(m.renamed.iter().map(|p| (p, true)))
    {
        if !renamed && old[i] == new[j] {
            continue;
        }
        let mut fields = Vec::new();
        fields::compare("", &without_id(&old[i]), &without_id(&new[j]), &mut fields);
        if !renamed && fields.is_empty() {
            continue;
        }
        if renamed {
            counts.renamed += 1;
        } else {
            counts.changed += 1;
        }
        out.push(RecordChange {
            change: if renamed {
                Status::Renamed
            } else {
                Status::Changed
            },
            id: new[j].id().to_owned(),
            old_id: renamed.then(|| old[i].id().to_owned()),
            name: new[j].name().map(str::to_owned),
            fields,
            record: None,
            duplicate_id: false,
        });
    }
    for (records, indexes, change) in [
        (new, &m.added, Status::Added),
        (old, &m.removed, Status::Removed),
    ] {
        let duplicated = duplicated_ids(records);
        for &i in indexes {
            let r = &records[i];
            out.push(RecordChange {
                change,
                id: r.id().to_owned(),
                old_id: None,
                name: r.name().map(str::to_owned),
                fields: Vec::new(),
                record: Some(to_value(r)),
                duplicate_id: duplicated.contains(r.id()),
            });
        }
    }
    counts.added += m.added.len();
    counts.removed += m.removed.len();
    out.sort_by(|x, y| (&x.id, x.change).cmp(&(&y.id, y.change)));
    out
}

fn event_changes(
    old: &[Event],
    new: &[Event],
    m: &Matching,
    summary: &mut Summary,
) -> Vec<EventChange> {
    let mut out = Vec::new();
    for (&(i, j), renamed) in m
        .same
        .iter()
        .map(|p| (p, false))
        .chain(m.renamed.iter().map(|p| (p, true)))
    {
        let (a, b) = (&old[i], &new[j]);
        if !renamed && a == b {
            continue;
        }
        let fields = event_fields(a, b);
        let claims = compare_claims(&a.claims, &b.claims);
        let figures = compare_figures(&a.casualties, &b.casualties);
        if !renamed && fields.is_empty() && claims.is_empty() && figures.is_empty() {
            continue;
        }
        for c in &claims {
            match c.change {
                ItemStatus::Added => summary.claims.added += 1,
                ItemStatus::Withdrawn => summary.claims.withdrawn += 1,
                ItemStatus::Revised | ItemStatus::Changed => summary.claims.changed += 1,
            }
        }
        for f in &figures {
            match f.change {
                ItemStatus::Added => summary.figures.added += 1,
                ItemStatus::Withdrawn => summary.figures.withdrawn += 1,
                ItemStatus::Revised => summary.figures.revised += 1,
                ItemStatus::Changed => summary.figures.changed += 1,
            }
        }
        if renamed {
            summary.events.renamed += 1;
        } else {
            summary.events.changed += 1;
        }
        out.push(EventChange {
            change: if renamed {
                Status::Renamed
            } else {
                Status::Changed
            },
            id: b.id().to_owned(),
            old_id: renamed.then(|| a.id().to_owned()),
            title: b.title.clone(),
            fields,
            claims,
            figures,
            record: None,
            duplicate_id: false,
        });
    }
    for (events, indexes, change) in [
        (new, &m.added, Status::Added),
        (old, &m.removed, Status::Removed),
    ] {
        let duplicated = duplicated_ids(events);
        for &i in indexes {
            let e = &events[i];
            out.push(EventChange {
                change,
                id: e.id().to_owned(),
                old_id: None,
                title: e.title.clone(),
                fields: Vec::new(),
                claims: Vec::new(),
                figures: Vec::new(),
                record: Some(to_value(e)),
                duplicate_id: duplicated.contains(e.id()),
            });
        }
    }
    summary.events.added += m.added.len();
    summary.events.removed += m.removed.len();
    out.sort_by(|x, y| (&x.id, x.change).cmp(&(&y.id, y.change)));
    out
}

/// An event's changes other than its claims and figures: the date first (its core as one
/// field), then every other field in record order.
fn event_fields(old: &Event, new: &Event) -> Vec<FieldChange> {
    let strip = |e: &Event| {
        let mut v = to_value(e);
        let mut date = Value::Null;
        if let Value::Object(m) = &mut v {
            for k in ["id", "claims", "casualties"] {
                m.shift_remove(k);
            }
            date = m.shift_remove("date").unwrap_or(Value::Null);
        }
        (v, date)
    };
    let ((a, date_a), (b, date_b)) = (strip(old), strip(new));
    let mut out = Vec::new();
    let (core_a, core_b) = (date_core(&date_a), date_core(&date_b));
    if core_a != core_b {
        out.push(FieldChange {
            field: "date".to_owned(),
            old: Some(core_a),
            new: Some(core_b),
            added: Vec::new(),
            removed: Vec::new(),
        });
    }
    let rest = |d: &Value| {
        let mut m = d.as_object().cloned().unwrap_or_default();
        m.retain(|k, _| !DATE_CORE.contains(&k.as_str()));
        m
    };
    fields::compare_tables("date", &rest(&date_a), &rest(&date_b), &mut out);
    fields::compare("", &a, &b, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("2021-11-16-border-fighting"), "border-fighting");
        assert_eq!(slug("border-fighting"), "border-fighting");
        assert_eq!(slug("2021-11-16"), "2021-11-16");
        assert_eq!(slug("2021-07-xx-kalbajar-attack"), "kalbajar-attack");
        assert_eq!(slug("2023-xx-xx-ceasefire"), "ceasefire");
    }
}
