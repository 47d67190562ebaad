//! ACLED's event types and actor codes, and how they map onto faultline kinds, both ways.
//!
//! [`KINDS`] is the one table of ACLED's taxonomy — every `disorder_type` / `event_type` /
//! `sub_event_type` of every generation of ACLED's exports, the 2016 files' event types
//! included — against faultline's kinds. Import reads it ([`kind_from_acled`]); export takes
//! the first row of a kind ([`acled_types`]); docs/import-export.md shows the same table, and
//! a test checks the two row by row. ACLED's own categories are also kept verbatim in each
//! imported event's `external.acled`: the kind is faultline's reading of them, never a
//! replacement.

use faultline_model::{ActorKind, EventKind};

/// One row of ACLED's taxonomy and the faultline kind it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRow {
    /// ACLED's `disorder_type` for this sub-event type (empty for the 2016 event types,
    /// which predate it).
    pub disorder_type: &'static str,
    /// ACLED's `event_type`.
    pub event_type: &'static str,
    /// ACLED's `sub_event_type`; empty for an event type given alone (the 2016 files, which
    /// have no sub-event types, or a row that leaves it blank).
    pub sub_event_type: &'static str,
    /// The faultline kind.
    pub kind: EventKind,
}

const fn row(
    disorder_type: &'static str,
    event_type: &'static str,
    sub_event_type: &'static str,
    kind: EventKind,
) -> KindRow {
    KindRow {
        disorder_type,
        event_type,
        sub_event_type,
        kind,
    }
}

const PV: &str = "Political violence";
const DEM: &str = "Demonstrations";
const SD: &str = "Strategic developments";
const BAT: &str = "Battles";
const ERV: &str = "Explosions/Remote violence";
const VAC: &str = "Violence against civilians";

/// ACLED's taxonomy against faultline's kinds. The first row of each kind is what export
/// writes for it; the rows with an empty `sub_event_type` stand for the event type given
/// alone (a sub-event type not in this table takes its event type's row, as the nearest
/// kind). The disorder type follows from the sub-event type, as in ACLED's codebook
/// ("Mob violence" is political violence, "Violent demonstration" a demonstration).
pub const KINDS: &[KindRow] = &[
    // Current taxonomy (2019-): 6 event types, 25 sub-event types.
    row(PV, BAT, "Armed clash", EventKind::ArmedClash),
    row(
        PV,
        BAT,
        "Government regains territory",
        EventKind::TerritorialAdvance,
    ),
    row(
        PV,
        BAT,
        "Non-state actor overtakes territory",
        EventKind::TerritorialAdvance,
    ),
    row(
        PV,
        ERV,
        "Shelling/artillery/missile attack",
        EventKind::Shelling,
    ),
    row(PV, ERV, "Air/drone strike", EventKind::AirStrike),
    row(PV, ERV, "Grenade", EventKind::GrenadeAttack),
    row(
        PV,
        ERV,
        "Remote explosive/landmine/IED",
        EventKind::ExplosiveDevice,
    ),
    row(PV, ERV, "Suicide bomb", EventKind::ExplosiveDevice),
    row(PV, ERV, "Chemical weapon", EventKind::ChemicalAttack),
    row(PV, VAC, "Attack", EventKind::ViolenceAgainstCivilians),
    row(
        PV,
        VAC,
        "Sexual violence",
        EventKind::ViolenceAgainstCivilians,
    ),
    row(
        PV,
        VAC,
        "Abduction/forced disappearance",
        EventKind::ViolenceAgainstCivilians,
    ),
    row(DEM, "Protests", "Peaceful protest", EventKind::Protest),
    row(
        DEM,
        "Protests",
        "Protest with intervention",
        EventKind::Protest,
    ),
    row(
        "Political violence; Demonstrations",
        "Protests",
        "Excessive force against protesters",
        EventKind::Protest,
    ),
    row(DEM, "Riots", "Violent demonstration", EventKind::Riot),
    row(PV, "Riots", "Mob violence", EventKind::Riot),
    row(SD, SD, "Agreement", EventKind::Agreement),
    row(SD, SD, "Arrests", EventKind::Capture),
    row(SD, SD, "Other", EventKind::StrategicDevelopment),
    row(
        SD,
        SD,
        "Change to group/activity",
        EventKind::StrategicDevelopment,
    ),
    row(
        SD,
        SD,
        "Disrupted weapons use",
        EventKind::StrategicDevelopment,
    ),
    row(
        SD,
        SD,
        "Headquarters or base established",
        EventKind::StrategicDevelopment,
    ),
    row(
        SD,
        SD,
        "Looting/property destruction",
        EventKind::StrategicDevelopment,
    ),
    row(
        SD,
        SD,
        "Non-violent transfer of territory",
        EventKind::TerritorialAdvance,
    ),
    // An event type given without its sub-event type.
    row(PV, BAT, "", EventKind::ArmedClash),
    row(PV, ERV, "", EventKind::RemoteViolence),
    row(PV, VAC, "", EventKind::ViolenceAgainstCivilians),
    row(DEM, "Protests", "", EventKind::Protest),
    row("", "Riots", "", EventKind::Riot),
    row(SD, SD, "", EventKind::StrategicDevelopment),
    // The 2016 files (ACLED version 7 and before): event types only.
    row(
        "",
        "Battle-No change of territory",
        "",
        EventKind::ArmedClash,
    ),
    row(
        "",
        "Battle-Government regains territory",
        "",
        EventKind::TerritorialAdvance,
    ),
    row(
        "",
        "Battle-Non-state actor overtakes territory",
        "",
        EventKind::TerritorialAdvance,
    ),
    row("", "Remote violence", "", EventKind::RemoteViolence),
    row("", "Riots/Protests", "", EventKind::Demonstration),
    row(
        "",
        "Strategic development",
        "",
        EventKind::StrategicDevelopment,
    ),
    row(
        "",
        "Non-violent transfer of territory",
        "",
        EventKind::TerritorialAdvance,
    ),
    row(
        "",
        "Headquarters or base established",
        "",
        EventKind::StrategicDevelopment,
    ),
    // Faultline kinds finer than ACLED's: what export writes for them (import reads these
    // ACLED categories as the kinds above).
    row(PV, BAT, "Armed clash", EventKind::CeasefireViolation),
    row(PV, ERV, "Air/drone strike", EventKind::DroneStrike),
    row(SD, SD, "Agreement", EventKind::Ceasefire),
    row(SD, SD, "Change to group/activity", EventKind::Deployment),
    row(SD, SD, "Change to group/activity", EventKind::Exercise),
    row(SD, SD, "Other", EventKind::Release),
    row(SD, SD, "Other", EventKind::Diplomatic),
    row(SD, SD, "Other", EventKind::Negotiation),
    row(SD, SD, "Other", EventKind::Statement),
    row(SD, SD, "Other", EventKind::Political),
];

