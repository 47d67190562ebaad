//! Sources that speak for a party to a conflict, recognised by their names.
//!
//! ACLED names the reports a row was coded from in its `source` column (`;`-separated names
//! of outlets and bodies), UCDP GED in `source_office` and `source_original`. Some of those
//! names are not news outlets but a party's own voice — a ministry of defence or of foreign
//! affairs, a government, a president's office, a police force, an armed force's press
//! service — and a row sourced only to them records a party's claim, not an independent
//! report. [`party_of_source`] recognises such a name by the patterns of [`PATTERNS`]; it
//! asks for the party to be *named* (`Ministry of Defence of Azerbaijan`, `Afghan Ministry of
//! Interior Affairs`, `DPR Armed Forces Press Service`): a bare `Defence Ministry` or
//! `military sources` does not say whose, and is not taken for any party.
//!
//! The importers give a recognised source `party` (an actor named as the source is) and, when
//! every source of a row is that one party, make the row's figure that party's claim.

use faultline_model::ActorKind;

use crate::country::{self, Country};

/// A source name recognised as a party's own voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartySource {
    /// The body that speaks, as the source names it (the actor's name).
    pub name: String,
    /// What kind of body it is.
    pub kind: ActorKind,
    /// The country it belongs to, when the name gives one that ISO 3166 knows.
    pub country: Option<Country>,
    /// The pattern of [`PATTERNS`] that matched (its `name`).
    pub pattern: &'static str,
}

/// One documented way a source names a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    /// A short name for the pattern.
    pub name: &'static str,
    /// The form, `<owner>` standing for the party named (a country, a demonym, an armed
    /// group's name).
    pub form: &'static str,
    /// What kind of body it is.
    pub kind: ActorKind,
    /// A real source name of this form (from ACLED and UCDP files).
    pub example: &'static str,
}

/// The patterns, in the order they are tried. Words are matched case-insensitively;
/// `Defence` and `Defense` are the same word.
pub const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "ministry-of",
        form: "Ministry of <area> of <owner>, <area> Ministry of <owner>, the owner a country",
        kind: ActorKind::Ministry,
        example: "Ministry of Foreign Affairs of Armenia",
    },
    Pattern {
        name: "owner-ministry",
        form: "<owner> Ministry of <area>, the owner one or two capitalised words",
        kind: ActorKind::Ministry,
        example: "Afghan Ministry of Interior Affairs",
    },
    Pattern {
        name: "owner-area-ministry",
        form: "<owner> Defence Ministry, <owner> Foreign Ministry, <owner> Interior Ministry, the owner one or two capitalised words",
        kind: ActorKind::Ministry,
        example: "Russian Defence Ministry",
    },
    Pattern {
        name: "government-of",
        form: "Government of <owner>",
        kind: ActorKind::Government,
        example: "Government of Benin",
    },
    Pattern {
        name: "president",
        form: "President of <owner>, Presidency of <owner>, Office of the President of <owner>, Presidential Office/Administration of <owner>",
        kind: ActorKind::Government,
        example: "Office of the President of Azerbaijan",
    },
    Pattern {
        name: "police-of",
        form: "Police of <owner> (Police of the Republic of <owner>)",
        kind: ActorKind::StateForces,
        example: "Police of the Republic of Armenia",
    },
    Pattern {
        name: "armed-forces-of",
        form: "Armed Forces of <owner>, Military Forces of <owner>",
        kind: ActorKind::StateForces,
        example: "Armed Forces of Ukraine",
    },
    Pattern {
        name: "press-office",
        form: "<owner> Press Service, <owner> Press Centre (Center), <owner> Info Desk, <owner> Press Office, at the end of the name",
        kind: ActorKind::StateForces,
        example: "DPR Armed Forces Press Service",
    },
];

/// Demonyms that name a country in these patterns (`Afghan Ministry of Defense`).
const DEMONYMS: &[(&str, &str)] = &[
    ("afghan", "AFG"),
    ("algerian", "DZA"),
    ("british", "GBR"),
    ("egyptian", "EGY"),
    ("armenian", "ARM"),
    ("azerbaijani", "AZE"),
    ("georgian", "GEO"),
    ("iranian", "IRN"),
    ("iraqi", "IRQ"),
    ("russian", "RUS"),
    ("syrian", "SYR"),
    ("turkish", "TUR"),
    ("ukrainian", "UKR"),
];

/// The country an owner names: a country name, or a demonym of [`DEMONYMS`].
fn owner_country(owner: &str) -> Option<Country> {
    let owner = owner.trim();
    let owner = strip_prefix_ci(owner, "the republic of ")
        .or_else(|| strip_prefix_ci(owner, "the "))
        .unwrap_or(owner);
    // "Government of Ghana (Accra)": the parenthesis is a place, not part of the name.
    let bare = owner.split(" (").next().unwrap_or(owner).trim();
    let bare = bare
        .strip_suffix("'s")
        .or_else(|| bare.strip_suffix("\u{2019}s"))
        .unwrap_or(bare);
    country::by_name(bare).or_else(|| {
        let lower = bare.to_ascii_lowercase();
        DEMONYMS
            .iter()
            .find(|(d, _)| *d == lower)
            .and_then(|(_, code)| country::by_alpha3(code))
    })
}

