//! ACLED's event types and actor codes, and how they map onto faultline kinds, both ways.
//!
//! Export follows the doc comments on [`EventKind`]; import inverts that mapping where it is
//! one-to-one and otherwise picks the nearest kind and says so in the event's `notes`.

use faultline_model::{ActorKind, EventKind};

/// ACLED's `event_type` and `sub_event_type` for a faultline kind.
pub fn acled_types(kind: EventKind) -> (&'static str, &'static str) {
    use EventKind as K;
    match kind {
        K::ArmedClash | K::CeasefireViolation => ("Battles", "Armed clash"),
        K::TerritorialAdvance => (
            "Strategic developments",
            "Non-violent transfer of territory",
        ),
        K::Shelling => (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        K::DroneStrike => ("Explosions/Remote violence", "Air/drone strike"),
        K::GrenadeAttack => ("Explosions/Remote violence", "Grenade"),
        K::Capture => ("Strategic developments", "Arrests"),
        K::Ceasefire => ("Strategic developments", "Agreement"),
        K::Deployment | K::Exercise => ("Strategic developments", "Change to group/activity"),
        K::Protest => ("Protests", "Peaceful protest"),
        K::Release | K::Diplomatic | K::Negotiation | K::Statement | K::Political => {
            ("Strategic developments", "Other")
        }
    }
}

/// The faultline kind for ACLED's `event_type` / `sub_event_type`, and whether it is only the
/// nearest kind (ACLED's category has no exact counterpart among ours).
pub fn kind_from_acled(
    event_type: Option<&str>,
    sub_event_type: Option<&str>,
) -> (EventKind, bool) {
    use EventKind as K;
    let et = event_type.unwrap_or("").trim().to_ascii_lowercase();
    let sub = sub_event_type.unwrap_or("").trim().to_ascii_lowercase();
    match (et.as_str(), sub.as_str()) {
        ("battles", "armed clash") | ("battle-no change of territory", _) => (K::ArmedClash, false),
        ("battles", s) if s.contains("territory") => (K::TerritorialAdvance, false),
        (
            "battle-government regains territory" | "battle-non-state actor overtakes territory",
            _,
        ) => (K::TerritorialAdvance, false),
        ("battles", _) => (K::ArmedClash, true),
        ("explosions/remote violence", "shelling/artillery/missile attack") => (K::Shelling, false),
        ("explosions/remote violence", "air/drone strike") => (K::DroneStrike, false),
        ("explosions/remote violence", "grenade") => (K::GrenadeAttack, false),
        ("explosions/remote violence" | "remote violence", _) => (K::Shelling, true),
        ("strategic developments", "agreement") => (K::Ceasefire, false),
        ("strategic developments", "arrests") => (K::Capture, false),
        ("strategic developments", "change to group/activity") => (K::Deployment, false),
        ("strategic developments", "non-violent transfer of territory")
        | ("non-violent transfer of territory", _) => (K::TerritorialAdvance, false),
        ("strategic developments", "headquarters or base established")
        | ("headquarters or base established", _) => (K::Deployment, true),
        ("strategic developments", "looting/property destruction") => (K::ArmedClash, true),
        ("strategic developments", "disrupted weapons use") => (K::Deployment, true),
        ("violence against civilians", "abduction/forced disappearance") => (K::Capture, true),
        ("protests", "peaceful protest") => (K::Protest, false),
        ("protests", _) => (K::Protest, true),
        ("violence against civilians" | "riots", _) => (K::ArmedClash, true),
        _ => (K::Statement, true),
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
    fn export_then_import_keeps_the_acled_types() {
        for kind in EventKind::ALL {
            let (et, sub) = acled_types(kind);
            let (back, _) = kind_from_acled(Some(et), Some(sub));
            assert_eq!(acled_types(back), (et, sub), "{kind:?}");
        }
    }

    #[test]
    fn exact_and_approximated() {
        assert_eq!(
            kind_from_acled(Some("Battles"), Some("Armed clash")),
            (EventKind::ArmedClash, false)
        );
        assert_eq!(
            kind_from_acled(Some("Protests"), Some("Peaceful protest")),
            (EventKind::Protest, false)
        );
        assert_eq!(
            kind_from_acled(Some("Protests"), Some("Protest with intervention")),
            (EventKind::Protest, true)
        );
        assert_eq!(
            kind_from_acled(Some("Remote violence"), None),
            (EventKind::Shelling, true)
        );
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
