//! Between ACLED's generations: which column of one stands for which column of another, how
//! the 2016-era event types read in today's taxonomy (and back), and the disorder type that
//! follows from an event's type and sub-type (read from the one taxonomy table,
//! [`KINDS`](super::kinds::KINDS)).
//!
//! These tables let an event imported from one generation be written in another without
//! guessing from faultline's own kind: its actors stay in their columns (`ally_actor_1` is
//! today's `assoc_actor_1`), a 2016 "Battle-Government regains territory" is today's
//! Battles / Government regains territory, and `disorder_type` is ACLED's for that type.

/// Columns renamed between generations: (today's name, the 2016-era name). Both hold the same
/// values.
pub const RENAMED: [(&str, &str); 2] = [
    ("assoc_actor_1", "ally_actor_1"),
    ("assoc_actor_2", "ally_actor_2"),
];

/// The 2016-era `event_type` values, each with today's `event_type` and, where the old type
/// determines it, `sub_event_type`. `Riots/Protests` has no single counterpart (today's
/// Riots and Protests), so it has no row: it is written as ACLED wrote it.
pub const LEGACY_EVENT_TYPES: [(&str, &str, Option<&str>); 8] = [
    (
        "Battle-No change of territory",
        "Battles",
        Some("Armed clash"),
    ),
    (
        "Battle-Government regains territory",
        "Battles",
        Some("Government regains territory"),
    ),
    (
        "Battle-Non-state actor overtakes territory",
        "Battles",
        Some("Non-state actor overtakes territory"),
    ),
    ("Remote violence", "Explosions/Remote violence", None),
    (
        "Violence against civilians",
        "Violence against civilians",
        None,
    ),
    (
        "Non-violent transfer of territory",
        "Strategic developments",
        Some("Non-violent transfer of territory"),
    ),
    (
        "Headquarters or base established",
        "Strategic developments",
        Some("Headquarters or base established"),
    ),
    ("Strategic development", "Strategic developments", None),
];

/// The 2016-era event type that covered today's Riots and Protests.
pub const LEGACY_RIOTS_PROTESTS: &str = "Riots/Protests";

/// The column of another generation that holds `column`'s values, if it was renamed
/// (`assoc_actor_1` ↔ `ally_actor_1`, either way).
pub fn renamed(column: &str) -> Option<&'static str> {
    RENAMED.iter().find_map(|&(new, old)| {
        if column == new {
            Some(old)
        } else if column == old {
            Some(new)
        } else {
            None
        }
    })
}

/// Today's `event_type` and `sub_event_type` for an `event_type` as a file wrote it: a
/// 2016-era type is translated ([`LEGACY_EVENT_TYPES`]); any other value is today's already
/// (or unknown) and comes back as it is, with `sub_event_type` as given.
pub fn current_types<'a>(
    event_type: &'a str,
    sub_event_type: Option<&'a str>,
) -> (&'a str, Option<&'a str>) {
    match LEGACY_EVENT_TYPES
        .iter()
        .find(|(old, _, _)| old.eq_ignore_ascii_case(event_type.trim()))
    {
        Some(&(_, new, sub)) => (new, sub.or(sub_event_type)),
        None => (event_type, sub_event_type),
    }
}

/// The 2016-era `event_type` for today's `event_type` / `sub_event_type` (the inverse of
/// [`current_types`]): a row of [`LEGACY_EVENT_TYPES`] with that type and sub-type, else one
/// with that type and no sub-type; Protests and Riots were `Riots/Protests`. An unknown type
/// comes back as it is.
pub fn legacy_type<'a>(event_type: &'a str, sub_event_type: Option<&str>) -> &'a str {
    let et = event_type.trim();
    if et.eq_ignore_ascii_case("protests") || et.eq_ignore_ascii_case("riots") {
        return LEGACY_RIOTS_PROTESTS;
    }
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    LEGACY_EVENT_TYPES
        .iter()
        .find(|(_, new, sub)| {
            same(new, et)
                && sub
                    .zip(sub_event_type)
                    .is_some_and(|(s, t)| same(s, t.trim()))
        })
        .or_else(|| {
            LEGACY_EVENT_TYPES
                .iter()
                .find(|(_, new, sub)| same(new, et) && sub.is_none())
        })
        .map_or(event_type, |&(old, _, _)| old)
}