/// The row export writes for a kind: the first row of [`KINDS`] with that kind, except that
/// a territorial advance (which may be made without a battle) is exported as ACLED's
/// non-violent transfer of territory.
pub fn export_row(kind: EventKind) -> KindRow {
    let preferred = KINDS.iter().find(|r| {
        r.kind == kind && !(kind == EventKind::TerritorialAdvance && r.event_type == BAT)
    });
    // Every kind has a row (tested); armed-clash's is the first row of the table.
    *preferred.unwrap_or(&KINDS[0])
}

/// The rows import reads: every row up to the export-only rows at the end of [`KINDS`].
pub fn import_rows() -> &'static [KindRow] {
    let n = KINDS
        .iter()
        .position(|r| r.kind == EventKind::CeasefireViolation)
        .unwrap_or(KINDS.len());
    &KINDS[..n]
}

/// ACLED's `event_type` and `sub_event_type` for a faultline kind (the sub-event type is
/// empty where ACLED has none for the kind: `remote-violence`, `demonstration`).
pub fn acled_types(kind: EventKind) -> (&'static str, &'static str) {
    let r = export_row(kind);
    (r.event_type, r.sub_event_type)
}

/// The faultline kind for ACLED's `event_type` / `sub_event_type`, and whether it is only the
/// nearest kind: a sub-event type not in [`KINDS`] takes its event type's kind, and an
/// unknown event type `strategic-development` (the event's `notes` then say so).
pub fn kind_from_acled(
    event_type: Option<&str>,
    sub_event_type: Option<&str>,
) -> (EventKind, bool) {
    let et = event_type.unwrap_or("").trim();
    let sub = sub_event_type.unwrap_or("").trim();
    let rows = import_rows();
    let find = |sub: &str| {
        rows.iter().find(|r| {
            r.event_type.eq_ignore_ascii_case(et) && r.sub_event_type.eq_ignore_ascii_case(sub)
        })
    };
    if let Some(r) = find(sub) {
        return (r.kind, false);
    }
    match find("") {
        Some(r) => (r.kind, true),
        None => (EventKind::StrategicDevelopment, true),
    }
}