/// A name of one or two words, each capitalised (`Afghan`, `Artsakh`): free text such as
/// "official representative of the Russian" is not an owner.
fn short_name(owner: &str) -> Option<&str> {
    const AREAS: [&str; 8] = [
        "interior", "internal", "defence", "defense", "foreign", "home", "national", "federal",
    ];
    let words: Vec<&str> = owner.split_whitespace().collect();
    if words
        .iter()
        .any(|w| AREAS.contains(&w.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (!words.is_empty() && words.len() <= 2 && capitalised).then_some(owner)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The party a source name speaks for, when it is one by [`PATTERNS`] and names whose it is.
pub fn party_of_source(name: &str) -> Option<PartySource> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase().replace("defense", "defence");
    let found = |pattern: &'static str, owner: &str| {
        let p = PATTERNS.iter().find(|p| p.name == pattern)?;
        let owner = owner.trim();
        if owner.is_empty() {
            return None;
        }
        Some(PartySource {
            name: name.to_owned(),
            kind: p.kind,
            country: owner_country(owner),
            pattern: p.name,
        })
    };
    // "Ministry of <area> of <owner>", "<area> Ministry of <owner>": the owner a country.
    if lower.contains("ministry")
        && let Some(i) = lower.rfind(" of ")
        && owner_country(&name[i + 4..]).is_some()
    {
        return found("ministry-of", &name[i + 4..]);
    }
    // "<owner> Ministry of <area>", "<owner> Defence Ministry": the owner is a short name.
    if let Some(i) = lower.find(" ministry of ") {
        return short_name(&name[..i]).and_then(|o| found("owner-ministry", o));
    }
    if lower.starts_with("ministry of ") {
        return None; // "Ministry of <area> of <not a country>", or no owner at all
    }
    for area in [
        " defence ministry",
        " foreign ministry",
        " interior ministry",
    ] {
        if let Some(owner) = lower.strip_suffix(area) {
            return short_name(&name[..owner.len()]).and_then(|o| found("owner-area-ministry", o));
        }
    }
    for prefix in ["government of "] {
        if lower.starts_with(prefix) {
            return found("government-of", &name[prefix.len()..]);
        }
    }
    for prefix in [
        "office of the president of ",
        "presidential office of ",
        "presidential administration of ",
        "presidency of ",
        "president of ",
    ] {
        if lower.starts_with(prefix) {
            return found("president", &name[prefix.len()..]);
        }
    }
    if lower.starts_with("police of ") {
        return found("police-of", &name["police of ".len()..]);
    }
    for prefix in ["armed forces of ", "military forces of "] {
        if lower.starts_with(prefix) {
            return found("armed-forces-of", &name[prefix.len()..]);
        }
    }
    for office in [
        " press service",
        " press centre",
        " press center",
        " info desk",
        " press office",
    ] {
        if let Some(owner) = lower.strip_suffix(office) {
            return found("press-office", &name[..owner.len()]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country_of(name: &str) -> Option<&'static str> {
        party_of_source(name).and_then(|p| p.country.map(|c| c.alpha3))
    }

    #[test]
    fn every_pattern_matches_its_example() {
        for p in PATTERNS {
            let found = party_of_source(p.example).unwrap_or_else(|| panic!("{}", p.example));
            assert_eq!(found.pattern, p.name, "{}", p.example);
            assert_eq!(found.kind, p.kind);
            assert_eq!(found.name, p.example);
        }
    }

    #[test]
    fn real_source_names() {
        // Names from the `source` column of ACLED's files and UCDP's `source_office`.
        assert_eq!(
            country_of("Ministry of Foreign Affairs of Armenia"),
            Some("ARM")
        );
        assert_eq!(country_of("Ministry of Defence of Azerbaijan"), Some("AZE"));
        assert_eq!(country_of("Ministry of Defence of Ukraine"), Some("UKR"));
        assert_eq!(
            country_of("Ministry of Internal Affairs of Azerbaijan"),
            Some("AZE")
        );
        assert_eq!(
            country_of("Afghan Ministry of Interior Affairs"),
            Some("AFG")
        );
        assert_eq!(country_of("Afghan Ministry of Defense"), Some("AFG"));
        assert_eq!(country_of("Government of Ghana (Accra)"), Some("GHA"));
        assert_eq!(country_of("Police of the Republic of Armenia"), Some("ARM"));
        // UCDP's `source_original`.
        assert_eq!(country_of("Mali's defence ministry"), Some("MLI"));
        assert_eq!(country_of("Interior Ministry of Egypt"), Some("EGY"));
        assert_eq!(country_of("British Defence Ministry"), Some("GBR"));
        assert_eq!(country_of("Algerian Ministry of Defense"), Some("DZA"));
        // A party without a country ISO 3166 knows is still a party.
        let artsakh = party_of_source("Artsakh Ministry of Defence").expect("a party");
        assert_eq!(artsakh.kind, ActorKind::Ministry);
        assert_eq!(artsakh.country, None);
        assert!(party_of_source("LPR People's Militia Press Service").is_some());
        assert!(party_of_source("JFO HQ press centre").is_some());
        assert!(party_of_source("Arakan Army Info Desk").is_some());
    }

    #[test]
    fn outlets_and_unnamed_bodies_are_not_parties() {
        for name in [
            "Armenpress",
            "OSCE SMM-Ukraine",
            "Undisclosed Source",
            "News Am",
            "Ministry of Defence",
            "Ministry of Defense",
            "Defence Ministry",
            "Ministry of Higher Education, Scientific Research and Culture",
            "Military spokesman",
            "police",
            "Government of ",
            "Sputnik Armenia",
            "Ministry of Education, Science and Technology, State Department of Education",
            "official representative of the Russian Defense Ministry",
            "deputy spokesman of National Defense Ministry",
            "Interior Ministry",
            "National Defense Ministry",
        ] {
            assert_eq!(party_of_source(name), None, "{name}");
        }
    }
}