/// ACLED's `disorder_type` for today's `event_type` / `sub_event_type` (translate older types
/// with [`current_types`] first), read from the taxonomy table
/// ([`KINDS`](super::kinds::KINDS)): the row of that type and sub-type, else the row of the
/// type given alone. `None` when the type does not determine it (a 2016 `Riots/Protests`, a
/// riot without sub-type, an unknown type).
pub fn disorder_type(event_type: &str, sub_event_type: Option<&str>) -> Option<&'static str> {
    let et = event_type.trim();
    let sub = sub_event_type.map_or("", str::trim);
    let row = |sub: &str| {
        super::kinds::import_rows().iter().find(|r| {
            r.event_type.eq_ignore_ascii_case(et) && r.sub_event_type.eq_ignore_ascii_case(sub)
        })
    };
    row(sub)
        .or_else(|| row(""))
        .map(|r| r.disorder_type)
        .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_both_ways() {
        assert_eq!(renamed("ally_actor_1"), Some("assoc_actor_1"));
        assert_eq!(renamed("assoc_actor_2"), Some("ally_actor_2"));
        assert_eq!(renamed("actor1"), None);
        for (new, old) in RENAMED {
            assert!(crate::acled::CURRENT_COLUMNS.contains(&new));
            assert!(crate::acled::LEGACY_2016_COLUMNS.contains(&old));
        }
    }

    #[test]
    fn legacy_types_translate_both_ways() {
        assert_eq!(
            current_types("Battle-Government regains territory", None),
            ("Battles", Some("Government regains territory"))
        );
        assert_eq!(
            current_types("Remote violence", None),
            ("Explosions/Remote violence", None)
        );
        assert_eq!(
            current_types("Riots/Protests", None),
            ("Riots/Protests", None)
        );
        assert_eq!(
            current_types("Battles", Some("Armed clash")),
            ("Battles", Some("Armed clash"))
        );
        for (old, new, sub) in LEGACY_EVENT_TYPES {
            assert_eq!(legacy_type(new, sub), old, "{old}");
            assert_eq!(current_types(old, None), (new, sub), "{old}");
            assert!(disorder_type(new, sub).is_some(), "{old}");
        }
        assert_eq!(
            legacy_type("Protests", Some("Peaceful protest")),
            "Riots/Protests"
        );
        assert_eq!(
            legacy_type("Explosions/Remote violence", Some("Grenade")),
            "Remote violence"
        );
    }

    #[test]
    fn disorder_types_as_acled_writes_them() {
        // As in ACLED's 2023 files.
        for (et, sub, disorder) in [
            ("Protests", "Peaceful protest", "Demonstrations"),
            ("Protests", "Protest with intervention", "Demonstrations"),
            (
                "Protests",
                "Excessive force against protesters",
                "Political violence; Demonstrations",
            ),
            ("Riots", "Violent demonstration", "Demonstrations"),
            ("Riots", "Mob violence", "Political violence"),
            ("Battles", "Armed clash", "Political violence"),
            (
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
                "Political violence",
            ),
            ("Violence against civilians", "Attack", "Political violence"),
            (
                "Strategic developments",
                "Arrests",
                "Strategic developments",
            ),
        ] {
            assert_eq!(disorder_type(et, Some(sub)), Some(disorder), "{et} / {sub}");
        }
        assert_eq!(disorder_type("Riots/Protests", None), None);
        assert_eq!(disorder_type("Riots", None), None);
    }
}