/// The actor kind for an ACLED actor name and its `inter` code (numeric, or the words the
/// newer API writes).
pub fn actor_kind(name: &str, inter: Option<&str>) -> ActorKind {
    let lower = name.to_ascii_lowercase();
    if lower.contains("border guard") || lower.contains("border service") {
        return ActorKind::BorderGuard;
    }
    if lower.starts_with("military forces of") || lower.starts_with("police forces of") {
        return ActorKind::StateForces;
    }
    if lower.starts_with("government of") {
        return ActorKind::Government;
    }
    if lower.starts_with("protesters")
        || lower.starts_with("rioters")
        || lower.starts_with("civilians")
    {
        return ActorKind::Civilians;
    }
    let inter = inter.unwrap_or("").trim().to_ascii_lowercase();
    match inter.as_str() {
        "1" | "state forces" => ActorKind::StateForces,
        "2" | "3" | "4" | "rebel group" | "political militia" | "identity militia" => {
            ActorKind::ArmedGroup
        }
        "5" | "6" | "7" | "rioters" | "protesters" | "civilians" => ActorKind::Civilians,
        _ => ActorKind::Organisation,
    }
}

/// ACLED's numeric `inter` code for an actor kind.
pub fn inter_code(kind: ActorKind) -> u8 {
    use ActorKind as A;
    match kind {
        A::State
        | A::Government
        | A::Ministry
        | A::StateForces
        | A::BorderGuard
        | A::Legislature => 1,
        A::ArmedGroup => 2,
        A::Civilians => 7,
        A::Peacekeepers | A::Organisation | A::Person | A::Media => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_export_row_that_imports_back() {
        for kind in EventKind::ALL {
            let (et, sub) = acled_types(kind);
            assert!(KINDS.iter().any(|r| r.kind == kind), "{kind:?} has no row");
            let (back, nearest) = kind_from_acled(Some(et), Some(sub));
            assert!(!nearest, "{kind:?}");
            // The same kind, or the coarser kind ACLED's category stands for.
            assert_eq!(acled_types(back).0, et, "{kind:?}");
            if acled_types(back) != (et, sub) {
                assert!(
                    KINDS
                        .iter()
                        .any(|r| r.kind == back && r.event_type == et && r.sub_event_type == sub),
                    "{kind:?}"
                );
            }
        }
    }

    #[test]
    fn the_current_taxonomy_is_complete() {
        // ACLED's codebook: 6 event types, 25 sub-event types, 3 disorder types.
        let current: Vec<_> = import_rows()
            .iter()
            .filter(|r| !r.sub_event_type.is_empty())
            .collect();
        assert_eq!(current.len(), 25);
        let mut types: Vec<_> = current.iter().map(|r| r.event_type).collect();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), 6);
        // No pair is listed twice among the rows import reads.
        for (i, a) in import_rows().iter().enumerate() {
            for b in &import_rows()[i + 1..] {
                assert!(
                    !(a.event_type == b.event_type && a.sub_event_type == b.sub_event_type),
                    "{a:?} twice"
                );
            }
        }
    }

    #[test]
    fn kinds_keep_their_meaning() {
        let k = |et, sub| kind_from_acled(Some(et), Some(sub));
        assert_eq!(k("Riots", "Mob violence"), (EventKind::Riot, false));
        assert_eq!(
            k("Riots", "Violent demonstration"),
            (EventKind::Riot, false)
        );
        assert_eq!(
            k("Violence against civilians", "Sexual violence"),
            (EventKind::ViolenceAgainstCivilians, false)
        );
        assert_eq!(
            k("Protests", "Peaceful protest"),
            (EventKind::Protest, false)
        );
        assert_eq!(
            k("Protests", "Protest with intervention"),
            (EventKind::Protest, false)
        );
        assert_eq!(
            k("Explosions/Remote violence", "Suicide bomb"),
            (EventKind::ExplosiveDevice, false)
        );
        assert_eq!(
            k(
                "explosions/remote violence",
                "remote explosive/landmine/ied"
            ),
            (EventKind::ExplosiveDevice, false)
        );
        assert_eq!(k("Riots/Protests", ""), (EventKind::Demonstration, false));
        assert_eq!(
            kind_from_acled(Some("Remote violence"), None),
            (EventKind::RemoteViolence, false)
        );
        assert_eq!(
            k("Protests", "Some future sub-event"),
            (EventKind::Protest, true)
        );
        assert_eq!(
            k("Something new", "New"),
            (EventKind::StrategicDevelopment, true)
        );
    }

    #[test]
    fn actor_kinds() {
        assert_eq!(
            actor_kind("Military Forces of Armenia (2018-)", Some("8")),
            ActorKind::StateForces
        );
        assert_eq!(
            actor_kind("Unidentified Armed Group (Benin)", Some("3")),
            ActorKind::ArmedGroup
        );
        assert_eq!(
            actor_kind("ARFD: Armenian Revolutionary Federation", None),
            ActorKind::Organisation
        );
    }
}
